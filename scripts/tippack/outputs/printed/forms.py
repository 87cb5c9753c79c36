"""PDF form fields in the shape ISO 32000 asks for, and the questions their radio groups carry."""

from __future__ import annotations

import re
from typing import Any

from tippack.outputs.printed.names import plain
from tippack.planning.tailor import TailoredPack


class FormTidy:
    """Put WeasyPrint's form fields in the shape ISO 32000 asks for, before the PDF is written.

    WeasyPrint (70) gives every radio button widget the group's own name (/T) and lists
    each widget in /AcroForm /Fields beside the group that is already its /Parent. Per
    ISO 32000-1 12.7.3.1 /Fields holds root fields only, and a widget of a terminal field
    carries no /T: otherwise each button is a field of its own, named "group.group".
    Readers then visit every button twice (pypdf: "... already parsed"). Partial names
    may not contain a period (12.7.3.2), so the dotted item names become colon-separated.
    A radio group's tooltip (/TU) becomes its question rather than its first answer. A text
    field's default appearance (/DA) keeps only the colour and font operators it may hold
    (12.7.3.3): WeasyPrint puts a graphics-state operator first, and a reader that draws a
    filled-in value from it (poppler) refuses it. A ticked check box (only in a form filled
    in from a home's answers) gets the appearance such a reader redraws it with: the check of
    ZapfDingbats, a standard font every reader has (not embedded, and used only there).
    """

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels

    def __call__(self, document: Any, pdf: Any) -> None:
        import pydyf

        form = pdf.catalog.get("AcroForm")
        if not form:
            return
        objects = pdf.objects
        fields = form["Fields"]
        widgets: set[bytes] = set()
        for ref in fields:
            field = objects[int(ref.split()[0])]
            kids = field.get("Kids")
            if not kids or ref in widgets:
                continue
            for kid_ref in kids:
                widgets.add(kid_ref)
                kid = objects[int(kid_ref.split()[0])]
                for key in ("T", "TU", "FT"):
                    kid.pop(key, None)
            name = field["T"].string
            if name in self.labels:
                field["TU"] = pydyf.String(self.labels[name])
        roots = pydyf.Array(ref for ref in fields if ref not in widgets)
        for ref in roots:
            field = objects[int(ref.split()[0])]
            field["T"] = pydyf.String(field["T"].string.replace(".", ":"))
            appearance = field.get("DA")
            if appearance is None and field.get("FT") == "/Btn" and "Kids" not in field \
                    and field.get("AS") not in (None, "/Off"):
                # a ticked box (a form filled in): what a reader that redraws it ticks it with
                field["DA"] = pydyf.String(f"0 g /{self._dingbats(pdf, form)} 0 Tf")
                field["MK"]["CA"] = pydyf.String("4")
            elif appearance is not None:
                text = appearance.string
                text = text.decode("latin-1") if isinstance(text, bytes) else text
                field["DA"] = pydyf.String(re.sub(r"/\S+ gs\s*", "", text))
        form["Fields"] = roots


    @staticmethod
    def _dingbats(pdf: Any, form: Any) -> str:
        """The form's ZapfDingbats font (a standard font: nothing embedded), added once.

        WeasyPrint's form resources are the pages' own: the form gets a copy of them with
        the font added, so no page lists a font it does not embed."""
        import pydyf

        resources = form["DR"]
        if isinstance(resources, bytes | str):
            resources = pdf.objects[int(resources.split()[0])]
        fonts = resources["Font"]
        fonts = pdf.objects[int(fonts.split()[0])] if isinstance(fonts, bytes | str) else fonts
        if "ZaDb" not in fonts:
            font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/ZapfDingbats"})
            pdf.add_object(font)
            form["DR"] = pydyf.Dictionary({**resources, "Font": pydyf.Dictionary({**fonts, "ZaDb": font.reference})})
        return "ZaDb"


def group_labels(pack: TailoredPack) -> dict[str, str]:
    """Plain-text questions of the items that print as radio groups, by field name."""
    labels = {}
    for module in pack.modules:
        for section in module.sections:
            for item in section.items:
                prompt = item.fields.get("prompt")
                if prompt and (item.type == "rating" or (item.type == "choice" and not item.fields.get("multiple"))):
                    labels[f"{module.id}.{item.id}"] = plain(prompt)
    return labels

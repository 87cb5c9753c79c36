"""The printed pack: one HTML document rendered by WeasyPrint.

Cover, contents with real page numbers, the modules (the same HTML the site
shows) and back matter. Page geometry, headers and footers live in
``overrides/print/pack.css``. Per-module PDFs are cut from the pack's pages.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import logging
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .outputs import Output, PackBuild, output
from .project import Project
from .render import KINDS, RenderedModule, Renderer
from .tailor import TailoredPack
from .templates import environment

SHORT_NAME = 48  # longest home name that fits a running header or footer beside the rest


@dataclass(frozen=True)
class PrintResult:
    """The pack PDF's bytes and the page range (start, end exclusive) of each module."""

    pdf: bytes
    pages: int
    ranges: dict[str, tuple[int, int]]
    module_pdfs: dict[str, bytes]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


class Printer:
    """Renders packs to PDF with one shared font configuration."""

    def __init__(self, project: Project) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.project = project
        self.fonts = FontConfiguration()
        self.env = environment(project.overrides / "print")

    def html(self, pack: TailoredPack, modules: list[RenderedModule], pages: list[str], renderer: Renderer,
             created: str, date_text: str, template: str = "pack.html", **extra: Any) -> str:
        """The whole pack as one HTML document (``template``: another print document built on
        pack.html, such as a completed copy, with its ``extra`` values)."""
        p = pack.pack
        root = self.project.root
        logo = (root / p.home.logo).resolve().as_uri() if p.home.logo else None
        author = p.facilitator.organisation or p.facilitator.name if p.facilitator else (p.home.provider or p.home.name)
        values = dict(
            completed=False,
            home=pack.context["home"],
            facilitator=pack.context["facilitator"],
            version=pack.version,
            author=author,
            created=created,
            date_text=date_text,
            short_name=short_name(p.home.name),
            stamp=f"{short_name(p.home.name)} · version {pack.version} · {date_text}",
            paper=p.print.paper,
            duplex=p.print.duplex,
            large_print=p.print.large_print,
            fillable=p.print.fillable,
            brand=p.theme.primary,
            logo=logo,
            fonts_css=(self.project.overrides / "theme/assets/fonts/fonts.css").resolve().as_uri(),
            pack_css=(self.project.overrides / "print/pack.css").resolve().as_uri(),
            item_css=[path.resolve().as_uri() for path in self.project.item_styles()],
            kinds=KINDS,
            kinds_here={m.kind for m in modules},
            has_ratings=any(i.type == "rating" for m in pack.modules for s in m.sections for i in s.items),
            any_examples=any(m.examples for m in modules),
            quick_start=renderer.quick_start(pack, page_links=True, level=1),
            month_plan=renderer.month_plan(pack, page_links=True),
            modules=[{"id": m.id, "kind": m.kind, "title": m.title, "html": renderer.page_html(m.markdown),
                      "examples": m.examples} for m in modules],
            pages=[{"title": page_title(text), "html": renderer.page_html(text)} for text in pages],
        )
        return self.env.get_template(template).render(**{**values, **extra})

    def render(self, html: str, pack: TailoredPack, module_ids: list[str]) -> tuple[PrintResult, list[str]]:
        """Lay out and write the PDF; return it with module page ranges and any warnings."""
        fillable = pack.pack.print.fillable
        finisher = FormTidy(group_labels(pack)) if fillable else None
        with _quiet_layout() as handler:
            document = self.layout(html, fillable)
            starts: dict[str, int] = {}
            for index, page in enumerate(document.pages):
                for anchor in page.anchors:
                    if anchor.startswith("module-") and anchor[7:] in module_ids:
                        starts.setdefault(anchor[7:], index)
                    if anchor == "back-matter":
                        starts.setdefault("\0back", index)
            pdf = document.write_pdf(pdf_forms=fillable, pdf_tags=True, finisher=finisher)
            total = len(document.pages)
            order = sorted(starts.items(), key=lambda kv: kv[1])
            ranges: dict[str, tuple[int, int]] = {}
            for i, (module_id, start) in enumerate(order):
                end = order[i + 1][1] if i + 1 < len(order) else total
                if module_id != "\0back":
                    ranges[module_id] = (start, end)
            # Each module's own PDF: the pack's laid-out pages, written again (no second layout).
            titles = {m.id: m.title for m in pack.modules}
            module_pdfs = {}
            for module_id, (start, end) in ranges.items():
                part = document.copy(document.pages[start:end])
                part.metadata = copy.copy(document.metadata)
                part.metadata.title = f"{titles[module_id]}: {pack.pack.home.name}"
                module_pdfs[module_id] = part.write_pdf(pdf_forms=fillable, pdf_tags=True, finisher=finisher)
        return PrintResult(pdf, total, ranges, module_pdfs), plain_warnings(handler.records)

    def layout(self, html: str, forms: bool) -> Any:
        """WeasyPrint's laid-out document for one HTML document (form fields when ``forms``)."""
        from weasyprint import HTML

        return HTML(string=html, base_url=str(self.project.root)).render(font_config=self.fonts, pdf_forms=forms)

    def write(self, html: str, pack: TailoredPack, forms: bool) -> tuple[bytes, list[str]]:
        """One print document as a PDF (a form when ``forms``), and any warnings: for documents
        other than the pack, such as a completed copy."""
        finisher = FormTidy(group_labels(pack)) if forms else None
        with _quiet_layout() as handler:
            pdf = self.layout(html, forms).write_pdf(pdf_forms=forms, pdf_tags=True, finisher=finisher)
        return pdf, plain_warnings(handler.records)


# WeasyPrint warnings that mean the machine lacks something, said once, with the fix.
MACHINE_WARNINGS = {
    "Using fontTools instead of HarfBuzz-Subset": (
        "fonts were cut down with fontTools because HarfBuzz's subsetter is missing: install"
        " libharfbuzz-subset0 (Debian and Ubuntu) for smaller, byte-identical PDFs"),
}


def plain_warnings(records: list[str]) -> list[str]:
    """WeasyPrint's warnings, each said once (with how many times it came), the machine's ones
    as one line that names the fix."""
    counts: dict[str, int] = {}
    for message in records:
        key = next((fix for clue, fix in MACHINE_WARNINGS.items() if message.startswith(clue)), message)
        counts[key] = counts.get(key, 0) + 1
    return [message if n == 1 or message in MACHINE_WARNINGS.values() else f"{message} ({n} times)"
            for message, n in counts.items()]


@contextlib.contextmanager
def _quiet_layout() -> Iterator[_Warnings]:
    """Collect WeasyPrint's warnings, with the cyclic garbage collector paused.

    Layout makes millions of short-lived objects and few cycles: the cyclic collector
    only slows it down (about 15-20 % of print time on an 85-page pack, same peak memory).
    """
    handler = _Warnings()
    wlog = logging.getLogger("weasyprint")
    wlog.addHandler(handler)
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield handler
    finally:
        wlog.removeHandler(handler)
        if collecting:
            gc.enable()


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


def plain(markdown_text: str) -> str:
    """Markdown inline text as plain text (for tooltips)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def short_name(name: str) -> str:
    """The home's name, cut at a word with an ellipsis if too long for a running header."""
    if len(name) <= SHORT_NAME:
        return name
    return name[: SHORT_NAME - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "\u2026"


def page_title(text: str) -> str:
    """A shared page's title: its first level-1 Markdown heading."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].split("{")[0].strip()
    return "About this pack"


def pdf_date(epoch: int) -> str:
    """An ISO date-time for dcterms.created from a fixed epoch (reproducible output)."""
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@output
class PackPdf(Output):
    """The printed pack: laid out once; the module PDFs are written from the same pages."""

    name = "pack PDF"
    order = 10
    format = "pdf"

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [pdf_name(slug)]

    def build(self, build: PackBuild) -> None:
        pack = build.plan.tailored
        result, warnings = build.printer.render(print_html(build), pack, [m.id for m in build.modules])
        build.warnings += [f"weasyprint: {w}" for w in warnings]
        build.pages, build.ranges = result.pages, result.ranges
        build.shared["print"] = result
        build.path(pdf_name(build.slug)).write_bytes(result.pdf)


@output
class ModulePdfs(Output):
    """Each module on its own, for reprinting one worksheet: modules/MODULE.pdf."""

    name = "module PDFs"
    order = 20
    format = "pdf"

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["modules"]

    def build(self, build: PackBuild) -> None:
        result: PrintResult = build.shared["print"]
        folder = build.path("modules")
        folder.mkdir()
        for module_id, data in result.module_pdfs.items():
            (folder / f"{module_id}.pdf").write_bytes(data)


def print_html(build: PackBuild) -> str:
    """The pack's print document, made once per build: the PDF is laid out from it and the
    Word copies are written from it, so both have the same wording in the same order."""
    if "print_html" not in build.shared:
        build.shared["print_html"] = build.printer.html(
            build.plan.tailored, build.modules, [text for _, _, text in build.plan.pages], build.renderer,
            pdf_date(build.epoch), date_text(build.epoch))
    return build.shared["print_html"]


def pdf_name(slug: str) -> str:
    """The pack PDF's file name, everywhere it is written or linked."""
    return f"{slug}-implementation-pack.pdf"


def date_text(epoch: int) -> str:
    """A build date for people: '25 November 2026'."""
    import datetime as dt

    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return f"{day.day} {day:%B %Y}"


@output
class EarlierVersions(Output):
    """The PDFs of a pack's earlier versions, kept when its version changes: the copy a home
    signed can always be found again (versions/SLUG-implementation-pack-vVERSION.pdf)."""

    name = "earlier versions"
    order = 5

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["versions"]

    def wanted(self, build: PackBuild) -> bool:
        return build.previous is not None

    def build(self, build: PackBuild) -> None:
        previous = build.previous
        kept = previous / "versions"
        folder = build.path("versions")
        if kept.is_dir():
            shutil.copytree(kept, folder)
        before = build.previous_record.get("version")
        old_pdf = previous / pdf_name(build.slug)
        if before is not None and before != build.plan.tailored.version and old_pdf.is_file():
            folder.mkdir(exist_ok=True)
            shutil.copyfile(old_pdf, folder / versioned_pdf_name(build.slug, str(before)))


def versioned_pdf_name(slug: str, version: str) -> str:
    """The file name an earlier version's PDF is kept under."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", version).strip("-") or "earlier"
    return f"{slug}-implementation-pack-v{safe}.pdf"

"""The home's completed copy: answers typed on the pack's website, back on paper.

``tippack fill SLUG ANSWERS...`` reads the answers files the site saves (one module each;
a folder of them is read too) and writes, for each module answered, into
``build/SLUG/completed/``:

- ``MODULE.pdf``: the module as printed, with the answers in its write-in spaces (text on
  the ruled lines, ticks in the boxes, table cells and dates filled in). A long answer
  carries on onto the next page rather than being cut;
- ``MODULE.docx``: the same as a completed Word copy;
- ``MODULE-fillable.pdf``: where the pack prints as a form, that form with its fields
  filled in, to go on editing.

The answers are filled into the very print HTML the PDF is made from, control by control,
by name, as the site's answers.js fills a page. Answers are the home's own: they are written
nowhere but that folder (a build keeps it; the site, bundle and overview never include it).
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from markupsafe import Markup

from tippack.outputs.base import Output, PackBuild
from tippack.outputs.printed.names import date_text, pdf_date
from tippack.reading.answers import (
    SavedAnswers,
    as_date_text,
    saved_text,
    ticked,
)
from tippack.rendering.render import RenderedModule

FOLDER = "completed"


_CONTROL = re.compile(r"<textarea\b[^>]*>.*?</textarea>|<input\b[^>]*>", re.DOTALL | re.IGNORECASE)


class _Attributes(HTMLParser):
    """The tag name and attributes of one start tag."""

    def __init__(self, tag_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = ""
        self.attrs: list[tuple[str, str | None]] = []
        self.feed(tag_text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.tag:
            self.tag, self.attrs = tag, attrs


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag] + [name if value is None else f'{name}="{htmllib.escape(value, quote=True)}"'
                     for name, value in attrs]
    return "<" + " ".join(parts) + ">"


@dataclass
class Filled:
    """Print HTML with one module's answers in it, and what could not be placed."""

    html: str
    names: set[str] = field(default_factory=set)  # every answer name the module's controls have
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (name, why)


def fill_html(html: str, module_id: str, answers: Mapping[str, str | bool]) -> Filled:
    """Put one module's answers into the form controls of print HTML, by name.

    Text areas get the text; text and date inputs a value (a date written out in words);
    check boxes are ticked when their answer is a tick, radio buttons when their value is
    the answer. Controls of other modules are left as they are.
    """
    result = Filled(html)
    prefix = module_id + "."
    radio_values: dict[str, set[str]] = {}

    def place(match: re.Match[str]) -> str:
        text = match.group(0)
        is_textarea = text[:9].lower() == "<textarea"
        start = text[: text.index(">") + 1] if is_textarea else text
        parsed = _Attributes(start)
        attrs = dict(parsed.attrs)
        name = attrs.get("name") or ""
        if "data-tp-field" not in attrs or not name.startswith(prefix):
            return text
        result.names.add(name)
        value = answers.get(name)
        kind = (attrs.get("type") or "text").lower()
        if kind == "radio":
            radio_values.setdefault(name, set()).add(attrs.get("value") or "")
        if value is None or value is False or value == "":
            return text
        if is_textarea:
            answer = str(value).replace("\r\n", "\n")
            lines = attrs.get("rows") or "1"
            opened = _start_tag(parsed.tag, [*parsed.attrs, ("style", f"--tp-lines: {lines}")])
            # an HTML parser drops one newline straight after <textarea>: keep the answer's own
            return opened + ("\n" if answer.startswith("\n") else "") + htmllib.escape(answer, quote=False) \
                + "</textarea>"
        pairs = [(k, v) for k, v in parsed.attrs if k not in ("value", "checked") or kind in ("radio", "checkbox")]
        if kind == "checkbox":
            if not ticked(value):
                return text
            pairs = [(k, v) for k, v in pairs if k != "checked"] + [("checked", None)]
        elif kind == "radio":
            if value != attrs.get("value"):
                return text
            pairs = [(k, v) for k, v in pairs if k != "checked"] + [("checked", None)]
        else:
            shown = as_date_text(str(value)) if kind == "date" else str(value)
            pairs.append(("value", shown))
        return _start_tag(parsed.tag, pairs)

    result.html = _CONTROL.sub(place, html)
    for name, value in answers.items():
        if name not in result.names:
            result.unplaced.append((name, "it no longer matches a question in this part of the pack"))
        elif name in radio_values and isinstance(value, str) and value and value not in radio_values[name]:
            result.unplaced.append((name, f"'{value[:60]}' is no longer one of the answers to choose from"))
    return result


class CompletedCopy(Output):
    """The home's completed copy of each module answered: completed/MODULE.pdf, .docx and,
    for a fillable pack, MODULE-fillable.pdf. Made by ``tippack fill`` only."""

    name = "completed copy"
    order = 95
    written_elsewhere = True
    published = False  # a home's answers stay in its build folder

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [FOLDER]

    @staticmethod
    def pdf(module_id: str) -> str:
        """The completed PDF of one module, under build/SLUG/."""
        return f"{FOLDER}/{module_id}.pdf"

    @staticmethod
    def form(module_id: str) -> str:
        """The fillable PDF of one module, its fields filled in."""
        return f"{FOLDER}/{module_id}-fillable.pdf"

    @staticmethod
    def docx(module_id: str) -> str:
        """The completed Word copy of one module."""
        return f"{FOLDER}/{module_id}.docx"

    def wanted(self, build: PackBuild) -> bool:
        return "answers" in build.shared

    def build(self, build: PackBuild) -> None:
        import lxml.html

        from tippack.outputs.word import word

        answers: dict[str, SavedAnswers] = build.shared["answers"]
        pack = build.plan.tailored
        build.path(FOLDER).mkdir(parents=True, exist_ok=True)
        for module in build.modules:
            saved = answers.get(module.id)
            if saved is None:
                continue
            html = self._html(build, module, saved, completed=True)
            filled = fill_html(html, module.id, saved.values)
            build.warnings += [saved.problem(name, f"answer '{name}' left out: {why}").format()
                               for name, why in filled.unplaced]
            pdf, warnings = build.printer.write(filled.html, pack, forms=False)
            build.warnings += [f"weasyprint: {w}" for w in warnings]
            build.path(self.pdf(module.id)).write_bytes(pdf)
            if pack.pack.print.fillable:
                form = fill_html(self._html(build, module, saved, completed=False), module.id, saved.values)
                data, warnings = build.printer.write(form.html, pack, forms=True)
                build.warnings += [f"weasyprint: {w}" for w in warnings]
                build.path(self.form(module.id)).write_bytes(data)
            parts = word.module_parts(lxml.html.document_fromstring(html), module.id)
            build.path(self.docx(module.id)).write_bytes(word.module_document(
                pack, module.id, module.title, parts, build.epoch, saved.values, build.project.root))

    @staticmethod
    def _html(build: PackBuild, module: RenderedModule, saved: SavedAnswers, completed: bool) -> str:
        """The print document of one module alone, headed as the home's completed copy."""
        pack = build.plan.tailored
        return build.printer.html(pack, [replace(module, examples=Markup(""))], [], build.renderer,
                                  pdf_date(build.epoch), date_text(build.epoch), template="completed.html",
                                  completed=completed, fillable=not completed and pack.pack.print.fillable,
                                  saved=saved_text(saved.saved), module_title=module.title)

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

import contextlib
import html as htmllib
import os
import re
import shutil
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from .answers import SavedAnswers, answer_files, as_date_text, newest_by_module, read_answers, saved_text, ticked
from .outputs import Output, PackBuild, output
from .printing import date_text, pdf_date
from .problems import Problem
from .project import Project
from .render import RenderedModule

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


@output
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

        from . import word

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


@dataclass
class FillResult:
    """What ``fill`` wrote (paths under the output folder) and the warnings on the way."""

    written: list[Path]
    warnings: list[str]


def read_all(paths: list[Path], slug: str, home: str, modules: set[str]) -> tuple[dict[str, SavedAnswers],
                                                                                 list[Problem]]:
    """Every answers file for the pack: the newest answers a module, and every problem
    (errors stop the fill; warnings do not)."""
    problems: list[Problem] = []
    saved: list[SavedAnswers] = []
    files = answer_files(paths)
    if not files:
        problems.append(Problem(", ".join(str(p) for p in paths) or ".", 1, 1, "no answers files (.json) here"))
    for path in files:
        answers, found = read_answers(path, str(path), slug, home)
        problems += found
        if answers is None:
            continue
        if answers.module not in modules:
            problems.append(Problem(answers.shown, 1, 1, f"left out: these answers are for '{answers.module}',"
                                    " which is not in this pack (any more)", "warning"))
            continue
        saved.append(answers)
    chosen, older = newest_by_module(saved)
    return chosen, problems + older


def fill_pack(project: Project, slug: str, paths: list[Path], out: Path,
              waiting: Callable[[str], None]) -> tuple[FillResult | None, list[Problem]]:
    """Make the completed copies of one pack from answers files into OUT/SLUG/completed/.

    Nothing is written if the pack or any answers file has an error. The files are made in a
    folder inside completed/ and moved into place; that folder is removed whatever happens.
    """
    from .builder import tools
    from .output_folder import locked
    from .plan import gather
    from .schedule import build_epoch

    plan = gather(project, (slug,))
    if plan.errors or not plan.packs:
        return None, plan.problems
    pack_plan = plan.packs[0]
    tailored = pack_plan.tailored
    chosen, problems = read_all(paths, slug, tailored.pack.home.name, {m.id for m in tailored.modules})
    if not chosen and not any(p.severity == "error" for p in problems):
        problems.append(Problem(", ".join(str(p) for p in paths), 1, 1, "nothing to fill in: no answers here are"
                                f" for a part of the pack '{slug}'"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    renderer, printer = tools(project.root)
    epoch = build_epoch(project.root, pack_plan.inputs)
    with locked(out, waiting):
        target = out / slug / FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for leftover in target.glob(".filling-*"):  # from a fill that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        work = target / f".filling-{uuid.uuid4().hex[:8]}"
        try:
            build = PackBuild(project, pack_plan, work, renderer, printer,
                              [renderer.module(m) for m in tailored.modules if m.id in chosen], epoch, frozenset(),
                              shared={"answers": chosen})
            CompletedCopy().build(build)
            written = []
            for made in sorted((work / FOLDER).iterdir()):
                os.replace(made, target / made.name)
                written.append(target / made.name)
        finally:
            with contextlib.suppress(OSError):
                shutil.rmtree(work)
    return FillResult(written, list(build.warnings)), problems

"""One pack × the module library → a fully resolved, immutable pack.

Modules are picked and ordered, sections and items filtered by
``when``/``unless``/``exclude``, and every module string rendered with the
pack's values. Template problems (an undefined name) are collected with the
module file and line where the string is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError, UndefinedError

from tippack.reading import templating
from tippack.reading.library import Library, LoadedPack
from tippack.reading.model import Module, Pack
from tippack.reading.problems import Problem
from tippack.reading.source import Document, KeyPath
from tippack.reading.suggest import did_you_mean

MARKDOWN_FIELDS = {"intro", "prompt", "help", "body"}
SETTINGS = {"id", "type", "when", "unless", "principle"}  # item keys that are not text for the page


@dataclass(frozen=True)
class TailoredItem:
    """An item for one pack: every field with its text rendered (Markdown fields stay
    Markdown), plus what its type looks up elsewhere (a named scale's labels, the pack's
    signatories or contacts, national services). Templates read ``fields`` by name."""

    id: str
    type: str
    principle: str | None
    fields: dict[str, Any]
    example: Any = None  # the worked answer, its text rendered; never an answer of the home's


@dataclass(frozen=True)
class TailoredSection:
    id: str
    title: str
    intro: str | None
    items: tuple[TailoredItem, ...]
    one_page: bool = False
    part: str = "tool"  # "core": printed in the booklet; "tool": in the tools volume


@dataclass(frozen=True)
class TailoredModule:
    id: str
    title: str
    kind: str
    summary: str
    audience: tuple[str, ...]
    time: str
    sources: tuple[str, ...]
    intro: str | None
    sections: tuple[TailoredSection, ...]
    reviewed: dt.date | None = None
    plan: dict[str, Any] | None = None  # month, step (for this home's route), who, time, start
    spreadsheet: bool = False  # its tables are records, made into a spreadsheet too
    part: str = "tool"  # its own part; each section says where it is printed

    def in_booklet(self) -> bool:
        """Whether any of it is printed in the booklet."""
        return any(s.part == "core" for s in self.sections)


@dataclass(frozen=True)
class TailoredPack:
    """Everything the render stage needs for one pack; nothing left to look up."""

    slug: str
    pack: Pack
    tags: tuple[str, ...]
    version: str
    modules: tuple[TailoredModule, ...]
    context: dict[str, Any]


def pack_context(pack: Pack, library: Library | None = None) -> dict[str, Any]:
    """The names module templates may use, all as plain data.

    ``modules`` maps the id of every module in this pack to its title and kind, so text
    can name only what the pack has: ``{% if 'statement-of-intent' in modules %}``.
    """
    listed: dict[str, dict[str, str]] = {}
    for ref in pack.module_refs():
        loaded = library.modules.get(ref.id) if library else None
        if loaded is not None:
            listed[ref.id] = {"id": ref.id, "title": loaded.model.title, "kind": loaded.model.kind}
    facilitator = (
        pack.facilitator.model_dump()
        if pack.facilitator
        else {"name": None, "organisation": None, "email": None, "phone": None}
    )
    return {
        "home": pack.home.model_dump(),
        "facilitator": facilitator,
        "partners": [p.model_dump() for p in pack.partners],
        "signatories": [s.model_dump() for s in pack.signatories],
        "vars": dict(pack.vars),
        "tags": pack.all_tags(),
        "modules": listed,
        "adult_protection": pack.adult_protection.model_dump(),
    }


def _applies(when: list[str], unless: list[str], tags: set[str]) -> bool:
    return all(t in tags for t in when) and not any(t in tags for t in unless)


class ModuleText:
    """Renders one module's strings for one pack, collecting template problems where they are."""

    def __init__(self, doc: Document, context: dict[str, Any], problems: list[Problem]) -> None:
        self.doc = doc
        self.context = context
        self.problems = problems

    def __call__(self, value: str | None, path: KeyPath, field: str) -> str | None:
        if value is None:
            return None
        try:
            return templating.render(value, self.context, markdown=field in MARKDOWN_FIELDS)
        except UndefinedError as exc:
            self._report(value, path, exc, undefined_message(exc.message or "", self.context))
        except TemplateError as exc:
            self._report(value, path, exc, f"template error: {exc.message}")
        except (TypeError, ValueError, AttributeError) as exc:
            self._report(value, path, exc, f"template error: {exc}")
        return value

    def _report(self, value: str, path: KeyPath, exc: Exception, message: str) -> None:
        lineno = _template_lineno(exc)
        self.problems.append(self.doc.text_problem(path, value, lineno, message))

    def many(self, values: list[str] | None, path: KeyPath) -> tuple[str, ...]:
        return tuple(self(v, (*path, i), "text") or "" for i, v in enumerate(values or []))


def undefined_message(message: str, context: dict[str, Any]) -> str:
    """Say which name is unknown, suggest the nearest one, and how to make a pack value optional."""
    attribute = re.search(r"has no attribute '([^']+)'", message)
    name = re.search(r"^'([^']+)' is undefined", message)
    if name:
        return f"undefined name in template: '{name.group(1)}'{did_you_mean(name.group(1), context)}" + (
            "" if did_you_mean(name.group(1), context) else f" (available: {', '.join(sorted(context))})"
        )
    if attribute:
        key = attribute.group(1)
        known = {k for v in context.values() if isinstance(v, dict) for k in v}
        hint = did_you_mean(key, known - set(context["vars"]))
        if hint:
            return f"undefined name in template: '{key}'{hint}"
        return (
            f"undefined name in template: '{key}' is not set by this pack; add it under 'vars:'"
            f" in the pack, or write {{% if vars.{key} is defined %}}...{{% endif %}}"
        )
    return f"undefined name in template: {message}"


def _template_lineno(exc: Exception) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int) and lineno:
        return lineno
    tb = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


@dataclass(frozen=True)
class ItemScope:
    """What an item's type may look up beyond its own fields."""

    module_id: str
    module: Module
    pack: Pack
    library: Library
    render: ModuleText
    path: KeyPath


def _text_of(value: Any, path: KeyPath, render: ModuleText, markdown: bool) -> Any:
    """A field's value with every string in it rendered for the pack (lists and mappings walked)."""
    if isinstance(value, str):
        return render(value, path, "prompt" if markdown else "text")
    if isinstance(value, list | tuple):
        return tuple(_text_of(v, (*path, i), render, markdown) for i, v in enumerate(value))
    if isinstance(value, dict):
        return {k: _text_of(v, (*path, k), render, markdown and k == "notes") for k, v in value.items()}
    return value


def tailor_item(item: Any, scope: ItemScope) -> TailoredItem:
    """One item for one pack: its text fields rendered, its type's lookups added."""
    fields: dict[str, Any] = {}
    for name in type(item).model_fields:
        if name in SETTINGS or name == "example":
            continue
        fields[name] = _text_of(getattr(item, name), (*scope.path, name), scope.render, name in MARKDOWN_FIELDS)
    fields.update(item.lookups(scope))
    example = getattr(item, "example", None)
    if example is not None:
        dumped = example.model_dump() if hasattr(example, "model_dump") else example
        example = _text_of(dumped, (*scope.path, "example"), scope.render, item.type == "text")
    return TailoredItem(item.id, item.type, item.principle, fields, example)


def tailor_module(module: Module, module_id: str, doc: Document, exclude: list[str], tags: set[str],
                  pack: Pack, library: Library, context: dict[str, Any], problems: list[Problem],
                  moved: str | None = None) -> TailoredModule:
    """Filter one module for a pack and render its text. ``moved``: the part the pack puts the
    whole module in (else the module's part, and each section's own where it has one)."""
    r = ModuleText(doc, context, problems)
    sections = []
    for s, section in enumerate(module.sections):
        if section.id in exclude or not _applies(section.when, section.unless, tags):
            continue
        sp: KeyPath = ("sections", s)
        items = []
        for i, item in enumerate(section.items):
            if not _applies(item.when, item.unless, tags):
                continue
            scope = ItemScope(module_id, module, pack, library, r, (*sp, "items", i))
            items.append(tailor_item(item, scope))
        if items:
            sections.append(TailoredSection(section.id, r(section.title, (*sp, "title"), "text") or "",
                                            r(section.intro, (*sp, "intro"), "intro"), tuple(items),
                                            section.one_page, moved or section.part or module.part))
    with_facilitator = bool(pack.facilitator and pack.facilitator.name)
    plan = None
    if module.plan is not None:
        alone = module.plan.alone if not with_facilitator else None
        plan = {
            "month": module.plan.month,
            "step": r(alone or module.plan.step, ("plan", "alone" if alone else "step"), "text"),
            "who": r(module.plan.who, ("plan", "who"), "text"),
            "time": r(module.plan.time, ("plan", "time"), "text"),
            "start": module.plan.start,
        }
    return TailoredModule(
        id=module_id,
        title=r(module.title, ("title",), "text") or "",
        kind=module.kind,
        summary=r(module.summary, ("summary",), "text") or "",
        audience=tuple(a for a in module.audience if with_facilitator or a != "facilitator"),  # no one to name
        time=r(module.time, ("time",), "text") or "",
        sources=r.many(module.sources, ("sources",)),
        intro=r(module.intro, ("intro",), "intro"),
        sections=tuple(sections),
        reviewed=module.reviewed,
        plan=plan,
        spreadsheet=module.keeps_records(),
        part=moved or module.part,
    )


def tailor(loaded: LoadedPack, library: Library) -> tuple[TailoredPack | None, list[Problem]]:
    """Resolve a valid pack against the library; problems if any template fails."""
    pack = loaded.model
    tags = set(pack.all_tags())
    context = pack_context(pack, library)
    problems: list[Problem] = []
    modules = []
    for ref in pack.module_refs():
        lm = library.modules.get(ref.id)
        if lm is None:
            continue
        modules.append(tailor_module(lm.model, ref.id, lm.doc, ref.exclude, tags, pack, library, context, problems,
                                     ref.part))
    if problems:
        return None, problems
    return TailoredPack(loaded.slug, pack, tuple(sorted(tags)), pack.version, tuple(modules), context), []


@dataclass(frozen=True)
class SharedPage:
    """A shared Markdown page from content/pages/, still a template."""

    name: str
    rel: str
    text: str


def load_pages(files: list[tuple[str, str, str]]) -> list[SharedPage]:
    """Shared pages as (name, relative path, text) → ``SharedPage`` objects."""
    return [SharedPage(name, rel, text) for name, rel, text in files]


def tailor_pages(pages: list[SharedPage], context: dict[str, Any]) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """Render shared pages with the pack's values; their title is the first '# ' heading."""
    out: list[tuple[str, str, str]] = []
    problems: list[Problem] = []
    for page in pages:
        try:
            text = templating.render(page.text, context, markdown=True)
        except TemplateError as exc:
            lineno = _template_lineno(exc) or 1
            message = getattr(exc, "message", None) or str(exc)
            text = (
                undefined_message(message, context) if isinstance(exc, UndefinedError) else f"template error: {message}"
            )
            problems.append(Problem(page.rel, lineno, 1, text))
            continue
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), page.name)
        title = title.split(" {", 1)[0].replace("\\", "")
        out.append((page.name, title, text))
    return out, problems

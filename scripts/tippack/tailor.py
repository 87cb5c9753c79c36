"""One pack × the module library → a fully resolved, immutable pack.

Modules are picked and ordered, sections and items filtered by
``when``/``unless``/``exclude``, and every module string rendered with the
pack's values. Template problems (an undefined name) are collected with the
module file and line where the string is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError, UndefinedError

from . import templating
from .model import Module, Pack, SignaturesItem
from .problems import Problem
from .source import Document, KeyPath
from .suggest import did_you_mean
from .validate import Library, LoadedPack, template_problem

MARKDOWN_FIELDS = {"intro", "prompt", "help", "body"}


@dataclass(frozen=True)
class TItem:
    """An item with its text rendered for this pack (Markdown fields stay Markdown)."""

    id: str
    type: str
    prompt: str | None
    help: str | None
    principle: str | None
    body: str | None = None
    lines: int = 3
    scale: tuple[str, ...] = ()
    notes: bool = False
    options: tuple[str, ...] = ()
    multiple: bool = False
    columns: tuple[str, ...] = ()
    rows: int = 0
    row_labels: tuple[str, ...] = ()
    signers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TSection:
    id: str
    title: str
    intro: str | None
    items: tuple[TItem, ...]


@dataclass(frozen=True)
class TModule:
    id: str
    title: str
    kind: str
    summary: str
    audience: tuple[str, ...]
    time: str
    sources: tuple[str, ...]
    intro: str | None
    sections: tuple[TSection, ...]


@dataclass(frozen=True)
class TPack:
    """Everything the render stage needs for one pack; nothing left to look up."""

    slug: str
    pack: Pack
    tags: tuple[str, ...]
    version: str
    modules: tuple[TModule, ...]
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


class _Renderer:
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
        self.problems.append(template_problem(self.doc, path, value, lineno, message))

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
    if lineno:
        return lineno
    tb = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


def tailor_module(
    module: Module,
    module_id: str,
    doc: Document,
    exclude: list[str],
    tags: set[str],
    context: dict[str, Any],
    signatories: list[tuple[str, str]],
    problems: list[Problem],
) -> TModule:
    """Filter one module for a pack and render its text."""
    r = _Renderer(doc, context, problems)
    sections = []
    for s, section in enumerate(module.sections):
        if section.id in exclude or not _applies(section.when, section.unless, tags):
            continue
        sp: KeyPath = ("sections", s)
        items = []
        for i, item in enumerate(section.items):
            if not _applies(item.when, item.unless, tags):
                continue
            ip: KeyPath = (*sp, "items", i)
            data = item.model_dump()
            scale = data.get("scale")
            scale_labels: list[str] = module.scales.get(scale, []) if isinstance(scale, str) else (scale or [])
            scale_path = ("scales", scale) if isinstance(scale, str) else (*ip, "scale")
            signers: tuple[tuple[str, str], ...] = ()
            if isinstance(item, SignaturesItem):
                if item.roles:
                    signers = tuple(("", role) for role in r.many(item.roles, (*ip, "roles")))
                else:
                    signers = tuple(signatories) or (("", ""), ("", ""))
            items.append(
                TItem(
                    id=item.id,
                    type=item.type,
                    prompt=r(item.prompt, (*ip, "prompt"), "prompt"),
                    help=r(item.help, (*ip, "help"), "help"),
                    principle=item.principle,
                    body=r(data.get("body"), (*ip, "body"), "body"),
                    lines=data.get("lines", 3),
                    scale=r.many(scale_labels, scale_path),
                    notes=data.get("notes", False),
                    options=r.many(data.get("options"), (*ip, "options")),
                    multiple=data.get("multiple", False),
                    columns=r.many(data.get("columns"), (*ip, "columns")),
                    rows=data.get("rows") or (0 if data.get("row_labels") else 3),
                    row_labels=r.many(data.get("row_labels"), (*ip, "row_labels")),
                    signers=signers,
                )
            )
        if items:
            sections.append(
                TSection(
                    section.id,
                    r(section.title, (*sp, "title"), "text") or "",
                    r(section.intro, (*sp, "intro"), "intro"),
                    tuple(items),
                )
            )
    return TModule(
        id=module_id,
        title=r(module.title, ("title",), "text") or "",
        kind=module.kind,
        summary=r(module.summary, ("summary",), "text") or "",
        audience=tuple(module.audience),
        time=r(module.time, ("time",), "text") or "",
        sources=r.many(module.sources, ("sources",)),
        intro=r(module.intro, ("intro",), "intro"),
        sections=tuple(sections),
    )


def tailor(loaded: LoadedPack, library: Library) -> tuple[TPack | None, list[Problem]]:
    """Resolve a valid pack against the library; problems if any template fails."""
    pack = loaded.model
    tags = set(pack.all_tags())
    context = pack_context(pack, library)
    signatories = [(s.name or "", s.role) for s in pack.signatories]
    problems: list[Problem] = []
    modules = []
    for ref in pack.module_refs():
        lm = library.modules.get(ref.id)
        if lm is None:
            continue
        modules.append(tailor_module(lm.model, ref.id, lm.doc, ref.exclude, tags, context, signatories, problems))
    if problems:
        return None, problems
    version = str(pack.version)
    return TPack(loaded.slug, pack, tuple(sorted(tags)), version, tuple(modules), context), []


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

"""Decide what is valid: schema models plus the checks a schema cannot do.

Everything is gathered first and every problem reported at once. Nothing here
writes a file. ``load_library`` and ``load_packs`` are the only doors through
which content enters the build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from pydantic import ValidationError

from . import templating
from .model import Module, Pack, Service, ServicesFile
from .problems import Problem
from .project import SLUG_RE, Project, build_date
from .schema_errors import translate
from .source import Document, KeyPath, is_date, load_file
from .spellings import drop_entries, entry_id, entry_path, respell_modules
from .suggest import did_you_mean, one_of

LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class LoadedModule:
    """A valid module and the document it came from (for positions)."""

    id: str
    model: Module
    doc: Document
    doc_path: Path


@dataclass(frozen=True)
class LoadedPack:
    """A valid pack, its merged document, and the files it was built from."""

    slug: str
    model: Pack
    doc: Document
    files: tuple[Path, ...]


@dataclass
class Library:
    """Every valid module and national service, plus the problems found while loading them."""

    modules: dict[str, LoadedModule] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    services: dict[str, Service] = field(default_factory=dict)
    services_path: Path | None = None
    invalid: set[str] = field(default_factory=set)  # module ids whose files have errors


def load_services(project: Project, library: Library, today: dt.date) -> None:
    """Read content/services.yml (national helplines), if the project has one."""
    path = project.services_file
    if not path.is_file():
        return
    library.services_path = path
    doc, problems = load_file(path, project.root)
    if doc is not None:
        try:
            parsed = ServicesFile.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(translate(exc, doc, ServicesFile))
        else:
            for index, service in enumerate(parsed.services):
                where = ("services", index)
                if service.id in library.services:
                    problems.append(_at(doc, (*where, "id"), f"service id '{service.id}' is used twice"))
                library.services[service.id] = service
                if today - service.checked > STALE_AFTER:
                    problems.append(_at(doc, (*where, "checked"),
                                        f"details of '{service.name[:40]}' were last checked on"
                                        f" {service.checked.isoformat()}, more than 12 months ago;"
                                        " confirm them on the service's own website before printing", "warning"))
    library.problems.extend(problems)


def load_library(project: Project, today: dt.date | None = None) -> Library:
    """Load and check every module in content/modules/ and the national services."""
    library = Library()
    today = today or build_date()
    load_services(project, library, today)
    for module_id, path in project.module_files().items():
        library.known_ids.add(module_id)
        doc, problems = load_file(path, project.root)
        if not SLUG_RE.match(module_id):
            problems.append(
                Problem(
                    project.rel(path),
                    1,
                    1,
                    f"module file name '{module_id}' is not a valid id (lowercase letters, digits and hyphens)",
                )
            )
        if doc is None:
            library.problems.extend(problems)
            continue
        problems.extend(_check_module(doc.data, doc, library))
        module = None
        try:
            module = Module.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(translate(exc, doc, Module))
        if module is not None and not any(p.severity == "error" for p in problems):
            problems.extend(_check_reviewed(module, doc, today))
        library.problems.extend(problems)
        if module is not None and not any(p.severity == "error" for p in problems):
            library.modules[module_id] = LoadedModule(module_id, module, doc, path)
        else:
            library.invalid.add(module_id)
    return library


def _check_reviewed(module: Module, doc: Document, today: dt.date) -> list[Problem]:
    """A module's facts were checked on its ``reviewed`` date; say when that is missing or old."""
    if module.reviewed is None:
        return [_at(doc, (), "no 'reviewed:' date; add the date its facts were last checked (YYYY-MM-DD)",
                    "warning")]
    if today - module.reviewed > STALE_AFTER:
        return [_at(doc, ("reviewed",), f"facts last checked on {module.reviewed.isoformat()}, more than"
                    " 12 months ago; check them against their sources and update 'reviewed:'", "warning")]
    return []


def _items(data: Any) -> list[tuple[KeyPath, dict[str, Any]]]:
    out = []
    sections = data.get("sections") if isinstance(data, dict) else None
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        items = section.get("items") if isinstance(section, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                out.append((("sections", s, "items", i), item))
    return out


def _check_module(data: Any, doc: Document, library: Library) -> list[Problem]:
    """Checks beyond the schema, on the raw data so they run even when the schema fails."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    sections = data.get("sections") if isinstance(data.get("sections"), list) else []
    seen_sections: set[str] = set()
    for s, section in enumerate(sections):
        section_id = section.get("id") if isinstance(section, dict) else None
        if isinstance(section_id, str):
            if section_id in seen_sections:
                problems.append(_at(doc, ("sections", s, "id"), f"section id '{section_id}' is used twice"))
            seen_sections.add(section_id)
    scales = data.get("scales") if isinstance(data.get("scales"), dict) else {}
    seen_items: set[str] = set()
    for path, item in _items(data):
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in seen_items:
                problems.append(_at(doc, (*path, "id"), f"item id '{item_id}' is used twice in this module"))
            elif item_id in seen_sections:  # both would be the page anchor '<module>--<id>'
                problems.append(_at(doc, (*path, "id"), f"item id '{item_id}' is also a section id in this"
                                    " module; give the item or the section another id"))
            seen_items.add(item_id)
        scale = item.get("scale")
        if item.get("type") == "rating" and isinstance(scale, str) and scale not in scales:
            hint = did_you_mean(scale, scales) or (" (define it under 'scales:' or give a list)" if not scales else "")
            problems.append(_at(doc, (*path, "scale"), f"unknown scale '{scale}'{hint}"))
        if item.get("type") == "rating" and item.get("example") is not None:
            labels = scales.get(scale) if isinstance(scale, str) else scale
            example = item["example"]
            chosen = example.get("choice") if isinstance(example, dict) else example
            if isinstance(labels, list) and isinstance(chosen, str) and chosen not in labels:
                where = (*path, "example", "choice") if isinstance(example, dict) else (*path, "example")
                problems.append(_at(doc, where, f"'{chosen[:60]}' is not on this item's scale"
                                    f"{did_you_mean(chosen, labels) or ' (expected ' + one_of(labels) + ')'}"))
        if item.get("type") == "chart" and isinstance(item.get("table"), str):
            tables = {i.get("id"): i for _, i in _items(data) if i.get("type") == "table"}
            target = tables.get(item["table"])
            if target is None:
                problems.append(_at(doc, (*path, "table"), f"no table item '{item['table'][:60]}' in this module"
                                    f"{did_you_mean(item['table'], [t for t in tables if isinstance(t, str)])}"))
            elif not isinstance(target.get("row_labels"), list):
                problems.append(_at(doc, (*path, "table"), f"table '{item['table']}' has no row_labels; a chart"
                                    " plots one line for each labelled row"))
            else:
                labels = target["row_labels"]
                for index, row in enumerate(item.get("rows") if isinstance(item.get("rows"), list) else []):
                    if row not in labels:
                        problems.append(_at(doc, (*path, "rows", index), f"table '{item['table']}' has no row"
                                            f" '{str(row)[:60]}'{did_you_mean(str(row), labels)}"))
        if item.get("type") == "services" and library.services_path is not None:
            for key in ("show", "topics"):
                wanted = item.get(key)
                known = set(library.services) if key == "show" else {
                    t for s in library.services.values() for t in s.topics}
                for index, value in enumerate(wanted if isinstance(wanted, list) else []):
                    if isinstance(value, str) and value not in known:
                        problems.append(_at(doc, (*path, key, index), f"no national service "
                                            f"{'with id' if key == 'show' else 'on topic'} '{value[:60]}'"
                                            f"{did_you_mean(value, known)}"))
    problems.extend(_check_template_syntax(data, (), doc))
    return problems


def _check_template_syntax(value: Any, path: KeyPath, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(value, str):
        try:
            templating.compile_check(value)
        except TemplateSyntaxError as exc:
            problems.append(
                template_problem(doc, path, value, exc.lineno, f"template error: {(exc.message or '').rstrip('.')}")
            )
    elif isinstance(value, dict):
        for key, sub in value.items():
            problems.extend(_check_template_syntax(sub, (*path, key), doc))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            problems.extend(_check_template_syntax(sub, (*path, index), doc))
    return problems


def template_problem(doc: Document, path: KeyPath, text: str, lineno: int | None, message: str) -> Problem:
    """A template problem placed at the line inside a (possibly multi-line) string."""
    pos = doc.pos(path)
    key = doc.keys.get(path)
    line = pos.line
    if "\n" in text.rstrip("\n") and key is not None and key.line == pos.line:
        line += 1  # block scalar: its text starts on the next line
    if lineno:
        line += lineno - 1
    col = pos.col if lineno in (None, 1) else 1
    label = _label(path)
    return Problem(pos.path, line, col, f"{label}: {message}" if label else message)


def _label(path: KeyPath) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _at(doc: Document, path: KeyPath, message: str, severity: str = "error") -> Problem:
    pos = doc.pos(path)
    label = _label(path)
    return Problem(pos.path, pos.line, pos.col, f"{label}: {message}" if label else message, severity)


def merged_pack_document(
    project: Project, slug: str, path: Path
) -> tuple[Document | None, tuple[Path, ...], list[Problem]]:
    """Load a pack and the chain of ``extends`` defaults under it, merged."""
    doc, problems = load_file(path, project.root)
    if doc is None:
        return None, (path,), problems
    files = [path]
    chain = [doc]
    current = doc
    while isinstance(current.data, dict) and isinstance(current.data.get("extends"), str):
        name = current.data["extends"]
        base_path = project.packs_dir / f"{name}.yml"
        where = current.pos(("extends",))
        if not name.startswith("_"):
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    where.col,
                    f"extends: '{name[:40]}' must name a shared defaults file starting with '_'",
                )
            )
            break
        if base_path in files:
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    where.col,
                    f"extends: '{name}' is circular ({' -> '.join(p.stem for p in files)} -> {name})",
                )
            )
            break
        if not base_path.is_file():
            choices = [p.stem for p in project.packs_dir.glob("_*.yml")]
            problems.append(
                Problem(
                    where.path, where.line, where.col, f"extends: no file packs/{name}.yml{did_you_mean(name, choices)}"
                )
            )
            break
        base, base_problems = load_file(base_path, project.root)
        problems.extend(base_problems)
        if base is None:
            break
        files.append(base_path)
        chain.append(base)
        current = base
    merged = chain[-1]
    for upper in reversed(chain[:-1]):
        merged = _merge(merged, upper)
    if isinstance(merged.data, dict):
        merged.data.pop("extends", None)
    return merged, tuple(files), problems


def _merge(base: Document, upper: Document) -> Document:
    """Overlay ``upper`` on ``base``: mappings merge key by key, anything else is replaced."""
    out = Document(upper.path, _merge_data(base.data, upper.data))
    out.values = {**base.values, **upper.values}
    out.keys = {**base.keys, **upper.keys}
    return out


def _merge_data(base: Any, upper: Any) -> Any:
    if isinstance(base, dict) and isinstance(upper, dict):
        result = dict(base)
        for key, value in upper.items():
            result[key] = _merge_data(base[key], value) if key in base else value
        return result
    return upper


def load_pack(project: Project, slug: str, path: Path, library: Library) -> tuple[LoadedPack | None, list[Problem]]:
    """Load, merge and check one pack against the module library."""
    rel = project.rel(path)
    problems: list[Problem] = []
    if not SLUG_RE.match(slug):
        problems.append(
            Problem(
                rel,
                1,
                1,
                f"pack file name '{slug[:40]}' is not a valid slug (lowercase letters a-z, digits 0-9 and hyphens)",
            )
        )
    doc, files, load_problems = merged_pack_document(project, slug, path)
    problems.extend(load_problems)
    if doc is None:
        return None, problems
    respelled = respell_modules(doc, library.known_ids)
    for r in respelled:
        if r.repeat_of is None:
            message = f"module '{r.written[:60]}' is read as '{r.canonical}' (module ids are lowercase, with hyphens)"
        else:
            message = (f"module '{r.written[:60]}' is '{r.canonical}', already listed at modules[{r.repeat_of}];"
                       " this entry is left out")
        problems.append(_at(doc, r.path, message, "warning"))
    repeats = {r.index for r in respelled if r.repeat_of is not None}
    problems.extend(_check_pack(project, doc.data, doc, library, repeats))
    if repeats:
        drop_entries(doc, "modules", repeats)
    pack = None
    try:
        pack = Pack.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(translate(exc, doc, Pack))
    if pack is None or any(p.severity == "error" for p in problems):
        return None, problems
    return LoadedPack(slug, pack, doc, files), problems


def _check_pack(project: Project, data: Any, doc: Document, library: Library, repeats: set[int]) -> list[Problem]:
    """Checks beyond the schema (modules, sections, files, partner dates), on the raw data.

    ``repeats`` are module entries already reported as a second spelling, to be left out.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    modules = data.get("modules") if isinstance(data.get("modules"), list) else []
    seen: dict[str, int] = {}
    for index, entry in enumerate(modules):
        if index in repeats:
            continue
        module_id = entry_id(entry)
        if not isinstance(module_id, str):
            continue
        path = entry_path(index, entry)
        if module_id not in library.known_ids:
            hint = did_you_mean(module_id, library.known_ids)
            problems.append(_at(doc, path, f"unknown module '{module_id[:60]}'{hint}"))
            continue
        if module_id in seen:
            problems.append(
                _at(doc, path, f"module '{module_id}' is listed twice (first at modules[{seen[module_id]}])")
            )
            continue
        seen[module_id] = index
        if module_id in library.invalid:
            rel = project.rel(project.module_files()[module_id])
            problems.append(_at(doc, path, f"module '{module_id}' has errors (see {rel}); this pack is not"
                                " built until they are fixed"))
            continue
        loaded = library.modules.get(module_id)
        if loaded is not None:
            problems.extend(_check_contacts(doc, data, path, loaded))
        exclude = entry.get("exclude") if isinstance(entry, dict) else None
        if loaded is None or not isinstance(exclude, list):
            continue  # an invalid module's own problems are already reported
        section_ids = [s.id for s in loaded.model.sections]
        for e, section_id in enumerate(exclude):
            if isinstance(section_id, str) and section_id not in section_ids:
                hint = did_you_mean(section_id, section_ids) or f" (its sections: {', '.join(section_ids)})"
                problems.append(
                    _at(
                        doc,
                        ("modules", index, "exclude", e),
                        f"module '{module_id}' has no section '{section_id[:60]}'{hint}",
                    )
                )
    home = data.get("home") if isinstance(data.get("home"), dict) else {}
    if isinstance(home.get("logo"), str):
        problems.extend(_check_file(project, doc, ("home", "logo"), home["logo"], LOGO_SUFFIXES))
    today = build_date()
    partners = data.get("partners") if isinstance(data.get("partners"), list) else []
    for index, partner in enumerate(partners):
        if not isinstance(partner, dict) or not isinstance(partner.get("name"), str):
            continue
        name = partner["name"][:40]
        checked = partner.get("checked")
        if checked is None:
            problems.append(
                _at(
                    doc,
                    ("partners", index),
                    f"details of '{name}' have no 'checked:' date; confirm them and add one",
                    "warning",
                )
            )
        elif is_date(checked) and today - checked > STALE_AFTER:
            problems.append(
                _at(
                    doc,
                    ("partners", index, "checked"),
                    f"details of '{name}' were last confirmed on {checked.isoformat()},"
                    " more than 12 months ago; confirm them before printing",
                    "warning",
                )
            )
    return problems


CONTACT_WORDS = {
    "lead": "the home's adult protection lead",
    "council": "the council's adult protection team",
    "out_of_hours": "out-of-hours social work",
    "care_inspectorate": "how the Care Inspectorate is notified",
}


def _check_contacts(doc: Document, data: dict[str, Any], path: KeyPath, loaded: LoadedModule) -> list[Problem]:
    """A module that prints the home's adult protection contacts: warn for each one the pack lacks."""
    wanted: list[str] = []
    for section in loaded.model.sections:
        for item in section.items:
            if item.type == "contacts":
                wanted += [key for key in item.show if key not in wanted]
    if not wanted:
        return []
    given = data.get("adult_protection") if isinstance(data.get("adult_protection"), dict) else {}
    missing = [key for key in wanted if not isinstance(given.get(key), dict) or not given[key]]
    if not missing:
        return []
    words = ", ".join(f"{CONTACT_WORDS[k]} ({k})" for k in missing)
    return [_at(doc, path, f"module '{loaded.id}' prints the home's adult protection contacts, but the pack"
                f" has none for {words}; add them under 'adult_protection:' (the printed flow leaves a"
                " blank to write them in)", "warning")]


def _check_file(project: Project, doc: Document, path: KeyPath, value: str, suffixes: tuple[str, ...]) -> list[Problem]:
    resolved = project.inside(value)
    if resolved is None or Path(value).is_absolute():
        return [_at(doc, path, f"'{value[:60]}' is outside the project; use a path like content/assets/logo.svg")]
    if not resolved.is_file():
        return [_at(doc, path, f"file '{value[:60]}' does not exist")]
    if resolved.suffix.lower() not in suffixes:
        return [_at(doc, path, f"expected an image ({', '.join(suffixes)}), found '{resolved.suffix}'")]
    return []

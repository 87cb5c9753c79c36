"""The module library: every module and service list read and checked once, for every pack to use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from pydantic import ValidationError

from tippack.reading import templating
from tippack.reading.items import ModuleView, item_types, raw_items
from tippack.reading.model import Module, Pack, Service, ServicesFile
from tippack.reading.problems import Problem
from tippack.reading.project import SLUG_RE, Project, build_date
from tippack.reading.schema_errors import translate
from tippack.reading.source import Document, KeyPath, listed, load_file
from tippack.reading.typed import typed_problems

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


# Services a home may name (docs/formats.md); with the ownership values and the tags modules
# test (when/unless), these are the tags tippack knows.
SERVICES = ("older-people", "dementia", "nursing", "learning-disability", "mental-health", "physical-disability")


OWNERSHIP = ("private", "voluntary", "local-authority")


@dataclass
class Library:
    """Every valid module and national service, plus the problems found while loading them."""

    modules: dict[str, LoadedModule] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    services: dict[str, Service] = field(default_factory=dict)
    services_path: Path | None = None
    invalid: set[str] = field(default_factory=set)  # module ids whose files have errors
    tested_tags: set[str] = field(default_factory=set)  # tags modules test in when/unless
    unconfirmed: list[Problem] = field(default_factory=list)  # national numbers no person has confirmed yet

    def known_tags(self) -> set[str]:
        """Every tag a pack may use that something reads: services, ownership, module conditions."""
        return set(SERVICES) | set(OWNERSHIP) | self.tested_tags


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
                    problems.append(doc.problem((*where, "id"), f"service id '{service.id}' is used twice"))
                library.services[service.id] = service
                if service.confirmed and today - service.confirmed > STALE_AFTER:
                    problems.append(doc.problem((*where, "confirmed"),
                                        f"details of '{service.name[:40]}' were last confirmed on"
                                        f" {service.confirmed.isoformat()}, more than 12 months ago;"
                                        " confirm them on the service's own website before printing", "warning"))
                if service.unconfirmed:
                    found = f"found {service.found.isoformat()} in '{service.source.title[:60]}'"
                    library.unconfirmed.append(doc.problem((*where, "phone"), f"{service.phone} is not yet"
                                                           f" confirmed on the service's own page ({found})",
                                                           "unconfirmed"))
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
        problems.extend(typed_problems(doc, project.overrides))
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
            for section in module.sections:
                library.tested_tags.update(section.when, section.unless)
                for item in section.items:
                    library.tested_tags.update(item.when, item.unless)
        else:
            library.invalid.add(module_id)
    return library


def _check_reviewed(module: Module, doc: Document, today: dt.date) -> list[Problem]:
    """A module's facts were checked on its ``reviewed`` date; say when that is missing or old."""
    if module.reviewed is None:
        return [doc.problem((), "no 'reviewed:' date; add the date its facts were last checked (YYYY-MM-DD)",
                    "warning")]
    if today - module.reviewed > STALE_AFTER:
        return [doc.problem(("reviewed",), f"facts last checked on {module.reviewed.isoformat()}, more than"
                    " 12 months ago; check them against their sources and update 'reviewed:'", "warning")]
    return []


def _check_module(data: Any, doc: Document, library: Library) -> list[Problem]:
    """Checks beyond the schema, on the raw data so they run even when the schema fails."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    sections = listed(data.get("sections"))
    seen_sections: set[str] = set()
    for s, section in enumerate(sections):
        section_id = section.get("id") if isinstance(section, dict) else None
        if isinstance(section_id, str):
            if section_id in seen_sections:
                problems.append(doc.problem(("sections", s, "id"), f"section id '{section_id}' is used twice"))
            seen_sections.add(section_id)
    seen_items: set[str] = set()
    for path, item in raw_items(data):
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in seen_items:
                problems.append(doc.problem((*path, "id"), f"item id '{item_id}' is used twice in this module"))
            elif item_id in seen_sections:  # both would be the page anchor '<module>--<id>'
                problems.append(doc.problem((*path, "id"), f"item id '{item_id}' is also a section id in this"
                                    " module; give the item or the section another id"))
            seen_items.add(item_id)
        kind = item_types().get(str(item.get("type")))
        if kind is not None:
            problems.extend(kind.cross_check(ModuleView(data, doc, library.services, library.services_path), item,
                                             path))
    problems.extend(_check_template_syntax(data, (), doc))
    return problems


def _check_template_syntax(value: Any, path: KeyPath, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(value, str):
        try:
            templating.compile_check(value)
        except TemplateSyntaxError as exc:
            problems.append(
                doc.text_problem(path, value, exc.lineno, f"template error: {(exc.message or '').rstrip('.')}")
            )
    elif isinstance(value, dict):
        for key, sub in value.items():
            problems.extend(_check_template_syntax(sub, (*path, key), doc))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            problems.extend(_check_template_syntax(sub, (*path, index), doc))
    return problems

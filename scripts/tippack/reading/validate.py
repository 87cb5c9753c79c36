"""Decide what is valid: schema models plus the checks a schema cannot do.

Everything is gathered first and every problem reported at once. Nothing here
writes a file or changes what was read. ``load_library`` (modules and national
services) and ``check_pack`` (one pack as read by ``loading``) are the only doors
through which content enters the build.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tippack.reading.contacts import check_contacts, check_route
from tippack.reading.images import IMAGE_SUFFIXES, image_problem, image_warning
from tippack.reading.items import SignaturesItem
from tippack.reading.library import STALE_AFTER, Library, LoadedModule, LoadedPack
from tippack.reading.loading import ReadPack
from tippack.reading.model import Pack
from tippack.reading.problems import Problem
from tippack.reading.project import SLUG_RE, Project, build_date
from tippack.reading.schema_errors import translate
from tippack.reading.source import Document, KeyPath, is_date, listed, mapping
from tippack.reading.spellings import entry_id, entry_path
from tippack.reading.suggest import did_you_mean
from tippack.reading.typed import typed_problems


def check_pack(project: Project, read: ReadPack, library: Library) -> tuple[LoadedPack | None, list[Problem]]:
    """Check one pack as read (merged, spellings settled) against the module library."""
    problems: list[Problem] = []
    if not SLUG_RE.match(read.slug):
        problems.append(Problem(project.rel(read.path), 1, 1, f"pack file name '{read.slug[:40]}' is not a valid slug"
                                f" (lowercase letters a-z, digits 0-9 and hyphens){_rename_hint(read.slug)}"))
    problems.extend(read.problems)
    doc = read.doc
    if doc is None:
        return None, problems
    problems.extend(_check_pack(project, doc.data, doc, library))
    problems.extend(typed_problems(doc, project.overrides))
    problems.extend(_no_modules(doc, library))
    pack = None
    try:
        pack = Pack.model_validate(doc.data)
    except ValidationError as exc:
        said = {(p.path, p.line, p.col) for p in problems if p.severity == "error"}
        # Where a cross-check already said what is wrong (an unknown module), the schema's
        # shape error at the same place would only repeat it less helpfully.
        problems.extend(p for p in translate(exc, doc, Pack) if (p.path, p.line, p.col) not in said)
    if pack is None or any(p.severity == "error" for p in problems):
        return None, problems
    return LoadedPack(read.slug, pack, doc, read.files), problems


def _check_pack(project: Project, data: Any, doc: Document, library: Library) -> list[Problem]:
    """Checks beyond the schema (modules, sections, files, partner dates), on the raw data."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    modules = listed(data.get("modules"))
    seen: dict[str, int] = {}
    for index, entry in enumerate(modules):
        module_id = entry_id(entry)
        if not isinstance(module_id, str):
            continue
        path = entry_path(index, entry)
        if module_id not in library.known_ids:
            problems.append(doc.problem(path, f"unknown module '{module_id[:60]}'{_module_hint(module_id, library)}"))
            continue
        if module_id in seen:
            problems.append(
                doc.problem(path, f"module '{module_id}' is listed twice (first at modules[{seen[module_id]}])")
            )
            continue
        seen[module_id] = index
        if module_id in library.invalid:
            rel = project.rel(project.module_files()[module_id])
            problems.append(doc.problem(path, f"module '{module_id}' has errors (see {rel}); this pack is not"
                                " built until they are fixed"))
            continue
        loaded = library.modules.get(module_id)
        if loaded is not None:
            problems.extend(check_contacts(doc, data, path, loaded))
        exclude = entry.get("exclude") if isinstance(entry, dict) else None
        if loaded is not None and isinstance(exclude, list):  # an invalid module's own problems are reported
            problems.extend(_check_excluded(doc, (index, module_id), loaded, exclude))
    home = mapping(data.get("home"))
    problems.extend(_check_tags(doc, home, data, library))
    used = [library.modules[m] for m in seen if m in library.modules]
    problems.extend(_check_signatories(doc, data, used))
    problems.extend(check_route(doc, data, used))
    if isinstance(home.get("logo"), str):
        problems.extend(_check_file(project, doc, ("home", "logo"), home["logo"], IMAGE_SUFFIXES))
    return problems + _check_partners(doc, data)


def _check_excluded(doc: Document, entry: tuple[int, str], loaded: LoadedModule, exclude: list[Any]) -> list[Problem]:
    """Every section a pack leaves out of a module (``entry``: where it is listed, as what) must be
    one of its sections."""
    problems: list[Problem] = []
    index, module_id = entry
    section_ids = [s.id for s in loaded.model.sections]
    for e, section_id in enumerate(exclude):
        if isinstance(section_id, str) and section_id not in section_ids:
            hint = did_you_mean(section_id, section_ids) or f" (its sections: {', '.join(section_ids)})"
            problems.append(
                doc.problem(
                    ("modules", index, "exclude", e),
                    f"module '{module_id}' has no section '{section_id[:60]}'{hint}",
                )
            )
    return problems


def _check_partners(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """A partner's details need a date they were last confirmed, and a recent one, before printing."""
    problems: list[Problem] = []
    today = build_date()
    partners = listed(data.get("partners"))
    for index, partner in enumerate(partners):
        if not isinstance(partner, dict) or not isinstance(partner.get("name"), str):
            continue
        name = partner["name"][:40]
        checked = partner.get("checked")
        if checked is None:
            problems.append(
                doc.problem(
                    ("partners", index),
                    f"details of '{name}' have no 'checked:' date; confirm them and add one",
                    "warning",
                )
            )
        elif is_date(checked) and today - checked > STALE_AFTER:
            problems.append(
                doc.problem(
                    ("partners", index, "checked"),
                    f"details of '{name}' were last confirmed on {checked.isoformat()},"
                    " more than 12 months ago; confirm them before printing",
                    "warning",
                )
            )
    return problems


def _check_tags(doc: Document, home: dict[str, Any], data: dict[str, Any], library: Library) -> list[Problem]:
    """A tag nothing reads is most often a typo: every section meant for it would vanish silently.

    A service nothing reads is always named. A free tag only when it is close to one that
    modules read: free tags also group packs (``pilot-2026``, ``cohort-3``), and those are
    not mistakes.
    """
    known = library.known_tags()
    problems = []
    for path, values in ((("home", "services"), home.get("services")), (("tags",), data.get("tags"))):
        for index, value in enumerate(values if isinstance(values, list) else []):
            if not isinstance(value, str) or value in known:
                continue
            hint = did_you_mean(value, known)
            if path == ("tags",) and not hint:
                continue
            what = "service" if path[0] == "home" else "tag"
            then = "; sections meant for it are left out" if hint else "; check its spelling"
            problems.append(doc.problem((*path, index), f"no module looks for the {what} '{value[:60]}'{hint}{then}",
                                        "warning"))
    return problems


def _check_signatories(doc: Document, data: dict[str, Any], modules: list[LoadedModule]) -> list[Problem]:
    """Signatories print only in a signatures item that names no roles of its own."""
    if not isinstance(data.get("signatories"), list) or not data["signatories"]:
        return []
    for loaded in modules:
        for section in loaded.model.sections:
            if any(isinstance(item, SignaturesItem) and not item.roles for item in section.items):
                return []
    return [doc.problem(("signatories",), "no module in this pack prints the signatories (only a signatures item"
                        " without its own roles does, as in statement-of-intent); add such a module or remove"
                        " them", "warning")]


def _module_hint(written: str, library: Library) -> str:
    """The nearest module id, or the module whose title was written, or where to look."""
    hint = did_you_mean(written, library.known_ids)
    if hint:
        return hint
    if written in library.known_tags():
        return f" ('{written}' is a service or tag: it goes under home: services: or tags:, not modules:)"
    wanted = " ".join(written.lower().split())
    titles = {" ".join(m.model.title.lower().split()): module_id for module_id, m in library.modules.items()}
    near = difflib.get_close_matches(wanted, list(titles), n=1, cutoff=0.6)
    if near:
        module_id = titles[near[0]]
        return f" (did you mean '{module_id}', the module titled '{library.modules[module_id].model.title}'?)"
    return " (run 'tippack list' to see every module's id)"


def _check_file(project: Project, doc: Document, path: KeyPath, value: str, suffixes: tuple[str, ...]) -> list[Problem]:
    """A file a pack names: inside the project, there, an image of a kind tippack draws."""
    resolved = project.inside(value)
    if resolved is None:
        return [doc.problem(path, f"'{value[:60]}' is outside the project; use a path like content/assets/logo.svg")]
    if not resolved.is_file():
        moved = project.assets_dir / value
        if not Path(value).is_absolute() and moved.is_file():
            return [doc.problem(path, f"file '{value[:60]}' does not exist; paths start at the project folder:"
                                f" did you mean '{project.rel(moved)}'?")]
        return [doc.problem(path, f"file '{value[:60]}' does not exist")]
    if resolved.suffix.lower() not in suffixes:
        return [doc.problem(path, f"expected an image ({', '.join(suffixes)}), found '{resolved.suffix}'")]
    trouble = image_problem(resolved)
    if trouble:
        return [doc.problem(path, f"'{value[:60]}' {trouble}")]
    heavy = image_warning(resolved)
    return [doc.problem(path, f"'{value[:60]}' {heavy}", "warning")] if heavy else []


def _no_modules(doc: Document, library: Library) -> list[Problem]:
    """A pack that lists no modules (``modules: []``, or no ``modules:``): what to write instead."""
    data = doc.data
    if not isinstance(data, dict) or data.get("modules") not in (None, []):
        return []
    known = sorted(library.known_ids)
    example = ", ".join(["welcome"] if "welcome" in known else known[:2])
    how = f"list the modules this pack prints, like modules: [{example}] (tippack list shows them all)"
    if "modules" not in data:
        if any(did_you_mean(str(key), ["modules"]) for key in data):
            return []  # 'modlues:' is there: its own message says what was meant
        return [doc.problem((), f"missing required key 'modules': {how}")]
    return [doc.problem(("modules",), f"expected at least 1 entry, found 0: {how}")]


def _rename_hint(slug: str) -> str:
    """The file name to use instead: the slug in lowercase, with hyphens for anything else."""
    plain = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode()
    better = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return f"; rename the file packs/{better}.yml" if better else "; rename it with letters a-z, like packs/oakview.yml"

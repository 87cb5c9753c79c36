"""Module ids written in another spelling ('Barriers_Enablers' for 'barriers-enablers').

Facilitators type module ids by hand: a capital or an underscore should not stop a
build, but the pack should say so, and a module listed twice under two spellings
must not print twice. The same spelling twice stays an error (see ``validate``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from tippack.reading.source import Document, KeyPath, Pos, mapping


@dataclass(frozen=True)
class Respelling:
    """One module entry in another spelling: read as ``canonical``, or left out as a repeat."""

    index: int
    path: KeyPath
    written: str
    canonical: str
    repeat_of: int | None  # the entry already standing for this module, when this one is left out


def module_spelling(module_id: str) -> str:
    """A module id as the library writes it: lowercase, with hyphens for spaces and underscores."""
    return re.sub(r"[\s_]+", "-", module_id.strip()).lower()


def entry_id(entry: Any) -> Any:
    """The module id of a ``modules:`` entry (a string or a mapping with ``id``), if it has one."""
    return entry if isinstance(entry, str) else entry.get("id") if isinstance(entry, dict) else None


def entry_path(index: int, entry: Any) -> KeyPath:
    """Where a ``modules:`` entry's id is written: the entry itself, or its ``id`` key."""
    return ("modules", index) if isinstance(entry, str) else ("modules", index, "id")


def respell_modules(doc: Document, known: set[str] | frozenset[str]) -> tuple[Document, list[Respelling]]:
    """A new document whose module entries use the library's ids, and which spellings it settled.

    An entry in another spelling is read as the library's id; one that repeats a module
    already listed (under any spelling) is left out, and the positions of the entries after
    it move up. The respellings keep the file's own indices, for the warnings.
    """
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        return doc, []
    entries: list[Any] = list(data["modules"])
    standing: dict[str, int] = {}  # library id -> the entry that stands for it (exact spellings first)
    for index, entry in enumerate(entries):
        written = entry_id(entry)
        if isinstance(written, str) and written in known:
            standing.setdefault(written, index)
    found: list[Respelling] = []
    for index, entry in enumerate(entries):
        written = entry_id(entry)
        if not isinstance(written, str) or written in known:
            continue
        canonical = module_spelling(written)
        if canonical not in known:
            continue  # an unknown module: reported with a suggestion by the checks
        path = entry_path(index, entry)
        if canonical in standing:
            found.append(Respelling(index, path, written, canonical, standing[canonical]))
            continue
        found.append(Respelling(index, path, written, canonical, None))
        standing[canonical] = index
        entries[index] = canonical if isinstance(entry, str) else {**entry, "id": canonical}
    if not found:
        return doc, []
    repeats = {r.index for r in found if r.repeat_of is not None}
    kept = [i for i in range(len(entries)) if i not in repeats]
    renumber = {old: new for new, old in enumerate(kept)}

    def moved(table: dict[KeyPath, Pos]) -> dict[KeyPath, Pos]:
        result: dict[KeyPath, Pos] = {}
        for path, pos in table.items():
            if len(path) >= 2 and path[0] == "modules" and isinstance(path[1], int):
                if path[1] in renumber:
                    result[("modules", renumber[path[1]], *path[2:])] = pos
            else:
                result[path] = pos
        return result

    as_written: dict[KeyPath, KeyPath] = {
        ("modules", new): ("modules", old) for old, new in renumber.items() if old != new}
    respelled = replace(doc, data={**data, "modules": [entries[i] for i in kept]}, values=moved(doc.values),
                        keys=moved(doc.keys), reported=set(doc.reported), as_written={**doc.as_written, **as_written})
    return respelled, found


TAG_LISTS = (("home", "services"), ("tags",))


def respell_tags(doc: Document) -> tuple[Document, list[Respelling]]:
    """A new document whose service and free tags are written as tags are (``Dementia``,
    ``older people`` → ``dementia``, ``older-people``), and which it changed."""
    data = doc.data
    if not isinstance(data, dict):
        return doc, []
    found: list[Respelling] = []
    new_data = dict(data)
    for where in TAG_LISTS:
        parent: Any = new_data
        for key in where[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        values = parent.get(where[-1]) if isinstance(parent, dict) else None
        if not isinstance(values, list):
            continue
        changed = list(values)
        for index, value in enumerate(values):
            if isinstance(value, str) and module_spelling(value) != value and module_spelling(value):
                changed[index] = module_spelling(value)
                found.append(Respelling(index, (*where, index), value, changed[index], None))
        if changed != values:
            if len(where) == 2:
                new_data[where[0]] = {**new_data[where[0]], where[1]: changed}
            else:
                new_data[where[0]] = changed
    if not found:
        return doc, []
    return replace(doc, data=new_data, reported=set(doc.reported)), found


PAPERS = {"a4": "A4", "letter": "Letter"}


def respell_paper(doc: Document) -> Document:
    """A document whose ``print: paper:`` is written as the schema has it when only its case
    differs (``a4`` is A4, ``letter`` is Letter): the same size, so nothing to warn about."""
    data = doc.data
    settings = data.get("print") if isinstance(data, dict) else None
    paper = settings.get("paper") if isinstance(settings, dict) else None
    if not isinstance(paper, str) or paper.strip().lower() not in PAPERS or PAPERS[paper.strip().lower()] == paper:
        return doc
    return replace(doc, data={**data, "print": {**mapping(settings), "paper": PAPERS[paper.strip().lower()]}},
                   reported=set(doc.reported))

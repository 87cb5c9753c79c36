"""What people type that no schema sees: quotes pasted from a word processor around a whole
value, and characters that no shipped font draws.

Neither changes what was read. A value wrapped whole in curly quotes (“Oakview”) prints with
them, as typed, so it draws a warning: quotes were probably meant. A character no shipped
face has would print as an empty box, so its value is refused where it is typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tippack.reading.glyphs import drawn, undrawn, why_undrawn
from tippack.reading.problems import Problem
from tippack.reading.source import Document, KeyPath

OPENING = "\u201c\u201d\u2018\u2019\u201e"  # “ ” ‘ ’ „
CLOSING = "\u201d\u201c\u2019\u2018"
# Values that are settings or ids, not text that prints: their own checks say what is wrong.
NOT_PRINTED = frozenset({"extends", "modules", "tags", "theme", "print", "services", "ownership", "logo",
                         "id", "type", "kind", "audience", "when", "unless", "scale", "topics"})
# Values whose shape is checked (a phone number, a date): a curly quote there is an error, said there.
SHAPED = frozenset({"phone", "email", "website", "url", "checked", "reviewed", "logo"})


def strings(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value in ``value`` with its key path, leaving out settings and ids."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            if key not in NOT_PRINTED:
                yield from strings(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from strings(sub, (*path, index))


def curly_wrapped(text: str) -> bool:
    """Whether ``text`` is wrapped whole in a pair of curly quotes (“…”, ‘…’, „…”)."""
    text = text.strip()
    if len(text) <= 2 or text[0] not in OPENING or text[-1] not in CLOSING:
        return False
    return text[0] not in text[1:-1] and text[-1] not in text[1:-1]  # not “Oak” and “Ash”


def straight(text: str) -> str:
    """``text`` without its curly quotes, as a YAML value in straight quotes."""
    inner = text.strip()[1:-1]
    return f'"{inner}"' if '"' not in inner else "'" + inner.replace("'", "''") + "'"


def typed_problems(doc: Document, overrides: Path) -> list[Problem]:
    """Curly quotes around a whole value (a warning) and characters no shipped face draws (an
    error), for every text value in a pack or module document."""
    covered = drawn(overrides)
    problems: list[Problem] = []
    for path, text in strings(doc.data):
        runs = undrawn(text, covered) if covered is not None else []
        if runs:
            shown = ", ".join(f"'{run}'" for run in runs[:3])
            boxes = "an empty box" if len(runs) == 1 and len(undrawn_letters(runs[0])) == 1 else "empty boxes"
            problems.append(_at_run(doc, path, runs[0], f"{shown} would print as {boxes}: {why_undrawn(runs[0])}"))
        elif curly_wrapped(text) and not (path and path[-1] in SHAPED):
            key = f"{path[-1]}: " if path and isinstance(path[-1], str) else "- "
            problems.append(doc.problem(path, f"the curly quotes around {text.strip()[:60]} print as part of it;"
                                        f" if you meant them as quotes, type straight ones: {key}{straight(text)}",
                                        "warning"))
    return problems


def undrawn_letters(run: str) -> str:
    """The characters of a run that would show (its spaces, joiners and selectors left out)."""
    return "".join(ch for ch in run if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf"))


def _at_run(doc: Document, path: KeyPath, run: str, message: str) -> Problem:
    """A problem at the character itself, where the value is on one line of the file."""
    problem = doc.problem(path, message)
    line = doc.line_at(path)
    found = line.find(run, problem.col - 1) if line else -1
    if found < 0:
        return problem
    return Problem(problem.path, problem.line, found + 1, problem.message, problem.severity)

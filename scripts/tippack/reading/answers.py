"""Answers files saved from a pack's website, read and checked like any other input.

The site's "Save answers to a file" (``overrides/theme/assets/javascripts/answers.js``)
writes one module's answers::

    {"tippack": 1, "pack": SLUG, "module": ID, "home": NAME, "saved": ISO TIME,
     "answers": {"module.item": "text", "module.item.3": "option", ...}}

A file that is not JSON is reported at its line and column; one that is not an answers
file, or was saved from another pack, is an error; nothing is read from it. Answers are
the home's own: this module reads them and never writes them anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tippack.reading.problems import Problem

FORMAT = 1  # answers.js's FORMAT
MAX_BYTES = 5 * 1024 * 1024  # answers.js refuses bigger files too


@dataclass(frozen=True)
class SavedAnswers:
    """One module's answers, as saved from the site."""

    shown: str  # the file, as it is named in messages
    pack: str
    module: str
    home: str
    saved: dt.datetime | None
    values: dict[str, str | bool]
    text: str = field(default="", repr=False)  # the file as read, to point at an answer in it

    def problem(self, name: str, message: str, severity: str = "warning") -> Problem:
        """A problem with one answer, at the line and column of its name in the file."""
        line, col = where(self.text, name)
        return Problem(self.shown, line, col, message, severity)


def ticked(value: Any) -> bool:
    """Whether a saved check box answer is a tick (answers.js: any value but '' and 'false')."""
    return value is True or (isinstance(value, str) and value not in ("", "false"))


def as_date_text(value: str) -> str:
    """A date input's answer (2026-11-30) as people write it (30 November 2026); other text as typed."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def saved_text(saved: dt.datetime | None) -> str:
    """When answers were saved, for people: '30 November 2026'."""
    return "" if saved is None else f"{saved.day} {saved:%B %Y}"


def answer_files(paths: list[Path]) -> list[Path]:
    """The files named, with each folder named read as the .json files in it (by name)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(p for p in path.glob("*.json") if p.is_file()) if path.is_dir() else [path]
    return files


def where(text: str, key: str) -> tuple[int, int]:
    """Line and column of ``"key":`` in a JSON text (1, 1 if not found)."""
    at = text.find(json.dumps(key))
    if at < 0:
        return 1, 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def read_answers(path: Path, shown: str, slug: str, home: str) -> tuple[SavedAnswers | None, list[Problem]]:
    """One answers file for the pack ``slug``: its answers, or the problems that stop it being read."""

    def problem(message: str, key: str | None = None, line: int = 1, col: int = 1) -> list[Problem]:
        if key is not None:
            line, col = where(text, key)
        return [Problem(shown, line, col, message)]

    text = ""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, problem("too big to be an answers file saved from a pack's website")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return None, problem("no such file")
    except IsADirectoryError:
        return None, problem("a folder, not an answers file")
    except OSError as exc:
        return None, problem(f"cannot be read: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        return None, problem(f"not an answers file: not UTF-8 text (byte {exc.start + 1})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, problem(f"not an answers file: the JSON is broken here: {exc.msg}", line=exc.lineno,
                             col=exc.colno)
    if not isinstance(data, dict) or "tippack" not in data:
        return None, problem("not an answers file saved from a pack's website (it has no 'tippack' key)")
    if data["tippack"] != FORMAT:
        return None, problem(f"saved in answers format {data['tippack']!r}; this tippack reads format {FORMAT}",
                             "tippack")
    pack, module, values = data.get("pack"), data.get("module"), data.get("answers")
    if not isinstance(pack, str) or not isinstance(module, str):
        return None, problem("an answers file names its pack and module; this one does not",
                             "pack" if not isinstance(pack, str) else "module")
    if pack != slug:
        saved_home = data.get("home") if isinstance(data.get("home"), str) else ""
        from_home = f" ({saved_home})" if saved_home and saved_home != home else ""
        return None, problem(f"these answers were saved from another pack, '{pack}'{from_home}, not from"
                             f" '{slug}' ({home}); fill that pack with them, or choose this pack's answers file",
                             "pack")
    if not isinstance(values, dict):
        return None, problem("an answers file has its answers under 'answers'; this one has none", "answers")
    damaged = [key for key, value in values.items() if not isinstance(value, str | bool)]
    if damaged:
        return None, problem(f"damaged: the answer '{damaged[0][:80]}' is not text", damaged[0])
    saved_home = data.get("home")
    return SavedAnswers(shown, pack, module, saved_home if isinstance(saved_home, str) else "",
                        _saved(data.get("saved")), dict(values), text), []


def _saved(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def newest_by_module(saved: list[SavedAnswers]) -> tuple[dict[str, SavedAnswers], list[Problem]]:
    """One set of answers a module: where several files hold the same module, the one saved
    last (a warning names the others, which are left out)."""
    chosen: dict[str, SavedAnswers] = {}
    problems: list[Problem] = []
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)

    def when(answers: SavedAnswers) -> dt.datetime:
        moment = answers.saved or floor
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)

    for answers in saved:
        earlier = chosen.get(answers.module)
        if earlier is None:
            chosen[answers.module] = answers
            continue
        newer, older = (answers, earlier) if when(answers) >= when(earlier) else (earlier, answers)
        chosen[answers.module] = newer
        problems.append(Problem(older.shown, 1, 1, f"left out: {newer.shown} holds answers for the same part"
                                f" ('{answers.module}') saved later", "warning"))
    return chosen, problems

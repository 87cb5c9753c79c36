"""Answers files sorted into rounds, checked as ``tippack fill`` checks them.

A round is the assessment round the organisational assessment's answers name (first,
six-month or twelve-month); otherwise, a six-month window counted from the home's first
answers, by the date the answers give (the day the assessment started, a log was completed)
or else the day they were saved. A monthly log's slot is its month. Where two files hold
the same module for the same slot, the one saved later counts and a warning says so. A date
in the future, and an assessment round dated before the one it follows, draw a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from tippack.outputs.fill.fill import fill_html
from tippack.planning.tailor import TailoredModule, TailoredPack
from tippack.reading.answers import SavedAnswers, answer_files, read_answers
from tippack.reading.problems import Problem
from tippack.reading.project import Project
from tippack.rendering.render import Renderer
from tippack.reports.extract import assessment_round, date_answer

REPORTED = ("organisational-assessment", "training-needs-analysis", "statement-of-intent", "monitoring-log",
            "stakeholder-group", "trauma-informed-lens", "partner-organisations")
DATE_ITEMS = {"organisational-assessment": "completed-on", "monitoring-log": "completed-on",
              "trauma-informed-lens": "walk-date", "stakeholder-group": "meeting-date"}
MONTHLY = "monitoring-log"
ASSESSMENT = "organisational-assessment"


@dataclass
class Dated:
    """One module's answers with the day they are about and the slot they fill."""

    answers: SavedAnswers
    day: dt.date
    slot: int | str = 0  # round number, or "2026-03" for a monthly log
    named: bool = False  # the round was named in the answers


@dataclass
class Gathered:
    """A home's answers sorted into slots, with every problem met on the way."""

    pack: TailoredPack
    chosen: dict[tuple[str, int | str], Dated] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of(self, module_id: str) -> list[Dated]:
        """One module's answers, slot by slot in order."""
        return [d for (m, _), d in sorted(self.chosen.items(), key=lambda kv: str(kv[0][1]).zfill(8))
                if m == module_id]

    def module(self, module_id: str) -> TailoredModule | None:
        """The pack's module, if it has it."""
        return next((m for m in self.pack.modules if m.id == module_id), None)


def _day(answers: SavedAnswers) -> dt.date | None:
    item = DATE_ITEMS.get(answers.module)
    typed = date_answer(answers.values, f"{answers.module}.{item}") if item else None
    return typed or (answers.saved.date() if answers.saved else None)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def checked(pack: TailoredPack, renderer: Renderer, answers: SavedAnswers) -> tuple[SavedAnswers, list[Problem]]:
    """The answers that still match a question of the module (as fill places them); a warning for each other."""
    module = next(m for m in pack.modules if m.id == answers.module)
    filled = fill_html(renderer.module(module).markdown, module.id, answers.values)
    problems = [answers.problem(name, f"answer '{name}' left out: {why}") for name, why in filled.unplaced]
    dropped = {name for name, _ in filled.unplaced}
    return replace(answers, values={k: v for k, v in answers.values.items() if k not in dropped}), problems


def read_home(project: Project, pack: TailoredPack, paths: list[Path], today: dt.date) -> Gathered:
    """Every answers file for one pack, checked and sorted into rounds, and every problem met
    (the caller writes nothing when one is an error)."""
    gathered = Gathered(pack)
    files = answer_files(paths)
    if not files:
        gathered.problems.append(Problem(", ".join(str(p) for p in paths) or ".", 1, 1,
                                         "no answers files (.json) here"))
    renderer = Renderer(project.overrides, [], {})  # only its form controls' names are read: no Markdown extensions
    known = {m.id for m in pack.modules}
    dated: list[Dated] = []
    for path in files:
        answers, problems = read_answers(path, str(path), pack.slug, pack.pack.home.name)
        gathered.problems += problems
        if answers is None:
            continue
        if answers.module not in known:
            gathered.problems.append(Problem(answers.shown, 1, 1, f"left out: these answers are for"
                                             f" '{answers.module}', which is not in this pack (any more)", "warning"))
            continue
        if answers.module not in REPORTED:
            continue
        answers, problems = checked(pack, renderer, answers)
        gathered.problems += problems + _future(answers, today)
        day = _day(answers)
        if day is None:
            gathered.problems.append(answers.problem("saved", "left out: these answers carry no date (no 'saved'"
                                                     " time and no date typed in them)"))
            continue
        dated.append(Dated(answers, day))
    _slots(dated)  # errors or not: every problem is said in one run
    _choose(gathered, dated)
    gathered.problems += _out_of_order(gathered.of(ASSESSMENT))
    return gathered


def _future(answers: SavedAnswers, today: dt.date) -> list[Problem]:
    """A warning for each date in the answers, or the time they were saved, after today."""
    problems = []
    if answers.saved is not None and answers.saved.date() > today:
        problems.append(answers.problem("saved", f"saved on {answers.saved.date().isoformat()}, which is after"
                                        " today: check the computer's clock"))
    for name, value in answers.values.items():
        day = date_answer({name: value}, name)
        if day is not None and day > today and not name.endswith(("review-date", "next-meeting", "next-walk",
                                                                   "tor-review")):
            problems.append(answers.problem(name, f"the date {day.isoformat()} is in the future"))
    return problems


def _slots(dated: list[Dated]) -> None:
    """Give each file its slot: the named round, the month of a log, else the six-month window."""
    named_first = [d.day for d in dated if assessment_round_of(d) == 1]
    start = min(named_first) if named_first else min((d.day for d in dated), default=None)
    for d in dated:
        named = assessment_round_of(d)
        if d.answers.module == MONTHLY:
            d.slot = f"{d.day:%Y-%m}"
        elif named is not None:
            d.slot, d.named = named, True
        else:
            d.slot = 1 + max(0, months_between(start, d.day) + 3) // 6 if start else 1


def assessment_round_of(d: Dated) -> int | None:
    """The round an organisational assessment's answers name, if they name one."""
    return assessment_round(ASSESSMENT, d.answers.values) if d.answers.module == ASSESSMENT else None


def _choose(gathered: Gathered, dated: list[Dated]) -> None:
    """One file a module and slot: the one saved last; a warning names each one left out."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)

    def when(d: Dated) -> dt.datetime:
        moment = d.answers.saved or floor
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)

    for d in dated:
        key = (d.answers.module, d.slot)
        earlier = gathered.chosen.get(key)
        if earlier is None:
            gathered.chosen[key] = d
            continue
        newer, older = (d, earlier) if when(d) >= when(earlier) else (earlier, d)
        gathered.chosen[key] = newer
        what = f"the month {d.slot}" if isinstance(d.slot, str) else f"round {d.slot}"
        gathered.problems.append(older.answers.problem("saved", f"left out: {newer.answers.shown} holds answers"
                                                       f" for the same part ('{d.answers.module}') and {what},"
                                                       " saved later"))


def _out_of_order(rounds: list[Dated]) -> list[Problem]:
    """A warning for an assessment round dated before the round it follows."""
    problems = []
    for before, after in zip(rounds, rounds[1:], strict=False):
        if after.day < before.day:
            problems.append(after.answers.problem(f"{ASSESSMENT}.completed-on", f"round {after.slot} is dated"
                                                  f" {after.day.isoformat()}, before round {before.slot}"
                                                  f" ({before.day.isoformat()}): check the dates or the round"))
    return problems


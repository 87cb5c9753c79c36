"""What a progress report keeps between runs: ratings, counts and dates, never words.

``build/SLUG/progress/record.json`` holds one home's record. The cohort report reads these
records alone, so nothing a home typed in a text box (names, notes, priority titles,
signatures) can reach it: this module has no field that could hold such text. The labels
it keeps (an area's title, a staff group, a measure) come from the pack's modules, not
from answers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
RECORD = "record.json"
ACTION_STATES = ("done", "in progress", "not started")
PILOT_MEASURES = {  # key -> how the report names it (the pilot report's five steps)
    "stakeholder_group": "TIP stakeholder group set up",
    "lens_tool": "Trauma-informed lens tool used",
    "tna": "Training needs analysis done",
    "partners": "Links made with partner organisations",
    "statement_signed": "Statement of intent signed",
}


@dataclass
class Domain:
    """One area of the organisational assessment in one round: each statement's level."""

    id: str
    title: str
    scale: list[str]
    statements: int  # how many statements the area has in the pack
    levels: dict[str, int] = field(default_factory=dict)  # statement id -> 0-based level on the scale

    @property
    def score(self) -> float | None:
        """The area's rating: the average level of the statements rated (0 = the scale's first step)."""
        return round(sum(self.levels.values()) / len(self.levels), 1) if self.levels else None

    @property
    def top(self) -> int:
        """The highest level on the scale (3 for Not started ... Embedded)."""
        return len(self.scale) - 1


@dataclass
class Round:
    """One assessment round: when, how it was known, each area's ratings and the action plan's counts."""

    number: int
    date: str  # ISO date
    named: bool  # the answers said which round it was (else: by the date)
    domains: list[Domain] = field(default_factory=list)
    priorities: int = 0
    actions: dict[str, int] = field(default_factory=dict)  # ACTION_STATES (and "not given") -> count
    plan_agreed: int = 0  # of the "before you start" ticks
    review_date: str | None = None

    def domain(self, domain_id: str) -> Domain | None:
        """This round's ratings of one area, if it has them."""
        return next((d for d in self.domains if d.id == domain_id), None)


@dataclass
class StaffGroup:
    """One staff group in a training needs analysis: its target level and how many have it."""

    group: str
    level: str | None
    trained: int
    staff: int


@dataclass
class Training:
    """One round's training needs analysis."""

    number: int
    date: str
    groups: list[StaffGroup] = field(default_factory=list)


@dataclass
class Statement:
    """The statement of intent: when it was signed, by how many, when reviewed and when next due."""

    signed: str | None = None
    signatures: int = 0
    reviewed: str | None = None
    due: str | None = None


@dataclass
class Record:
    """One home's progress: everything both reports draw, and nothing anyone typed as words."""

    slug: str
    home: str
    colour: str
    made: str
    rounds: list[Round] = field(default_factory=list)
    training: list[Training] = field(default_factory=list)
    statement: Statement | None = None
    months: dict[str, dict[str, float]] = field(default_factory=dict)  # "2026-03" -> measure -> figure
    pilot: dict[str, str | None] = field(default_factory=dict)  # measure -> ISO date first seen (None: not yet)

    @property
    def baseline(self) -> Round | None:
        """The first assessment round there are answers for."""
        return self.rounds[0] if self.rounds else None

    @property
    def latest(self) -> Round | None:
        """The last round, when there is more than one (None: not yet reviewed)."""
        return self.rounds[-1] if len(self.rounds) > 1 else None

    def to_json(self) -> str:
        """The record as JSON, keys sorted, for the file."""
        return json.dumps({"tippack-progress": FORMAT, **asdict(self)}, indent=1, sort_keys=True,
                          ensure_ascii=False) + "\n"


def from_json(data: dict[str, Any]) -> Record:
    """A record read back from its JSON (a ValueError when it is not one this tippack wrote)."""
    if data.get("tippack-progress") != FORMAT:
        raise ValueError(f"not a progress record of format {FORMAT}")
    rounds = [Round(**{**r, "domains": [Domain(**d) for d in r["domains"]]}) for r in data["rounds"]]
    training = [Training(**{**t, "groups": [StaffGroup(**g) for g in t["groups"]]}) for t in data["training"]]
    statement = Statement(**data["statement"]) if data.get("statement") else None
    return Record(data["slug"], data["home"], data["colour"], data["made"], rounds, training, statement,
                  data.get("months", {}), data.get("pilot", {}))


def read_record(folder: Path) -> Record | None:
    """The record kept in a home's progress folder, or None when there is none (or it is damaged)."""
    try:
        return from_json(json.loads((folder / RECORD).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def iso(day: dt.date | None) -> str | None:
    """A date as the record keeps it."""
    return None if day is None else day.isoformat()

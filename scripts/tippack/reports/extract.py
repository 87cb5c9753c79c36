"""Ratings, counts and dates read out of one module's saved answers.

Each function reads the answers by the names the site gives its controls (``module.item``,
``module.item.N`` for a tick, ``module.item.rRcC`` for a table cell) and the module as the
pack has it (its areas, scales, row labels). Text typed in a box is only ever looked at to
see whether something is there, or to read a number, a date or a set choice out of it; it is
never returned, except the priority titles, which only the home's own report shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from tippack.planning.tailor import TailoredItem, TailoredModule
from tippack.reading.answers import ticked
from tippack.reports.records import ACTION_STATES, Domain, StaffGroup, Statement, iso

Values = Mapping[str, str | bool]
ROUND_NAMES = {"First assessment": 1, "Six-month repeat": 2, "Twelve-month repeat": 3}
_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*%?\s*$")
_FRACTION = re.compile(r"^\s*(\d+)\s*(?:/|of|out of)\s*(\d+)\s*$", re.IGNORECASE)
_STATUS = {"done": "done", "complete": "done", "completed": "done", "finished": "done",
           "in progress": "in progress", "started": "in progress", "ongoing": "in progress",
           "not started": "not started", "not yet": "not started", "to do": "not started"}


def items(module: TailoredModule, kind: str | None = None) -> list[tuple[str, TailoredItem]]:
    """Every item of a module (of one type), with the id of its section."""
    return [(s.id, i) for s in module.sections for i in s.items if kind is None or i.type == kind]


def item(module: TailoredModule, item_id: str) -> TailoredItem | None:
    """One item of a module by id, if the pack has it."""
    return next((i for _, i in items(module) if i.id == item_id), None)


def text(values: Values, name: str) -> str:
    """An answer as text ('' when unanswered or a tick)."""
    value = values.get(name)
    return value.strip() if isinstance(value, str) else ""


def date_answer(values: Values, name: str) -> dt.date | None:
    """A date typed in a date box (the site saves 2026-11-30), or None."""
    try:
        return dt.date.fromisoformat(text(values, name))
    except ValueError:
        return None


def number(cell: str) -> float | None:
    """A figure typed in a table cell: 12, 4.5, 55%, or '3 of 5' (as a percentage); else None."""
    match = _NUMBER.match(cell)
    if match:
        return float(match.group(1).replace(",", "."))
    match = _FRACTION.match(cell)
    if match and int(match.group(2)) > 0:
        return round(100 * int(match.group(1)) / int(match.group(2)), 1)
    return None


def fraction(cell: str) -> tuple[int, int] | None:
    """'5 / 12', '5/12' or '5 of 12' as (5, 12); None for anything else or more trained than staff."""
    match = _FRACTION.match(cell)
    if not match:
        return None
    done, whole = int(match.group(1)), int(match.group(2))
    return (done, whole) if 0 <= done <= whole and whole > 0 else None


def assessment_round(module_id: str, values: Values) -> int | None:
    """The round the answers name (1 first, 2 six-month, 3 twelve-month); None for 'other' or none."""
    return ROUND_NAMES.get(text(values, f"{module_id}.assessment-round"))


def domains(module: TailoredModule, values: Values) -> list[Domain]:
    """Each area with rated statements: every statement's level, by the scale's own steps."""
    found: dict[str, Domain] = {}
    for section in module.sections:
        for it in section.items:
            if it.type != "rating":
                continue
            scale = list(it.fields.get("scale") or ())
            domain = found.setdefault(section.id, Domain(section.id, section.title, scale, 0))
            domain.statements += 1
            answer = text(values, f"{module.id}.{it.id}")
            if answer in scale and scale == domain.scale:
                domain.levels[it.id] = scale.index(answer)
    return list(found.values())


def _filled_rows(values: Values, name: str, rows: int, columns: int) -> list[list[str]]:
    """The rows of a table with anything written in them (each row's cells as typed)."""
    table = [[text(values, f"{name}.r{r}c{c}") for c in range(1, columns + 1)] for r in range(1, rows + 1)]
    return [row for row in table if any(row)]


def written_columns(it: TailoredItem) -> list[str]:
    """A table's columns that are written in (not the row labels' column)."""
    columns = list(it.fields.get("columns") or ())
    return columns[1:] if it.fields.get("row_labels") else columns


def priority_titles(module: TailoredModule, values: Values) -> list[str]:
    """The home's own priority titles (the first column of its priorities table): for its own report only."""
    it = item(module, "top-three-priorities")
    if it is None:
        return []
    name = f"{module.id}.{it.id}"
    rows = it.fields.get("rows") or 3
    return [row[0] for row in _filled_rows(values, name, rows, len(written_columns(it))) if row[0]]


def plan_counts(module: TailoredModule, values: Values) -> tuple[int, dict[str, int], int, str | None]:
    """How many priorities, how many actions at each state of progress, how many 'before you
    start' ticks, and the date set to review the plan."""
    priorities = len(priority_titles(module, values))
    actions = {state: 0 for state in (*ACTION_STATES, "not given")}
    plan = item(module, "action-plan")
    if plan is not None:
        columns = written_columns(plan)
        at = columns.index("Progress") if "Progress" in columns else None
        for row in _filled_rows(values, f"{module.id}.{plan.id}", plan.fields.get("rows") or 3, len(columns)):
            if not any(cell for i, cell in enumerate(row) if i != at):
                continue  # only a state written, no action
            state = _STATUS.get(re.sub(r"\s+", " ", row[at].lower()).strip(" .")) if at is not None else None
            actions[state or "not given"] += 1  # no state written, or one the report does not know
    agreed = item(module, "plan-agreed")
    ticks = 0 if agreed is None else sum(
        ticked(values.get(f"{module.id}.plan-agreed.{n}")) for n in range(1, len(agreed.fields["options"]) + 1))
    return priorities, actions, ticks, iso(date_answer(values, f"{module.id}.review-date"))


def staff_groups(module: TailoredModule, values: Values) -> list[StaffGroup]:
    """Each staff group of a training needs analysis with figures: its target level and how many are trained."""
    groups: list[StaffGroup] = []
    for _, it in items(module, "table"):
        columns, labels = written_columns(it), it.fields.get("row_labels") or ()
        if "Trained / staff" not in columns or not labels:
            continue
        at, level_at = columns.index("Trained / staff") + 1, columns.index("Level") + 1 if "Level" in columns else 0
        levels = {c.lower(): c for c in (it.fields.get("choices") or {}).get("Level", ())}
        for r, label in enumerate(labels, start=1):
            figures = fraction(text(values, f"{module.id}.{it.id}.r{r}c{at}"))
            if figures is None:
                continue
            typed = text(values, f"{module.id}.{it.id}.r{r}c{level_at}").lower().removeprefix("trauma ").strip()
            groups.append(StaffGroup(label, levels.get(typed), *figures))
    return groups


def statement(module: TailoredModule, values: Values) -> Statement:
    """When the statement of intent was signed (its date, else a signer's date), by how many, and reviewed."""
    signed = date_answer(values, f"{module.id}.date-signed")
    signatures, dates = 0, []
    for _, it in items(module, "signatures"):
        for n in range(1, len(it.fields.get("signers") or ()) + 1):
            base = f"{module.id}.{it.id}.s{n}"
            signatures += bool(text(values, f"{base}.signature"))
            dates += [d for d in [date_answer(values, f"{base}.date")] if d]
    signed = signed or (max(dates) if dates else None)
    reviewed = date_answer(values, f"{module.id}.review-date")
    last = reviewed or signed
    due = None if last is None else a_year_on(last)
    return Statement(iso(signed), signatures, iso(reviewed), iso(due))


def a_year_on(day: dt.date) -> dt.date:
    """The same day a year later (28 February for 29 February): when a yearly review falls due."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def month_figures(module: TailoredModule, values: Values) -> dict[str, float]:
    """A monthly log's figures for the month (the 'This month' column), by measure."""
    it = item(module, "monthly-table")
    if it is None:
        return {}
    columns = written_columns(it)
    at = columns.index("This month") + 1 if "This month" in columns else 1
    figures: dict[str, float] = {}
    for r, label in enumerate(it.fields.get("row_labels") or (), start=1):
        figure = number(text(values, f"{module.id}.{it.id}.r{r}c{at}"))
        if figure is not None:
            figures[label] = figure
    return figures


def pilot_evidence(module: TailoredModule, values: Values) -> set[str]:
    """Which of the pilot's five steps these answers show were taken (docs/formats.md lists what counts)."""
    mid, shown = module.id, set()
    if mid == "stakeholder-group" and (date_answer(values, f"{mid}.tor-agreed")
                                       or date_answer(values, f"{mid}.meeting-date")):
        shown.add("stakeholder_group")
    if mid == "trauma-informed-lens" and (date_answer(values, f"{mid}.walk-date")
                                          or any(text(values, f"{mid}.{i.id}") for _, i in items(module, "rating"))):
        shown.add("lens_tool")
    if mid == "training-needs-analysis" and staff_groups(module, values):
        shown.add("tna")
    if mid == "partner-organisations" and (date_answer(values, f"{mid}.first-contact-date") or any(
            text(values, f"{mid}.more-partners.r{r}c1") for r in range(1, 61))):
        shown.add("partners")
    if mid == "statement-of-intent" and statement(module, values).signed:
        shown.add("statement_signed")
    if mid == "organisational-assessment":
        under_way = {"In progress", "Embedded"}
        for key, rating in (("stakeholder_group", "stakeholder-group"), ("lens_tool", "walkthrough-done"),
                            ("tna", "training-needs"), ("partners", "support-organisations")):
            if text(values, f"{mid}.{rating}") in under_way:
                shown.add(key)
    return shown

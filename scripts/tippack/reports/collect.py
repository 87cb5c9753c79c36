"""A home's record made from its answers, sorted into rounds: ratings, counts and dates.

The priority titles are the one piece of the home's own words a report shows, and only in
the home's own report: they are handed back beside the record, never put in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tippack.reports import extract
from tippack.reports.records import PILOT_MEASURES, Record, Round, Statement, Training
from tippack.reports.rounds import ASSESSMENT, MONTHLY, Gathered


@dataclass
class HomeReport:
    """What the home's own report shows: its record, and its priority titles round by round."""

    record: Record
    titles: dict[int, list[str]] = field(default_factory=dict)  # round -> the home's priority titles


def collect(gathered: Gathered, made: dt.date) -> HomeReport:
    """The record of one home's answers (and its priority titles, for its own report only)."""
    pack = gathered.pack
    record = Record(pack.slug, pack.pack.home.name, pack.pack.theme.primary, made.isoformat())
    report = HomeReport(record)
    module = gathered.module(ASSESSMENT)
    for d in gathered.of(ASSESSMENT):
        assert module is not None and isinstance(d.slot, int)
        values = d.answers.values
        priorities, actions, agreed, review = extract.plan_counts(module, values)
        record.rounds.append(Round(d.slot, d.day.isoformat(), d.named, extract.domains(module, values),
                                   priorities, actions, agreed, review))
        report.titles[d.slot] = extract.priority_titles(module, values)
    tna = gathered.module("training-needs-analysis")
    for d in gathered.of("training-needs-analysis"):
        assert tna is not None and isinstance(d.slot, int)
        groups = extract.staff_groups(tna, d.answers.values)
        if groups:
            record.training.append(Training(d.slot, d.day.isoformat(), groups))
    record.statement = _statement(gathered)
    log = gathered.module(MONTHLY)
    for d in gathered.of(MONTHLY):
        assert log is not None
        figures = extract.month_figures(log, d.answers.values)
        if figures:
            record.months[str(d.slot)] = figures
    record.pilot = _pilot(gathered)
    return report


def _statement(gathered: Gathered) -> Statement | None:
    """The statement of intent as its latest answers have it (an earlier signing date kept if the
    latest answers leave it out)."""
    module = gathered.module("statement-of-intent")
    answered = gathered.of("statement-of-intent")
    if module is None or not answered:
        return None
    states = [extract.statement(module, d.answers.values) for d in answered]
    latest = states[-1]
    if latest.signed is None:
        latest.signed = next((s.signed for s in reversed(states) if s.signed), None)
        latest.signatures = latest.signatures or max(s.signatures for s in states)
        if latest.due is None and latest.signed:
            latest.due = extract.a_year_on(dt.date.fromisoformat(latest.signed)).isoformat()
    return latest


def _pilot(gathered: Gathered) -> dict[str, str | None]:
    """Each of the pilot's five steps: the first date the answers show it taken, or None."""
    first: dict[str, str | None] = dict.fromkeys(PILOT_MEASURES)
    for (module_id, _), d in sorted(gathered.chosen.items(), key=lambda kv: kv[1].day):
        module = gathered.module(module_id)
        if module is None:
            continue
        for key in extract.pilot_evidence(module, d.answers.values):
            first[key] = first[key] or d.day.isoformat()
    return first

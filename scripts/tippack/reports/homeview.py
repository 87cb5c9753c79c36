"""What a home's progress report shows, worked out for its template: charts, tables and words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tippack.reports import charts, runchart, words
from tippack.reports.cohortview import score_of
from tippack.reports.collect import HomeReport
from tippack.reports.records import ACTION_STATES, PILOT_MEASURES, Domain, Record, Round


def _main_scale(rounds: list[Round]) -> list[str]:
    """The scale most of the assessment's areas use (the progress scale)."""
    scales = [tuple(d.scale) for r in rounds for d in r.domains]
    if not scales:
        return []
    common: tuple[str, ...] = max(set(scales), key=scales.count)
    return list(common)


def round_view(fonts: Path, record: Record, r: Round, titles: list[str]) -> dict[str, Any]:
    """One round's page: each area's rating against the baseline, a chart of it, the plan's counts."""
    base = record.rounds[0]
    scale = _main_scale(record.rounds)
    main = [d for d in r.domains if d.scale == scale]
    other = [d for d in r.domains if d.scale != scale]
    first = r is base
    rows = [_row(d, base.domain(d.id), first) for d in r.domains]
    then = [score_of(base, d.id) for d in main]
    now = [d.score for d in main]
    moved = [(a, b) for a, b in zip(then, now, strict=True) if a is not None and b is not None]
    rose = sum(b > a for a, b in moved)
    headline = ("The starting point: each area's rating" if first
                else f"Ratings rose in {rose} of {len(moved)} areas since the baseline")
    pairs = [f"{d.title} {words.score(a)}" + ("" if first else f" to {words.score(b)}")
             for d, a, b in zip(main, then, now, strict=True)]
    alt = (f"Dot chart of each area's rating on a scale of 0 ({scale[0]}) to {len(scale) - 1} ({scale[-1]}), "
           + (f"round 1 ({words.day(r.date)}): " if first else
              f"baseline ({words.day(base.date)}) against round {r.number} ({words.day(r.date)}): ")
           + "; ".join(pairs) + ".") if scale else ""
    chart = charts.ratings(fonts, record.colour, [d.title for d in main], then, None if first else now,
                           len(scale) - 1, scale, alt, f"round{r.number}") if main else ""
    return {"number": r.number, "date": words.day(r.date), "named": r.named, "first": first, "headline": headline,
            "chart": chart, "alt": alt, "rows": rows, "scale": scale,
            "other": [d.title for d in other], "other_scale": other[0].scale if other else [],
            "titles": titles, "actions": _actions(r), "agreed": r.plan_agreed, "review": words.day(r.review_date),
            "priorities": r.priorities}


def _row(d: Domain, base: Domain | None, first: bool) -> dict[str, str]:
    then = base.score if base else None
    return {"area": d.title, "rated": f"{len(d.levels)} of {d.statements}",
            "scale": f"0 to {d.top}", "baseline": words.score(then), "now": words.score(d.score),
            "change": "" if first else words.change(then, d.score)}


def _actions(r: Round) -> list[tuple[str, int]]:
    labels = {"done": "Done", "in progress": "In progress", "not started": "Not started",
              "not given": "Progress not written"}
    return [(labels[s], r.actions.get(s, 0)) for s in (*ACTION_STATES, "not given")
            if s != "not given" or r.actions.get(s)]


def training_view(fonts: Path, record: Record) -> dict[str, Any] | None:
    """The training needs analysis: each staff group's share trained to its level, first against latest."""
    if not record.training:
        return None
    first, last = record.training[0], record.training[-1]
    before = {g.group: g for g in first.groups}
    names = [g.group for g in last.groups]
    shares = [round(100 * g.trained / g.staff) for g in last.groups]
    notes = [f"{g.trained} of {g.staff}" for g in last.groups]
    alt = (f"Bar chart of staff trained to the level their group needs, {words.day(last.date)}: "
           + "; ".join(f"{g.group}{' (' + g.level + ')' if g.level else ''} {g.trained} of {g.staff}"
                       for g in last.groups) + ".")
    rows = [{"group": g.group, "level": g.level or "–",
             "before": f"{before[g.group].trained} of {before[g.group].staff}"
             if g.group in before and last is not first else "–",
             "now": f"{g.trained} of {g.staff}"} for g in last.groups]
    trained, staff = sum(g.trained for g in last.groups), sum(g.staff for g in last.groups)
    return {"chart": charts.bars(fonts, record.colour, names, shares, notes, alt, "training"), "alt": alt,
            "rows": rows, "first": words.day(first.date), "last": words.day(last.date), "compared": last is not first,
            "headline": f"{trained} of {staff} staff trained to the level their group needs"}


def measure_views(fonts: Path, record: Record) -> list[dict[str, Any]]:
    """A run chart of each monthly measure with figures, with what it may and may not be read for."""
    months = sorted(record.months)
    names: list[str] = []
    for key in months:
        names += [n for n in record.months[key] if n not in names]
    views = []
    for i, name in enumerate(names):
        shown = [m for m in months if name in record.months[m]]
        values = [record.months[m][name] for m in shown]
        reading = runchart.read(values)
        signals = sorted({j for a, b in reading.shifts + reading.trends for j in range(a, b + 1)})
        alt = (f"Run chart of {name.lower()}, {words.count(len(values), 'month')} from {words.month(shown[0])}"
               f" to {words.month(shown[-1])}: " + ", ".join(words.figure(v) for v in values)
               + (f"; median {words.figure(reading.median)}" if reading.median is not None else "")
               + (f"; {words.count(len(reading.shifts), 'shift')}" if reading.shifts else "")
               + (f"; {words.count(len(reading.trends), 'trend')}" if reading.trends else "") + ".")
        views.append({"name": name, "alt": alt, "months": [(words.short_month(m), words.figure(record.months[m][name]))
                                                           for m in shown],
                      "chart": charts.run(fonts, record.colour, shown, values, reading.median, signals, alt,
                                          f"measure{i + 1}"),
                      "headline": _headline(reading), "enough": reading.enough,
                      "baseline": reading.baseline_points})
    return views


def _headline(reading: runchart.Reading) -> str:
    if not reading.enough:
        return (f"{words.count(reading.points, 'month')} so far: too soon for a median line"
                f" (it needs {runchart.MIN_POINTS})")
    found = [words.count(len(reading.shifts), "shift")] if reading.shifts else []
    found += [words.count(len(reading.trends), "trend")] if reading.trends else []
    return ("Signals of change: " + words.listing(found)) if found else "No shift or trend so far"


def home_view(fonts: Path, report: HomeReport) -> dict[str, Any]:
    """Everything the home's report template shows."""
    record = report.record
    statement = record.statement
    return {
        "home": record.home, "colour": charts.brand(record.colour), "made": words.day(record.made),
        "rounds": [round_view(fonts, record, r, report.titles.get(r.number, [])) for r in record.rounds],
        "reviewed": len(record.rounds) > 1,
        "pilot": [(label, words.day(record.pilot.get(key))) for key, label in PILOT_MEASURES.items()],
        "statement": None if statement is None else {
            "signed": words.day(statement.signed), "signatures": statement.signatures,
            "reviewed": words.day(statement.reviewed), "due": words.day(statement.due)},
        "training": training_view(fonts, record),
        "measures": measure_views(fonts, record),
        "rules": runchart.RULES, "min_points": runchart.MIN_POINTS,
    }

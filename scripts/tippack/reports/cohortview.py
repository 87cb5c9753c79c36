"""What a cohort report shows, worked out for its template from the homes' records alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tippack.reports import charts, words
from tippack.reports.disclosure import HELD, Rules
from tippack.reports.records import ACTION_STATES, PILOT_MEASURES, Record, Round

NEUTRAL = "#2e5a7a"  # the cohort's own colour, and every home's when names are held back


def _scale(records: list[Record]) -> list[str]:
    scales = [tuple(d.scale) for r in records for rd in r.rounds for d in rd.domains]
    if not scales:
        return []
    common: tuple[str, ...] = max(set(scales), key=scales.count)
    return list(common)


def _areas(records: list[Record], scale: list[str]) -> list[tuple[str, str]]:
    """Every area on the main scale, in the order the records have them (id, title)."""
    seen: dict[str, str] = {}
    for r in records:
        for rd in r.rounds:
            for d in rd.domains:
                if d.scale == scale:
                    seen.setdefault(d.id, d.title)
    return list(seen.items())


def score_of(rd: Round, area_id: str) -> float | None:
    """A round's rating of one area, if it has one."""
    domain = rd.domain(area_id)
    return domain.score if domain else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def coverage(records: list[Record | None], rules: Rules) -> list[dict[str, str]]:
    """How many homes have answers for each round."""
    n = len(records)
    most = max((rd.number for r in records if r for rd in r.rounds), default=0)
    having = [sum(1 for r in records if r and any(rd.number == k for rd in r.rounds)) for k in range(1, most + 1)]
    return [{"round": str(k), "homes": rules.count(h, n, "How many homes have each round")}
            for k, h in enumerate(having, start=1)]


def pilot(records: list[Record | None], rules: Rules) -> list[dict[str, str]]:
    """The pilot's five steps: how many homes' answers show each."""
    n = len(records)
    return [{"step": label, "homes": rules.count(sum(1 for r in records if r and r.pilot.get(key)), n,
                                                 "The pilot's steps, homes by homes")}
            for key, label in PILOT_MEASURES.items()]


def changes(fonts: Path, records: list[Record], rules: Rules, scale: list[str], total: int) -> dict[str, Any]:
    """Each area's rating change over the homes with a later round: how many rose, stayed, fell,
    and the group's average baseline and latest, with a chart when none is held back. When how
    many homes have a later round is held back, so are the counts that would give it away."""
    compared = [r for r in records if r.latest is not None]
    hidden = rules.count(len(compared), total, "How many homes have each round") == HELD
    rows, then, now = [], [], []
    for area_id, title in _areas(records, scale):
        pairs = []
        for r in compared:
            a, b = r.rounds[0].domain(area_id), r.rounds[-1].domain(area_id)
            if a and b and a.score is not None and b.score is not None:
                pairs.append((a.score, b.score))
        k = len(pairs)
        before, after = _mean([a for a, _ in pairs]), _mean([b for _, b in pairs])
        if hidden:
            rules.hold("Rating changes, area by area", "they would show how many homes have a later round")
        rows.append({"area": title, "homes": HELD if hidden else str(k),
                     "rose": rules.count(sum(b > a for a, b in pairs), k, "Rating changes, area by area"),
                     "same": rules.count(sum(b == a for a, b in pairs), k, "Rating changes, area by area"),
                     "fell": rules.count(sum(b < a for a, b in pairs), k, "Rating changes, area by area"),
                     "before": rules.average(words.score(before), k, "Group averages of the ratings"),
                     "after": rules.average(words.score(after), k, "Group averages of the ratings")})
        if hidden:
            rows[-1].update(rose=HELD, same=HELD, fell=HELD)
        then.append(before)
        now.append(after)
    shown = rows and all(row["before"] != HELD for row in rows) and any(v is not None for v in then)
    alt = ("Dot chart of the group's average rating in each area, baseline against the latest round, over the"
           f" homes with both, on a scale of 0 ({scale[0]}) to {len(scale) - 1} ({scale[-1]}): "
           + "; ".join(f"{row['area']} {row['before']} to {row['after']}" for row in rows) + ".") if shown else ""
    chart = charts.ratings(fonts, NEUTRAL, [row["area"] for row in rows], then, now, len(scale) - 1, scale, alt,
                           "group") if shown else ""
    return {"rows": rows, "chart": chart, "alt": alt, "compared": HELD if hidden else str(len(compared))}


def home_row(fonts: Path, index: int, name: str, record: Record | None, rules: Rules, scale: list[str],
             areas: list[tuple[str, str]]) -> dict[str, Any]:
    """One home's row: its status, steps, statement, actions and ratings, and a small chart."""
    label = f"Home {index}" if rules.on else name
    if record is None or not record.rounds:
        return {"label": label, "status": "No answers yet", "chart": "", "alt": "", "steps": "–", "signed": "–",
                "actions": ["–"], "average": "–"}
    colour = NEUTRAL if rules.on else record.colour
    base, last = record.rounds[0], record.latest
    status = "Not yet reviewed" if last is None else f"Reviewed: {words.count(len(record.rounds), 'round')}"
    dates = words.short_day(base.date) + (f" to {words.short_day(last.date)}" if last else "")
    when = "" if rules.on else f" ({dates})"
    then = [score_of(base, a) for a, _ in areas]
    now = [score_of(last, a) for a, _ in areas] if last else None
    figures = [f"{t} {words.score(a)}" + (f" to {words.score(b)}" if now else "")
               for (_, t), a, b in zip(areas, then, now or then, strict=True)]
    alt = (f"Small dot chart of {label}'s ratings by area, 0 to {len(scale) - 1}, "
           + ("baseline against latest" if now else "baseline only") + ": " + "; ".join(figures) + ".")
    steps = sum(1 for key in PILOT_MEASURES if record.pilot.get(key))
    latest = last or base
    signed = record.statement.signed if record.statement else None
    return {"label": label, "status": status + when, "alt": alt,
            "chart": charts.ratings(fonts, colour, [t for _, t in areas], then, now, len(scale) - 1, scale, alt,
                                    f"home{index}", small=True),
            "steps": f"{steps} of {len(PILOT_MEASURES)}",
            "signed": ("Yes" if rules.on else f"Yes, {words.short_day(signed)}") if signed else "Not yet",
            "actions": [f"{s.capitalize()}: {latest.actions.get(s, 0)}" for s in ACTION_STATES],
            "average": words.score(_mean([v for v in then if v is not None]))
            + (f" to {words.score(_mean([v for v in now if v is not None]))}" if now else "")}


def cohort_view(fonts: Path, tag: str, records: list[tuple[str, Record | None]], rules: Rules) -> dict[str, Any]:
    """Everything the cohort template shows (the rules note what they hold back as they go)."""
    n = len(records)
    view: dict[str, Any] = {"homes_total": n, "colour": NEUTRAL, "group": rules.group_allowed(n)}
    if view["group"]:
        present = [r for _, r in records if r is not None]
        scale = _scale(present)
        areas = _areas(present, scale)
        view.update(coverage=coverage([r for _, r in records], rules), pilot=pilot([r for _, r in records], rules),
                    changes=changes(fonts, present, rules, scale, n) if scale else None, scale=scale,
                    rows=[home_row(fonts, i, name, r, rules, scale, areas) for i, (name, r) in
                          enumerate(records, start=1)] if rules.rows_allowed(n) and scale else [])
    if rules.on:
        rules.hold("Monthly figures", "they are small counts about residents: no cohort report includes them")
    view["held"] = rules.listed()
    return view

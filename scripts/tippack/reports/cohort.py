"""``tippack progress --cohort TAG``: every home with a tag in one report for the facilitator.

It reads the records the homes' own reports keep (build/SLUG/progress/record.json), never
an answers file, so it holds ratings, counts and dates only: no priority titles, notes, names
or signatures. It writes build/cohorts/TAG/ (or TAG-anonymised/ with ``--anonymise``, which
applies the rules in ``disclosure``). A home with one round is "not yet reviewed"; a home
with no record yet is "no answers yet": neither is counted as no progress.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from pathlib import Path

from tippack.outputs.progress.folder import COHORTS, FOLDER
from tippack.planning.plan import gather
from tippack.reading.problems import Problem
from tippack.reading.project import Project
from tippack.reading.suggest import did_you_mean
from tippack.reports.cohortview import cohort_view
from tippack.reports.disclosure import Rules
from tippack.reports.home import ReportResult
from tippack.reports.records import Record, read_record
from tippack.reports.writing import fonts_folder, page, write_report


def cohort_folder(out: Path, tag: str, anonymise: bool) -> Path:
    """Where a cohort's report goes: build/cohorts/TAG/ (TAG-anonymised/ for the anonymised one)."""
    return out / COHORTS / (f"{tag}-anonymised" if anonymise else tag)


def members(project: Project, tag: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The packs with the tag (slug, home name), in slug order; an error naming the tags there are
    when none has it."""
    plan = gather(project, (), unchanged=lambda slug, inputs: True)  # validated, not tailored
    if plan.errors:
        return [], plan.problems
    found = [(p.slug, p.model.home.name) for p in plan.loaded if tag in p.model.all_tags()]
    if not found:
        tags = sorted({t for p in plan.loaded for t in p.model.all_tags()})
        hint = did_you_mean(tag, tags) or (f" (the packs' tags: {', '.join(tags)})" if tags else "")
        return [], [Problem("packs", 1, 1, f"no pack has the tag '{tag}'{hint}")]
    return sorted(found), []


def _order(record: Record | None) -> tuple[float, float, float, float, str]:
    """A row's place when names are held back: by its figures (rounds, latest average rating,
    pilot steps), highest first, never by name or slug (ties in an order no one can read back)."""
    if record is None or not record.rounds:
        return (1.0, 0.0, 0.0, 0.0, "")
    last = record.rounds[-1]
    scores = [d.score for d in last.domains if d.score is not None and d.top == 3]
    average = sum(scores) / len(scores) if scores else 0.0
    return (0.0, -len(record.rounds), -average, -sum(1 for v in record.pilot.values() if v),
            hashlib.sha256(record.to_json().encode()).hexdigest())


def progress_cohort(project: Project, tag: str, out: Path, anonymise: bool, today: dt.date | None = None,
                    lock: contextlib.AbstractContextManager[object] | None = None,
                    ) -> tuple[ReportResult | None, list[Problem]]:
    """Write the cohort report of every home with ``tag`` from their progress records."""
    today = today or dt.date.today()
    homes, problems = members(project, tag)
    if not homes:
        return None, problems
    records: list[tuple[str, Record | None]] = []
    for slug, name in homes:
        record = read_record(out / slug / FOLDER)
        if record is None and (out / slug / FOLDER / "record.json").exists():
            problems.append(Problem(str(out / slug / FOLDER / "record.json"), 1, 1, "left out: this progress"
                                    " record is damaged or from another version; run tippack progress for"
                                    f" '{slug}' again", "warning"))
        records.append((name, record))
    if anonymise:
        records.sort(key=lambda pair: _order(pair[1]))
    rules = Rules(anonymise)
    view = cohort_view(fonts_folder(project), tag, records, rules)
    title = f"Progress of the '{tag}' group" + (" (anonymised)" if anonymise else "")
    html = page(project, "cohort.html", {**view, "made": f"{today.day} {today:%B %Y}", "made_iso": today.isoformat(),
                                         "running": title, "anonymised": anonymise, "tag": tag})
    folder = cohort_folder(out, tag, anonymise)
    with lock or contextlib.nullcontext():
        written, warnings = write_report(project, folder, html, f"{folder.name}-progress.pdf", title, {})
    return ReportResult(written, [f"weasyprint: {w}" for w in warnings]), problems

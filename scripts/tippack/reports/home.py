"""``tippack progress SLUG ANSWERS...``: one home's progress report in build/SLUG/progress/.

The folder holds ``index.html`` (the page), ``SLUG-progress.pdf`` (the same page printed),
``assets/`` (its fonts and style sheet) and ``record.json`` (ratings, counts and dates, which
the cohort report reads). Nothing is written when the pack or an answers file has an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tippack.outputs.progress.folder import FOLDER
from tippack.planning.plan import gather
from tippack.reading.problems import Problem
from tippack.reading.project import Project
from tippack.reports.collect import collect
from tippack.reports.homeview import home_view
from tippack.reports.records import RECORD
from tippack.reports.rounds import REPORTED, read_home
from tippack.reports.writing import fonts_folder, page, write_report


def pdf_name(slug: str) -> str:
    """The home's progress PDF, in build/SLUG/progress/."""
    return f"{slug}-progress.pdf"


@dataclass
class ReportResult:
    """What a report wrote and the warnings on the way."""

    written: list[Path]
    warnings: list[str]


def progress_home(project: Project, slug: str, paths: list[Path], out: Path, today: dt.date | None = None,
                  lock: contextlib.AbstractContextManager[object] | None = None,
                  ) -> tuple[ReportResult | None, list[Problem]]:
    """Read a home's answers files and write its progress report into OUT/SLUG/progress/."""
    today = today or dt.date.today()
    plan = gather(project, (slug,))
    if plan.errors or not plan.packs:
        return None, plan.problems
    gathered = read_home(project, plan.packs[0].tailored, paths, today)
    problems = gathered.problems
    if not gathered.chosen and not any(p.severity == "error" for p in problems):
        parts = ", ".join(f"'{m}'" for m in REPORTED)
        problems.append(Problem(", ".join(str(p) for p in paths), 1, 1, "nothing to report: no answers here are"
                                f" for a part of '{slug}' the report reads ({parts})"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    report = collect(gathered, today)
    home = report.record.home
    view = home_view(fonts_folder(project), report)
    html = page(project, "home.html", {**view, "made_iso": today.isoformat(), "running": f"{home}: progress"})
    with lock or contextlib.nullcontext():
        written, warnings = write_report(project, out / slug / FOLDER, html, pdf_name(slug),
                                         f"Progress report: {home}", {RECORD: report.record.to_json()})
    return ReportResult(written, [f"weasyprint: {w}" for w in warnings]), problems

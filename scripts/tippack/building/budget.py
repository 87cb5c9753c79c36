"""The booklet's page budget: ``build`` warns when a booklet passes it, and ``check`` says it
again from the last build's count, so the warning is not lost once the build scrolls away."""

from __future__ import annotations

from pathlib import Path

from tippack.building.overview import record
from tippack.outputs.printed.booklet import over_budget
from tippack.reading.library import LoadedPack
from tippack.reading.problems import Problem


def budget_warnings(loaded: list[LoadedPack], out: Path) -> list[Problem]:
    """A warning at each pack whose last build in ``out`` made a booklet over its page budget."""
    problems = []
    for pack in loaded:
        built = record(out, pack.slug) or {}
        pages, budget = built.get("booklet_pages"), pack.model.print.booklet_pages
        if isinstance(pages, int) and pages > budget:
            message = "last build: " + over_budget(pages, budget).replace(" (print.booklet_pages)", "")
            problems.append(pack.doc.problem(("print", "booklet_pages"), message, severity="warning"))
    return problems

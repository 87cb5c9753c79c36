"""Pages laid out per home, before and after the booklet: for scripts/bench.py ("pages").

Before: the whole pack as one document (pack.html, the print document every module and its
worked examples were laid out in). After: what a build lays out now, from its record: the
booklet, the tools volume and the poster (the module PDFs and the complete PDF are written
from those pages, never laid out again). Both are projected to 1,020 homes.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages_laid_out(project_root: Path, out: Path, slugs: list[str], homes: int) -> dict[str, float]:
    """Mean pages laid out per home before and after, and each projected to ``homes`` homes."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from tippack.building.builder import renderer_for
    from tippack.outputs.printed.names import pdf_date
    from tippack.outputs.printed.printer import Printer, quiet_layout
    from tippack.planning.plan import gather
    from tippack.reading.project import Project

    project = Project(project_root)
    plan = gather(project, tuple(slugs))
    renderer, printer = renderer_for(project), Printer(project)
    before, after = [], []
    for pack in plan.packs:
        modules = [renderer.module(m) for m in pack.tailored.modules]
        html = printer.html(pack.tailored, modules, [t for _, _, t in pack.pages], renderer, pdf_date(0), "x")
        with quiet_layout():
            before.append(len(printer.layout(html, pack.tailored.pack.print.fillable).pages))
        record = json.loads((out / pack.slug / ".tippack.json").read_text(encoding="utf-8"))
        after.append(record["booklet_pages"] + record["tools_pages"] + record.get("poster_pages", 0))
    mean_before, mean_after = statistics.mean(before), statistics.mean(after)
    return {"pages_homes": len(before), "pages_before": mean_before, "pages_after": mean_after,
            "pages_before_1020": mean_before * homes, "pages_after_1020": mean_after * homes}

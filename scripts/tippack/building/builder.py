"""Build one pack, in a worker, into a fresh staging folder: every output it asks for.

The renderer and printer are made once per worker and reused for every pack it builds
(fonts, templates, Markdown cache). Outputs of formats not asked for this time are carried
over from the pack's last good build. Nothing here touches the published folder.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tippack.outputs.base import PackBuild
from tippack.outputs.printed.libraries import load_weasyprint
from tippack.outputs.printed.names import date_text
from tippack.outputs.printed.printer import Printer
from tippack.outputs.registry import OUTPUTS
from tippack.outputs.site import engine
from tippack.outputs.site.engine import project_config
from tippack.planning.plan import PackPlan
from tippack.reading.project import Project
from tippack.rendering.render import Renderer

_WORKERS: dict[Path, tuple[Renderer, Printer]] = {}


@dataclass
class BuildJob:
    """What a worker needs to build one pack."""

    root: Path
    plan: PackPlan
    workdir: Path
    formats: frozenset[str]
    epoch: int
    fingerprints: dict[str, str]  # by format: what the outputs built now are made from
    previous: Path | None = None  # the pack's last good build, for outputs not built now


@dataclass
class BuildResult:
    """What happened to one pack."""

    slug: str
    ok: bool
    seconds: float = 0.0
    pages: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what this machine lacks: said once, never a failure


def renderer_for(project: Project) -> Renderer:
    """A renderer that converts Markdown with the site's own extensions, as mkdocs.yml sets them."""
    config = project_config(project.mkdocs_yml)
    return Renderer(project.overrides, config.extensions, config.extension_configs)


def tools(root: Path) -> tuple[Renderer, Printer]:
    """This process's renderer and printer for a project, made once and kept (fonts, templates, caches)."""
    if root not in _WORKERS:
        project = Project(root)
        _WORKERS[root] = (renderer_for(project), Printer(project))
    return _WORKERS[root]


def warm_up(root: Path) -> None:
    """Import MkDocs and WeasyPrint and load templates once per worker process."""
    load_weasyprint()

    engine.warm_up()

    tools(root)


def build_pack(job: BuildJob) -> BuildResult:
    """Build one pack into ``job.workdir``; never touches the published output."""
    started = time.perf_counter()
    slug = job.plan.slug
    try:
        result = _build(job)
    except Exception as exc:  # noqa: BLE001 - reported per pack, the others go on
        return BuildResult(slug, False, time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}")
    result.seconds = time.perf_counter() - started
    return result


def _build(job: BuildJob) -> BuildResult:
    renderer, printer = tools(job.root)
    plan = job.plan
    job.workdir.mkdir(parents=True)
    previous = _record(job.previous)
    kept = [f for f in previous.get("fingerprints", {}) if f not in job.formats]
    carried = OUTPUTS.carry_over(job.previous, job.workdir, kept, plan.slug)
    build = PackBuild(Project(job.root), plan, job.workdir, renderer, printer,
                      [renderer.module(m) for m in plan.tailored.modules], job.epoch, job.formats, OUTPUTS,
                      job.previous, previous)
    for cls in OUTPUTS:
        made = cls()
        if made.wanted(build):
            made.build(build)
    if "pdf" not in job.formats and "pdf" in carried:  # page ranges come with the PDF they describe
        build.pages, build.ranges = previous.get("pages", 0), {m["id"]: tuple(m["pages"])
                                                               for m in previous.get("modules", [])}
        build.record.update({key: previous[key] for key in PRINTED_KEYS if key in previous})
    fingerprints = {**{f: previous["fingerprints"][f] for f in carried}, **job.fingerprints}
    _write_record(build, fingerprints)
    return BuildResult(plan.slug, True, pages=build.pages, warnings=build.warnings, notes=sorted(printer.notes))


# What the printed outputs add to the build record (the two volumes' pages, the booklet's nearly
# empty pages, each module's pages in each volume), kept with the PDFs they describe.
PRINTED_KEYS = ("booklet_pages", "tools_pages", "booklet_fill", "parts", "poster_pages")


def _record(folder: Path | None) -> dict[str, Any]:
    try:
        return json.loads((folder / ".tippack.json").read_text(encoding="utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}


def _write_record(build: PackBuild, fingerprints: dict[str, str]) -> None:
    """build/SLUG/.tippack.json: what the overview lists and what decides the next rebuild."""
    pack = build.plan.tailored
    meta = {
        "slug": build.slug,
        "home": pack.pack.home.name,
        "modules": [{"id": m.id, "title": m.title, "kind": m.kind, "pages": list(build.ranges.get(m.id, (0, 0)))}
                    for m in build.modules],
        "pages": build.pages,
        "version": pack.version,
        "built": date_text(build.epoch),
        "epoch": build.epoch,
        "formats": sorted(fingerprints),
        "fingerprints": fingerprints,
        "earlier": sorted(p.name for p in build.path("versions").glob("*.pdf")),
        **build.record,
    }
    build.path(".tippack.json").write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")

"""Decide what to build, build it (in parallel), and swap results in atomically.

Each pack is built in a temporary folder and replaces its published folder only
when the whole build succeeded; a failure leaves the last good build in place.
The overview ``index.html`` is rewritten from every pack's build record.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .builder import BuildJob, BuildResult, build_pack, warm_up
from .fingerprint import newest_mtime, pack_digest
from .pipeline import Plan
from .project import Project

Report = Callable[[str, str, BuildResult | None, int, int], None]  # event, slug, result, done, total


@dataclass
class Summary:
    """How a build went, pack by pack."""

    built: list[BuildResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[BuildResult] = field(default_factory=list)
    seconds: float = 0.0


def build_epoch(root: Path, inputs: list[Path]) -> int:
    """The build date: SOURCE_DATE_EPOCH when set, else the newest input's time."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return int(value)
    return newest_mtime(root, inputs)


def record(out: Path, slug: str) -> dict | None:
    """The build record of a published pack, if there is one."""
    path = out / slug / ".tippack.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_unchanged(root: Path, out: Path, formats: str) -> Callable[[str, list[Path]], bool]:
    """A test for ``gather``: is this pack's published build made from exactly these inputs?"""

    def unchanged(slug: str, inputs: list[Path]) -> bool:
        previous = record(out, slug)
        if not previous:
            return False
        try:
            return previous.get("fingerprint") == pack_digest(root, inputs, formats)
        except OSError:
            return False

    return unchanged


def publish(plan: Plan, out: Path, jobs: int, formats: str, force: bool, report: Report) -> Summary:
    """Build every pack in the plan that changed; swap each in when it succeeds."""
    started = time.perf_counter()
    root = plan.project.root
    summary = Summary(skipped=list(plan.unchanged))
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".staging"
    staging.mkdir(exist_ok=True)
    pending: list[BuildJob] = []
    for pack in plan.packs:
        try:
            fingerprint = pack_digest(root, pack.inputs, formats)
            epoch = build_epoch(root, pack.inputs)
        except OSError as exc:  # an input vanished after checking: this pack fails, the others go on
            failed = BuildResult(pack.slug, False, error=f"{type(exc).__name__}: {exc}")
            summary.failed.append(failed)
            report("done", pack.slug, failed, 0, 0)
            continue
        previous = record(out, pack.slug)
        if not force and previous and previous.get("fingerprint") == fingerprint:
            summary.skipped.append(pack.slug)
            continue
        workdir = staging / f"{pack.slug}-{uuid.uuid4().hex[:8]}"
        pending.append(BuildJob(root, pack, workdir, formats, epoch, fingerprint))
    total = len(pending)
    for done, result in enumerate(_run(pending, jobs, root, report), start=1):
        job = next(j for j in pending if j.plan.slug == result.slug)
        if result.ok:
            _swap(job.workdir, out / result.slug)
            summary.built.append(result)
        else:
            shutil.rmtree(job.workdir, ignore_errors=True)
            summary.failed.append(result)
        report("done", result.slug, result, done, total)
    shutil.rmtree(staging, ignore_errors=True)
    write_overview(plan.project, out)
    summary.seconds = time.perf_counter() - started
    return summary


def _run(jobs_list: list[BuildJob], jobs: int, root: Path, report: Report):
    if not jobs_list:
        return
    total = len(jobs_list)
    if jobs <= 1 or total == 1:
        for job in jobs_list:
            report("start", job.plan.slug, None, 0, total)
            yield build_pack(job)
        return
    warm_up(root)  # forked workers inherit the imports and templates
    context = multiprocessing.get_context("fork")
    workers = min(jobs, total)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=warm_up, initargs=(root,)
    ) as pool:
        futures = [pool.submit(build_pack, job) for job in jobs_list]
        # The pool takes jobs in order: the first ones start now, then one as each finishes.
        for job in jobs_list[:workers]:
            report("start", job.plan.slug, None, 0, total)
        waiting = iter(jobs_list[workers:])
        for future in as_completed(futures):
            yield future.result()
            following = next(waiting, None)
            if following is not None:
                report("start", following.plan.slug, None, 0, total)


def _swap(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new`` so readers see the old or the new build, never half."""
    old = target.with_name(f".old-{target.name}-{uuid.uuid4().hex[:8]}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_overview(project: Project, out: Path) -> None:
    """build/index.html: every published pack, its home, modules, pages, build date and links."""
    packs = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = record(out, folder.name)
        if meta is None:
            continue
        slug = meta["slug"]
        meta["links"] = {
            "site": f"{slug}/site/index.html" if (folder / "site" / "index.html").exists() else None,
            "pdf": f"{slug}/{slug}-implementation-pack.pdf"
            if (folder / f"{slug}-implementation-pack.pdf").exists()
            else None,
            "zip": f"{slug}/{slug}-pack.zip" if (folder / f"{slug}-pack.zip").exists() else None,
        }
        packs.append(meta)
    env = Environment(
        loader=FileSystemLoader(project.overrides / "publish"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    html = env.get_template("index.html").render(packs=packs)
    tmp = out / ".index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out / "index.html")

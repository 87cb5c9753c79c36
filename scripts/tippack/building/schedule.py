"""Decide what to build, build it (in parallel), and swap results in atomically.

Each pack is built in a staging folder and replaces its published folder only when
the whole build succeeded; a failure or an interruption leaves the last good build in
place. The overview ``index.html`` is rewritten from every pack's build record.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tippack.building.builder import BuildJob, BuildResult, build_pack, warm_up
from tippack.building.fingerprint import newest_mtime, pack_digest
from tippack.building.output_folder import clear_debris, locked, staging_folder, swap_in
from tippack.building.overview import note_status, record, write_overview
from tippack.building.workers import WorkerPool
from tippack.outputs.registry import OUTPUTS
from tippack.planning.plan import BuildPlan, pack_inputs
from tippack.reading.project import Project

Report = Callable[[str, str, BuildResult | None, int, int], None]  # event, slug, result, done, total


@dataclass
class Summary:
    """How a build went, pack by pack."""

    built: list[BuildResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[BuildResult] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # refused for invalid content: not built, last good kept
    seconds: float = 0.0


def build_epoch(root: Path, inputs: list[Path]) -> int:
    """The build date: SOURCE_DATE_EPOCH when set, else the newest input's time."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return int(value)
    return newest_mtime(root, inputs)


def fingerprints(root: Path, inputs: list[Path], formats: frozenset[str],
                 previous: dict[str, Any] | None = None) -> dict[str, str]:
    """What each format asked for would be made from, by format.

    The site links the printable and editable copies built beside it (asked for now, or
    kept from the last build), so which of them there are is part of what it is made from:
    a site built before the Word copies is built again once they are there, to link them.
    """
    beside = sorted((set(formats) | set((previous or {}).get("fingerprints") or {})) & OUTPUTS.linked_formats())
    return {name: pack_digest(root, inputs, f"{name}+{','.join(beside)}" if name == "site" else name)
            for name in sorted(formats)}


def up_to_date(previous: dict[str, Any] | None, wanted: dict[str, str]) -> bool:
    """Whether a published build already has every format asked for, made from these inputs."""
    made = (previous or {}).get("fingerprints") or {}
    return bool(wanted) and all(made.get(name) == digest for name, digest in wanted.items())


def is_unchanged(root: Path, out: Path, formats: frozenset[str]) -> Callable[[str, list[Path]], bool]:
    """A test for ``gather``: is this pack's published build made from exactly these inputs?"""

    def unchanged(slug: str, inputs: list[Path]) -> bool:
        try:
            previous = record(out, slug)
            return up_to_date(previous, fingerprints(root, inputs, formats, previous))
        except OSError:
            return False

    return unchanged


class BuildInterrupted(Exception):  # noqa: N818 - it is what happened, not a programming error
    """Ctrl-C or SIGTERM during a build: what was built before it, and the exit status to use."""

    def __init__(self, summary: Summary, exit_code: int, not_built: list[str]) -> None:
        super().__init__(f"interrupted (exit {exit_code})")
        self.summary = summary
        self.exit_code = exit_code
        self.not_built = not_built


class _Terminated(BaseException):
    """Raised in the main thread when SIGTERM arrives during a build."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def build_packs(plan: BuildPlan, out: Path, jobs: int, formats: frozenset[str], force: bool, report: Report, *,
            prune: bool = False, waiting: Callable[[str], None] | None = None) -> Summary:
    """Build every pack in the plan that changed; swap each in when it succeeds.

    One build at a time per output folder (a second one waits). ``prune`` (a build of every
    pack) also removes the output of packs whose pack file is gone. Ctrl-C or SIGTERM stops
    the workers, removes unfinished work and raises ``BuildInterrupted``; every pack swapped
    in before it stays, and every other pack keeps its last good build.
    """
    started = time.perf_counter()
    summary = Summary(skipped=list(plan.unchanged), invalid=list(plan.invalid))
    main_thread = threading.current_thread() is threading.main_thread()  # serve rebuilds in a thread
    previous_handler = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    pending: list[BuildJob] = []
    try:
        with locked(out, waiting or (lambda message: None)):
            clear_debris(out)
            try:
                pending = _jobs(plan, out, formats, force, summary, report)
                for job, result in _run(pending, jobs, plan.project.root, report, summary):
                    if result.ok:
                        swap_in(job.workdir, out / result.slug)
                        summary.built.append(result)
                    else:
                        shutil.rmtree(job.workdir, ignore_errors=True)
                        summary.failed.append(result)
                if prune:
                    summary.removed = remove_gone(plan.project, out)
            except (KeyboardInterrupt, _Terminated) as exc:
                finished = {r.slug for r in summary.built + summary.failed}
                not_built = [j.plan.slug for j in pending if j.plan.slug not in finished]
                clear_debris(out)
                write_overview(plan.project, out)
                summary.seconds = time.perf_counter() - started
                raise BuildInterrupted(summary, 143 if isinstance(exc, _Terminated) else 130, not_built) from None
            clear_debris(out)
            note_status(out, staleness(plan, out))
            write_overview(plan.project, out)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous_handler)
    summary.seconds = time.perf_counter() - started
    return summary


def _jobs(plan: BuildPlan, out: Path, formats: frozenset[str], force: bool, summary: Summary,
          report: Report) -> list[BuildJob]:
    """A job for each pack whose inputs changed since its published build (all with ``force``)."""
    root = plan.project.root
    pending: list[BuildJob] = []
    for pack in plan.packs:
        previous = record(out, pack.slug)
        try:
            wanted = fingerprints(root, pack.inputs, formats, previous)
            epoch = build_epoch(root, pack.inputs)
        except OSError as exc:  # an input vanished after checking: this pack fails, the others go on
            failed = BuildResult(pack.slug, False, error=f"{type(exc).__name__}: {exc}")
            summary.failed.append(failed)
            report("done", pack.slug, failed, 0, 0)
            continue
        if not force and up_to_date(previous, wanted):
            summary.skipped.append(pack.slug)  # built meanwhile by another build into this folder
            continue
        published = out / pack.slug
        pending.append(BuildJob(root, pack, staging_folder(out, pack.slug), formats, epoch, wanted,
                                published if published.is_dir() else None))
    return pending


def _died(job: BuildJob, exit_code: int | None) -> BuildResult:
    how = f"killed by signal {-exit_code}" if exit_code is not None and exit_code < 0 else f"exit {exit_code}"
    hint = " (out of memory?)" if exit_code == -9 else ""
    return BuildResult(job.plan.slug, False, error=f"the worker building it stopped ({how}){hint}")


def _run(pending: list[BuildJob], jobs: int, root: Path, report: Report,
         summary: Summary) -> Iterator[tuple[BuildJob, BuildResult]]:
    """Build the jobs, one in this process, more in forked workers (a worker that has grown
    large is replaced, so memory stays that of one pack however many are built); yield each
    as it finishes."""
    total = len(pending)
    done = 0
    if not pending:
        return
    if total == 1:
        for job in pending:
            report("start", job.plan.slug, None, done, total)
            result = build_pack(job)
            done += 1
            yield job, result
            report("done", result.slug, result, done, total)
        return
    warm_up(root)  # forked workers inherit the imports and templates
    pool = WorkerPool(min(jobs, total), lambda: None, build_pack, _died)
    try:
        for job, result in pool.run(pending, lambda j: report("start", j.plan.slug, None, 0, total)):
            done += 1
            yield job, result
            report("done", result.slug, result, done, total)
    finally:
        pool.stop()


def staleness(plan: BuildPlan, out: Path) -> dict[str, str | None]:
    """For each pack in the plan with a published build: why it no longer matches its inputs
    (None when it does), for the overview."""
    notes: dict[str, str | None] = {}
    root = plan.project.root
    for slug in plan.invalid:
        if (out / slug).is_dir():
            notes[slug] = "its content has errors (run tippack check), so this is its last good build"
    for loaded in plan.loaded:
        made = (record(out, loaded.slug) or {}).get("fingerprints") or {}
        if not made:
            continue
        try:
            current = fingerprints(root, pack_inputs(plan.project, loaded, plan.library), frozenset(made))
        except OSError:
            continue
        behind = [OUTPUTS.words(name) for name in sorted(made) if made[name] != current.get(name)]
        notes[loaded.slug] = (f"{' and '.join(behind)} {'was' if len(behind) == 1 else 'were'} made before the"
                              " latest changes to its pack or modules; build it again") if behind else None
    return notes


def remove_gone(project: Project, out: Path) -> list[str]:
    """Remove the published output of packs whose pack file no longer exists; their slugs."""
    present = set(project.pack_files())
    removed = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = record(out, folder.name)
        if meta is not None and folder.name not in present:
            shutil.rmtree(folder)
            removed.append(folder.name)
    return removed

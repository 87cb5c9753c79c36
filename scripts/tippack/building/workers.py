"""Forked worker processes that build one pack at a time, and survive each other's deaths.

``concurrent.futures`` aborts every remaining job when one worker dies (out of memory,
killed), and cannot stop running workers on Ctrl-C. Here each worker has its own pipe:
a worker that dies fails only the job it held, a new worker takes its place, and
``stop`` ends them all at once. Workers ignore SIGINT (the terminal sends it to the
whole group); the parent decides, and stops them. A worker whose parent is gone sees its
pipe close and exits.

A worker keeps what it has warmed up (imports, templates, Markdown) from pack to pack, but
its memory only grows: freed layout memory is not all given back, and each pack leaves a
little in the caches. A worker past ``RETIRE_MB`` after a pack hands over to a fresh fork.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

RETIRE_MB = 400  # a worker this large after a pack is replaced (one 200-page pack peaks near 340 MB)


def resident_mb() -> float:
    """This process's resident memory now, in MB (its peak where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: Any = None


def serve_jobs(conn: Connection, setup: Callable[[], None], work: Callable[[Any], Any],
               retire_mb: float | None = RETIRE_MB) -> None:
    """A worker's loop: run each job that comes down the pipe, send its result back, until told
    to stop, or until it has grown past ``retire_mb`` (it says so with its last result)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    setup()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        result = work(job)
        retiring = retire_mb is not None and resident_mb() > retire_mb
        conn.send((result, retiring))
        if retiring:
            return


class WorkerPool:
    """Up to ``size`` forked workers running ``work(job)``; results come back as they finish."""

    def __init__(self, size: int, setup: Callable[[], None], work: Callable[[Any], Any],
                 died: Callable[[Any, int | None], Any], retire_mb: float | None = RETIRE_MB) -> None:
        self.size = size
        self.retire_mb = retire_mb
        self.retired = 0  # workers replaced for their size
        self.setup = setup
        self.work = work
        self.died = died  # (job, exit code) -> the result to report for a job whose worker died
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=serve_jobs, args=(child, self.setup, self.work, self.retire_mb),
                                       daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def run(self, jobs: list[Any], started: Callable[[Any], None]) -> Iterator[tuple[Any, Any]]:
        """Run every job; yield (job, result) in the order they finish."""
        waiting = list(jobs)
        for _ in range(min(self.size, len(waiting))):
            self._start()
        for worker in self.workers:
            self._give(worker, waiting, started)
        while any(w.job is not None for w in self.workers):
            busy = [w for w in self.workers if w.job is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn in ready:
                    try:
                        result, retiring = worker.conn.recv()
                    except (EOFError, OSError):  # the worker is gone: its pipe closed
                        pass
                    else:
                        job, worker.job = worker.job, None
                        if retiring:
                            self._retire(worker)
                            worker = self._start() if waiting else worker
                        yield job, result
                        self._give(worker, waiting, started)
                        continue
                elif worker.process.sentinel not in ready:
                    continue
                worker.process.join()
                job, worker.job = worker.job, None
                self.workers.remove(worker)
                worker.conn.close()
                yield job, self.died(job, worker.process.exitcode)
                if waiting:
                    self._give(self._start(), waiting, started)
        self.close()

    def _retire(self, worker: _Worker) -> None:
        """A worker that has grown too large has ended its loop: let it go."""
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        self.retired += 1

    def _give(self, worker: _Worker, waiting: list[Any], started: Callable[[Any], None]) -> None:
        if not waiting:
            return
        worker.job = waiting.pop(0)
        started(worker.job)
        worker.conn.send(worker.job)

    def close(self) -> None:
        """Let idle workers finish their loop and exit."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.conn.close()
        for worker in self.workers:
            worker.process.join(timeout=5)
        self.workers = []

    def stop(self) -> None:
        """End every worker now (Ctrl-C, SIGTERM): running jobs are abandoned."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []

"""A printer in a process of its own, for the live preview: the PDF never holds up the site.

Laying out a pack takes WeasyPrint seconds of pure Python; in a thread of the preview it
would hold the interpreter's lock while the next site rebuild waits. So one worker process
is forked when the preview starts (before the server's threads exist, with MkDocs,
WeasyPrint and the templates already loaded) and prints one pack at a time, at a lower
priority than the site. Only the latest job matters: one sent while the worker is busy
replaces any other waiting, and a result that an edit has overtaken is thrown away by
whoever asked for it (``done`` gets the job's tag to decide).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from .builder import BuildJob, BuildResult, build_pack
from .workers import serve_jobs

Done = Callable[[Any, BuildJob, BuildResult], None]  # (tag, job, result)


def _lower_priority() -> None:
    with contextlib.suppress(OSError):
        os.nice(5)


class BackgroundPrinter:
    """One forked process building PDF jobs, the latest first; results go to ``done`` in a thread."""

    def __init__(self, done: Done) -> None:
        self.done = done
        self.context = multiprocessing.get_context("fork")
        self.waiting: tuple[Any, BuildJob] | None = None
        self.stopping = False
        self.changed = threading.Condition()
        self.process: Any = None
        self.conn: Any = None
        self._start()
        self.thread = threading.Thread(target=self._run, name="tippack-printer", daemon=True)
        self.thread.start()

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=serve_jobs, args=(child, _lower_priority, build_pack),
                                            daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def submit(self, tag: Any, job: BuildJob) -> None:
        """Print ``job`` next, instead of any job still waiting."""
        with self.changed:
            self.waiting = (tag, job)
            self.changed.notify_all()

    def _run(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.waiting is not None or self.stopping)
                if self.stopping:
                    return
                tag, job = self.waiting
                self.waiting = None
                if not self.process.is_alive():  # it died (out of memory?): a new one for the next job
                    self.conn.close()
                    self._start()
            try:
                self.conn.send(job)
                result = self.conn.recv()
            except (EOFError, OSError):
                if self.stopping:
                    return
                code = self.process.exitcode
                result = BuildResult(job.plan.slug, False, error=f"the printing process stopped (exit {code})")
            self.done(tag, job, result)

    def stop(self) -> None:
        """End the worker now; a job it was printing is abandoned."""
        with self.changed:
            self.stopping = True
            self.changed.notify_all()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self.thread.join(timeout=5)

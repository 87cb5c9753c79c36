"""Builds in a process of their own, for the live preview: the PDF never holds up the site.

Laying out a pack takes WeasyPrint seconds of pure Python; in a thread of the preview it
would hold the interpreter's lock while the next site rebuild waits. So the preview's PDF
(and its full site) are built by a worker process forked when the preview starts (before
the server's threads exist, with MkDocs, WeasyPrint and the templates loaded), at a lower
priority than the site. Only the latest job matters: a job sent while another is being
built ends that worker and goes to a new one, and a result that an edit overtook anyway is
thrown away by whoever asked for it (``done`` gets the job's tag to decide).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from tippack.building.builder import BuildJob, BuildResult, build_pack
from tippack.building.workers import serve_jobs

Done = Callable[[Any, BuildJob, BuildResult], None]  # (tag, job, result)


def _lower_priority() -> None:
    with contextlib.suppress(OSError):
        os.nice(5)


class BackgroundPrinter:
    """One forked process building jobs, the latest only; results go to ``done`` in a thread of its own.

    A job sent while another is being built replaces it: the worker is ended and a new one
    forked for the new job, so a run of edits waits for one build, not for each. A new worker
    is forked while ``quiet`` is held: the preview holds it while it builds, so no other
    thread is inside the templates' caches (whose locks a fork would copy, held) just then.
    """

    def __init__(self, done: Done, quiet: threading.Lock) -> None:
        self.done = done
        self.quiet = quiet
        self.context = multiprocessing.get_context("fork")
        self.waiting: tuple[Any, BuildJob] | None = None
        self.stopping = False
        self.busy = False  # a job is with the worker
        self.replaced = False  # ... and a newer one ended it
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
        """Build ``job`` next, instead of any job waiting or being built."""
        with self.changed:
            self.waiting = (tag, job)
            if self.busy and not self.replaced:
                self.replaced = True
                self.process.terminate()
            self.changed.notify_all()

    def _run(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.waiting is not None or self.stopping)
                if self.stopping or self.waiting is None:
                    return
                tag, job = self.waiting
                self.waiting = None
            if not self.process.is_alive():  # ended for a newer job, or died (out of memory?)
                self.process.join()
                self.conn.close()
                with self.quiet:
                    self._start()
            with self.changed:
                self.busy, self.replaced = True, False
            try:
                self.conn.send(job)
                result, retiring = self.conn.recv()
                if retiring:  # grown too large: it has ended, and the next job starts a fresh one
                    self.process.join()
            except (EOFError, OSError):
                if self.stopping:
                    return
                why = "a newer edit replaced it" if self.replaced else f"exit {self.process.exitcode}"
                result = BuildResult(job.plan.slug, False, error=f"the background build stopped ({why})")
            with self.changed:
                self.busy = False
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

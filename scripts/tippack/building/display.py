"""Build progress: a live status line on a terminal, one plain line a pack elsewhere (CI logs)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TYPE_CHECKING, TextIO

import click

from tippack.building.builder import BuildResult

if TYPE_CHECKING:
    from tippack.building.schedule import Summary


class Progress:
    """Reports pack results as they arrive and a summary at the end.

    On a terminal one line is rewritten in place: packs done of all, the packs being
    built now and the time left. Finished packs, warnings and errors print as lines of
    their own, so the log of a long build stays readable after it ends.
    """

    def __init__(self, total: int, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.started = time.perf_counter()
        self.total = total
        self.done = 0
        self.building: list[str] = []

    def __call__(self, event: str, slug: str, result: BuildResult | None, done: int, total: int) -> None:
        """Take one event from the builder: a pack started ("start") or finished ("done")."""
        if event == "start":
            self.building.append(slug)
            if self.tty:
                self._status()
            return
        if slug in self.building:
            self.building.remove(slug)
        self.done = max(self.done, done)
        if result is None:
            return
        if result.ok:
            line = f"built {result.slug} ({result.pages} pages, {result.seconds:.1f} s)"
        else:
            line = f"error: {result.slug}: {result.error}"
        if self.tty:
            click.echo("\r\033[K", file=self.stream, nl=False)
        click.echo(line, file=self.stream)
        for warning in result.warnings:
            click.echo(f"warning: {result.slug}: {warning}", file=self.stream)
        if self.tty and self.building:
            self._status()

    def status_line(self, width: int) -> str:
        """'[12/100] building ash-house-3, elm-court-4 · about 2 min left', cut to ``width``."""
        elapsed = time.perf_counter() - self.started
        left = ""
        if self.done:
            left = f" · about {_duration(elapsed / self.done * (self.total - self.done))} left"
        line = f"[{self.done}/{self.total}] building {', '.join(self.building)}{left}"
        if len(line) > width:
            line = line[: max(width - 1, 0)] + "…"
        return line

    def _status(self) -> None:
        width = shutil.get_terminal_size((80, 24)).columns - 1
        click.echo(f"\r\033[K{self.status_line(width)}", file=self.stream, nl=False)

    def finish(self, summary: Summary) -> None:
        """One closing line: built, skipped, failed, time."""
        if self.tty:
            click.echo("\r\033[K", file=self.stream, nl=False)
        invalid = len(getattr(summary, "invalid", []))
        failed = len(summary.failed) + invalid
        why = "" if not invalid else " (invalid content)" if invalid == failed else f" ({invalid} invalid content)"
        click.echo(
            f"{len(summary.built)} built, {len(summary.skipped)} unchanged, {failed} failed{why}"
            f" in {summary.seconds:.1f} s",
            file=self.stream,
        )


def _duration(seconds: float) -> str:
    """Time left in words a person reads at a glance: '40 s', '3 min', '1 h 5 min'."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"

"""Build progress: a live line on a terminal, one plain line a pack elsewhere (CI logs)."""

from __future__ import annotations

import sys
import time

import click

from .builder import BuildResult


class Progress:
    """Reports pack results as they arrive and a summary at the end."""

    def __init__(self, total: int, stream=None) -> None:  # noqa: ANN001
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self.total = total

    def __call__(self, event: str, result: BuildResult | None, done: int, total: int) -> None:
        if event != "done" or result is None:
            return
        if result.ok:
            line = f"built {result.slug} ({result.pages} pages, {result.seconds:.1f} s)"
        else:
            line = f"error: {result.slug}: {result.error}"
        for warning in result.warnings:
            click.echo(f"warning: {result.slug}: {warning}", file=self.stream)
        if self.tty:
            elapsed = time.perf_counter() - self.started
            eta = elapsed / done * (total - done) if done else 0
            click.echo(
                f"\r\033[K[{done}/{total}] {line}  (about {eta:.0f} s left)",
                file=self.stream,
                nl=not result.ok or done == total,
            )
        else:
            click.echo(line, file=self.stream)

    def finish(self, summary) -> None:  # noqa: ANN001
        """One closing line: built, skipped, failed, time."""
        click.echo(
            f"{len(summary.built)} built, {len(summary.skipped)} unchanged, {len(summary.failed)} failed"
            f" in {summary.seconds:.1f} s",
            file=self.stream,
        )

"""What every command shares: content errors as located lines, usage errors, counts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from tippack.reading.problems import Problem, sort_problems
from tippack.reading.project import UsageProblem

if TYPE_CHECKING:
    pass


class ContentError(click.ClickException):
    """Invalid content: reported as one clean line a problem, exit status 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the problems without click's 'Error:' prefix."""
        click.echo(self.message, err=True, file=file)


class Commands(click.Group):
    """tippack's commands; a mistake in how one was called is a usage error (exit 2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            raise click.UsageError(str(exc), ctx) from None


def echo_problems(problems: Iterable[Problem]) -> None:
    """Warnings and errors, one located line each, sorted by file and place."""
    for problem in sort_problems(list(problems)):
        click.echo(problem.format(), err=True)


def echo_unconfirmed(notes: list[Problem], listed: bool) -> None:
    """One line counting the national numbers printed as "not yet confirmed"; each one when asked."""
    if not notes:
        return
    if listed:
        echo_problems(notes)
    click.echo(f"{notes[0].path}: {counted(len(notes), 'national number')} not yet confirmed on the service's own"
               " page; printed as \"not yet confirmed\" until someone adds 'confirmed:'"
               f"{'' if listed else ' (tippack check --unconfirmed lists them)'}", err=True)


def echo_written(problems: Iterable[Problem], warnings: Iterable[str], written: Iterable[Path], root: Path) -> None:
    """What a command that writes one home's files says when it has done: its problems, its
    warnings, then each file written, as a path a person can open from the project."""
    echo_problems(problems)
    for warning in warnings:
        click.echo(warning, err=True)
    for path in written:
        click.echo(f"wrote {shown_path(path, root)}", err=True)


def shown_path(path: Path, root: Path) -> str:
    """A path as a person typed it: relative to the project when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def counted(n: int, word: str) -> str:
    """"1 pack", "3 packs"."""
    return f"{n} {word}{'' if n == 1 else 's'}"

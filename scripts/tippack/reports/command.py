"""The ``tippack progress`` command, which the command line adds to its own: thin, as they all are."""

from __future__ import annotations

from pathlib import Path

import click

from ..problems import Problem, sort_problems
from ..project import find_project
from .cohort import progress_cohort
from .home import progress_home


def _echo(problems: list[Problem]) -> None:
    for problem in sort_problems(problems):
        click.echo(problem.format(), err=True)


@click.command()
@click.argument("slug", required=False)
@click.argument("answers", nargs=-1, type=click.Path(path_type=Path))
@click.option("--cohort", "tag", metavar="TAG", default=None,
              help="Every home with this tag (such as pilot-2026) in one report, from their progress records.")
@click.option("--anonymise", is_flag=True, help="With --cohort: no home named, and small numbers held back.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build/).")
def progress(slug: str | None, answers: tuple[Path, ...], tag: str | None, anonymise: bool, out: Path | None) -> None:
    """A home's progress report from the answers saved on its site (files, or a folder of them),
    in OUT/SLUG/progress/: ratings round by round, the action plan, the statement of intent,
    training and the monthly measures as run charts. With --cohort TAG, one report of every
    home with that tag, in OUT/cohorts/TAG/. Ratings, counts and dates only; never published
    unless `tippack publish --with-progress` asks."""
    if tag is None and (slug is None or not answers):
        raise click.UsageError("give a pack and its answers files (tippack progress SLUG ANSWERS...),"
                               " or --cohort TAG")
    if tag is not None and (slug is not None or answers):
        raise click.UsageError("--cohort reads the homes' progress records, not answers files: give no SLUG or"
                               " ANSWERS with it")
    if anonymise and tag is None:
        raise click.UsageError("--anonymise is for a cohort report: add --cohort TAG")
    project = find_project()
    target = (out if out is not None else project.root / "build").resolve()
    if tag is not None:
        result, problems = progress_cohort(project, tag, target, anonymise)
    else:
        assert slug is not None
        result, problems = progress_home(project, slug, list(answers), target)
    if result is None:
        _echo(problems)
        raise SystemExit(1)
    _echo(problems)
    for warning in result.warnings:
        click.echo(warning, err=True)
    for path in result.written:
        click.echo(f"wrote {_shown(path, project.root)}", err=True)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)

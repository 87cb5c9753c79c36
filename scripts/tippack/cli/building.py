"""The commands that build and publish: ``build``, ``overview`` (joining shards) and ``publish``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tippack.building.tempdirs import own_tempdir
from tippack.cli.common import ContentError, counted, echo_problems
from tippack.reading.problems import Problem
from tippack.reading.project import Project, find_project

if TYPE_CHECKING:
    from tippack.building.shards import Shard


class _FormatOption(click.Option):
    """``--format``, whose help names every declared format: read from the entry list only when
    help is shown, so a command that builds nothing does not import every output."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from tippack.outputs.registry import OUTPUTS

        names = ", ".join(OUTPUTS.formats())
        self.help = f"Outputs to build, comma-separated: {names} (or all). Others are kept as they were."
        return super().get_help_record(ctx)


@click.command()
@click.argument("slugs", nargs=-1)
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Packs built at once (default: number of cores)."
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build/)."
)
@click.option("--format", "formats", default="all", show_default=True, cls=_FormatOption,
              callback=lambda ctx, param, value: _formats(value))
@click.option("--force", is_flag=True, help="Rebuild packs even when nothing they use has changed.")
@click.option("--shard", "shard", default=None, metavar="K/N", callback=lambda ctx, param, value: _shard(value),
              help="Build only the K-th of N page-balanced shares of the packs (for a CI job matrix).")
def build(slugs: tuple[str, ...], jobs: int | None, out: Path | None, formats: frozenset[str], force: bool,
          shard: Shard | None) -> None:
    """Build the named packs (default: all): site, PDF, per-module PDFs, Word and spreadsheet copies,
    offline bundle."""
    from tippack.building.display import Progress
    from tippack.building.schedule import BuildInterrupted, build_packs, is_unchanged
    from tippack.planning.plan import gather

    project = find_project()
    _check_mkdocs_yml(project)
    own_tempdir()
    target = (out if out is not None else project.root / "build").resolve()
    prune = not slugs
    if shard is not None:
        from tippack.building.shards import pick_share, write_share

        share = pick_share(project, slugs, target, shard)
        click.echo(share.describe(), err=True)
        write_share(target, share)
        if not share.slugs:
            return
        slugs = tuple(share.slugs)
    elif not slugs:
        from tippack.building.shards import forget_share

        forget_share(target)  # every pack built here now: a whole build, not a shard's folder
    plan = gather(project, slugs, None if force else is_unchanged(project.root, target, formats))
    echo_problems(plan.warnings)
    if plan.errors:
        echo_problems(plan.errors)
    progress = Progress(len(plan.packs))
    try:
        summary = build_packs(plan, target, jobs or os.cpu_count() or 1, formats, force, progress,
                          prune=prune, waiting=lambda message: click.echo(message, err=True))
    except BuildInterrupted as stop:
        progress.finish(stop.summary)
        built = ", ".join(r.slug for r in stop.summary.built) or "none"
        click.echo(f"interrupted: built {built}; not built: {', '.join(stop.not_built) or 'none'}"
                   " (each keeps its last good build; the next build makes them)", err=True)
        sys.exit(stop.exit_code)
    for slug in summary.removed:
        click.echo(f"removed {slug}: packs/{slug}.yml no longer exists", err=True)
    progress.finish(summary)
    from tippack.building.doctor import after_build

    for line in after_build([n for r in summary.built for n in r.notes],
                            [w for r in summary.built for w in r.warnings]):
        click.echo(line, err=True)
    failed_slugs = sorted({r.slug for r in summary.failed} | set(plan.invalid))
    if failed_slugs:
        click.echo(f"error: not built: {', '.join(failed_slugs)}", err=True)
        sys.exit(1)
    if plan.errors:
        sys.exit(1)


def _formats(text: str) -> frozenset[str]:
    """``--format site,pdf`` as a set of format names; ``all`` for every one."""
    from tippack.outputs.registry import OUTPUTS

    known = OUTPUTS.formats()
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    if "all" in asked:
        return frozenset(known)
    unknown = sorted(asked - set(known))
    if unknown or not asked:
        raise click.BadParameter(f"'{text}': choose from {', '.join(known)} or all, separated by commas")
    return frozenset(asked)


def _shard(text: str | None) -> Shard | None:
    """``--shard K/N``."""
    from tippack.building.shards import parse_shard

    if text is None:
        return None
    try:
        return parse_shard(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _check_mkdocs_yml(project: Project) -> None:
    """Stop before building when MkDocs cannot read mkdocs.yml, with one located line."""
    from tippack.outputs.site.engine import ConfigError, project_config

    try:
        project_config(project.mkdocs_yml)
    except ConfigError as exc:
        raise ContentError([Problem("mkdocs.yml", 1, 1, f"MkDocs cannot use this configuration: {exc}")]) from None


@click.command()
@click.argument("shard_dirs", nargs=-1, metavar="[SHARD_DIR]...",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder to join the shards into (default: build/).")
def overview(shard_dirs: tuple[Path, ...], out: Path | None) -> None:
    """Join shard builds (SHARD_DIR...) into one whole build in OUT and write its index.html.

    Each pack is linked in from its shard (copied where links cannot be made). With no
    SHARD_DIR, rewrites OUT/index.html from the packs OUT holds.
    """
    from tippack.building.overview import join, write_overview
    from tippack.building.shards import check_folders, gather_shards, left_out

    project = find_project()
    target = (out if out is not None else project.root / "build").resolve()
    if not shard_dirs:
        if not target.is_dir():
            raise click.UsageError(f"{target} does not exist: build into it first")
        write_overview(project, target)
        click.echo(f"wrote {target / 'index.html'}", err=True)
        return
    folders = [Path(d) for d in shard_dirs]
    check_folders(target, folders)
    packs, problems = gather_shards(folders)
    if problems:
        raise click.ClickException("cannot join these folders into one build:\n  " + "\n  ".join(problems))
    for slug in left_out(project, folders, packs):
        click.echo(f"warning: packs/{slug}.yml: not built in any of these folders", err=True)
    removed = join(project, target, packs, lambda message: click.echo(message, err=True))
    for slug in removed:
        click.echo(f"removed {slug}: not in any of the joined folders", err=True)
    click.echo(f"joined {counted(len(packs), 'pack')} from {counted(len(folders), 'folder')} into {target}", err=True)


@click.command()
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Lay the site out in this folder (replacing an earlier publish there).")
@click.option("--gh-pages", "gh_pages", is_flag=True, help="Commit the site to the gh-pages branch and push it.")
@click.option("--from", "source", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The build folder to publish (default: build/).")
@click.option("--allow-indexing", is_flag=True,
              help="Let search engines index the pages (by default every page says noindex, nofollow).")
@click.option("--remote", default="origin", show_default=True, help="With --gh-pages: the remote to push to.")
@click.option("--with-progress", "with_progress", is_flag=True,
              help="Publish the progress reports too (each home's, and the cohorts'): they name homes.")
@click.option("--no-push", is_flag=True, help="With --gh-pages: commit the branch but do not push it.")
def publish(to: Path | None, gh_pages: bool, source: Path | None, allow_indexing: bool, remote: str,
            no_push: bool, with_progress: bool) -> None:
    """The whole build as one static site: the overview at /, each home's outputs under /SLUG/.

    Never publishes a home's completed copy (build/SLUG/completed/), nor the progress
    reports unless --with-progress asks.
    """
    from tippack.building.publish import PublishError, publish_gh_pages, publish_to

    if (to is None) == (not gh_pages):
        raise click.UsageError("say where to publish: --to DIR or --gh-pages (one of them)")
    project = find_project()
    out = (source if source is not None else project.root / "build").resolve()
    waiting = lambda message: click.echo(message, err=True)  # noqa: E731
    try:
        if to is not None:
            packs = publish_to(project, out, to, allow_indexing, waiting, with_progress)
            where = str(to)
        else:
            packs = publish_gh_pages(project, out, allow_indexing, remote, not no_push, waiting,
                                     progress=with_progress)
            where = "branch gh-pages" + ("" if no_push else f", pushed to {remote}")
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    indexing = "search engines may index it" if allow_indexing else "every page says noindex"
    click.echo(f"published {counted(len(packs), 'pack')} to {where} ({indexing})", err=True)

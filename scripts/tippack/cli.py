"""The ``tippack`` command line. Thin: each command calls one stage and reports."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from tippack.building.tempdirs import own_tempdir
from tippack.reading.problems import Problem, sort_problems
from tippack.reading.project import SLUG_RE, Project, UsageProblem, find_project

if TYPE_CHECKING:
    from tippack.building.shards import Shard


class ContentError(click.ClickException):
    """Invalid content: reported as one clean line a problem, exit status 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the problems without click's 'Error:' prefix."""
        click.echo(self.message, err=True, file=file)


class _FormatOption(click.Option):
    """``--format``, whose help names every declared format: read from the entry list only when
    help is shown, so a command that builds nothing does not import every output."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from tippack.outputs.registry import OUTPUTS

        names = ", ".join(OUTPUTS.formats())
        self.help = f"Outputs to build, comma-separated: {names} (or all). Others are kept as they were."
        return super().get_help_record(ctx)


class Commands(click.Group):
    """tippack's commands; a mistake in how one was called is a usage error (exit 2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            raise click.UsageError(str(exc), ctx) from None


def _echo_problems(problems: Iterable[Problem]) -> None:
    for problem in sort_problems(list(problems)):
        click.echo(problem.format(), err=True)


def _echo_unconfirmed(notes: list[Problem], listed: bool) -> None:
    """One line counting the national numbers printed as "not yet confirmed"; each one when asked."""
    if not notes:
        return
    if listed:
        _echo_problems(notes)
    click.echo(f"{notes[0].path}: {_count(len(notes), 'national number')} not yet confirmed on the service's own"
               " page; printed as \"not yet confirmed\" until someone adds 'confirmed:'"
               f"{'' if listed else ' (tippack check --unconfirmed lists them)'}", err=True)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tippack")
def main() -> None:
    """Build tailored trauma-informed practice implementation packs for care homes."""


@main.command()
@click.argument("slugs", nargs=-1)
@click.option("--reading-ease", is_flag=True, help="Also print every module's reading ease (Flesch) and its counts.")
@click.option("--unconfirmed", is_flag=True, help="List the national numbers nobody has confirmed yet.")
def check(slugs: tuple[str, ...], reading_ease: bool, unconfirmed: bool) -> None:
    """Validate every module and the named packs (default: all), and check the library's prose:
    paragraphs written twice, and staff-facing modules that read too hard."""
    from tippack.planning.plan import gather
    from tippack.reading.prose import ease_lines, prose_problems

    project = find_project()
    plan = gather(project, slugs)
    if plan.errors:
        raise ContentError(plan.problems)
    _echo_problems([*plan.warnings, *prose_problems(project, plan.library)])
    if reading_ease:
        for line in ease_lines(plan.library):
            click.echo(line, err=True)
    _echo_unconfirmed(plan.library.unconfirmed, listed=unconfirmed)
    click.echo(f"ok: {_count(len(plan.library.modules), 'module')}, {_count(len(plan.packs), 'pack')}", err=True)


@main.command()
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
    _echo_problems(plan.warnings)
    if plan.errors:
        _echo_problems(plan.errors)
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


@main.command()
@click.argument("slug")
@click.argument("answers", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build/)."
)
def fill(slug: str, answers: tuple[Path, ...], out: Path | None) -> None:
    """The home's completed copy from answers saved on its site (files, or a folder of them):
    a PDF and a Word copy of each part answered (and the form, filled in, for a fillable
    pack), in OUT/SLUG/completed/ and nowhere else."""
    from tippack.building.filling import fill_pack

    project = find_project()
    target = (out if out is not None else project.root / "build").resolve()
    result, problems = fill_pack(project, slug, list(answers), target, lambda message: click.echo(message, err=True))
    if result is None:
        raise ContentError(problems)
    _echo_problems(problems)
    for warning in result.warnings:
        click.echo(warning, err=True)
    for path in result.written:
        click.echo(f"wrote {_shown(path, project.root)}", err=True)


@main.command()
@click.argument("slug", required=False)
@click.argument("answers", nargs=-1, type=click.Path(path_type=Path))
@click.option("--cohort", "tag", metavar="TAG", default=None,
              help="Every home with this tag (such as pilot-2026) in one report, from their progress records.")
@click.option("--anonymise", is_flag=True, help="With --cohort: no home named, and small numbers held back.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build/).")
def progress(slug: str | None, answers: tuple[Path, ...], tag: str | None, anonymise: bool, out: Path | None) -> None:
    """A home's progress report from the answers saved on its site (files, or a folder of them)
    in OUT/SLUG/progress/: ratings round by round, the action plan, the statement of intent,
    training, and the monthly measures as run charts. With --cohort TAG, one report of every
    home with that tag in OUT/cohorts/TAG/, read from their progress records. Ratings, counts
    and dates only; never published unless `tippack publish --with-progress` asks."""
    from tippack.building.output_folder import locked

    if tag is None and (slug is None or not answers):
        raise click.UsageError("give a pack and its answers files (tippack progress SLUG ANSWERS...), or --cohort TAG")
    if tag is not None and (slug is not None or answers):
        raise click.UsageError("--cohort reads the homes' progress records, not answers files: give no SLUG or"
                               " ANSWERS with it")
    if anonymise and tag is None:
        raise click.UsageError("--anonymise is for a cohort report: add --cohort TAG")
    project = find_project()
    target = (out if out is not None else project.root / "build").resolve()
    lock = locked(target, lambda message: click.echo(message, err=True))
    if tag is not None:
        from tippack.reports.cohort import progress_cohort

        result, problems = progress_cohort(project, tag, target, anonymise, lock=lock)
    else:
        from tippack.reports.home import progress_home

        result, problems = progress_home(project, str(slug), list(answers), target, lock=lock)
    if result is None:
        raise ContentError(problems)
    _echo_problems(problems)
    for warning in result.warnings:
        click.echo(warning, err=True)
    for path in result.written:
        click.echo(f"wrote {_shown(path, project.root)}", err=True)
    if (target / "index.html").is_file():  # the local overview links the new report
        from tippack.building.overview import write_overview

        write_overview(project, target)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


@main.command()
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
    click.echo(f"joined {_count(len(packs), 'pack')} from {_count(len(folders), 'folder')} into {target}", err=True)


@main.command()
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
    click.echo(f"published {_count(len(packs), 'pack')} to {where} ({indexing})", err=True)


@main.command(name="list")
@click.argument("module", required=False)
def list_(module: str | None) -> None:
    """The modules (id, kind, title, section ids) and packs; or one MODULE's sections in full."""
    from tippack.planning.plan import gather
    from tippack.reading.suggest import did_you_mean

    project = find_project()
    plan = gather(project)
    if module is not None:
        loaded = plan.library.modules.get(module)
        if loaded is None:
            raise click.UsageError(f"no module '{module}'{did_you_mean(module, plan.library.known_ids)}")
        click.echo(f"{module}: {loaded.model.title} ({loaded.model.kind})")
        click.echo("Sections (ids for a pack's 'exclude:'):")
        for section in loaded.model.sections:
            condition = " ".join(filter(None, (f"when {', '.join(section.when)}" if section.when else "",
                                               f"unless {', '.join(section.unless)}" if section.unless else "")))
            click.echo(f"  {section.id:<28} {section.title}{f'  [{condition}]' if condition else ''}")
        return
    click.echo("Modules (tippack list MODULE shows one module's sections):")
    for module_id, each in sorted(plan.library.modules.items()):
        click.echo(f"  {module_id:<28} {each.model.kind:<10} {each.model.title}")
        click.echo(f"  {'':<28} sections: {', '.join(s.id for s in each.model.sections)}")
    click.echo("Packs:")
    for pack in plan.loaded:
        ids = ", ".join(r.id for r in pack.model.module_refs())
        click.echo(f"  {pack.slug:<28} {pack.model.home.name}")
        click.echo(f"  {'':<28} {ids}")
    if plan.errors:
        raise ContentError(plan.problems)


@main.command()
@click.argument("slug")
@click.option("--name", required=True, help="The care home's name, as it should appear on the cover.")
def new(slug: str, name: str) -> None:
    """Write a starter packs/SLUG.yml that passes check."""
    from tippack.rendering.starter import starter_pack

    project = find_project()
    if not SLUG_RE.match(slug):
        raise click.UsageError(f"'{slug}' is not a valid slug: use lowercase letters a-z, digits 0-9 and hyphens")
    target = project.packs_dir / f"{slug}.yml"
    if target.exists():
        raise click.UsageError(f"packs/{slug}.yml already exists")
    target.write_text(starter_pack(project, name), encoding="utf-8")
    click.echo(f"wrote packs/{slug}.yml", err=True)


@main.command()
def schema() -> None:
    """Write JSON Schemas for module and pack files to build/schema/, for editors."""
    from tippack.reading.model import Module, Pack, schema_for

    project = find_project()
    folder = project.root / "build" / "schema"
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in (("module", Module), ("pack", Pack)):
        (folder / f"{name}.schema.json").write_text(json.dumps(schema_for(model), indent=2), encoding="utf-8")
    click.echo(f"wrote {project.rel(folder)}/module.schema.json and pack.schema.json", err=True)


@main.command()
@click.argument("slug")
@click.option("--port", default=8000, show_default=True)
def serve(slug: str, port: int) -> None:
    """Live preview of one pack on 127.0.0.1, rebuilt when its YAML or Markdown changes."""
    from tippack.preview.serve import serve_pack

    project = find_project()
    own_tempdir()
    serve_pack(project, slug, port)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

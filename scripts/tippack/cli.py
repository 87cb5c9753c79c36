"""The ``tippack`` command line. Thin: each command calls one stage and reports."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .problems import Problem, sort_problems
from .project import SLUG_RE, UsageProblem, find_project


class ContentError(click.ClickException):
    """Invalid content: reported as one clean line a problem, exit status 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        """Print the problems without click's 'Error:' prefix."""
        click.echo(self.message, err=True, file=file)


class Commands(click.Group):
    """tippack's commands; a mistake in how one was called is a usage error (exit 2)."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            raise click.UsageError(str(exc), ctx) from None


def _echo_problems(problems) -> None:  # noqa: ANN001
    for problem in sort_problems(list(problems)):
        click.echo(problem.format(), err=True)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tippack")
def main() -> None:
    """Build tailored trauma-informed practice implementation packs for care homes."""


@main.command()
@click.argument("slugs", nargs=-1)
def check(slugs: tuple[str, ...]) -> None:
    """Validate every module and the named packs (default: all)."""
    from .plan import gather

    project = find_project()
    plan = gather(project, slugs)
    if plan.errors:
        raise ContentError(plan.problems)
    _echo_problems(plan.warnings)
    click.echo(f"ok: {_count(len(plan.library.modules), 'module')}, {_count(len(plan.packs), 'pack')}", err=True)


@main.command()
@click.argument("slugs", nargs=-1)
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Packs built at once (default: number of cores)."
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build/)."
)
@click.option("--format", "formats", default="all", show_default=True,
              callback=lambda ctx, param, value: _formats(value),
              help="Outputs to build, comma-separated: site, pdf, docx, xlsx (or all). Others are kept as they were.")
@click.option("--force", is_flag=True, help="Rebuild packs even when nothing they use has changed.")
def build(slugs: tuple[str, ...], jobs: int | None, out: Path | None, formats: frozenset[str], force: bool) -> None:
    """Build the named packs (default: all): site, PDF, per-module PDFs, Word and spreadsheet copies,
    offline bundle."""
    from .plan import gather
    from .progress import Progress
    from .schedule import BuildInterrupted, build_packs, is_unchanged

    project = find_project()
    _check_mkdocs_yml(project)
    target = (out if out is not None else project.root / "build").resolve()
    plan = gather(project, slugs, None if force else is_unchanged(project.root, target, formats))
    _echo_problems(plan.warnings)
    if plan.errors:
        _echo_problems(plan.errors)
    progress = Progress(len(plan.packs))
    try:
        summary = build_packs(plan, target, jobs or os.cpu_count() or 1, formats, force, progress,
                          prune=not slugs, waiting=lambda message: click.echo(message, err=True))
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
    from .builder import OUTPUTS  # noqa: F401 - registers the outputs
    from .outputs import formats

    known = formats()
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    if "all" in asked:
        return frozenset(known)
    unknown = sorted(asked - set(known))
    if unknown or not asked:
        raise click.BadParameter(f"'{text}': choose from {', '.join(known)} or all, separated by commas")
    return frozenset(asked)


def _check_mkdocs_yml(project) -> None:  # noqa: ANN001
    """Stop before building when MkDocs cannot read mkdocs.yml, with one located line."""
    from .mkdocs_config import ConfigError, project_config

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
    from .fill import fill_pack

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


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


@main.command(name="list")
@click.argument("module", required=False)
def list_(module: str | None) -> None:
    """The modules (id, kind, title, section ids) and packs; or one MODULE's sections in full."""
    from .plan import gather
    from .suggest import did_you_mean

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
    for module_id, loaded in sorted(plan.library.modules.items()):
        click.echo(f"  {module_id:<28} {loaded.model.kind:<10} {loaded.model.title}")
        click.echo(f"  {'':<28} sections: {', '.join(s.id for s in loaded.model.sections)}")
    click.echo("Packs:")
    for loaded in plan.loaded:
        ids = ", ".join(r.id for r in loaded.model.module_refs())
        click.echo(f"  {loaded.slug:<28} {loaded.model.home.name}")
        click.echo(f"  {'':<28} {ids}")
    if plan.errors:
        raise ContentError(plan.problems)


@main.command()
@click.argument("slug")
@click.option("--name", required=True, help="The care home's name, as it should appear on the cover.")
def new(slug: str, name: str) -> None:
    """Write a starter packs/SLUG.yml that passes check."""
    from .starter import starter_pack

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
    from .model import Module, Pack, schema_for

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
    from .serve import serve_pack

    serve_pack(find_project(), slug, port)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

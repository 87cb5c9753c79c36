"""The ``tippack`` command line. Thin: each command calls one stage and reports.

The commands that build and publish are in ``building.py``, added to the group here; what
every command shares is in ``common.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tippack.building.tempdirs import own_tempdir
from tippack.cli.building import build, overview, publish
from tippack.cli.common import Commands, ContentError, counted, echo_problems, echo_unconfirmed, echo_written
from tippack.reading.project import SLUG_RE, UsageProblem, find_project


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tippack")
def main() -> None:
    """Build tailored trauma-informed practice implementation packs for care homes."""


main.add_command(build)
main.add_command(overview)
main.add_command(publish)


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
    from tippack.building.budget import budget_warnings

    echo_problems([*plan.warnings, *prose_problems(project, plan.library),
                   *budget_warnings(plan.loaded, project.root / "build")])
    if reading_ease:
        for line in ease_lines(plan.library):
            click.echo(line, err=True)
    echo_unconfirmed(plan.library.unconfirmed, listed=unconfirmed)
    click.echo(f"ok: {counted(len(plan.library.modules), 'module')}, {counted(len(plan.packs), 'pack')}", err=True)


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
    echo_written(problems, result.warnings, result.written, project.root)


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
    echo_written(problems, result.warnings, result.written, project.root)
    if (target / "index.html").is_file():  # the local overview links the new report
        from tippack.building.overview import write_overview

        write_overview(project, target)


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
def doctor() -> None:
    """Say what this machine has and lacks for each output, and what that means for the packs."""
    from tippack.building.doctor import findings, look

    try:
        root: Path | None = find_project().root
    except UsageProblem:
        root = None
    found = findings(look(root))
    for finding in found:
        click.echo(finding.line())
    if any(not f.ok and f.needed for f in found):
        sys.exit(1)


@main.command()
@click.argument("slug")
@click.option("--port", default=8000, show_default=True)
def serve(slug: str, port: int) -> None:
    """Live preview of one pack on 127.0.0.1, rebuilt when its YAML or Markdown changes."""
    from tippack.preview.serve import serve_pack

    project = find_project()
    own_tempdir()
    serve_pack(project, slug, port)

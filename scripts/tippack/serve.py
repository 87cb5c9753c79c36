"""``tippack serve``: build one pack's site and serve it on 127.0.0.1, rebuilding on change."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from .plan import gather
from .project import Project
from .schedule import build_packs


def serve_pack(project: Project, slug: str, port: int) -> None:
    """Serve a live preview; the browser reloads after each successful rebuild."""
    from mkdocs.livereload import LiveReloadServer

    out = Path(tempfile.mkdtemp(prefix="tippack-serve-"))

    def rebuild() -> None:
        plan = gather(project, (slug,))
        if plan.errors:
            for problem in plan.errors:
                click.echo(problem.format(), err=True)
            return
        build_packs(plan, out, 1, frozenset({"site"}), True, lambda *args: None)
        click.echo(f"rebuilt {slug}", err=True)

    plan = gather(project, (slug,))
    if plan.errors:
        from .cli import ContentError

        raise ContentError(plan.problems)
    rebuild()
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out / slug / "site"))
    for folder in (project.modules_dir, project.pages_dir, project.packs_dir, project.overrides, project.assets_dir):
        server.watch(str(folder))
    click.echo(f"serving {slug} on http://127.0.0.1:{port}/ (Ctrl+C to stop)", err=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()

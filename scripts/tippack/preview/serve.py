"""``tippack serve``: one pack's live preview on 127.0.0.1, reloading the browser after each edit.

MkDocs' live-reload server does the serving and the reloading; tippack decides what is
built (``preview``) and adds to each page it serves the content problems, if any, and the
printable pack's state. The server looks for changes ten times a second (by polling, which
works on shared and network drives too). Everything the preview writes lives in one
temporary folder, removed when it stops: Ctrl-C, SIGTERM, or a failure to start.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
from pathlib import Path

import click

from tippack.outputs.site.engine import LiveServer, live_server
from tippack.planning.plan import select_packs
from tippack.preview.preview import Preview
from tippack.reading.project import Project

POLL_SECONDS = 0.1  # how often the watched folders are looked at; MkDocs' own default is 0.5


class _Stopped(BaseException):
    """SIGTERM: stop serving and clean up, as for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Stopped


def watched(project: Project) -> list[Path]:
    """What the preview is rebuilt from: modules, pages, assets, services, packs, templates and styles."""
    return [project.root / "content", project.packs_dir, project.overrides]


def serve_pack(project: Project, slug: str, port: int) -> None:
    """Serve a live preview until Ctrl-C or SIGTERM; then remove everything it wrote."""
    select_packs(project, (slug,))  # an unknown pack is a usage error, before anything starts
    folder = Path(tempfile.mkdtemp(prefix="tippack-serve-"))
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    preview: Preview | None = None
    server: LiveServer | None = None
    try:
        preview = Preview(project, slug, folder)
        preview.rebuild()
        shown = preview
        server = live_server(preview.site, port, preview.rebuild, preview.decorate,
                             lambda: shown.waiting_page() if shown.problems else None, POLL_SECONDS)
        for path in watched(project):
            server.watch(str(path))
        click.echo(f"serving {slug} on http://127.0.0.1:{port}/ (Ctrl+C to stop)", err=True)
        server.serve()
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        if server is not None:
            server.shutdown()
        if preview is not None:
            preview.close()
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)
        click.echo("stopped; the preview's temporary files are removed", err=True)

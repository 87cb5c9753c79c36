"""The live preview's builds: the site first and fast, the rest afterwards in the background.

After an edit the site is rebuilt in this process, warm: MkDocs, Material's compiled
templates and the Markdown caches stay loaded. The docs tree is rewritten only where it
changed, and unless the site's settings changed (name, colours, logo) or pages came or
went, MkDocs rebuilds just the pages whose Markdown changed (its "dirty" build). Then the
browser reloads. A background process (``background``) then builds the pack as
``tippack build`` does, PDF first, then the whole site with the PDF in it; that site
replaces the quick one, so every page's navigation and the search index catch up with an
edit that renamed a module. Until the PDF is there the preview's download links say it is
being prepared. An edit that makes the content invalid keeps the last good build on show,
with the problems over every page and in the terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import click

from tippack.building.builder import BuildJob, BuildResult, tools, warm_up
from tippack.building.output_folder import swap_in
from tippack.building.schedule import build_epoch
from tippack.outputs.printed.names import pdf_name
from tippack.outputs.site.engine import build_site
from tippack.outputs.site.site import prepare_site, tidy_theme_html
from tippack.planning.plan import PackPlan, gather
from tippack.preview.background import BackgroundPrinter
from tippack.reading.problems import sort_problems
from tippack.reading.project import Project, UsageProblem
from tippack.rendering.templates import environment

STATUS_FILE = "tippack-preview.json"  # in the served site: the printable pack's state, for the pages' script
_SEARCH_INDEX = ("search/search_index.json", "search/search_index.js")


def sync(source: Path, target: Path) -> bool:
    """Make ``target`` hold ``source``'s files, rewriting only those whose bytes differ (the others
    keep their times, which is how MkDocs tells a changed page). True if no file came or went."""
    target.mkdir(parents=True, exist_ok=True)
    new = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    old = {p.relative_to(target) for p in target.rglob("*") if p.is_file()}
    for name in sorted(new):
        data, dest = (source / name).read_bytes(), target / name
        if name in old and dest.read_bytes() == data:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    for name in old - new:
        (target / name).unlink()
    return new == old


def _place(source: Path, target: Path) -> None:
    """Put a file in the served site in one step (a link where possible)."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    tmp.replace(target)


class Preview:
    """One pack's preview in ``folder``: its site (served), its docs tree and its latest PDF."""

    def __init__(self, project: Project, slug: str, folder: Path) -> None:
        self.project, self.slug, self.folder = project, slug, folder
        self.docs, self.site, self.pdfs = folder / "docs", folder / "site", folder / "pdf"
        self.generation = 0  # one more for each good site build; the PDF printed for it carries the same number
        self.problems: list[str] = []
        self.pdf = "preparing"  # the current generation's PDF: preparing, ready or failed
        self.lock = threading.Lock()  # site builds and PDF arrivals, one at a time
        self._settings = ""  # the last site build's settings but its navigation: the same again allows a dirty build
        self._warned: set[str] = set()
        self.env = environment(project.overrides / "preview")
        warm_up(project.root)
        self.renderer = tools(project.root)[0]
        self.printer = BackgroundPrinter(self._printed, self.lock)  # forked now, before any thread starts

    def rebuild(self) -> None:
        """Check and tailor the pack, rebuild its site, and send the PDF to the background printer."""
        started = time.perf_counter()
        try:
            plan = gather(self.project, (self.slug,))
        except UsageProblem as exc:  # the pack file was removed or renamed
            self._show_problems([str(exc)])
            return
        for problem in sort_problems(plan.warnings):
            if problem.format() not in self._warned:
                self._warned.add(problem.format())
                click.echo(problem.format(), err=True)
        if plan.errors:
            self._show_problems([p.format() for p in sort_problems(plan.errors)])
            return
        pack = plan.packs[0]
        with self.lock:
            try:
                dirty = self._build_site(pack)
            except Exception as exc:  # noqa: BLE001 - a template edited into an error, say: show it, keep serving
                failure = f"the site could not be built: {type(exc).__name__}: {exc}"
            else:
                failure = ""
                self.problems = []
                self.generation += 1
                self.pdf = "preparing"
                self._write_status()
        if failure:
            self._show_problems([failure])
            return
        which = "changed pages" if dirty else "every page"
        click.echo(f"site rebuilt in {time.perf_counter() - started:.2f} s ({which}); printing the PDF", err=True)
        root = self.project.root
        job = BuildJob(root, pack, self.folder / f"print-{self.generation}", frozenset({"pdf", "site"}),
                       build_epoch(root, pack.inputs), {})
        self.printer.submit(self.generation, job)

    def _show_problems(self, problems: list[str]) -> None:
        """Problems in the terminal and over every page; a page to show them on if nothing was built yet."""
        for line in problems:
            click.echo(line, err=True)
        click.echo("the preview shows the last good build, and these problems, until they are fixed", err=True)
        with self.lock:
            self.problems = problems
            if not (self.site / "index.html").exists():
                self.site.mkdir(parents=True, exist_ok=True)
                (self.site / "index.html").write_bytes(self.waiting_page())
            self._write_status()

    def _build_site(self, pack: PackPlan) -> bool:
        """Rebuild the served site; whether only the changed pages were rebuilt."""
        modules = [self.renderer.module(m) for m in pack.tailored.modules]
        scratch = self.folder / "docs-next"
        shutil.rmtree(scratch, ignore_errors=True)
        settings = prepare_site(self.project, pack, self.renderer, modules, scratch, self.site, pdf_name(self.slug))
        same_files = sync(scratch, self.docs)
        shutil.rmtree(scratch)
        settings["docs_dir"] = str(self.docs)
        key = json.dumps({k: v for k, v in settings.items() if k != "nav"}, sort_keys=True, default=str)
        dirty = same_files and key == self._settings and (self.site / "search").is_dir()
        self._settings = ""
        kept = {n: (self.site / n).read_bytes() for n in _SEARCH_INDEX if dirty and (self.site / n).exists()}
        for warning in build_site(self.project, settings, dirty=dirty):
            click.echo(f"warning: mkdocs: {warning}", err=True)
        if dirty:  # a dirty build indexes only the pages it rebuilt: keep the whole index instead
            for name, data in kept.items():
                (self.site / name).write_bytes(data)
        tidy_theme_html(self.site)
        self._settings = key
        self._place_pdfs()
        return dirty

    def _place_pdfs(self) -> None:
        """The latest printed PDFs in the site, where its download links point."""
        pdf = self.pdfs / pdf_name(self.slug)
        if not pdf.is_file():
            return
        _place(pdf, self.site / pdf.name)
        (self.site / "modules").mkdir(exist_ok=True)
        for part in sorted((self.pdfs / "modules").glob("*.pdf")):
            _place(part, self.site / "modules" / part.name)

    def _printed(self, generation: int, job: BuildJob, result: BuildResult) -> None:
        """A PDF is done (in the printer's thread): show it if no edit has overtaken it."""
        with self.lock:
            current = generation == self.generation
            if current and result.ok:
                shutil.rmtree(self.pdfs, ignore_errors=True)
                self.pdfs.mkdir()
                for name in (pdf_name(self.slug), "modules"):
                    (job.workdir / name).rename(self.pdfs / name)
                swap_in(job.workdir / "site", self.site)  # every page's navigation, the whole search index
                self.pdf = "ready"
            elif current:
                self.pdf = "failed"
            self._write_status()
        shutil.rmtree(job.workdir, ignore_errors=True)
        if not current:
            return
        if result.ok:
            click.echo(f"PDF ready ({result.pages} pages, printed in {result.seconds:.1f} s)", err=True)
        else:
            click.echo(f"error: the PDF could not be made: {result.error}", err=True)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)

    def _write_status(self) -> None:
        self.site.mkdir(parents=True, exist_ok=True)
        tmp = self.site / f".{STATUS_FILE}.tmp"
        tmp.write_text(json.dumps(self.state()), encoding="utf-8")
        tmp.replace(self.site / STATUS_FILE)

    def state(self) -> dict[str, Any]:
        return {"generation": self.generation, "pdf": self.pdf, "problems": len(self.problems)}

    def decorate(self, html: bytes) -> bytes:
        """A served page with the preview's additions: the problems at the top, the PDF's state on its links."""
        problems = self.problems
        if problems:
            banner = self.env.get_template("banner.html").render(problems=problems).encode("utf-8")
            at = html.find(b">", html.find(b"<body")) + 1 if b"<body" in html else 0
            html = html[:at] + banner + html[at:]
        script = self.env.get_template("status.html").render(state=self.state(), status_file=STATUS_FILE)
        end = html.rfind(b"</body>")
        end = len(html) if end < 0 else end
        return html[:end] + script.encode("utf-8") + html[end:]

    def waiting_page(self) -> bytes:
        return self.env.get_template("waiting.html").render(slug=self.slug).encode("utf-8")

    def close(self) -> None:
        self.printer.stop()

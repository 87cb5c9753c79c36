"""Build one pack into a fresh folder: docs tree → site, print HTML → PDF, bundle.

Runs in a worker process; the renderer and printer are created once per worker
and reused for every pack it builds (fonts, templates, Markdown cache).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import PackPlan
from .printing import Printer, pdf_date
from .project import Project
from .render import Renderer
from .site import build_site, site_config, write_docs

_WORKERS: dict[Path, tuple[Renderer, Printer]] = {}

BUNDLE_README = """{home} - trauma-informed practice implementation pack
Pack version {version}, built {date}.

To open the website: open the folder "site" and double-click "index.html".
It works without the internet, on this computer only: nothing is sent anywhere.
Answers typed into worksheets are kept in that web browser on that computer.
Anyone else using the same computer and browser can see them, so clear them
when you have finished, or save them to a file.

To print the pack: open "{pdf}" and print it, double-sided if you can.
Each part of the pack is also in "site/modules/" as its own PDF.
"""


@dataclass
class BuildJob:
    """What a worker needs to build one pack."""

    root: Path
    plan: PackPlan
    workdir: Path
    formats: str
    epoch: int
    fingerprint: str


@dataclass
class BuildResult:
    """What happened to one pack."""

    slug: str
    ok: bool
    seconds: float = 0.0
    pages: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)


def _tools(root: Path) -> tuple[Renderer, Printer]:
    if root not in _WORKERS:
        project = Project(root)
        _WORKERS[root] = (Renderer(project.overrides, project.mkdocs_yml), Printer(project))
    return _WORKERS[root]


def warm_up(root: Path) -> None:
    """Import MkDocs and WeasyPrint and load templates once per worker process."""
    import mkdocs.commands.build  # noqa: F401
    import weasyprint  # noqa: F401

    _tools(root)


def date_text(epoch: int) -> str:
    """A build date for people: '25 November 2026'."""
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return f"{day.day} {day:%B %Y}"


def build_pack(job: BuildJob) -> BuildResult:
    """Build one pack into ``job.workdir``; never touches the published output."""
    started = time.perf_counter()
    slug = job.plan.slug
    try:
        result = _build(job)
    except Exception as exc:  # noqa: BLE001 - reported per pack, the others go on
        return BuildResult(slug, False, time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}")
    result.seconds = time.perf_counter() - started
    return result


def _build(job: BuildJob) -> BuildResult:
    project = Project(job.root)
    renderer, printer = _tools(job.root)
    plan = job.plan
    tpack = plan.tpack
    slug = plan.slug
    out = job.workdir
    out.mkdir(parents=True)
    modules = [renderer.module(m) for m in tpack.modules]
    pdf_name = f"{slug}-implementation-pack.pdf"
    warnings: list[str] = []
    pages = 0
    ranges: dict[str, tuple[int, int]] = {}
    text_date = date_text(job.epoch)
    pdf_bytes = b""
    if job.formats in ("pdf", "all"):
        html = printer.html(tpack, modules, [text for _, _, text in plan.pages], renderer,
                            pdf_date(job.epoch), text_date)
        result, print_warnings = printer.render(html, tpack, [m.id for m in modules])
        warnings += [f"weasyprint: {w}" for w in print_warnings]
        pdf_bytes, pages, ranges = result.pdf, result.pages, result.ranges
        (out / pdf_name).write_bytes(pdf_bytes)
        (out / "modules").mkdir()
        for module_id, data in result.module_pdfs.items():
            (out / "modules" / f"{module_id}.pdf").write_bytes(data)
    if job.formats in ("site", "all"):
        docs = out / ".docs"
        logo = (project.root / tpack.pack.home.logo).resolve() if tpack.pack.home.logo else None
        nav = write_docs(docs, project, slug, renderer.home(tpack), modules, plan.pages, logo)
        site = out / "site"
        settings = site_config(
            project, docs, site, nav, tpack.pack.home.name, slug, tpack.pack.theme.primary,
            f"logo{logo.suffix.lower()}" if logo else None, pdf_name if pdf_bytes else "",
        )
        site_warnings = build_site(project, settings)
        warnings += [f"mkdocs: {w}" for w in site_warnings]
        shutil.rmtree(docs)
        if pdf_bytes:
            shutil.copyfile(out / pdf_name, site / pdf_name)
            shutil.copytree(out / "modules", site / "modules", dirs_exist_ok=True)
            _bundle(out / f"{slug}-pack.zip", site, out / pdf_name, tpack.pack.home.name, tpack.version,
                    text_date, job.epoch)
    meta = {
        "slug": slug,
        "home": tpack.pack.home.name,
        "modules": [{"id": m.id, "title": m.title, "kind": m.kind, "pages": list(ranges.get(m.id, (0, 0)))}
                    for m in modules],
        "pages": pages,
        "version": tpack.version,
        "built": text_date,
        "epoch": job.epoch,
        "formats": job.formats,
        "fingerprint": job.fingerprint,
    }
    (out / ".tippack.json").write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
    return BuildResult(slug, True, pages=pages, warnings=warnings)


def _bundle(target: Path, site: Path, pdf: Path, home: str, version: str, when: str, epoch: int) -> None:
    """A zip of the site and the PDF with a short README, byte-identical on rebuild."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    entries: list[tuple[str, bytes]] = [
        ("README.txt", BUNDLE_README.format(home=home, version=version, date=when, pdf=pdf.name).encode()),
        (pdf.name, pdf.read_bytes()),
    ]
    entries += [
        ("site/" + p.relative_to(site).as_posix(), p.read_bytes())
        for p in sorted(site.rglob("*")) if p.is_file()
    ]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

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

from .plan import PackPlan
from .printing import Printer, pdf_date
from .project import Project
from .render import Renderer
from .site import build_site, site_config, write_docs

_WORKERS: dict[Path, tuple[Renderer, Printer]] = {}

BUNDLE_TEMPLATES = ("bundle-readme.txt", "bundle-open.html")  # in overrides/publish/
BUNDLE_OPEN = "Open the website.html"


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
    tailored = plan.tailored
    slug = plan.slug
    out = job.workdir
    out.mkdir(parents=True)
    modules = [renderer.module(m) for m in tailored.modules]
    pdf_name = f"{slug}-implementation-pack.pdf"
    warnings: list[str] = []
    pages = 0
    ranges: dict[str, tuple[int, int]] = {}
    text_date = date_text(job.epoch)
    pdf_bytes = b""
    if job.formats in ("pdf", "all"):
        html = printer.html(tailored, modules, [text for _, _, text in plan.pages], renderer,
                            pdf_date(job.epoch), text_date)
        result, print_warnings = printer.render(html, tailored, [m.id for m in modules])
        warnings += [f"weasyprint: {w}" for w in print_warnings]
        pdf_bytes, pages, ranges = result.pdf, result.pages, result.ranges
        (out / pdf_name).write_bytes(pdf_bytes)
        (out / "modules").mkdir()
        for module_id, data in result.module_pdfs.items():
            (out / "modules" / f"{module_id}.pdf").write_bytes(data)
    if job.formats in ("site", "all"):
        docs = out / ".docs"
        logo = (project.root / tailored.pack.home.logo).resolve() if tailored.pack.home.logo else None
        nav = write_docs(docs, project, slug, renderer.home(tailored), modules, plan.pages, logo,
                         renderer.month_plan(tailored, page_links=False))
        site = out / "site"
        settings = site_config(
            project, docs, site, nav, tailored.pack.home.name, slug, tailored.pack.theme.primary,
            f"logo{logo.suffix.lower()}" if logo else None, pdf_name if pdf_bytes else "",
        )
        site_warnings = build_site(project, settings)
        warnings += [f"mkdocs: {w}" for w in site_warnings]
        shutil.rmtree(docs)
        if pdf_bytes:
            shutil.copyfile(out / pdf_name, site / pdf_name)
            shutil.copytree(out / "modules", site / "modules", dirs_exist_ok=True)
            _bundle(project, out / f"{slug}-pack.zip", site, out / pdf_name, tailored.pack.home.name,
                    tailored.version, text_date, job.epoch)
    meta = {
        "slug": slug,
        "home": tailored.pack.home.name,
        "modules": [{"id": m.id, "title": m.title, "kind": m.kind, "pages": list(ranges.get(m.id, (0, 0)))}
                    for m in modules],
        "pages": pages,
        "version": tailored.version,
        "built": text_date,
        "epoch": job.epoch,
        "formats": job.formats,
        "fingerprint": job.fingerprint,
    }
    (out / ".tippack.json").write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
    return BuildResult(slug, True, pages=pages, warnings=warnings)


# Left out of the bundle: browser-devtools source maps and the sitemap, of no use on a stick.
_NOT_BUNDLED = ("*.map", "sitemap.xml", "sitemap.xml.gz")


def _bundle(project: Project, target: Path, site: Path, pdf: Path, home: str, version: str,
            when: str, epoch: int) -> None:
    """A zip of the site and the PDF, a README and a page that opens the site; byte-identical
    on rebuild. The README uses Windows line endings so every Notepad shows it properly."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(project.overrides / "publish"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    values = {"home": home, "version": version, "date": when, "pdf": pdf.name}
    readme = env.get_template(BUNDLE_TEMPLATES[0]).render(values).replace("\n", "\r\n")
    opener = env.get_template(BUNDLE_TEMPLATES[1]).render(values)
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    entries: list[tuple[str, bytes]] = [
        ("README.txt", readme.encode("utf-8")),
        (BUNDLE_OPEN, opener.encode("utf-8")),
        (pdf.name, pdf.read_bytes()),
    ]
    entries += [
        ("site/" + p.relative_to(site).as_posix(), p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and not any(p.match(pattern) for pattern in _NOT_BUNDLED)
    ]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

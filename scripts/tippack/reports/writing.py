"""A report's folder written whole: its HTML page, the PDF made from that same page, the
fonts and style sheet the page needs (so it works from disk, offline), and its record.

The folder is made beside its final place and swapped in, so a report that fails halfway
leaves the last good one as it was.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tippack.outputs.printed.libraries import plain_warnings
from tippack.reading.project import Project
from tippack.rendering.templates import environment

FONT_FILES = ("fonts.css", "OFL.txt", "OFL-NotoSans.txt")


def fonts_folder(project: Project) -> Path:
    """The shipped fonts (WOFF2, with their licences and @font-face rules)."""
    return project.overrides / "theme" / "assets" / "fonts"


def page(project: Project, template: str, view: dict[str, Any]) -> str:
    """A report's HTML page from its template in overrides/reports/."""
    return environment(project.overrides / "reports").get_template(template).render(**view)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@contextlib.contextmanager
def _weasyprint_warnings() -> Iterator[_Collect]:
    handler = _Collect()
    log = logging.getLogger("weasyprint")
    log.addHandler(handler)
    try:
        yield handler
    finally:
        log.removeHandler(handler)


@functools.cache
def _font_config() -> Any:
    """One font configuration a process: WeasyPrint unpacks the shipped WOFF2 fonts once, not for
    every report (most of a small report's time)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def pdf(html: str, folder: Path, title: str) -> tuple[bytes, list[str]]:
    """The page printed by WeasyPrint (its assets read from ``folder``), tagged, with any warnings."""
    from weasyprint import HTML

    with _weasyprint_warnings() as caught:
        document = HTML(string=html, base_url=str(folder / "index.html"), media_type="print").render(
            font_config=_font_config())
        document.metadata.title = title
        data = document.write_pdf(pdf_tags=True)
    return data, plain_warnings(caught.records)


def _assets(project: Project, folder: Path) -> None:
    """The style sheet and the shipped fonts, beside the page."""
    assets = folder / "assets"
    assets.mkdir(parents=True)
    for sheet in ("reports.css", "narrow.css"):
        shutil.copyfile(project.overrides / "reports" / sheet, assets / sheet)
    fonts = fonts_folder(project)
    for source in sorted(fonts.iterdir()):
        if source.suffix == ".woff2" or source.name in FONT_FILES:
            shutil.copyfile(source, assets / source.name)


def write_report(project: Project, target: Path, html: str, pdf_name: str, title: str,
                 extra: dict[str, str]) -> tuple[list[Path], list[str]]:
    """Write a report folder whole (index.html, the PDF, assets/ and ``extra`` files) and swap it in
    for the one there before; the files written and WeasyPrint's warnings."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}-*"):  # from a run that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    work = target.parent / f".{target.name}-{uuid.uuid4().hex[:8]}"
    old = target.parent / f".{target.name}-old-{uuid.uuid4().hex[:8]}"
    try:
        work.mkdir()
        _assets(project, work)
        (work / "index.html").write_text(html, encoding="utf-8")
        for name, text in extra.items():
            (work / name).write_text(text, encoding="utf-8")
        data, warnings = pdf(html, work, title)
        (work / pdf_name).write_bytes(data)
        if target.exists():
            target.rename(old)
        try:
            work.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)  # the last good report stays
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return [target / "index.html", target / pdf_name, *(target / n for n in extra)], warnings

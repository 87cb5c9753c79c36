"""The printed pack: one HTML document rendered by WeasyPrint.

Cover, contents with real page numbers, the modules (the same HTML the site
shows) and back matter. Page geometry, headers and footers live in
``overrides/print/pack.css``. Per-module PDFs are cut from the pack's pages.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from tippack.outputs.printed.forms import FormTidy, group_labels
from tippack.outputs.printed.libraries import load_weasyprint, machine_notes, plain_warnings
from tippack.outputs.printed.names import page_title, short_name
from tippack.planning.tailor import TailoredPack
from tippack.reading.project import Project
from tippack.rendering.render import KINDS, RenderedModule, Renderer
from tippack.rendering.templates import environment, isolated


@dataclass(frozen=True)
class PrintResult:
    """The pack PDF's bytes and the page range (start, end exclusive) of each module."""

    pdf: bytes
    pages: int
    ranges: dict[str, tuple[int, int]]
    module_pdfs: dict[str, bytes]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


class Printer:
    """Renders packs to PDF with one shared font configuration. ``notes``: what WeasyPrint said
    this machine lacks (each said once by the command, never a warning of a pack)."""

    def __init__(self, project: Project) -> None:
        load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        self.project = project
        self.fonts = FontConfiguration()
        self.env = environment(project.overrides / "print")
        self.notes: set[str] = set()

    def html(self, pack: TailoredPack, modules: list[RenderedModule], pages: list[str], renderer: Renderer,
             created: str, date_text: str, template: str = "pack.html", **extra: Any) -> str:
        """The whole pack as one HTML document (``template``: another print document built on
        pack.html, such as a completed copy, with its ``extra`` values)."""
        values = self.values(pack, pages, renderer, created, date_text)
        values.update(
            kinds_here={m.kind for m in modules},
            any_examples=any(m.examples for m in modules),
            quick_start=renderer.quick_start(pack, page_links=True, level=1),
            month_plan=renderer.month_plan(pack, page_links=True),
            modules=[{"id": m.id, "kind": m.kind, "title": m.title, "html": renderer.page_html(m.markdown),
                      "examples": m.examples} for m in modules],
        )
        return self.env.get_template(template).render(**{**values, **extra})

    def volume_html(self, template: str, pack: TailoredPack, parts: list[dict[str, Any]], pages: list[str],
                    renderer: Renderer, created: str, date_text: str, tools: Mapping[str, int],
                    **extra: Any) -> str:
        """One volume of the pack (booklet.html, tools.html) as an HTML document: ``parts`` as
        ``volumes`` made them; ``tools``: the modules printed only in the tools volume, each with its page
        there once known (0 before)."""
        values = self.values(pack, pages, renderer, created, date_text)
        values.update(
            kinds_here={part["kind"] for part in parts},
            any_examples=any(part["examples"] for part in parts),
            quick_start=renderer.quick_start(pack, page_links=True, level=1, tools=tools),
            month_plan=renderer.month_plan(pack, page_links=True, tools=tools),
            modules=parts,
            volumes_css=(self.project.overrides / "print/volumes.css").resolve().as_uri(),
        )
        return self.env.get_template(template).render(**{**values, **extra})

    def values(self, pack: TailoredPack, pages: list[str], renderer: Renderer, created: str, date_text: str
               ) -> dict[str, Any]:
        """What every print document shows of the pack: its home, people, paper and look."""
        p = pack.pack
        root = self.project.root
        logo = (root / p.home.logo).resolve().as_uri() if p.home.logo else None
        author = p.facilitator.organisation or p.facilitator.name if p.facilitator else (p.home.provider or p.home.name)
        return dict(
            completed=False,
            volume=None,  # "booklet" or "tools": one of the two volumes
            volume_label=None,
            home=pack.context["home"],
            facilitator=pack.context["facilitator"],
            version=pack.version,
            author=author,
            created=created,
            date_text=date_text,
            short_name=isolated(short_name(p.home.name)),
            stamp=f"{isolated(short_name(p.home.name))} · version {pack.version} · {date_text}",
            paper=p.print.paper,
            duplex=p.print.duplex,
            large_print=p.print.large_print,
            fillable=p.print.fillable,
            brand=p.theme.primary,
            logo=logo,
            fonts_css=(self.project.overrides / "theme/assets/fonts/fonts.css").resolve().as_uri(),
            pack_css=(self.project.overrides / "print/pack.css").resolve().as_uri(),
            item_css=[path.resolve().as_uri() for path in self.project.item_styles()],
            kinds=KINDS,
            has_ratings=any(i.type == "rating" for m in pack.modules for s in m.sections for i in s.items),
            pages=[{"title": page_title(text), "html": renderer.page_html(text)} for text in pages],
        )

    def render(self, html: str, pack: TailoredPack, module_ids: list[str]) -> tuple[PrintResult, list[str]]:
        """Lay out and write the PDF; return it with module page ranges and any warnings."""
        fillable = pack.pack.print.fillable
        finisher = FormTidy(group_labels(pack)) if fillable else None
        with quiet_layout() as handler:
            document = self.layout(html, fillable)
            starts: dict[str, int] = {}
            for index, page in enumerate(document.pages):
                for anchor in page.anchors:
                    if anchor.startswith("module-") and anchor[7:] in module_ids:
                        starts.setdefault(anchor[7:], index)
                    if anchor == "back-matter":
                        starts.setdefault("\0back", index)
            pdf = document.write_pdf(pdf_forms=fillable, pdf_tags=True, finisher=finisher)
            total = len(document.pages)
            order = sorted(starts.items(), key=lambda kv: kv[1])
            ranges: dict[str, tuple[int, int]] = {}
            for i, (module_id, start) in enumerate(order):
                end = order[i + 1][1] if i + 1 < len(order) else total
                if module_id != "\0back":
                    ranges[module_id] = (start, end)
            # Each module's own PDF: the pack's laid-out pages, written again (no second layout).
            titles = {m.id: m.title for m in pack.modules}
            module_pdfs = {}
            for module_id, (start, end) in ranges.items():
                part = document.copy(document.pages[start:end])
                part.metadata = copy.copy(document.metadata)
                part.metadata.title = f"{titles[module_id]}: {pack.pack.home.name}"
                module_pdfs[module_id] = part.write_pdf(pdf_forms=fillable, pdf_tags=True, finisher=finisher)
        self.notes.update(machine_notes(handler.records))
        return PrintResult(pdf, total, ranges, module_pdfs), plain_warnings(handler.records)

    def layout(self, html: str, forms: bool) -> Any:
        """WeasyPrint's laid-out document for one HTML document (form fields when ``forms``)."""
        from weasyprint import HTML

        return HTML(string=html, base_url=str(self.project.root)).render(font_config=self.fonts, pdf_forms=forms)

    def write(self, html: str, pack: TailoredPack, forms: bool) -> tuple[bytes, list[str]]:
        """One print document as a PDF (a form when ``forms``), and any warnings: for documents
        other than the pack, such as a completed copy."""
        finisher = FormTidy(group_labels(pack)) if forms else None
        with quiet_layout() as handler:
            pdf = self.layout(html, forms).write_pdf(pdf_forms=forms, pdf_tags=True, finisher=finisher)
        self.notes.update(machine_notes(handler.records))
        return pdf, plain_warnings(handler.records)


@contextlib.contextmanager
def quiet_layout() -> Iterator[_Warnings]:
    """Collect WeasyPrint's warnings, with the cyclic garbage collector paused.

    Layout makes millions of short-lived objects and few cycles: the cyclic collector
    only slows it down (about 15-20 % of print time on an 85-page pack, same peak memory).
    """
    handler = _Warnings()
    wlog = logging.getLogger("weasyprint")
    wlog.addHandler(handler)
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield handler
    finally:
        wlog.removeHandler(handler)
        if collecting:
            gc.enable()

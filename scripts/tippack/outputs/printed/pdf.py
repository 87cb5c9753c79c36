"""The printed outputs: the booklet, the tools volume and the complete PDF, the module PDFs and the
earlier versions' booklets."""

from __future__ import annotations

import shutil

from tippack.outputs.base import Output, PackBuild
from tippack.outputs.printed.booklet import Printed, over_budget, print_volumes
from tippack.outputs.printed.names import (
    complete_pdf_name,
    date_text,
    pdf_date,
    pdf_name,
    tools_pdf_name,
    versioned_pdf_name,
)


class PackPdf(Output):
    """The booklet and the tools volume, each laid out once, and the complete PDF joining them;
    the module PDFs are written from the same pages."""

    name = "pack PDF"
    order = 10
    format = "pdf"
    words = "the PDF"
    linked = True
    bundled = True

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [pdf_name(slug), tools_pdf_name(slug), complete_pdf_name(slug)]

    def build(self, build: PackBuild) -> None:
        printed, warnings = print_volumes(build)
        build.warnings += [f"weasyprint: {w}" for w in warnings]
        budget = build.plan.tailored.pack.print.booklet_pages
        if printed.booklet_pages > budget:
            build.warnings.append(over_budget(printed.booklet_pages, budget))
        build.pages = printed.booklet_pages + printed.tools_pages
        build.ranges = {m: _first_last(r.get("booklet") or r["tools"]) for m, r in printed.ranges.items() if r}
        build.shared["print"] = printed
        build.record.update(printed_record(printed))
        build.path(pdf_name(build.slug)).write_bytes(printed.booklet)
        build.path(tools_pdf_name(build.slug)).write_bytes(printed.tools)
        build.path(complete_pdf_name(build.slug)).write_bytes(printed.complete)


def _first_last(pages: list[int]) -> tuple[int, int]:
    """A module's [first, last] page pair as the build keeps it."""
    return pages[0], pages[1]


def printed_record(printed: Printed) -> dict[str, object]:
    """What the build record keeps of the two volumes: pages, budget counts, nearly empty pages."""
    return {"booklet_pages": printed.booklet_pages, "tools_pages": printed.tools_pages,
            "booklet_fill": printed.fill.record(), "parts": printed.ranges}


class ModulePdfs(Output):
    """Each module on its own, for reprinting one worksheet: modules/MODULE.pdf."""

    name = "module PDFs"
    order = 20
    format = "pdf"
    linked = True
    bundled = True

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["modules"]

    def build(self, build: PackBuild) -> None:
        result: Printed = build.shared["print"]
        folder = build.path("modules")
        folder.mkdir()
        for module_id, data in result.module_pdfs.items():
            (folder / f"{module_id}.pdf").write_bytes(data)


def print_html(build: PackBuild) -> str:
    """The pack's print document, made once per build: the PDF is laid out from it and the
    Word copies are written from it, so both have the same wording in the same order."""
    if "print_html" not in build.shared:
        build.shared["print_html"] = build.printer.html(
            build.plan.tailored, build.modules, [text for _, _, text in build.plan.pages], build.renderer,
            pdf_date(build.epoch), date_text(build.epoch))
    html: str = build.shared["print_html"]
    return html


class EarlierVersions(Output):
    """The PDFs of a pack's earlier versions, kept when its version changes: the copy a home
    signed can always be found again (versions/SLUG-implementation-pack-vVERSION.pdf)."""

    name = "earlier versions"
    order = 5

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["versions"]

    def wanted(self, build: PackBuild) -> bool:
        return build.previous is not None

    def build(self, build: PackBuild) -> None:
        previous = build.previous
        if previous is None:  # not wanted without one
            return
        kept = previous / "versions"
        folder = build.path("versions")
        if kept.is_dir():
            shutil.copytree(kept, folder)
        before = build.previous_record.get("version")
        old_pdf = previous / complete_pdf_name(build.slug)
        if before is not None and before != build.plan.tailored.version and old_pdf.is_file():
            folder.mkdir(exist_ok=True)
            shutil.copyfile(old_pdf, folder / versioned_pdf_name(build.slug, str(before)))

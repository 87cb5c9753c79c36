"""The booklet and the tools volume, each laid out once; every other PDF written from their pages.

The tools volume is laid out first, so the booklet's list of tools can give each tool's page.
Both are written as PDF/UA-1 (tagged, with the language and bookmarks). Each module's own PDF
takes its pages from the two volumes (its one-page flow, its part of the booklet, what goes
with it in the tools volume); the complete PDF is the booklet's pages then the tools', with
the two volumes as the top level of its bookmarks, and its first page, the booklet's cover,
names both volumes. No page is laid out twice.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from tippack.outputs.base import PackBuild
from tippack.outputs.printed.forms import FormTidy, group_labels
from tippack.outputs.printed.libraries import plain_warnings
from tippack.outputs.printed.names import date_text, pdf_date
from tippack.outputs.printed.pagefill import Fill, fill
from tippack.outputs.printed.printer import quiet_layout
from tippack.outputs.printed.volumes import volumes

UA = "pdf/ua-1"  # WeasyPrint's PDF/UA-1 variant: tags, /Lang, title shown, the XMP identification
SITE_ONLY = ("using-the-site",)  # shared pages about the website itself, of no use on paper


@dataclass
class Printed:
    """Both volumes written, each module's own PDF, the complete PDF, and how the pages fell."""

    booklet: bytes
    tools: bytes
    complete: bytes
    booklet_pages: int
    tools_pages: int
    fill: Fill
    module_pdfs: dict[str, bytes] = field(default_factory=dict)
    ranges: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # module -> volume -> [first, last]


def print_volumes(build: PackBuild) -> tuple[Printed, list[str]]:
    """Lay out the tools volume and the booklet of one pack and write every PDF made from them."""
    pack, printer = build.plan.tailored, build.printer
    parts = volumes(pack, build.renderer)
    fillable = pack.pack.print.fillable
    finisher = FormTidy(group_labels(pack)) if fillable else None
    created, when = pdf_date(build.epoch), date_text(build.epoch)
    only_tools = {m.id: 0 for m in pack.modules if not m.in_booklet()}
    with quiet_layout() as handler:
        tools_doc = printer.layout(printer.volume_html(
            "tools.html", pack, parts.tools, [text for name, _, text in build.plan.pages if name not in SITE_ONLY],
            build.renderer, created,
            when, only_tools, volume="tools", volume_label="The tools"), fillable)
        tool_spans = spans(tools_doc, [f"module-{p['id']}" for p in parts.tools], "back-matter")
        for listed in parts.listed:
            listed["page"] = tool_spans[f"module-{listed['id']}"][0] + 1
        tool_pages = {entry["id"]: entry["page"] for entry in parts.listed}
        booklet_doc = printer.layout(printer.volume_html(
            "booklet.html", pack, parts.booklet, [], build.renderer, created, when, tool_pages,
            volume="booklet", volume_label="The booklet", front=parts.front, listed=parts.listed,
            tools_pages=len(tools_doc.pages)), fillable)
        booklet_spans = spans(booklet_doc, [f"module-{p['id']}" for p in parts.booklet], "tools-list")
        written = Printed(
            booklet=booklet_doc.write_pdf(pdf_variant=UA, pdf_forms=fillable, finisher=finisher),
            tools=tools_doc.write_pdf(pdf_variant=UA, pdf_forms=fillable, finisher=finisher),
            complete=_complete(booklet_doc, tools_doc, pack.pack.home.name, fillable, finisher),
            booklet_pages=len(booklet_doc.pages), tools_pages=len(tools_doc.pages), fill=fill(booklet_doc))
        for module in pack.modules:
            front = [_anchor_page(booklet_doc, f"front-{module.id}")] if any(
                f["module_id"] == module.id for f in parts.front) else []
            in_booklet = front + booklet_spans.get(f"module-{module.id}", [])
            in_tools = tool_spans.get(f"module-{module.id}", [])
            written.ranges[module.id] = {name: [pages[0], pages[-1] + 1] for name, pages in (
                ("front", front), ("booklet", in_booklet[len(front):]), ("tools", in_tools)) if pages}
            chosen = own_pages([booklet_doc.pages[i] for i in in_booklet] + [tools_doc.pages[i] for i in in_tools])
            if chosen:
                own = (booklet_doc if in_booklet else tools_doc).copy(chosen)
                own.metadata = copy.copy(booklet_doc.metadata)
                own.metadata.title = f"{module.title}: {pack.pack.home.name}"
                written.module_pdfs[module.id] = own.write_pdf(pdf_variant=UA, pdf_forms=fillable, finisher=finisher)
    return written, plain_warnings(handler.records)


def over_budget(pages: int, budget: int) -> str:
    """The warning for a booklet longer than its pack's page budget, and what to do about it."""
    return (f"the booklet has {pages} pages, over its budget of {budget} (print.booklet_pages): move a module"
            " to the tools with '{id: MODULE, part: tool}' under modules:, or raise the budget")


def spans(document: Any, anchors: list[str], end: str) -> dict[str, list[int]]:
    """The pages (indices) of each part that starts at one of ``anchors``, in document order,
    until the next part or ``end``. A part that runs on into the page where the next one
    starts, below the top, has that page too: parts that follow one another share it."""
    found: dict[str, tuple[int, float]] = {}
    for i, page in enumerate(document.pages):  # a part that runs over pages is on each: take its first
        for name in page.anchors:
            if name in anchors or name == end:
                found.setdefault(name, (i, page.anchors[name][1]))
    starts = sorted((index, y, name) for name, (index, y) in found.items())
    out: dict[str, list[int]] = {}
    for k, (first, _, name) in enumerate(starts):
        if name == end:
            continue
        if k + 1 < len(starts):
            nxt, y, _ = starts[k + 1]
            page = document.pages[nxt]
            last = nxt if y > page._page_box.content_box_y() + 2 and nxt > first else max(first, nxt - 1)
        else:
            last = len(document.pages) - 1
        out[name] = list(range(first, last + 1))
    return out


def own_pages(pages: list[Any]) -> list[Any]:
    """Pages for a PDF of their own: a link to a place not among them (a page reference in the
    six-month plan, on a page a module shares with it) is left as text, not a broken link."""
    here = {name for page in pages for name in page.anchors}
    out = []
    for page in pages:
        kept = [link for link in page.links if link[0] != "internal" or link[1] in here]
        if len(kept) != len(page.links):
            page = copy.copy(page)
            page.links = kept
        out.append(page)
    return out


def _anchor_page(document: Any, anchor: str) -> int:
    return next(i for i, page in enumerate(document.pages) if anchor in page.anchors)


def _complete(booklet: Any, tools: Any, home: str, forms: bool, finisher: Any) -> bytes:
    """The booklet's pages then the tools', each volume a top-level bookmark over its own."""
    pages = _nested(booklet.pages, "The booklet") + _nested(tools.pages, "The tools")
    joined = booklet.copy(pages)
    joined.metadata = copy.copy(booklet.metadata)
    joined.metadata.title = f"{home}: trauma-informed practice implementation pack (the booklet and the tools)"
    written: bytes = joined.write_pdf(pdf_forms=forms, pdf_tags=True, finisher=finisher)
    return written


def _nested(pages: list[Any], label: str) -> list[Any]:
    """Copies of a volume's pages whose bookmarks sit one level down, under one named for the volume."""
    out = []
    for index, page in enumerate(pages):
        moved = copy.copy(page)
        moved.bookmarks = [(level + 1, text, target, state) for level, text, target, state in page.bookmarks]
        if index == 0:
            moved.bookmarks.insert(0, (1, label, (0, 0), "open"))
        out.append(moved)
    return out

"""Editable Word copies: every module as ``word/MODULE.docx``, the whole pack as ``SLUG-implementation-pack.docx``.

Written from the print document's HTML (``wordtext``, ``worditems``), so a Word copy says
what the PDF says, in the same order. Word's built-in styles throughout (Title, Heading 1-3,
List Bullet, Table Grid ...), so a home can paste it into its own letterhead or template and
the navigation pane shows the structure; headings in the home's colour; the pack's paper
size. The same build epoch as the PDF dates the document and its zip entries, so a rebuild
writes the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping
from typing import Any

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tippack.outputs.base import Output, PackBuild
from tippack.outputs.ooxml import build_time, reproducible
from tippack.outputs.printed.names import date_text, short_name
from tippack.outputs.printed.pdf import print_html
from tippack.outputs.word import docxml
from tippack.outputs.word.looks import BLOCKS, Look, Styles, skipped, tag_of
from tippack.outputs.word.worditems import ItemWriters, item_index
from tippack.outputs.word.wordtext import WordWriter
from tippack.planning.tailor import TailoredPack
from tippack.rendering.colours import palette

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
PAPER = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGINS = (20.0, 17.0)  # top and bottom, left and right, in mm: as the PDF
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>tippack</Application><DocSecurity>0</DocSecurity></Properties>")


def pack_docx_name(slug: str) -> str:
    """The whole pack's Word file, everywhere it is written or linked."""
    return f"{slug}-implementation-pack.docx"


def module_docx_path(module_id: str) -> str:
    """A module's Word file under build/SLUG/ (and under the site)."""
    return f"word/{module_id}.docx"


def new_document(pack: TailoredPack, title: str, epoch: int) -> Any:
    """An empty Word document set up for a pack: paper, margins, styles, properties, running
    header and footer."""
    import docx

    document = docx.Document()
    p = pack.pack
    width, height = PAPER.get(p.print.paper, PAPER["A4"])
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = section.bottom_margin = Mm(MARGINS[0])
    section.left_margin = section.right_margin = Mm(MARGINS[1])
    section.header_distance = section.footer_distance = Mm(8)
    _styles(document, palette(p.theme.primary)["link_light"], 16.0 if p.print.large_print else 11.0)
    _properties(document, pack, title, epoch)
    _package(document)
    _running(document, pack, epoch, width - 2 * MARGINS[1])
    return document


def _styles(document: Any, brand: str, size: float) -> None:
    """Body text size, British English, headings and title in the home's colour (made readable)."""
    styles = document.styles
    colour = RGBColor.from_string(brand.lstrip("#").upper())
    styles["Normal"].font.size = Pt(size)
    for name, scale in (("Title", 2.4), ("Subtitle", 1.8), ("Heading 1", 1.8), ("Heading 2", 1.35),
                        ("Heading 3", 1.1), ("Heading 4", 1.0)):
        style = styles[name]
        style.font.color.rgb = colour
        style.font.size = Pt(round(size * scale))
    styles["Subtitle"].font.italic, styles["Subtitle"].font.bold = False, True  # the home's name on the cover
    styles["Intense Quote"].font.color.rgb = colour
    for name in ("Title", "Intense Quote"):
        docxml.recolour_borders(styles[name], brand.lstrip("#").upper())
    styles["Heading 1"].paragraph_format.space_after = Pt(8)
    styles["Heading 2"].paragraph_format.space_before = Pt(14)
    styles["Heading 2"].paragraph_format.space_after = Pt(4)
    for language in styles.element.iter(qn("w:lang")):
        language.set(qn("w:val"), "en-GB")


def _properties(document: Any, pack: TailoredPack, title: str, epoch: int) -> None:
    p = pack.pack
    author = p.facilitator.organisation or p.facilitator.name if p.facilitator else (p.home.provider or p.home.name)
    when = build_time(epoch)
    core = document.core_properties
    core.title = title
    core.subject = f"Trauma-informed practice implementation pack for {p.home.name}, version {pack.version}"
    core.author = core.last_modified_by = author or ""
    core.keywords = "trauma-informed practice, care home, implementation pack, Scotland"
    core.comments = "Made with tippack"
    core.category = ""
    core.language = "en-GB"
    core.created = core.modified = core.last_printed = when
    core.revision = 1


def _package(document: Any) -> None:
    """No stale preview picture, application details or Word 2010 style copy from python-docx's
    own template; the body font of Word's own default theme."""
    package = document.part.package
    for rels, kind in ((package.rels, RT.THUMBNAIL), (document.part.rels, STYLES_WITH_EFFECTS)):
        for key, rel in list(rels.items()):
            if rel.reltype == kind:
                rels.pop(key)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")
        elif str(part.partname).startswith("/word/theme/"):
            part._blob = re.sub(rb'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rb"\1Calibri", part.blob)


def _running(document: Any, pack: TailoredPack, epoch: int, width: float) -> None:
    """The home on every page's header; its version, the date and "Page N of M" in the footer."""
    section = document.sections[0]
    name = short_name(pack.pack.home.name)
    header = section.header.paragraphs[0]
    header.text = f"{name} · trauma-informed practice implementation pack"
    footer = section.footer.paragraphs[0]
    stops = footer.paragraph_format.tab_stops
    for inherited in document.styles["Footer"].paragraph_format.tab_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{name} · version {pack.version} · {date_text(epoch)}\tPage ")
    docxml.field(footer, "PAGE")
    footer.add_run(" of ")
    docxml.field(footer, "NUMPAGES")
    for style in ("Header", "Footer"):  # as the PDF's running heads
        document.styles[style].font.size = Pt(11 if pack.pack.print.large_print else 8)


def writer_for(document: Any, pack: TailoredPack, answers: Mapping[str, Any], root: Any) -> WordWriter:
    """A writer of print HTML into ``document``, for this pack's items (and answers)."""
    p = pack.pack
    width = PAPER.get(p.print.paper, PAPER["A4"])[0] - 2 * MARGINS[1]
    size = 16.0 if p.print.large_print else 11.0
    items = ItemWriters(item_index(pack.modules), answers, 12.0 if p.print.large_print else 9.0, width)
    brand = RGBColor.from_string(palette(p.theme.primary)["link_light"].lstrip("#").upper())
    return WordWriter(document, size, brand, items, width, root)


def docx_bytes(document: Any, epoch: int) -> bytes:
    """The document as .docx bytes, the same on every build."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue(), epoch)


def print_tree(build: PackBuild) -> Any:
    """The print document, parsed once per build (the Word copies read it)."""
    if "print_tree" not in build.shared:
        import lxml.html

        build.shared["print_tree"] = lxml.html.document_fromstring(print_html(build))
    return build.shared["print_tree"]


def module_parts(tree: Any, module_id: str) -> list[Any]:
    """A module's part of the print document: the module and its worked examples."""
    return [found for key in (f"module-{module_id}", f"examples-{module_id}")
            for found in tree.body.iter() if found.get("id") == key]


def module_document(pack: TailoredPack, module_id: str, title: str, parts: list[Any], epoch: int,
                    answers: Mapping[str, Any], root: Any) -> bytes:
    """One module as a Word document (with ``answers``: the home's completed copy)."""
    document = new_document(pack, f"{title}: {pack.pack.home.name}", epoch)
    writer = writer_for(document, pack, answers, root)
    for part in parts:
        writer.block(part, document, Look(), Styles(), 0)
    return docx_bytes(document, epoch)


def copied_module(pack: TailoredPack, source: Any, span: tuple[int, int], title: str, epoch: int) -> bytes:
    """A module's Word document made from its part of the whole pack's (copied, not written
    again): the same words, and about a fifth of the time."""
    document = new_document(pack, f"{title}: {pack.pack.home.name}", epoch)
    end = document.element.body[-1]  # the section properties stay last
    for element in source.element.body[span[0]:span[1]]:
        end.addprevious(copy.deepcopy(element))
    first = document.element.body[0]
    for page_break in first.iter(qn("w:pageBreakBefore")):
        page_break.getparent().remove(page_break)
    numbering = document.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        numbering.remove(num)
    for num in source.part.numbering_part.element.findall(qn("w:num")):
        numbering.append(copy.deepcopy(num))
    return docx_bytes(document, epoch)


def _self_contained(source: Any, span: tuple[int, int]) -> bool:
    """Whether a stretch of a document can be copied into another as it is (no pictures or
    other parts it refers to by relationship)."""
    return not any(element.xpath(".//@r:id|.//@r:embed") for element in source.element.body[span[0]:span[1]])


class WordPack(Output):
    """The whole pack as one Word document, in the PDF's order: cover, contents, start pages,
    modules with their worked examples, back matter."""

    name = "Word pack"
    order = 22
    format = "docx"
    linked = True
    bundled = True

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [pack_docx_name(slug)]

    def build(self, build: PackBuild) -> None:
        pack = build.plan.tailored
        document = new_document(pack, f"{pack.pack.home.name}: trauma-informed practice implementation pack",
                                build.epoch)
        writer = writer_for(document, pack, {}, build.project.root)
        body = document.element.body
        spans: dict[str, list[int]] = {}
        for part in print_tree(build).body:
            if skipped(part) or tag_of(part) not in BLOCKS:
                continue
            start = len(body) - 1
            writer.block(part, document, Look(), Styles(), 0)
            key = part.get("id") or ""
            for prefix in ("module-", "examples-"):
                if key.startswith(prefix):
                    spans.setdefault(key[len(prefix):], [start, start])[1] = len(body) - 1
        build.path(pack_docx_name(build.slug)).write_bytes(docx_bytes(document, build.epoch))
        build.shared["word_pack"] = (document, {key: (a, b) for key, (a, b) in spans.items()})


class WordModules(Output):
    """Each module as a Word document of its own: word/MODULE.docx."""

    name = "Word modules"
    order = 24
    format = "docx"
    linked = True
    bundled = True

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["word"]

    def build(self, build: PackBuild) -> None:
        pack = build.plan.tailored
        source, spans = build.shared.get("word_pack", (None, {}))
        build.path("word").mkdir()
        for module in build.modules:
            span = spans.get(module.id)
            if source is not None and span is not None and _self_contained(source, span):
                data = copied_module(pack, source, span, module.title, build.epoch)
            else:
                data = module_document(pack, module.id, module.title, module_parts(print_tree(build), module.id),
                                       build.epoch, {}, build.project.root)
            build.path(module_docx_path(module.id)).write_bytes(data)

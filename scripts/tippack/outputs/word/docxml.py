"""Word features python-docx does not make itself, as the XML Word writes for them.

Check boxes that click (content-control check boxes, ``w14:checkbox`` in a ``w:sdt``),
drop-down lists, a table header row repeated on every page, rows kept whole, cell shading,
numbered lists that start again at 1, and page-number fields. Each is a few elements in
the document's XML; ids are counted per document, so a rebuild writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Row
from docx.text.paragraph import Paragraph

BOX_FONT = "MS Gothic"  # the font Word itself uses for check box glyphs
TICKED, UNTICKED = "\u2612", "\u2610"  # ☒ ☐


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    node = cast(BaseOxmlElement, OxmlElement(tag))  # python-docx's element class, though typed as lxml's
    for key, value in attributes.items():
        node.set(qn(key.replace("_", ":", 1)), value)
    return node


class Ids:
    """Content-control ids for one document, counted from 1 (the same on every build)."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> str:
        """The next id: Word wants each content control's id unique in its document."""
        self.last += 1
        return str(self.last)


def _sdt(ids: Ids, tag: str, title: str) -> tuple[BaseOxmlElement, BaseOxmlElement, BaseOxmlElement]:
    sdt = _element("w:sdt")
    properties = _element("w:sdtPr")
    if title:
        properties.append(_element("w:alias", w_val=title[:255]))
    if tag:
        properties.append(_element("w:tag", w_val=tag[:255]))
    properties.append(_element("w:id", w_val=ids.next()))
    content = _element("w:sdtContent")
    sdt.append(properties)
    sdt.append(content)
    return sdt, properties, content


def checkbox(paragraph: Paragraph, ids: Ids, checked: bool = False, tag: str = "", title: str = "",
             points: float = 12) -> None:
    """A check box that ticks and unticks with a click, at the end of ``paragraph``.

    ``tag`` names the answer it holds (``module.item.3``), so a completed copy can be read back.
    """
    sdt, properties, content = _sdt(ids, tag, title)
    box = _element("w14:checkbox")
    box.append(_element("w14:checked", w14_val="1" if checked else "0"))
    box.append(_element("w14:checkedState", w14_val="2612", w14_font=BOX_FONT))
    box.append(_element("w14:uncheckedState", w14_val="2610", w14_font=BOX_FONT))
    properties.append(box)
    run = _element("w:r")
    run_properties = _element("w:rPr")
    run_properties.append(_element("w:rFonts", w_ascii=BOX_FONT, w_eastAsia=BOX_FONT, w_hAnsi=BOX_FONT,
                                    w_hint="eastAsia"))
    run_properties.append(_element("w:sz", w_val=str(round(points * 2))))
    run_properties.append(_element("w:szCs", w_val=str(round(points * 2))))
    run.append(run_properties)
    text = _element("w:t")
    text.text = TICKED if checked else UNTICKED
    run.append(text)
    content.append(run)
    paragraph._p.append(sdt)


def dropdown(paragraph: Paragraph, ids: Ids, choices: Sequence[str], value: str = "", tag: str = "",
             title: str = "") -> None:
    """A drop-down list of ``choices`` at the end of ``paragraph``, showing ``value`` (blank to print)."""
    sdt, properties, content = _sdt(ids, tag, title)
    listing = _element("w:dropDownList")
    for choice in choices:
        listing.append(_element("w:listItem", w_displayText=choice, w_value=choice))
    properties.append(listing)
    run = _element("w:r")
    text = _element("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = value
    run.append(text)
    content.append(run)
    paragraph._p.append(sdt)


def recolour_borders(style: Any, colour: str) -> None:
    """A paragraph style's borders in ``colour`` (RRGGBB) rather than the theme's accent."""
    for borders in style.element.iter(qn("w:pBdr")):
        for border in borders:
            border.set(qn("w:color"), colour)
            for theme in ("w:themeColor", "w:themeShade", "w:themeTint"):
                border.attrib.pop(qn(theme), None)


def repeat_header(row: _Row) -> None:
    """Print this row again at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(_element("w:tblHeader"))


def keep_row_whole(row: _Row) -> None:
    """Never split this row across two pages."""
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))


def shade(cell: Any, fill: str) -> None:
    """A cell's background colour (``fill``: RRGGBB)."""
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_element("w:shd", w_val="clear", w_color="auto", w_fill=fill))


def restart_numbering(paragraph: Paragraph, level: int = 0) -> int:
    """Make ``paragraph`` (in a numbered-list style) start a new list at 1; its numbering id.

    Word numbers every paragraph of the "List Number" style as one list unless a list has
    a numbering instance of its own: each ordered list gets one here.
    """
    part: Any = paragraph.part  # the document's own part: it holds the numbering definitions
    style: Any = paragraph.style
    numbering = part.numbering_part.numbering_definitions._numbering
    style_num = style.element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=level).add_startOverride(1)
    num_id: int = num.numId
    use_numbering(paragraph, num_id, level)
    return num_id


def use_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    """Number ``paragraph`` in the list ``num_id``."""
    properties: Any = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id


def field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) at the end of ``paragraph``, showing ``shown`` until updated."""
    simple = _element("w:fldSimple", w_instr=f" {instruction} ")
    run = _element("w:r")
    text = _element("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)

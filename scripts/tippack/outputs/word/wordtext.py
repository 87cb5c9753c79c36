"""The print document's HTML written into a Word document, element by element.

The Word copies are made from the very HTML the PDF is laid out from, so they have the
same wording in the same order, tailored the same way. Headings become Word's Heading
styles (the navigation pane shows the structure), paragraphs and lists Word's own
paragraph and list styles, tables real tables. What the paper copy does not show (screen-only
parts, worked examples behind "See an example") is left out here too. Each item fragment
(``div.tp-item``) is handed to its type's writer in ``worditems``, which makes Word's own
write-in spaces and check boxes for it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docx.blkcntnr import BlockItemContainer
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tippack.outputs.word import docxml
from tippack.outputs.word.looks import (
    AFTER,
    BLOCKS,
    GREY,
    LARGE_PRINT,
    NEW_PAGE,
    NO_MARKER,
    PARAGRAPH_STYLES,
    Look,
    Piece,
    Styles,
    classes,
    look_of,
    skipped,
    tag_of,
)
from tippack.outputs.word.tables import column_shares, ends_with_table, layout_table, set_widths
from tippack.reading.images import upright


@dataclass
class WordWriter:
    """Writes print HTML into a python-docx document.

    ``items`` maps each item fragment's id (``module--item``) to what its writer needs;
    ``item_writer`` writes one (see ``worditems.write_item``).
    """

    document: Any
    base_size: float
    brand: RGBColor
    item_writer: Callable[[WordWriter, Any, Any], None]
    text_width: float = 170.0  # millimetres between the margins
    root: Path | None = None  # the project, for raster images (the cover logo)
    ids: docxml.Ids = field(default_factory=docxml.Ids)
    made: list[Paragraph] = field(default_factory=list)
    break_pending: bool = False
    started: bool = False
    _used_cells: set[Any] = field(default_factory=set)
    _style_ids: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ paragraphs

    def style_id(self, name: str) -> str:
        """A built-in style's id, looked up once (python-docx searches every style each time)."""
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def paragraph(self, container: Any, style: str | None = None) -> Paragraph:
        """A new paragraph at the end of ``container`` (a cell's first, empty one is used first)."""
        if isinstance(container, _Cell) and container._tc not in self._used_cells:
            self._used_cells.add(container._tc)
            made: Paragraph = container.paragraphs[0]
        else:
            after_table = ends_with_table(container)
            made = container.add_paragraph()
            if after_table:
                made.paragraph_format.space_before = Pt(8)
        if style:
            made._p.style = self.style_id(style)
        if self.break_pending:
            made.paragraph_format.page_break_before = True
            self.break_pending = False
        self.started = True
        self.made.append(made)
        return made

    def new_table(self, container: Any, rows: int, cols: int) -> Table:
        """An empty Table Grid table at the end of ``container``."""
        if isinstance(container, _Cell):
            made = BlockItemContainer.add_table(container, rows, cols, container.width or Mm(60))
            container.add_paragraph()  # Word wants every cell to end with a paragraph
            self._used_cells.add(container._tc)
        else:
            made = container._body.add_table(rows, cols, container._block_width)
        made._tbl.tblStyle_val = self.style_id("Table Grid")
        self.started = True
        return made

    def new_page(self) -> None:
        """Start the next part on a new page (not before the first thing in the document)."""
        if self.started:
            self.break_pending = True

    def run(self, paragraph: Paragraph, text: str, look: Look) -> None:
        """Text in ``paragraph`` with ``look``."""
        run = paragraph.add_run(text)
        font = run.font
        if look.bold:
            font.bold = True
        if look.italic:
            font.italic = True
        if look.caps:
            font.small_caps = True
        if look.small:  # a little smaller, as in print; large print keeps every word full size
            if self.base_size < LARGE_PRINT:
                font.size = Pt(round(self.base_size * 0.9 * 2) / 2)
            font.color.rgb = GREY
        if look.brand:
            font.color.rgb = self.brand
        if look.sup:
            font.superscript = True
        if look.sub:
            font.subscript = True

    def runs(self, paragraph: Paragraph, pieces: Iterable[Piece]) -> None:
        """Pieces of text as runs, with white space collapsed as a browser does."""
        for piece in tidy(list(pieces)):
            if piece.newline:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif piece.text:
                self.run(paragraph, piece.text, piece.look)

    def text_paragraph(self, container: Any, text: str, look: Look = Look(), style: str | None = None) -> Paragraph:
        """A paragraph of plain text (an answer, a label); its line breaks kept."""
        made = self.paragraph(container, style)
        for index, line in enumerate(text.split("\n")):
            if index:
                made.add_run().add_break(WD_BREAK.LINE)
            if line:
                self.run(made, line, look)
        return made

    # ------------------------------------------------------------------ blocks

    def blocks(self, element: Any, container: Any, look: Look = Look(), styles: Styles | None = None,
               depth: int = 0) -> None:
        """The content of ``element``: runs of inline content as paragraphs, block children in turn."""
        styles = styles or Styles()
        look = look_of(element, look)
        pending: list[Any] = []

        def flush() -> None:
            pieces = [p for part in pending for p in self.pieces(part, look)]
            pending.clear()
            if any(p.text.strip() or p.newline for p in pieces):
                self.runs(self.paragraph(container, styles.take()), pieces)

        if element.text:
            pending.append(element.text)
        for child in element:
            if not skipped(child):
                if tag_of(child) in BLOCKS:
                    flush()
                    self.block(child, container, look, styles, depth)
                else:
                    pending.append(child)
            if child.tail:
                pending.append(child.tail)
        flush()

    def block(self, element: Any, container: Any, look: Look, styles: Styles, depth: int) -> None:
        """One block element."""
        tag, names = tag_of(element), classes(element)
        if names & NEW_PAGE:
            self.new_page()
        if "tp-item" in names:
            self.item_writer(self, element, container)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = self.paragraph(container, f"Heading {min(int(tag[1]), 9)}")
            self.runs(heading, self.pieces(element, Look()))
        elif tag == "p":
            style = next((PARAGRAPH_STYLES[n] for n in sorted(names) if n in PARAGRAPH_STYLES), None)
            made = self.paragraph(container, style or styles.take())
            if "tp-principle" in names:
                made.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                made.paragraph_format.keep_with_next = True
                look = replace(look, caps=True, small=True)
            self.runs(made, self.pieces(element, look))
        elif tag in ("ul", "ol"):
            self.listing(element, container, look, depth)
        elif tag == "table":
            self.table(element, container, look)
        elif tag == "blockquote":
            self.blocks(element, container, look, Styles("Quote", "Quote"), depth)
        elif tag == "pre":
            self.text_paragraph(container, element.text_content(), look, styles.take())
        elif tag == "dl":
            self.definitions(element, container, look)
        elif tag == "img":
            self.picture(element, container)
        elif tag == "hr":
            return
        else:
            self.blocks(element, container, look, styles, depth)

    def pieces(self, node: Any, look: Look) -> Iterator[Piece]:
        """Text pieces of an inline node (a string, or an element with its content, not its tail)."""
        if isinstance(node, str):
            yield Piece(node, look)
            return
        if skipped(node):
            return
        look = look_of(node, look)
        if tag_of(node) == "br":
            yield Piece("", look, newline=True)
            return
        if node.text:
            yield Piece(node.text, look)
        for child in node:
            yield from self.pieces(child, look)
            if child.tail:
                yield Piece(child.tail, look)
        for name in classes(node) & AFTER.keys():
            yield Piece(AFTER[name], look)

    def listing(self, element: Any, container: Any, look: Look, depth: int) -> None:
        """A list: Word's bullet or number styles (numbers start at 1 for each list)."""
        ordered = tag_of(element) == "ol"
        marked = not classes(element) & NO_MARKER
        suffix = "" if depth == 0 else f" {min(depth + 1, 3)}"
        first = ("List Number" if ordered else "List Bullet") + suffix if marked else None
        rest = "List Continue" + suffix if marked else None
        num_id = None
        for item in element:
            if tag_of(item) != "li" or skipped(item):
                continue
            start = len(self.made)
            self.blocks(item, container, look, Styles(first, rest), depth + 1)
            if ordered and marked and len(self.made) > start:
                if num_id is None:
                    num_id = docxml.restart_numbering(self.made[start])
                else:
                    docxml.use_numbering(self.made[start], num_id)
            if "contents__list" in classes(element):
                for made in self.made[start:]:
                    made.paragraph_format.tab_stops.add_tab_stop(Mm(30))
                    made.paragraph_format.left_indent = Mm(30)
                    made.paragraph_format.first_line_indent = Mm(-30)

    def definitions(self, element: Any, container: Any, look: Look) -> None:
        """A definition list: each term in bold, then its description on the same line."""
        line: list[Piece] = []

        def flush() -> None:
            if line:
                self.runs(self.paragraph(container), list(line))
                line.clear()

        for child in element:
            if skipped(child):
                continue
            if tag_of(child) == "div":  # <div><dt/><dd/></div> groups
                flush()
                self.definitions(child, container, look)
            elif tag_of(child) == "dt":
                flush()
                line.extend([*self.pieces(child, replace(look, bold=True)), Piece(" ", Look())])
            elif tag_of(child) == "dd":
                if any(tag_of(c) in BLOCKS for c in child):
                    flush()
                    self.blocks(child, container, look)
                else:
                    line.extend([*self.pieces(child, look), Piece(" ", Look())])
        flush()

    def table(self, element: Any, container: Any, look: Look) -> Any:
        """An HTML table as a Word table (Table Grid): header rows repeat on every page."""
        grid, header_rows = layout_table(element)
        if not grid:
            return None
        if self.break_pending:
            self.paragraph(container)
        width = max(len(row) for row in grid)
        made = self.new_table(container, len(grid), width)
        shares = column_shares(grid, width)
        set_widths(made, [Mm(self.text_width * share / sum(shares)) for share in shares])
        done: set[int] = set()
        word_cells = [list(row.cells) for row in made.rows]
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None or id(cell) in done:
                    continue
                done.add(id(cell))
                element_cell, rows, cols = cell
                target = word_cells[r][c]
                if rows > 1 or cols > 1:
                    target = target.merge(word_cells[min(r + rows, len(grid)) - 1][min(c + cols, width) - 1])
                heading = tag_of(element_cell) == "th"
                if heading and r < header_rows:
                    docxml.shade(target, "ECECEC")
                # a row's label is bold, except in the answer grids, where print sets it plain
                bold = heading and (r < header_rows or "tp-grid" not in classes(element))
                self.blocks(element_cell, target, replace(look, bold=look.bold or bold))
        for r in range(min(header_rows, len(grid))):
            docxml.repeat_header(made.rows[r])
        for row in made.rows:
            docxml.keep_row_whole(row)
        self.started = True
        return made

    def picture(self, element: Any, container: Any) -> None:
        """A raster image from inside the project (the home's logo); others are left out."""
        source = element.get("src") or ""
        if not source.startswith("file://") or self.root is None:
            return
        from urllib.parse import unquote, urlparse

        path = Path(unquote(urlparse(source).path))
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg") or not path.is_file():
            return
        turned = upright(path)
        picture = io.BytesIO(turned) if turned is not None else str(path)
        self.paragraph(container).add_run().add_picture(picture, height=Mm(30))


_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (not the no-break and em spaces)


def tidy(pieces: list[Piece]) -> list[Piece]:
    """White space as a browser shows it: runs of spaces and newlines as one space, none at
    the start or end of a line."""
    out: list[Piece] = []
    at_line_start = True
    for piece in pieces:
        if piece.newline:
            if out and not out[-1].newline:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(piece)
            at_line_start = True
            continue
        text = piece.text if piece.text == "\t" else _SPACE.sub(" ", piece.text)
        if at_line_start:
            text = text.lstrip(" ")
        if not text:
            continue
        if out and not out[-1].newline and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text:
            out.append(Piece(text, piece.look))
            at_line_start = False
    if out and not out[-1].newline:
        out[-1].text = out[-1].text.rstrip(" ")
    return out

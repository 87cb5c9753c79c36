"""Each item type in Word: write-in spaces to type into, check boxes that click, real tables.

One writer a type, chosen by ``item.type``; a type without one (a type added later) gets
its question and a write-in space, so a new item type never breaks the Word copy. The
question, help and body text come from the item's HTML fragment (the PDF's own wording);
the answer spaces are made here from the item's fields. With ``answers`` (a completed
copy) each space holds the home's answer, and the boxes they ticked are ticked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from tippack.outputs.word import docxml
from tippack.outputs.word.looks import Look, Styles, classes, skipped, tag_of
from tippack.outputs.word.tables import ends_with_table, set_widths
from tippack.outputs.word.wordtext import WordWriter
from tippack.planning.tailor import TailoredItem
from tippack.reading.answers import as_date_text, ticked

HEAD = ("tp-principle", "tp-prompt", "tp-help")


@dataclass
class ItemWriting:
    """One item being written: where, what, and the home's answers (if any)."""

    writer: WordWriter
    element: Any  # the item's HTML fragment
    container: Any
    item: TailoredItem
    name: str  # the item's answers key, ``module.item``
    answers: Mapping[str, Any]
    pitch: float  # millimetres a written line takes (more in large print)
    text_width: float  # millimetres between the margins

    def answer(self, suffix: str = "") -> str | None:
        """The home's answer for this item (or one of its parts), as text."""
        value = self.answers.get(self.name + suffix)
        return value if isinstance(value, str) and value != "" else None

    def part(self, name: str) -> Any:
        """The first element of this item's HTML with class ``name``."""
        return next((e for e in self.element.iter() if name in classes(e)), None)

    def head(self) -> None:
        """The principle badge, the question (bold) and its help, kept with what follows."""
        for child in self.element:
            if set(HEAD) & classes(child) and not skipped(child):
                start = len(self.writer.made)
                self.writer.block(child, self.container, Look(), Styles(), 0)
                for made in self.writer.made[start:]:
                    made.paragraph_format.keep_with_next = True

    def table(self, rows: int, cols: int) -> Any:
        """A new Table Grid table, never run together with a table just before it."""
        if ends_with_table(self.container) or self.writer.break_pending:
            self.writer.paragraph(self.container)
        made = self.writer.new_table(self.container, rows, cols)
        made.autofit = False
        return made

    def widths(self, table: Any, shares: list[float]) -> None:
        """Column widths as shares of the text width."""
        total = sum(shares)
        set_widths(table, [Mm(self.text_width * share / total) for share in shares])

    def space(self, lines: int, text: str | None, width: float | None = None) -> None:
        """A box to type into, as tall as ``lines`` written lines (it grows with what is typed)."""
        box = self.table(1, 1)
        self.widths(box, [1.0]) if width is None else _fixed(box, width)
        row = box.rows[0]
        row.height = Mm(self.pitch * lines)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _fill(self.writer, box.rows[0].cells[0], text)

    def close(self) -> None:
        """A short paragraph after a table that ends the item, so the next item's table stays apart."""
        if ends_with_table(self.container):
            gap = self.writer.paragraph(self.container).paragraph_format
            gap.space_before, gap.space_after = Pt(0), Pt(4)


def _fixed(table: Any, width: float) -> None:
    set_widths(table, [Mm(width)])


def _fill(writer: WordWriter, cell: Any, text: str | None) -> None:
    """An answer in a cell, one paragraph a line as typed."""
    if not text:
        return
    for line in text.replace("\r\n", "\n").split("\n"):
        writer.text_paragraph(cell, line)


WRITERS: dict[str, Callable[[ItemWriting], None]] = {}


def writes(type_name: str) -> Callable[[Callable[[ItemWriting], None]], Callable[[ItemWriting], None]]:
    """Register the Word writer of one item type."""

    def register(function: Callable[[ItemWriting], None]) -> Callable[[ItemWriting], None]:
        WRITERS[type_name] = function
        return function

    return register


def write_unknown(w: ItemWriting) -> None:
    """A type with no Word writer of its own: its question and text, and a space to write in."""
    w.head()
    for child in w.element:
        if not set(HEAD) & classes(child) and not skipped(child):
            w.writer.block(child, w.container, Look(), Styles(), 0)
    w.space(3, w.answer())


@writes("markdown")
def write_markdown(w: ItemWriting) -> None:
    """Text to read: its question (if any) and body, as Word paragraphs, lists and tables."""
    w.head()
    body = w.part("tp-body")
    if body is not None:
        w.writer.blocks(body, w.container)


@writes("text")
def write_text(w: ItemWriting) -> None:
    """A box as tall as the printed lines."""
    w.head()
    w.space(int(w.item.fields.get("lines") or 3), w.answer())


@writes("date")
def write_date(w: ItemWriting) -> None:
    """A box for a date, as long as the printed date line."""
    w.head()
    answer = w.answer()
    w.space(1, as_date_text(answer) if answer else None, width=70)


def _option_line(w: ItemWriting, text: str, checked: bool, tag: str) -> None:
    line = w.writer.paragraph(w.container)
    line.paragraph_format.left_indent = Mm(8)
    line.paragraph_format.first_line_indent = Mm(-8)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(8))
    line.paragraph_format.space_after = Mm(1.5)
    docxml.checkbox(line, w.writer.ids, checked, tag, text, w.writer.base_size * 1.2)
    w.writer.run(line, "\t" + text, Look())


@writes("choice")
def write_choice(w: ItemWriting) -> None:
    """A check box for each option ("Tick one." or "Tick all that apply." above them)."""
    w.head()
    hint = w.part("tp-hint")
    if hint is not None:
        w.writer.block(hint, w.container, Look(), Styles(), 0)
    multiple = bool(w.item.fields.get("multiple"))
    chosen = w.answer()
    for number, option in enumerate(w.item.fields.get("options") or (), start=1):
        if multiple:
            _option_line(w, option, ticked(w.answers.get(f"{w.name}.{number}")), f"{w.name}.{number}")
        else:
            _option_line(w, option, chosen == option, w.name)


@writes("checklist")
def write_checklist(w: ItemWriting) -> None:
    """One check box a line."""
    w.head()
    for number, option in enumerate(w.item.fields.get("options") or (), start=1):
        _option_line(w, option, ticked(w.answers.get(f"{w.name}.{number}")), f"{w.name}.{number}")


@writes("rating")
def write_rating(w: ItemWriting) -> None:
    """The scale's labels in a row with a check box under each; an evidence box if asked for."""
    w.head()
    scale = list(w.item.fields.get("scale") or ())
    if scale:
        chosen = w.answer()
        grid = w.table(2, len(scale))
        w.widths(grid, [1.0] * len(scale))
        labels_row, boxes_row = grid.rows[0].cells, grid.rows[1].cells
        for index, label in enumerate(scale):
            top = labels_row[index].paragraphs[0]
            top.alignment = WD_ALIGN_PARAGRAPH.CENTER
            w.writer.run(top, label, Look(small=True))
            bottom = boxes_row[index].paragraphs[0]
            bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
            docxml.checkbox(bottom, w.writer.ids, chosen == label, w.name, label, w.writer.base_size * 1.4)
        for row in grid.rows:
            docxml.keep_row_whole(row)
        grid.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    if w.item.fields.get("notes"):
        label = w.part("tp-notes-label")
        made = w.writer.text_paragraph(w.container, label.text_content().strip() if label is not None
                                       else "Evidence and notes", Look(small=True))
        made.paragraph_format.keep_with_next = True
        w.space(2, w.answer(".notes"))


@writes("table")
def write_table(w: ItemWriting) -> None:
    """A real table: its header row repeated on every page, a row for each label (or blank
    rows), a drop-down list in the columns that have set choices."""
    w.head()
    fields = w.item.fields
    columns = list(fields.get("columns") or ())
    labels = list(fields.get("row_labels") or ())
    rows = len(labels) if labels else int(fields.get("rows") or 3)
    data_columns = columns[1:] if labels else columns
    choices = dict(fields.get("choices") or {})
    grid = w.table(rows + 1, len(columns))
    shares = ([0.28 * len(data_columns) / 0.72] if labels else []) + [1.0] * len(data_columns)
    w.widths(grid, shares)
    for cell, column in zip(grid.rows[0].cells, columns, strict=True):
        docxml.shade(cell, "ECECEC")
        w.writer.run(cell.paragraphs[0], column, Look(bold=True))
    docxml.repeat_header(grid.rows[0])
    for r in range(rows):
        row = grid.rows[r + 1]
        row.height = Mm(w.pitch * 1.2)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        docxml.keep_row_whole(row)
        cells = row.cells
        if labels:
            docxml.shade(cells[0], "F7F7F7")
            w.writer.run(cells[0].paragraphs[0], labels[r], Look())
        for c, column in enumerate(data_columns, start=1):
            cell = cells[c if labels else c - 1]
            value = w.answer(f".r{r + 1}c{c}")
            if column in choices:
                docxml.dropdown(cell.paragraphs[0], w.writer.ids, choices[column], value or "",
                                f"{w.name}.r{r + 1}c{c}", column)
                w.writer._used_cells.add(cell._tc)
            else:
                _fill(w.writer, cell, value)


@writes("signatures")
def write_signatures(w: ItemWriting) -> None:
    """A table of name, role, signature and date: one row for each person signing."""
    w.head()
    signers = list(w.item.fields.get("signers") or ())
    grid = w.table(len(signers) + 1, 4)
    w.widths(grid, [0.3, 0.25, 0.27, 0.18])
    for cell, heading in zip(grid.rows[0].cells, ("Name", "Role", "Signature", "Date"), strict=True):
        docxml.shade(cell, "ECECEC")
        w.writer.run(cell.paragraphs[0], heading, Look(bold=True))
    docxml.repeat_header(grid.rows[0])
    for index, (name, role) in enumerate(signers, start=1):
        row = grid.rows[index]
        row.height = Mm(w.pitch * 1.5)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        docxml.keep_row_whole(row)
        key = f".s{index}."
        date = w.answer(key + "date")
        values = (w.answer(key + "name") or name, w.answer(key + "role") or role, w.answer(key + "signature"),
                  as_date_text(date) if date else None)
        for cell, value in zip(row.cells, values, strict=True):
            _fill(w.writer, cell, value or None)


@writes("contacts")
def write_contacts(w: ItemWriting) -> None:
    """The home's contacts in a table; a contact the pack lacks is a space to write in."""
    w.head()
    contacts = list(w.item.fields.get("contacts") or ())
    if not contacts:
        return
    grid = w.table(len(contacts), 2)
    w.widths(grid, [0.35, 0.65])
    missing = iter([e for e in w.element.iter() if "tp-contact__missing" in classes(e)])
    for r, (_, label, contact) in enumerate(contacts):
        row = grid.rows[r]
        docxml.keep_row_whole(row)
        w.writer.run(row.cells[0].paragraphs[0], label, Look(bold=True))
        if contact:
            who = ", ".join(v for v in (contact.get("name"), contact.get("role")) if v)
            lines = [who, *(contact.get(k) for k in ("phone", "email", "website", "hours", "note"))]
            _fill(w.writer, row.cells[1], "\n".join(line for line in lines if line))
        else:
            row.height = Mm(w.pitch * 1.5)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            said = next(missing, None)  # each blank's own words, in the order the HTML gives them
            if said is not None:
                w.writer.run(row.cells[1].paragraphs[0], said.text_content().strip(), Look(small=True))


@writes("services")
def write_services(w: ItemWriting) -> None:
    """National services as the PDF lists them: name, number, hours, where found, and "not yet confirmed"."""
    w.head()
    for child in w.element:
        if not set(HEAD) & classes(child) and not skipped(child):
            w.writer.block(child, w.container, Look(), Styles(), 0)


@writes("chart")
def write_chart(w: ItemWriting) -> None:
    """A grid to draw the run chart on: a column for each month, the months along the bottom."""
    w.head()
    months = list(w.item.fields.get("months") or ())
    plot = [label for _, label in w.item.fields.get("plot") or ()]
    if not months:
        return
    grid = w.table(2, len(months))
    w.widths(grid, [1.0] * len(months))
    grid.rows[0].height = Mm(70)
    grid.rows[0].height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    for cell, month in zip(grid.rows[1].cells, months, strict=True):
        made = cell.paragraphs[0]
        made.alignment = WD_ALIGN_PARAGRAPH.CENTER
        w.writer.run(made, month, Look(small=True))
    for row in grid.rows:
        docxml.keep_row_whole(row)
    if plot:
        w.close()
        w.writer.text_paragraph(w.container, "One line for each of: " + "; ".join(plot) + ".", Look(small=True))


class ItemWriters:
    """Writes each item fragment of the print HTML with its type's writer.

    ``items`` maps a fragment's id (``module--item``) to its module id and tailored item;
    ``answers`` (for a completed copy) maps answer names to what the home typed or ticked.
    """

    def __init__(self, items: Mapping[str, tuple[str, TailoredItem]], answers: Mapping[str, Any],
                 pitch: float, text_width: float) -> None:
        self.items = items
        self.answers = answers
        self.pitch = pitch
        self.text_width = text_width

    def __call__(self, writer: WordWriter, element: Any, container: Any) -> None:
        found = self.items.get(element.get("id") or "")
        if found is None:  # not an item of this pack: its text as it is
            writer.blocks(element, container)
            return
        module_id, item = found
        writing = ItemWriting(writer, element, container, item, f"{module_id}.{item.id}", self.answers,
                              self.pitch, self.text_width)
        WRITERS.get(item.type, write_unknown)(writing)
        writing.close()


def item_index(modules: Any) -> dict[str, tuple[str, TailoredItem]]:
    """Every item of the pack by its fragment id (``module--item``)."""
    return {f"{m.id}--{i.id}": (m.id, i) for m in modules for s in m.sections for i in s.items}


__all__ = ["ItemWriters", "WRITERS", "item_index", "tag_of", "writes"]

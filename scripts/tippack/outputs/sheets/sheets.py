"""What a home keeps as a record, as spreadsheets: ``sheets/MODULE.xlsx``.

The ``table`` items of a module whose tables are records (every ``log``, and any module with
``spreadsheet: true``, such as the training needs analysis) each become one sheet: the
header row frozen (with the row labels, when there are any), the month or staff-group labels
filled in, columns with set choices as drop-down lists, and the page set up to print on the
pack's paper. A table that a run chart plots gets the chart beside it, drawn from the
figures typed in. Dated from the build epoch, so a rebuild writes the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from tippack.outputs.base import Output, PackBuild
from tippack.outputs.ooxml import build_time, reproducible
from tippack.outputs.printed.names import plain, short_name
from tippack.planning.tailor import TailoredItem, TailoredModule, TailoredPack

FONT = "Calibri"  # the workbook's own default font, named so every program uses it for the header too
PRINT_WIDTH_PORTRAIT, PRINT_WIDTH_LANDSCAPE = 95, 140  # characters across a printed page, about
HEADER_FILL = "ECECEC"
LABEL_FILL = "F7F7F7"
BLANK_ROWS_VALIDATED = 200  # a log grows: its drop-downs reach this far down
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31  # Excel refuses a longer sheet name
_TRAILING = ",;.-–—("  # not left at the end of a shortened name
_DANGLING = frozenset(["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"])


def sheets_path(module_id: str) -> str:
    """A module's workbook under build/SLUG/ (and under the site)."""
    return f"sheets/{module_id}.xlsx"


def record_tables(module: TailoredModule) -> list[TailoredItem]:
    """The tables of a module that are kept as records (none if the module keeps no records)."""
    if not module.spreadsheet:
        return []
    return [item for section in module.sections for item in section.items if item.type == "table"]


def sheet_title(item: TailoredItem, taken: set[str]) -> str:
    """A sheet name from the table's question: at most 31 characters (Excel's limit), cut between
    words, none Excel refuses, unique."""
    text = _NOT_IN_NAMES.sub(" ", plain(item.fields.get("prompt") or item.id))
    text = " ".join(text.split()).strip("'") or item.id
    title = cut_at_word(text, SHEET_NAME_LIMIT)
    number = 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title = cut_at_word(text, SHEET_NAME_LIMIT - len(suffix)) + suffix
        number += 1
    taken.add(title.lower())
    return title


def cut_at_word(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut between words so no word is left half
    written, and without a dangling "and", "by" or comma at the end. Only a first word longer
    than the limit is cut within itself, as nothing else would fit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if _in_word(head[-1]) and _in_word(text[limit]):
        head = head.rsplit(" ", 1)[0] if " " in head else ""
    words = head.split(" ")
    while words and words[-1].lower().strip(_TRAILING) in _DANGLING:
        words.pop()
    kept = " ".join(words).rstrip(_TRAILING + " ")
    return kept or text[:limit].rstrip()


def _in_word(char: str) -> bool:
    """Whether a character belongs to a word (a letter, digit, accent, hyphen or apostrophe)."""
    return char.isalnum() or unicodedata.category(char).startswith("M") or char in "-'’"


def workbook(pack: TailoredPack, module: TailoredModule, epoch: int) -> bytes:
    """One module's record tables as a workbook, one sheet a table."""
    from openpyxl import Workbook

    book = Workbook()
    if book.active is not None:  # the empty sheet a new workbook has
        book.remove(book.active)
    taken: set[str] = set()
    charts = {item.fields.get("table_fid"): item for section in module.sections for item in section.items
              if item.type == "chart"}
    for item in record_tables(module):
        sheet = book.create_sheet(sheet_title(item, taken))
        _table(sheet, pack, module, item)
        chart = charts.get(f"{module.id}--{item.id}")
        if chart is not None:
            _chart(sheet, item, chart)
    p = pack.pack
    properties = book.properties
    properties.title = f"{module.title}: {p.home.name}"
    properties.subject = f"Trauma-informed practice implementation pack for {p.home.name}, version {pack.version}"
    properties.creator = properties.lastModifiedBy = (
        p.facilitator.organisation or p.facilitator.name if p.facilitator else (p.home.provider or p.home.name))
    properties.keywords = "trauma-informed practice, care home, record"
    properties.language = "en-GB"
    properties.created = properties.modified = build_time(epoch)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), epoch)


def _table(sheet: Any, pack: TailoredPack, module: TailoredModule, item: TailoredItem) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    fields = item.fields
    columns = list(fields.get("columns") or ())
    labels = list(fields.get("row_labels") or ())
    rows = len(labels) if labels else int(fields.get("rows") or 3)
    written = columns[1:] if labels else columns
    thin = Side(style="thin", color="6B6B6B")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=c, value=column)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border, cell.alignment = border, wrap
    for r in range(2, rows + 2):
        for c in range(1, len(columns) + 1):
            cell = sheet.cell(row=r, column=c)
            cell.border, cell.alignment = border, wrap
        if labels:
            label = sheet.cell(row=r, column=1, value=labels[r - 2])
            label.fill = PatternFill("solid", fgColor=LABEL_FILL)
    sheet.freeze_panes = "B2" if labels else "A2"
    label_width = max(len(columns[0]) + 2, min(45, max(len(label) for label in labels) + 2)) if labels else 0
    across = (PRINT_WIDTH_LANDSCAPE if len(columns) > 4 else PRINT_WIDTH_PORTRAIT) - label_width
    for c, column in enumerate(columns, start=1):
        width = label_width if labels and c == 1 else max(len(column) + 4, min(40, across // max(len(written), 1)))
        sheet.column_dimensions[get_column_letter(c)].width = width
    _choices(sheet, item, written, 1 if labels else 0, rows if labels else max(rows, BLANK_ROWS_VALIDATED))
    _page(sheet, pack, module, item, len(columns))


def _choices(sheet: Any, item: TailoredItem, written: list[str], offset: int, rows: int) -> None:
    """A drop-down list in each column that has set choices."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for column, allowed in (item.fields.get("choices") or {}).items():
        if column not in written:
            continue
        letter = get_column_letter(written.index(column) + 1 + offset)
        listed = ",".join(allowed)
        if any("," in choice or '"' in choice for choice in allowed) or len(listed) > 250:
            formula = _listed_elsewhere(sheet, column, allowed)
        else:
            formula = f'"{listed}"'
        check = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                               showErrorMessage=True, errorStyle="warning", errorTitle=column[:32],
                               error=f"Choose one of the {column.lower()} choices from the list."[:255],
                               promptTitle=column[:32], prompt=f"Choose from the list: {', '.join(allowed)}"[:255],
                               showInputMessage=True)
        check.add(f"{letter}2:{letter}{rows + 1}")
        sheet.add_data_validation(check)


def _listed_elsewhere(sheet: Any, column: str, allowed: list[str]) -> str:
    """Choices an inline list cannot hold (commas, quotes, length), kept on a hidden sheet."""
    book = sheet.parent
    lists = book["Choices"] if "Choices" in book.sheetnames else book.create_sheet("Choices")
    lists.sheet_state = "hidden"
    col = lists.max_column + (1 if lists.max_row > 1 or lists.cell(1, 1).value else 0)
    from openpyxl.utils import get_column_letter

    for r, choice in enumerate(allowed, start=1):
        lists.cell(row=r, column=col, value=choice)
    letter = get_column_letter(col)
    return f"Choices!${letter}$1:${letter}${len(allowed)}"


def _page(sheet: Any, pack: TailoredPack, module: TailoredModule, item: TailoredItem, width: int) -> None:
    """Printing: the pack's paper, landscape for wide tables, one page wide, header row on every page."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_LETTER if pack.pack.print.paper == "Letter" else sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if width > 4 else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    name = short_name(pack.pack.home.name).replace("&", "&&")
    sheet.oddHeader.left.text = name
    sheet.oddHeader.right.text = f"{module.title}: {plain(item.fields.get('prompt') or '')}".replace("&", "&&")
    sheet.oddFooter.left.text = f"Version {pack.version}".replace("&", "&&")
    sheet.oddFooter.right.text = "Page &P of &N"


def _chart(sheet: Any, table: TailoredItem, chart: TailoredItem) -> None:
    """The run chart of a table's labelled rows, below the table, drawn from what is typed in."""
    from openpyxl.chart import LineChart, Reference, Series

    labels = list(table.fields.get("row_labels") or ())
    months = len(table.fields.get("columns") or ()) - 1
    drawn = LineChart()
    drawn.title = plain(chart.fields.get("prompt") or "Run chart")
    drawn.y_axis.title = "Number"
    drawn.x_axis.title = "Month"
    drawn.height, drawn.width = 9, 18
    for row, _label in chart.fields.get("plot") or ():
        values = Reference(sheet, min_col=2, max_col=months + 1, min_row=row + 1, max_row=row + 1)
        series = Series(values, title=labels[row - 1])
        series.marker.symbol = "circle"
        drawn.series.append(series)
    drawn.set_categories(Reference(sheet, min_col=2, max_col=months + 1, min_row=1, max_row=1))
    sheet.add_chart(drawn, f"A{len(labels) + 4}")


class Sheets(Output):
    """The record tables of each module that keeps records, as a workbook: sheets/MODULE.xlsx."""

    name = "spreadsheets"
    order = 26
    format = "xlsx"
    linked = True
    bundled = True
    optional = True  # a pack with no such module has none

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["sheets"]

    def build(self, build: PackBuild) -> None:
        pack = build.plan.tailored
        for module in pack.modules:
            if record_tables(module):
                build.path("sheets").mkdir(exist_ok=True)
                build.path(sheets_path(module.id)).write_bytes(workbook(pack, module, build.epoch))

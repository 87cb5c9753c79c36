"""HTML tables laid out as Word tables: the grid, spans and column widths."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.table import Table, _Cell

from tippack.outputs.word.looks import tag_of


def ends_with_table(container: Any) -> bool:
    """Whether the last thing in a document or cell is a table (Word runs two tables with
    nothing between them together, and text straight after a table needs a little room)."""
    element = container._tc if isinstance(container, _Cell) else container.element.body
    last = element[-1] if len(element) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last = element[-2] if len(element) > 1 else None
    return last is not None and last.tag == qn("w:tbl")


def column_shares(grid: list[list[Any]], width: int) -> list[float]:
    """How wide each column should be: more for columns with more to say, within limits."""
    lengths: list[list[int]] = [[] for _ in range(width)]
    for row in grid:
        for c, cell in enumerate(row):
            if cell is not None and cell[2] == 1:
                lengths[c].append(len(" ".join(cell[0].text_content().split())))
    return [min(max(2 * sum(found) / len(found) if found else 0, 8), 160) ** 0.5 for found in lengths]


def set_widths(table: Table, widths: list[Any]) -> None:
    """Column widths (the last one repeats for any columns beyond the list)."""
    for index, column in enumerate(table.columns):
        column.width = widths[min(index, len(widths) - 1)]
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = widths[min(index, len(widths) - 1)]


def layout_table(element: Any) -> tuple[list[list[Any]], int]:
    """A table's cells on a grid (spans filled in), and how many rows are header rows."""
    rows: list[tuple[Any, bool]] = []
    for part in element:
        tag = tag_of(part)
        if tag == "tr":
            rows.append((part, False))
        elif tag in ("thead", "tbody", "tfoot"):
            rows += [(tr, tag == "thead") for tr in part if tag_of(tr) == "tr"]
    grid: list[list[Any]] = [[] for _ in rows]
    for r, (tr, _) in enumerate(rows):
        c = 0
        for cell in tr:
            if tag_of(cell) not in ("td", "th"):
                continue
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            span_rows = max(1, _int(cell.get("rowspan")))
            span_cols = max(1, _int(cell.get("colspan")))
            placed = (cell, span_rows, span_cols)
            for dr in range(span_rows):
                if r + dr >= len(grid):
                    break
                line = grid[r + dr]
                while len(line) < c + span_cols:
                    line.append(None)
                for dc in range(span_cols):
                    line[c + dc] = placed
            c += span_cols
    header = 0
    while header < len(rows) and rows[header][1]:
        header += 1
    return grid, header


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1

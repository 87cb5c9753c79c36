"""How full each laid-out page is: a nearly empty page wastes paper and reads as a mistake.

A page is nearly empty when less than a third of its text area (the page's content box,
inside the margins) holds anything. A blank page WeasyPrint adds so that a part starts
on a right-hand page (double-sided printing) is counted apart: that one is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NEARLY_EMPTY = 1 / 3


@dataclass(frozen=True)
class Fill:
    """The pages of one laid-out document that are nearly empty, and the blank ones duplex asks for."""

    nearly_empty: tuple[int, ...]  # page numbers, from 1
    blank_for_duplex: tuple[int, ...]

    def record(self) -> dict[str, list[int]]:
        """As the build record keeps it."""
        return {"nearly_empty": list(self.nearly_empty), "blank_for_duplex": list(self.blank_for_duplex)}


def used(page: Any) -> float:
    """The share of a page's text area above its lowest line, picture or ruled line (0 to 1)."""
    from weasyprint.formatting_structure import boxes

    page_box = page._page_box
    top, height = page_box.content_box_y(), page_box.height
    lowest = top
    stack = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        children = getattr(box, "children", None)
        leaf = isinstance(box, boxes.LineBox | boxes.ReplacedBox) or not children
        if leaf and box.height:
            lowest = max(lowest, box.position_y + box.margin_height())
        if children and not isinstance(box, boxes.LineBox):
            stack.extend(children)
    return max(0.0, min(1.0, (lowest - top) / height)) if height else 0.0


def fill(document: Any) -> Fill:
    """Which pages of a laid-out document are nearly empty, and which are duplex's blank pages."""
    empty, blank = [], []
    for number, page in enumerate(document.pages, 1):
        if page._page_box.page_type.blank:
            blank.append(number)
        elif used(page) < NEARLY_EMPTY:
            empty.append(number)
    return Fill(tuple(empty), tuple(blank))

"""Reading built PDFs for the print tests: page text by region, type sizes, packs' settings.

Text, positions and sizes come from pdfium (pypdfium2, the engine pdfplumber uses, read
directly: about 0.3 s for an 85-page pack, where pdfplumber's character walk takes 8 s);
structure (outline, fields, fonts, tags) comes from pypdf.
"""

from __future__ import annotations

import collections
import ctypes
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdf import PdfReader

from tippack.planning.tailor import TailoredPack

MM = 72 / 25.4
BAND = 20 * MM  # the header and footer bands: pack.css @page margins


def squash(text: str) -> str:
    """Whitespace (including pdfium's generated line breaks) as single spaces; pdfium reports
    a hyphen that ends a line as U+0002."""
    return " ".join(text.replace("\x02", "-").split())


def opens_page(page: PageText, title: str) -> bool:
    """Whether ``title`` is the first thing on the page (its top line begins the title)."""
    return bool(page.first_line) and unwrap(title).replace(" ", "").startswith(page.first_line)


def unwrap(text: str) -> str:
    """Text as one line, with words broken after a hyphen joined again."""
    return squash(text).replace("- ", "-")


@dataclass
class PageText:
    number: int  # 1-based, as printed in the footer
    width: float
    height: float
    header: str
    body: str
    footer: str
    sizes: collections.Counter  # body characters by effective size in pt (rounded to 0.1)
    big: str  # body text set at twice the body size or more (module and page titles)
    first_line: str  # the highest line of body text, without spaces
    last_line: str  # the lowest line of body text, without spaces
    last_size: float  # its largest type size


class PackPdf:
    """One built PDF, read once."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def pages(self) -> list[PageText]:
        document = pdfium.PdfDocument(self.path)
        pages = []
        try:
            raw_pages = []
            for index in range(len(document)):
                page = document[index]
                width, height = page.get_size()
                text = page.get_textpage()
                header = squash(text.get_text_bounded(0, height - BAND, width, height))
                footer = squash(text.get_text_bounded(0, 0, width, BAND))
                body = squash(text.get_text_bounded(0, BAND, width, height - BAND))
                chars = []
                matrix = raw.FS_MATRIX()
                left, right, bottom, top = (ctypes.c_double() for _ in range(4))
                origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
                for i in range(text.count_chars()):
                    code = raw.FPDFText_GetUnicode(text, i)
                    if code == 2:
                        code = ord("-")
                    if raw.FPDFText_IsGenerated(text, i) or chr(code).isspace():
                        chars.append((" ", 0.0, None))
                        continue
                    raw.FPDFText_GetCharBox(text, i, left, right, bottom, top)
                    if not BAND < (bottom.value + top.value) / 2 < height - BAND:
                        continue
                    raw.FPDFText_GetMatrix(text, i, matrix)
                    size = raw.FPDFText_GetFontSize(text, i) * abs(matrix.d)
                    raw.FPDFText_GetCharOrigin(text, i, origin_x, origin_y)
                    chars.append((chr(code), round(size, 1), origin_y.value))
                raw_pages.append((index + 1, width, height, header, body, footer, chars))
            sizes_all = collections.Counter(size for *_, chars in raw_pages for _, size, _ in chars if size)
            body_size = sizes_all.most_common(1)[0][0]
            for number, width, height, header, body, footer, chars in raw_pages:
                big = "".join(c if size >= 1.9 * body_size else " " for c, size, _ in chars)
                sizes = collections.Counter(size for _, size, _ in chars if size)
                ys = [y for _, _, y in chars if y is not None]
                low, high = min(ys, default=None), max(ys, default=None)
                first = "".join(c for c, _, y in chars if y is not None and abs(y - high) <= 1)
                last = [(c, size) for c, size, y in chars if y is not None and abs(y - low) <= 1]
                pages.append(PageText(number, width, height, header, body, footer, sizes, squash(big), first,
                                      "".join(c for c, _ in last), max((z for _, z in last), default=0.0)))
        finally:
            document.close()
        return pages

    def find_big(self, title: str, start: int = 2) -> int | None:
        """The first page (1-based, from ``start``) whose large type contains ``title``."""
        wanted = unwrap(title)
        for page in self.pages[start - 1:]:
            if wanted in unwrap(page.big):
                return page.number
        return None


@dataclass
class Built:
    """One example pack as built by the session fixture: its settings, PDFs and record."""

    slug: str
    tailored: TailoredPack
    folder: Path
    back_pages: list[str]  # titles of the shared pages printed after the modules

    @property
    def settings(self):
        return self.tailored.pack.print

    @cached_property
    def pdf(self) -> PackPdf:
        return PackPdf(self.folder / f"{self.slug}-implementation-pack.pdf")

    @cached_property
    def record(self) -> dict:
        return json.loads((self.folder / ".tippack.json").read_text(encoding="utf-8"))

    def module_pdf(self, module_id: str) -> Path:
        return self.folder / "modules" / f"{module_id}.pdf"

    def reader(self) -> PdfReader:
        return self.pdf.reader

    def reader_pages(self):
        return self.pdf.reader.pages

    def ranges(self, volume: str) -> dict[str, tuple[int, int]]:
        """Each module's pages in one volume (booklet or tools), as 0-based [start, end), from the
        build record; parts that follow one another share a page."""
        return {module: tuple(where[volume]) for module, where in self.record["parts"].items() if volume in where}

    @cached_property
    def booklet(self) -> PackPdf:
        return PackPdf(self.folder / f"{self.slug}-booklet.pdf")

    @cached_property
    def tools(self) -> PackPdf:
        return PackPdf(self.folder / f"{self.slug}-tools.pdf")

    def volume(self, name: str) -> PackPdf:
        """One of the two written volumes, by name."""
        return self.booklet if name == "booklet" else self.tools




"""The printed pack of every example home, read back from the built PDFs: the booklet and the
tools volume (each with its own contents, page numbers and bookmarks), the complete PDF that
joins them, and each module's own PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from printed import BAND, Built, opens_page, squash, unwrap
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from tippack.outputs.printed.names import short_name
from tippack.rendering.render import KINDS

pytestmark = [pytest.mark.build]

PAPER = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
BLANK = "This page is intentionally blank"
VOLUMES = ("booklet", "tools")


def in_volume(pack: Built, volume: str) -> list:
    """The modules a volume lists in its contents: the booklet's parts, or the tools."""
    return [m for m in pack.tailored.modules if m.in_booklet() == (volume == "booklet")]


def test_every_page_has_the_packs_paper_size(pack: Built):
    expected = PAPER[pack.settings.paper]
    for page in pack.reader_pages():
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(expected, abs=0.5)


@pytest.mark.parametrize("volume", VOLUMES)
def test_contents_page_numbers_are_where_each_module_starts(pack: Built, volume: str):
    pdf = pack.volume(volume)
    ranges = pack.ranges(volume)
    listed = in_volume(pack, volume)
    first_module = min(ranges[m.id][0] for m in listed) + 1 if listed else len(pdf.pages)
    contents = unwrap(" ".join(p.body for p in pdf.pages[:first_module - 1]))
    assert "Contents" in contents
    for module in listed:
        found = re.search(re.escape(unwrap(module.title)) + r"[ .]*?(\d+)\b", contents)
        assert found, f"{module.title!r} is not in the contents"
        assert pdf.find_big(module.title, start=first_module) == int(found.group(1)), module.title
        assert KINDS[module.kind].upper() in contents.upper()
    if volume == "tools":
        for title in pack.back_pages:
            found = re.search(re.escape(unwrap(title)) + r"[ .]*?(\d+)\b", contents)
            assert found, f"{title!r} is not in the contents"
            assert pdf.find_big(title, start=first_module) == int(found.group(1)), title
            assert opens_page(pdf.pages[int(found.group(1)) - 1], title) or title != pack.back_pages[0]


@pytest.mark.parametrize("volume", VOLUMES)
def test_contents_says_how_to_use_the_volume(pack: Built, volume: str):
    """The box follows the contents list."""
    pages = pack.volume(volume).pages
    wanted = "How to use this booklet" if volume == "booklet" else "How to use the tools"
    assert any(wanted in p.body for p in pages[:4])


@pytest.mark.parametrize("volume", VOLUMES)
def test_header_and_footer_on_every_page_after_the_cover(pack: Built, volume: str):
    pages = pack.volume(volume).pages
    home = short_name(pack.tailored.pack.home.name)
    version = f"version {pack.tailored.version}"
    total = len(pages)
    if volume == "booklet":
        assert home not in pages[0].header and "Page" not in pages[0].footer, "the cover has no running header"
    for page in pages[1:]:
        left_hand = pack.settings.duplex and page.number % 2 == 0  # mirrored: the home at the inner edge
        assert page.header.endswith(home) if left_hand else page.header.startswith(home), (page.number, page.header)
        assert f"Page {page.number} of {total}" in page.footer, (page.number, page.footer)
        assert version in page.footer and "2026" in page.footer, (page.number, page.footer)


@pytest.mark.parametrize("volume", VOLUMES)
def test_running_header_names_the_module(pack: Built, volume: str):
    """The header names the part at the top of each page (a part that starts lower down is
    named from its next page on)."""
    pages = pack.volume(volume).pages
    for module_id, (start, end) in pack.ranges(volume).items():
        module = next(m for m in pack.tailored.modules if m.id == module_id)
        first = start if opens_page(pages[start], module.title) else start + 1
        for page in pages[first:end]:
            if BLANK in page.body:
                continue
            assert squash(module.title) in page.header, (page.number, page.header)


def test_every_tool_starts_on_a_new_page_and_right_hand_when_duplex(pack: Built):
    pdf = pack.tools
    tools = in_volume(pack, "tools")
    starts = [pdf.find_big(m.title, start=2) for m in tools]
    assert all(starts) and starts == sorted(set(starts))
    for module, start in zip(tools, starts, strict=True):
        assert opens_page(pdf.pages[start - 1], module.title), f"{module.id} does not start a page"
        if pack.settings.duplex:
            assert start % 2 == 1, f"{module.id} starts on left-hand page {start}"


@pytest.mark.parametrize("volume", VOLUMES)
def test_no_blank_page_without_saying_so(pack: Built, volume: str):
    blanks = 0
    for page in pack.volume(volume).pages[1:]:
        if page.body in ("", BLANK):
            assert page.body == BLANK, f"page {page.number} is blank and does not say so"
            blanks += 1
        else:
            assert BLANK not in page.body
    if not pack.settings.duplex:
        assert blanks == 0


def outline(reader: PdfReader) -> dict[str, list[str]]:
    """Each top-level bookmark and the titles of those under it."""
    top: dict[str, list[str]] = {}
    current = None
    for entry in reader.outline:
        if isinstance(entry, list):
            assert current is not None
            top[current] += [squash(child.title) for child in entry if not isinstance(child, list)]
        else:
            current = squash(entry.title)
            top.setdefault(current, [])
    return top


def test_bookmarks_for_every_module_and_section(pack: Built):
    """Each volume has its own bookmarks; every module has one in the volume where it starts,
    and every section one under its module, where the section is printed (the flow inside the
    booklet's front cover has one of its own)."""
    booklet, tools = outline(pack.booklet.reader), outline(pack.tools.reader)
    assert "Cover" in booklet and "Contents" in booklet and "Contents" in tools
    for module in pack.tailored.modules:
        title = squash(module.title)
        assert title in (booklet if module.in_booklet() else tools), f"no bookmark for {title!r}"
        for section in module.sections:
            if section.one_page and section.part == "core":
                assert squash(section.title) in booklet, section.title
                continue
            where = booklet if section.part == "core" else tools
            assert squash(section.title) in where.get(title, []), f"no bookmark for {title} › {section.title}"


def test_document_information_language_and_tags(pack: Built):
    reader = pack.reader()
    info = reader.metadata
    home = pack.tailored.pack.home.name
    assert home in info.title and "implementation pack" in info.title
    assert info.author and home in info.subject
    root = reader.root_object
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"], "the structure tree is empty"


def test_every_font_is_embedded_and_the_text_face_is_shipped(pack: Built):
    reader = pack.reader()
    seen = set()
    fonts = []
    for page in reader.pages:
        resources = page["/Resources"]
        for ref in (resources.get("/Font") or {}).values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key not in seen:
                seen.add(key)
                fonts.append(ref.get_object())
    # Every glyph printed on the pages comes from the shipped faces (Atkinson, and Noto Sans for
    # what it lacks and in fillable fields): never from whatever fonts the machine has.
    page_faces = {str(f["/BaseFont"]).split("+")[-1] for f in fonts}
    assert all(face.startswith(("Atkinson-Hyperlegible", "Pack-Noto-Sans")) for face in page_faces), page_faces
    form = reader.root_object.get("/AcroForm")
    if form and "/DR" in form:
        fonts += [f.get_object() for f in (form["/DR"].get_object().get("/Font") or {}).values()]
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        assert descriptor is not None, font["/BaseFont"]
        descriptor = descriptor.get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    faces = {str(f["/BaseFont"]).split("+")[-1] for f in fonts}
    assert {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"} <= faces


def test_form_fields_exactly_when_fillable(pack: Built):
    fields = pack.reader().get_fields() or {}
    if pack.settings.fillable:
        assert len(fields) > 50
    else:
        assert not fields
        assert "/AcroForm" not in pack.reader().root_object


def test_body_text_size(pack: Built):
    sizes = sum((p.sizes for p in pack.pdf.pages[1:]), start=type(pack.pdf.pages[0].sizes)())
    body = sizes.most_common(1)[0][0]
    if pack.settings.large_print:
        assert body >= 16
        small = {size: n for size, n in sizes.items() if size < 15.95}
        assert not small, f"large print has text under 16 pt: {small}"
    else:
        assert 10 <= body <= 12


def test_module_pdfs_hold_the_modules_pages(pack: Built):
    """A module's own PDF: its flow, its pages in the booklet, then its pages in the tools volume."""
    for module in pack.tailored.modules:
        path = pack.module_pdf(module.id)
        assert path.is_file(), path
        where = pack.record["parts"][module.id]
        reader = PdfReader(path)
        assert len(reader.pages) == sum(end - start for start, end in where.values())
        assert reader.metadata.title.startswith(module.title)
        assert reader.root_object["/Lang"] == "en-GB" and "/StructTreeRoot" in reader.root_object
        first = squash(reader.pages[0].extract_text())
        volume = "booklet" if "booklet" in where or "front" in where else "tools"
        start = where.get("front", where.get(volume))[0]
        total = len(pack.volume(volume).pages)
        assert f"Page {start + 1} of {total}" in first
        assert squash(module.title) in squash(" ".join(p.extract_text() for p in reader.pages[:2]))


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt-get install qpdf)")
def test_qpdf_check_passes_on_every_pdf(pack: Built):
    pdfs = [pack.pdf.path, pack.booklet.path, pack.tools.path, *sorted(pack.folder.glob("*-poster*.pdf")),
            *sorted((pack.folder / "modules").glob("*.pdf"))]
    assert len(pdfs) == len(pack.tailored.modules) + 5
    for path in pdfs:
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{path.name}: {done.stdout}{done.stderr}"
        assert "No syntax or stream encoding errors" in done.stdout
    if pack.settings.fillable:
        # qpdf walks the form's field tree only when asked for it; a widget listed both as a
        # root field and as a radio group's kid shows up there as a loop.
        done = subprocess.run(["qpdf", "--json=2", "--json-key=acroform", str(pack.pdf.path)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0 and not done.stderr, done.stderr[:500]


@pytest.mark.parametrize("volume", VOLUMES)
def test_no_heading_stranded_at_the_foot_of_a_page(pack: Built, volume: str):
    pdf = pack.volume(volume)
    body = max(pdf.pages[2].sizes, key=pdf.pages[2].sizes.get)
    last_pages = {end for _, end in pack.ranges(volume).values()}
    for page in pdf.pages[1:]:
        if page.number in last_pages or not page.last_line:
            continue
        assert page.last_size < 1.3 * body, f"page {page.number} ends with a heading: {page.last_line!r}"


def test_double_sided_packs_put_page_numbers_on_the_outer_edge(pack: Built):
    """On a right-hand page the number is at the right edge, on a left-hand page at the left,
    and the wider margin is on the inside, where the pages are bound."""
    import pypdfium2 as pdfium

    pages = pack.pdf.pages
    first = next(n for n in range(5, len(pages) - 1, 2)  # an odd (right-hand) page and the next, both full
                 if BLANK not in pages[n - 1].body and BLANK not in pages[n].body)
    document = pdfium.PdfDocument(pack.pdf.path)
    seen = {}
    try:
        for number in (first, first + 1):
            page = document[number - 1]
            width, height = page.get_width(), page.get_height()
            text = page.get_textpage()
            found = text.search(f"Page {number} of").get_next()
            assert found, f"no page number on page {number}"
            boxes = [text.get_charbox(i) for i in range(text.count_chars())]
            body = [box for box in boxes if BAND < box[1] < height - BAND and box[2] > box[0]]
            seen[number] = ("right" if text.get_charbox(found[0])[0] > width / 2 else "left",
                            min(b[0] for b in body), width - max(b[2] for b in body))
    finally:
        document.close()
    right_page, left_page = seen[first], seen[first + 1]
    if not pack.settings.duplex:
        assert right_page[0] == left_page[0] == "right", seen
        return
    assert right_page[0] == "right" and left_page[0] == "left", seen
    assert right_page[1] > right_page[2] and left_page[2] > left_page[1], f"binding margin not inside: {seen}"

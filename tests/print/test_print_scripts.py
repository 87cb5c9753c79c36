"""A pack whose names are in Arabic script (Urdu) and Devanagari (Hindi), with a phone number
typed without quotes and a logo a phone camera saved on its side, built for real: every name
prints in a shipped face, joined and ordered right to left, the fillable pack shows them, and
the logo stands upright."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader
from support import ROOT

pytestmark = [pytest.mark.build]

FONTS = ROOT / "overrides" / "theme" / "assets" / "fonts"
SHIPPED_FACES = ("Atkinson-Hyperlegible", "Pack-Noto-Sans", "Pack-Noto-Naskh-Arabic", "Pack-Noto-Sans-Devanagari")
HOME = "ہمارا گھر"  # "Our home"
MANAGER = "عائشہ خان"
TIP_LEAD = "प्रिया शर्मा"
ROLE = "مینیجر"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@pytest.fixture(scope="module")
def reader(scripts_pack: Path) -> PdfReader:
    return PdfReader(scripts_pack / "scripts-implementation-pack.pdf")


def _faces(reader: PdfReader) -> dict[str, object]:
    faces = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            faces[str(font["/BaseFont"]).split("+")[-1]] = font
    return faces


def test_arabic_script_reads_back_in_reading_order_on_the_cover_and_in_the_footers(reader):
    cover = nfc(reader.pages[0].extract_text())
    for value in (HOME, MANAGER, "+44 1632 960123"):
        assert nfc(value) in cover, (value, cover)
    for number, page in enumerate(reader.pages[1:], start=2):
        assert nfc(HOME) in nfc(page.extract_text()), f"page {number} has no footer with the home's name"


def test_only_shipped_faces_draw_the_pack_and_each_script_has_its_own(reader):
    faces = set(_faces(reader))
    assert all(face.startswith(SHIPPED_FACES) for face in faces), faces
    assert any(face.startswith("Pack-Noto-Naskh-Arabic") for face in faces), faces
    assert any(face.startswith("Pack-Noto-Sans-Devanagari") for face in faces), faces


def _to_unicode(font) -> list[tuple[int, str]]:
    """The (glyph, text) pairs of a font's ToUnicode map."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    pairs = []
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for glyph, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            pairs.append((int(glyph, 16), bytes.fromhex(text).decode("utf-16-be")))
    return pairs


def test_arabic_letters_are_joined_not_printed_one_by_one(reader):
    """A joined letter takes a different glyph at the start, middle and end of a word: the
    Arabic face's map holds some letter under more than one glyph (isolated 'ا' in 'ہمارا' and
    its joined form), which letters set one by one never would."""
    arabic = [font for name, font in _faces(reader).items() if name.startswith("Pack-Noto-Naskh-Arabic")]
    forms: dict[str, set[int]] = {}
    for font in arabic:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert descendant  # a composite font, as WeasyPrint writes it
        for glyph, text in _to_unicode(font):
            forms.setdefault(text, set()).add(glyph)
    joined = [letter for letter, glyphs in forms.items() if len(glyphs) > 1 and letter.strip()]
    assert joined, forms


def test_every_name_has_a_glyph_in_a_shipped_face():
    covered: set[int] = set()
    for path in FONTS.glob("*-400-normal.woff2"):
        covered |= set(TTFont(path).getBestCmap())
    for value in (HOME, MANAGER, TIP_LEAD, ROLE):
        assert not [c for c in value if ord(c) not in covered and not c.isspace()], value


def test_a_name_the_field_font_cannot_draw_prints_as_text_in_the_fillable_pack(reader):
    """A form field draws in one font without joining Arabic letters: a signatory in Arabic
    script is printed as text, where a Latin name stays an editable field."""
    fields = {str(f.get("/V")) for f in (reader.get_fields() or {}).values() if f.get("/V")}
    assert "Director" in fields and "Pat Example" in fields
    assert MANAGER not in fields and ROLE not in fields
    text = nfc(" ".join(page.extract_text() for page in reader.pages))
    assert nfc(MANAGER) in text and nfc(ROLE) in text


def test_a_logo_saved_on_its_side_prints_upright(scripts_pack: Path, tmp_path: Path):
    """The JPEG is stored 200 wide and 400 high with EXIF 'turn 90 degrees': upright it is wide,
    with its red band at the top."""
    pdf = scripts_pack / "scripts-implementation-pack.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "cover")],
                   check=True)
    cover = Image.open(next(tmp_path.glob("cover*.png"))).convert("RGB")
    top = cover.crop((0, 0, cover.width, cover.height // 4))
    red = [(x, y) for x in range(top.width) for y in range(top.height)
           if (lambda p: p[0] > 150 and p[1] < 60 and p[2] < 60)(top.getpixel((x, y)))]
    assert red, "no logo on the cover"
    xs, ys = [x for x, _ in red], [y for _, y in red]
    assert max(xs) - min(xs) > 3 * (max(ys) - min(ys)), "the red band stands on its end: the logo is on its side"


def test_the_word_copy_shows_the_logo_upright_and_the_names_as_typed(scripts_pack: Path):
    """Word does not read a JPEG's EXIF note to turn it: the copy carries the logo turned."""
    from docx import Document

    document = Document(str(scripts_pack / "scripts-implementation-pack.docx"))
    shapes = list(document.inline_shapes)
    assert shapes, "no logo in the Word copy"
    assert shapes[0].width > 1.5 * shapes[0].height, (shapes[0].width, shapes[0].height)
    text = nfc(" ".join(p.text for p in document.paragraphs))
    assert nfc(HOME) in text and nfc(MANAGER) in text

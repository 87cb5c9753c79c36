"""A pack made of what people really type (tests/fixtures/torture.yml), built for real:
every value prints as itself in the PDF's text layer, fields, outline and metadata, in the
shipped faces only, and reads the same on the site, the overview and the bundle."""

from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from support import ROOT

from tippack.outputs.printed.names import short_name
from tippack.reading.project import Project
from tippack.reading.source import load_file

pytestmark = [pytest.mark.build]

TORTURE = Path(__file__).parent / "fixtures" / "torture.yml"
FONTS = ROOT / "overrides" / "theme" / "assets" / "fonts"
SHIPPED_FACES = ("Atkinson-Hyperlegible", "Pack-Noto-Sans")
# Values that print in the pack (others are settings: ownership, services, module ids, paper).
PRINTED = [
    ("version",), ("home", "name"), ("home", "provider"), ("home", "address"), ("home", "manager"),
    ("home", "tip_lead"), ("facilitator", "name"), ("facilitator", "organisation"), ("facilitator", "email"),
    ("facilitator", "phone"), ("signatories", 0, "name"), ("signatories", 0, "role"), ("signatories", 1, "name"),
    ("partners", 0, "name"), ("partners", 0, "offers"), ("partners", 0, "phone"),
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def page_text(markup: str) -> str:
    """What a person reads on an HTML page: tags dropped, entities decoded."""
    return nfc(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


@pytest.fixture(scope="module")
def values(torture: tuple[Project, Path]) -> dict[tuple, str]:
    project, _ = torture
    doc, problems = load_file(project.packs_dir / "torture.yml", project.root)
    assert doc is not None and not problems
    out = {}
    for path in PRINTED:
        value = doc.data
        for step in path:
            value = value[step]
        out[path] = str(value)
    return out


@pytest.fixture(scope="module")
def reader(torture) -> PdfReader:
    return PdfReader(torture[1] / "torture-implementation-pack.pdf")


def test_the_pack_really_is_made_of_hard_cases(values):
    text = nfc(" ".join(values.values()))
    for needed in ("Ł", "ą", "Ţ", "Ș", "ò", "á", "ọ", "\u0300", "Ẹ", "К", "α", "ŷ", "&", "<", ">", '"', "'", "„"):
        assert needed in text, needed
    assert values[("version",)] == "2.10"
    assert len(values[("home", "name")]) > 80


def test_every_value_prints_exactly_in_the_text_layer_or_its_field(reader, values):
    text = nfc(" ".join(page.extract_text() or "" for page in reader.pages))
    fields = {nfc(str(f.get("/V"))) for f in (reader.get_fields() or {}).values() if f.get("/V")}
    missing = [(path, value) for path, value in values.items() if nfc(value) not in text and nfc(value) not in fields]
    assert not missing, missing
    assert "&amp;" not in text and "&lt;" not in text and "&quot;" not in text


def test_cover_and_running_footers_keep_every_character(reader, values):
    name = values[("home", "name")]
    cover = nfc(reader.pages[0].extract_text())
    assert nfc(name) in cover
    stamp = nfc(f"{short_name(name)} · version 2.10")
    for number, page in enumerate(reader.pages[1:], start=2):
        assert stamp in nfc(page.extract_text()), f"page {number} has no footer stamp"


def test_metadata_and_bookmarks_keep_every_character(reader, values):
    assert reader.metadata.title.startswith(values[("home", "name")] + ":")
    assert reader.metadata.author == values[("facilitator", "organisation")]
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["The booklet", "The tools"]  # the complete PDF: the two volumes, each over its own
    booklet = next(item for item in reader.outline if isinstance(item, list))
    inside = [item.title for item in booklet if not isinstance(item, list)]
    assert inside[0] == "Cover" and "Contents" in inside


def _embedded_fonts(reader: PdfReader) -> dict[str, object]:
    fonts = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = font
    form = reader.root_object.get("/AcroForm")
    if form and "/DR" in form:
        for ref in (form["/DR"].get_object().get("/Font") or {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = font
    return fonts


def test_only_shipped_faces_are_embedded(reader):
    faces = set(_embedded_fonts(reader))
    assert faces and all(face.startswith(SHIPPED_FACES) for face in faces), faces
    assert any(face.startswith("Pack-Noto-Sans") for face in faces), "the fallback face was not needed?"


def test_every_character_of_every_value_has_a_glyph_in_a_shipped_face(values):
    covered: set[int] = set()
    for path in FONTS.glob("*-400-normal.woff2"):
        covered |= set(TTFont(path).getBestCmap())
    lacking = sorted({ch for value in values.values() for ch in nfc(value) if ord(ch) not in covered})
    assert not lacking, [f"U+{ord(c):04X} {c}" for c in lacking]


def test_site_overview_and_bundle_show_the_name_as_typed(torture, values):
    _, folder = torture
    name = values[("home", "name")]
    index = (folder / "site" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", index, re.S).group(1)
    assert html.unescape(title).startswith("Home - " + name) or name in html.unescape(title)
    assert "&amp;amp;" not in index and "&amp;lt;" not in index
    heading = re.search(r'<h1[^>]*class="tp-home-title"[^>]*>(.*?)</h1>', index, re.S)
    assert heading and nfc(html.unescape(re.sub(r"<[^>]+>", "", heading.group(1)))) == nfc(name)
    overview = (folder.parent / "index.html").read_text(encoding="utf-8")
    assert nfc(name) in page_text(overview)
    with zipfile.ZipFile(folder / "torture-pack.zip") as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
    assert name in readme


def test_every_prefilled_field_draws_every_character_of_its_value(reader):
    """A fillable field draws its value in one font, with no fallback: that font must have every letter."""
    import io
    import re as _re

    form = reader.root_object["/AcroForm"]
    resources = form["/DR"].get_object()["/Font"].get_object()
    checked = 0
    for name, field in (reader.get_fields() or {}).items():
        value = field.get("/V")
        if not isinstance(value, str) or value.startswith("/") or not value.strip():
            continue
        widget = field.indirect_reference.get_object() if field.indirect_reference else field
        appearance = str(widget.get("/DA") or form.get("/DA") or "")
        match = _re.search(r"/([^\s/]+)\s+[\d.]+\s+Tf", appearance)
        assert match, f"{name}: no font in its appearance ({appearance!r})"
        font = resources[f"/{match.group(1)}"].get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        cmap = TTFont(io.BytesIO(program)).getBestCmap()
        lacking = [c for c in nfc(value) if ord(c) not in cmap and not c.isspace()]
        assert not lacking, f"{name}: its font cannot draw {lacking} of {value!r}"
        checked += 1
    assert checked >= 4  # the signatories' names and roles

"""The Word copies, read back as a manager's Word would read them: every heading, question and
option there, check boxes that are Word check boxes, Word's own styles, the pack's paper and
colour, header rows that repeat; linked from the site, the overview and the bundle; the same
bytes on every build."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from support import build_all

from tippack.outputs.printed.names import plain
from tippack.planning.plan import gather
from tippack.reading.project import Project
from tippack.rendering.colours import palette

pytestmark = [pytest.mark.build]

SLUG = "ash"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def text_of(paragraph) -> str:  # noqa: ANN001 - a w:p element
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def words(text: str) -> str:
    """Text as one line, Markdown escapes and emphasis taken out."""
    return " ".join(re.sub(r"\\(.)", r"\1", plain(text)).split())


def paragraphs(document) -> list[tuple[str, str]]:  # noqa: ANN001
    """Every paragraph in the body, tables included, as (style id, text)."""
    out = []
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        out.append((style.get(qn("w:val")) if style is not None else "Normal", text_of(p)))
    return out


@pytest.fixture(scope="module")
def pack(office: tuple[Project, Path]):  # noqa: ANN201
    project, _ = office
    plan = gather(project, (SLUG,))
    return plan.packs[0].tailored


def test_each_module_has_every_heading_question_and_option(office, pack) -> None:
    _, out = office
    for module in pack.modules:
        document = docx.Document(out / SLUG / "word" / f"{module.id}.docx")
        found = paragraphs(document)
        headings = {(style, text) for style, text in found if style.startswith("Heading")}
        everything = " ".join(" ".join(text.split()) for _, text in found)
        assert ("Heading1", module.title) in headings
        missing = []
        for section in module.sections:
            if ("Heading2", words(section.title)) not in headings:
                missing.append(section.title)
            for item in section.items:
                f = item.fields
                expected = [f.get("prompt") or "", *(f.get("options") or ()), *(f.get("scale") or ()),
                            *(f.get("columns") or ()), *(f.get("row_labels") or ()),
                            *(name for name, _ in f.get("signers") or () if name)]
                missing += [e for e in expected if e and words(e) not in everything]
        assert missing == [], module.id
        assert "Sources" in {text for _, text in found}


def test_tick_boxes_are_word_check_boxes_that_click(office, pack) -> None:
    _, out = office
    for module in pack.modules:
        document = docx.Document(out / SLUG / "word" / f"{module.id}.docx")
        boxes = list(document.element.body.iter(f"{W14}checkbox"))
        expected = sum(len(i.fields.get("options") or ()) if i.type in ("choice", "checklist") else
                       len(i.fields.get("scale") or ()) if i.type == "rating" else 0
                       for s in module.sections for i in s.items)
        assert len(boxes) == expected, module.id
        for box in boxes:
            properties = box.getparent()
            assert properties.tag == qn("w:sdtPr") and properties.getparent().tag == qn("w:sdt")
            assert box.find(f"{W14}checked").get(f"{W14}val") == "0"
            assert properties.find(qn("w:tag")).get(qn("w:val")).startswith(f"{module.id}.")
        ids = [e.get(qn("w:val")) for e in document.element.body.iter(qn("w:id"))]
        assert len(ids) == len(set(ids))


def test_only_words_built_in_styles_are_used(office) -> None:
    _, out = office
    for path in [out / SLUG / f"{SLUG}-implementation-pack.docx", *sorted((out / SLUG / "word").glob("*.docx"))]:
        document = docx.Document(path)
        used = {e.get(qn("w:val")) for e in document.element.body.iter(qn("w:pStyle"), qn("w:tblStyle"))}
        styles = {s.style_id: s for s in document.styles}
        assert used <= set(styles), path.name
        assert [sid for sid in used if not styles[sid].builtin] == [], path.name
        assert {"Heading1", "Heading2", "TableGrid"} <= used


def test_paper_colour_and_properties_come_from_the_pack(office, pack) -> None:
    _, out = office
    document = docx.Document(out / SLUG / "word" / "monitoring-log.docx")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    colour = palette("#00695c")["link_light"].lstrip("#").upper()
    assert str(document.styles["Heading 1"].font.color.rgb) == colour
    core = document.core_properties
    assert core.title == "Monthly monitoring log: Ash House" and core.revision == 1
    assert core.created == core.modified and core.created.year == 2026


def test_tables_repeat_their_header_row_and_keep_rows_whole(office) -> None:
    _, out = office
    document = docx.Document(out / SLUG / "word" / "monitoring-log.docx")
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}
    six = tables[("Measure", "Month 1", "Month 2", "Month 3", "Month 4", "Month 5", "Month 6")]
    assert six.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [r.cells[0].text for r in six.rows[1:3]] == ["Handovers where TIP came up", "Care reviews where TIP came up"]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in six.rows)
    signed = docx.Document(out / SLUG / "word" / "statement-of-intent.docx")
    signatures = next(t for t in signed.tables if [c.text for c in t.rows[0].cells] == ["Name", "Role", "Signature",
                                                                                           "Date"])
    assert [[c.text for c in r.cells] for r in signatures.rows[1:]] == [["Pat Example", "Manager", "", ""],
                                                                         ["", "Provider", "", ""]]


def test_a_choice_column_is_a_drop_down_list(office) -> None:
    _, out = office
    document = docx.Document(out / SLUG / "word" / "training-needs-analysis.docx")
    lists = list(document.element.body.iter(qn("w:dropDownList")))
    assert len(lists) == 9  # one for each staff group's level
    assert [i.get(qn("w:value")) for i in lists[0]] == ["Informed", "Skilled", "Enhanced", "Specialist"]


def test_the_whole_pack_follows_the_pdf_order(office, pack) -> None:
    _, out = office
    document = docx.Document(out / SLUG / f"{SLUG}-implementation-pack.docx")
    found = paragraphs(document)
    assert ("Title", "Implementation pack") in found
    firsts = [text for style, text in found if style == "Heading1"]
    titles = [m.title for m in pack.modules]
    assert [t for t in firsts if t in titles] == titles
    assert firsts.index("Start here: three things to do this month") < firsts.index(titles[0])


def test_the_site_overview_and_bundle_offer_the_editable_copies(office) -> None:
    _, out = office
    site = out / SLUG / "site"
    page = (site / "modules" / "monitoring-log.html").read_text(encoding="utf-8")
    assert 'href="../word/monitoring-log.docx"' in page and "Download as Word" in page
    assert 'href="../sheets/monitoring-log.xlsx"' in page and "Download as a spreadsheet" in page
    template = (site / "modules" / "statement-of-intent.html").read_text(encoding="utf-8")
    assert "Download as Word" in template and "as a spreadsheet" not in template
    assert f"{SLUG}-implementation-pack.docx" in (site / "index.html").read_text(encoding="utf-8")
    for name in ("word/monitoring-log.docx", "sheets/monitoring-log.xlsx", f"{SLUG}-implementation-pack.docx"):
        assert (site / name).read_bytes() == (out / SLUG / name).read_bytes()
    with zipfile.ZipFile(out / SLUG / f"{SLUG}-pack.zip") as bundle:
        names = set(bundle.namelist())
        readme = bundle.read("README.txt").decode("utf-8")
    assert {"site/word/statement-of-intent.docx", "site/sheets/training-needs-analysis.xlsx",
            f"site/{SLUG}-implementation-pack.docx"} <= names
    assert f"{SLUG}-implementation-pack.docx" not in names  # each file once, in site/
    assert "site/word" in readme
    overview = (out / "index.html").read_text(encoding="utf-8")
    for link in (f"{SLUG}/word/monitoring-log.docx", f"{SLUG}/sheets/monitoring-log.xlsx",
                 f"{SLUG}/{SLUG}-implementation-pack.docx"):
        assert f'href="{link}"' in overview


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".docx", ".xlsx")}


def test_two_builds_of_word_and_spreadsheets_are_byte_identical(office, tmp_path: Path) -> None:
    project, _ = office
    first, second = tmp_path / "one", tmp_path / "two"
    build_all(project, first, (SLUG,), jobs=1, formats="docx,xlsx")
    build_all(project, second, (SLUG,), jobs=1, formats="docx,xlsx")
    a, b = digests(first / SLUG), digests(second / SLUG)
    assert len(a) == 3 + 1 + 2 and a == b
    with zipfile.ZipFile(first / SLUG / "word" / "monitoring-log.docx") as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 9, 21, 14, 13, 20)}
        assert "2026-09-21T14:13:20Z" in package.read("docProps/core.xml").decode("utf-8")


def test_a_site_built_before_the_word_copies_is_built_again_to_link_them(office, tmp_path: Path) -> None:
    project, _ = office
    out = tmp_path / "out"
    build_all(project, out, (SLUG,), jobs=1, formats="site")
    build_all(project, out, (SLUG,), jobs=1, formats="docx")
    page = out / SLUG / "site" / "modules" / "monitoring-log.html"
    assert "Download as Word" not in page.read_text(encoding="utf-8")
    assert (out / SLUG / "site" / "word" / "monitoring-log.docx").is_file()  # the copy, for when it is linked
    again = build_all(project, out, (SLUG,), jobs=1, formats="site,docx")
    assert [r.slug for r in again.built] == [SLUG]
    assert "Download as Word" in page.read_text(encoding="utf-8")
    assert build_all(project, out, (SLUG,), jobs=1, formats="site,docx").skipped == [SLUG]

"""The booklet, the tools volume and the poster, read from the example packs as built once.

What a home prints first is the booklet: within its page budget, the disclosure flow inside
the front cover, no worked examples or source lists between its worksheets, no nearly empty
page but where double-sided printing needs a right-hand start. Every other module is a tool,
in the tools volume and on its own. The booklet, the tools and the poster are PDF/UA-1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from printed import Built, squash
from pypdf import PdfReader

from tippack.outputs.printed.names import complete_pdf_name, pdf_name, poster_name, tools_pdf_name

pytestmark = [pytest.mark.build]

MM = 72 / 25.4


def text_of(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(path).pages]


def outline_titles(reader: PdfReader, top_only: bool = False) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                if not top_only:
                    walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_booklet_is_within_its_page_budget_in_standard_print(pack: Built) -> None:
    pages = len(PdfReader(pack.folder / pdf_name(pack.slug)).pages)
    assert pack.record["booklet_pages"] == pages
    assert pages <= pack.settings.booklet_pages
    if not pack.settings.large_print:
        assert pages <= 40, f"{pack.slug}: {pages} pages"


def test_core_modules_are_in_the_booklet_and_the_others_are_tools(pack: Built) -> None:
    parts = pack.record["parts"]
    booklet = " ".join(text_of(pack.folder / pdf_name(pack.slug)))
    tools = text_of(pack.folder / tools_pdf_name(pack.slug))
    for module in pack.tailored.modules:
        where = parts[module.id]
        if module.in_booklet():
            assert "booklet" in where, module.id
        else:
            assert set(where) == {"tools"}, module.id
            assert module.title.split(":")[0] in booklet  # listed on the booklet's page of tools
            start = where["tools"][0]
            assert module.title.split(":")[0][:30] in tools[start], module.id  # where its span says
    assert "The tools, and when to use them" in booklet


def test_a_pack_moves_a_module_either_way(project) -> None:  # noqa: ANN001
    from tippack.planning.plan import gather

    plan = gather(project, ("heatherbank",))
    loaded = plan.loaded[0]
    refs = {r.id for r in loaded.model.module_refs()}
    assert {"principles", "statement-of-intent"} <= refs
    from tippack.planning.tailor import tailor
    from tippack.reading.model import ModuleRef

    moved = loaded.model.model_copy(update={"modules": [
        ModuleRef(id="principles", part="core"), ModuleRef(id="statement-of-intent", part="tool")]})
    loaded = type(loaded)(loaded.slug, moved, loaded.doc, loaded.files)
    tailored, problems = tailor(loaded, plan.library)
    assert not problems and tailored is not None
    by_id = {m.id: m for m in tailored.modules}
    assert all(s.part == "core" for s in by_id["principles"].sections)
    assert not by_id["statement-of-intent"].in_booklet()


def test_no_worked_examples_or_source_lists_in_the_booklet(pack: Built) -> None:
    booklet = " ".join(text_of(pack.folder / pdf_name(pack.slug)))
    assert "These answers were written for a made-up home" not in booklet
    assert "Sources Scottish Government" not in booklet and "Content checked" not in booklet
    tools = " ".join(text_of(pack.folder / tools_pdf_name(pack.slug)))
    assert "Sources" in tools


def test_disclosure_flow_is_inside_the_front_cover(pack: Built) -> None:
    flow = next(s for m in pack.tailored.modules for s in m.sections if s.one_page)
    booklet = text_of(pack.folder / pdf_name(pack.slug))
    assert squash(flow.title) in booklet[1] and "999" in booklet[1], pack.slug
    own = text_of(pack.folder / "modules" / "responding-to-disclosure.pdf")
    assert squash(flow.title) in own[0] and "999" in own[0]  # the module's PDF opens on the flow
    assert "What to say" in own[1]  # then its part of the booklet, which opens on a full page
    poster = text_of(pack.folder / poster_name(pack.slug))[0]
    assert squash(flow.title) in poster


def test_no_nearly_empty_page_but_for_a_right_hand_start(pack: Built) -> None:
    fill = pack.record["booklet_fill"]
    assert fill["nearly_empty"] == [], f"{pack.slug}: nearly empty pages {fill['nearly_empty']}"
    if not pack.settings.duplex:
        assert fill["blank_for_duplex"] == []


def test_each_volume_has_its_own_contents_page_numbers_and_bookmarks(pack: Built) -> None:
    for name in (pdf_name(pack.slug), tools_pdf_name(pack.slug)):
        reader = PdfReader(pack.folder / name)
        pages = [squash(p.extract_text()) for p in reader.pages]
        assert "Contents" in " ".join(pages[:4]), name
        assert f"Page 2 of {len(pages)}" in pages[1], name
        assert "Contents" in outline_titles(reader), name
    booklet = PdfReader(pack.folder / pdf_name(pack.slug))
    titles = outline_titles(booklet)
    for module in pack.tailored.modules:
        if module.in_booklet():
            assert module.title in titles, module.id
    complete = PdfReader(pack.folder / complete_pdf_name(pack.slug))
    assert outline_titles(complete, top_only=True) == ["The booklet", "The tools"]
    assert len(complete.pages) == pack.record["booklet_pages"] + pack.record["tools_pages"]
    first = squash(complete.pages[0].extract_text())
    assert "1. the booklet" in first and "2. the tools" in first  # its first page names both volumes


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def test_booklet_tools_poster_and_tool_pdfs_are_pdf_ua_1(pack: Built) -> None:
    names = [pdf_name(pack.slug), tools_pdf_name(pack.slug), poster_name(pack.slug), poster_name(pack.slug, "A3"),
             "modules/responding-to-disclosure.pdf", f"modules/{pack.tailored.modules[-1].id}.pdf"]
    for name in names:
        reader = PdfReader(pack.folder / name)
        root = reader.trailer["/Root"]
        assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp(reader)), name
        assert root["/Lang"] == "en-GB", name
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], name
        assert reader.metadata.title, name
        assert reader.outline, name
    assert bool(PdfReader(pack.folder / pdf_name(pack.slug)).get_fields()) == pack.settings.fillable


def test_poster_is_one_page_with_999_first_and_the_homes_contacts(pack: Built) -> None:
    given = pack.tailored.context["adult_protection"]
    for name, width in ((poster_name(pack.slug), 210), (poster_name(pack.slug, "A3"), 297)):
        reader = PdfReader(pack.folder / name)
        assert len(reader.pages) == 1, name
        assert abs(float(reader.pages[0].mediabox.width) - width * MM) < 2, name
        text = squash(reader.pages[0].extract_text())
        assert text.index("999") < text.index("Who to tell")
        for key in ("council", "out_of_hours", "lead"):
            contact = given.get(key) or {}
            if contact.get("phone"):
                assert contact["phone"] in text, (name, key)
        assert pack.tailored.pack.home.name in text
        order = [text.index(label) for label in ("The person in charge", "On-call manager",
                                                  "If it is about the manager", "Council adult protection",
                                                  "Out-of-hours social work")]
        assert order == sorted(order), name
        if not given.get("on_call"):
            on_call = text.split("On-call manager", 1)[1].split("If it is about", 1)[0]
            assert "write the name and number here" in on_call

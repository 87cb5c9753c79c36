"""Slips a facilitator makes while typing a pack, read through the real loader and checks:
each value is kept exactly as typed, or refused where it is typed with what to type instead.
(The golden cases in tests/golden/cases/slips-* hold the whole messages.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT

from tippack.reading.glyphs import FONTS, drawn, field_draws, undrawn, why_undrawn
from tippack.reading.library import load_library
from tippack.reading.loading import read_pack
from tippack.reading.project import Project
from tippack.reading.source import load_text
from tippack.reading.typed import curly_wrapped, straight
from tippack.reading.validate import check_pack
from tippack.reading.written_dates import written_date

MINI = Path(__file__).resolve().parents[1] / "golden" / "mini"


@pytest.fixture()
def mini(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    shutil.copytree(ROOT / "overrides" / FONTS, root / "overrides" / FONTS)
    return Project(root)


def check(project: Project, text: str, encoding: str = "utf-8"):
    """The pack model (or None) and every problem, for packs/home.yml holding ``text``."""
    path = project.packs_dir / "home.yml"
    path.write_bytes(text.encode(encoding))
    library = load_library(project)
    return check_pack(project, read_pack(project, "home", path, library.known_ids), library)


def test_a_windows_file_with_a_byte_order_mark_reads_as_typed(mini):
    loaded, problems = check(mini, "\ufeffhome:\r\n  name: Łąka House\r\nmodules: [guide]\r\n", "utf-8")
    assert not problems and loaded.model.home.name == "Łąka House"


def test_paper_in_lowercase_is_read_as_the_size(mini):
    loaded, problems = check(mini, "home: {name: Oak}\nmodules: [guide]\nprint: {paper: a4}\n")
    assert not problems and loaded.model.print.paper == "A4"
    loaded, problems = check(mini, "home: {name: Oak}\nmodules: [guide]\nprint: {paper: letter}\n")
    assert not problems and loaded.model.print.paper == "Letter"


def test_phone_numbers_typed_without_quotes_keep_their_plus_and_leading_zero(mini):
    text = "home: {name: Oak}\nmodules: [guide]\nfacilitator: {name: Alex, phone: +44 1632 960123}\npartners:\n"
    text += "  - {name: A, phone: 01632960123, checked: 2026-10-01}\n  - {name: B, phone: +441632960124}\n"
    loaded, problems = check(mini, text)
    assert not [p for p in problems if p.severity == "error"]
    assert loaded.model.facilitator.phone == "+44 1632 960123"
    assert [p.phone for p in loaded.model.partners] == ["01632960123", "+441632960124"]


def test_curly_quotes_inside_a_value_print_as_typed_without_a_word(mini):
    loaded, problems = check(mini, "home: {name: Oak, manager: Jane “JJ” O’Neill}\nmodules: [guide]\n")
    assert not problems and loaded.model.home.manager == "Jane “JJ” O’Neill"


def test_curly_quotes_around_a_whole_value_are_kept_with_a_warning(mini):
    loaded, problems = check(mini, "home: {name: “Oak House”}\nmodules: [guide]\n")
    assert loaded.model.home.name == "“Oak House”"
    assert [p.severity for p in problems] == ["warning"] and 'name: "Oak House"' in problems[0].message


@pytest.mark.parametrize(("text", "wrapped"), [
    ("“Oak”", True), ("‘Oak’", True), ("„Łąka”", True), ("“Oak” and “Ash”", False), ("Jane “JJ” Example", False),
    ("“", False), ("Oak”", False),
])
def test_curly_wrapped(text, wrapped):
    assert curly_wrapped(text) is wrapped


def test_straight_quotes_keep_a_double_quote_inside():
    assert straight("“Oak”") == '"Oak"'
    assert straight('“The "Oak"”') == "'The \"Oak\"'"
    assert straight("‘The “Oak”’") == '"The “Oak”"'  # quotes inside are the value's own


@pytest.mark.parametrize(("typed", "advice"), [
    ("05/12/2026", ": for 5 December 2026, type 2026-12-05"),
    ("12/31/2026", ": for 31 December 2026, type 2026-12-31"),  # only a US date can have a 31st month
    ("5.12.26", ": for 5 December 2026, type 2026-12-05"),
    ("31-12-2026", ": for 31 December 2026, type 2026-12-31"),
    ("2026/12/05", ": for 5 December 2026, type 2026-12-05"),
    ("5 December 2026", ": for 5 December 2026, type 2026-12-05"),
    ("5th Dec 2026", ": for 5 December 2026, type 2026-12-05"),
    ("“2026-10-01”", ": for 1 October 2026, type 2026-10-01"),  # curly quotes from a word processor
    ("31/31/2026", ", for example 2026-11-01"),
    ("30 Feb 2026", ", for example 2026-11-01"),
    ("5 Decx 2026", ", for example 2026-11-01"),
    ("next week", ", for example 2026-11-01"),
])
def test_a_date_typed_another_way_is_answered_with_the_date_to_type(typed, advice):
    assert written_date(typed) == advice


def test_a_key_written_twice_is_refused_at_the_second_with_the_line_of_the_first():
    doc, problems = load_text("home:\n  name: Oak\n  name: Ash\nmodules: [guide]\n", "packs/home.yml")
    assert [(p.line, p.col) for p in problems] == [(3, 3)]
    assert "first on line 2" in problems[0].message and doc.data["home"]["name"] == "Oak"


def test_non_breaking_spaces_in_a_value_are_text_and_print():
    doc, problems = load_text("home:\n  name: Oak\u00a0House\n  address: |\n    \u00a0 1 Example Road\n",
                              "packs/home.yml")
    assert not problems and doc.data["home"]["name"] == "Oak\u00a0House"


def test_a_non_breaking_space_in_text_does_not_hide_the_real_slip():
    doc, problems = load_text('home:\n  name: "Oak\n  address: |\n    \u00a0 1 Example Road\nmodules: [guide]\n',
                              "packs/home.yml")
    assert doc is None and [(p.line, p.col) for p in problems] == [(2, 9)]
    assert "quote opened here is not closed" in problems[0].message


def test_a_non_breaking_space_that_indents_a_key_is_refused_in_those_words():
    doc, problems = load_text("home:\n\u00a0 name: Oak\n", "packs/home.yml")
    assert doc is None and [(p.line, p.col) for p in problems] == [(2, 1)]
    assert "indented with a non-breaking space" in problems[0].message


def test_every_script_a_shipped_face_draws_passes_and_others_are_named():
    covered = drawn(ROOT / "overrides")
    for text in ("Łucja Wiśniewska", "Ọláolúwa Adébáyọ̀", "Олександра", "Παπαδοπούλου", "ہمارا گھر", "عائشہ خان",
                 "प्रिया शर्मा", "Mòrag NicDhòmhnaill", "Ţara & <Mòr> “quoted” – 5 €"):
        assert undrawn(text, covered) == [], text
    assert undrawn("Oak 🏡 House", covered) == ["🏡"]
    assert undrawn("Jane ❤️", covered) == ["❤️"]  # the emoji keeps its variation selector
    assert undrawn("王小明 李", covered) == ["王小明 李"]
    assert "emoji" in why_undrawn("🏡")
    assert "Chinese, Japanese or Korean" in why_undrawn("王")
    assert "Bengali" in why_undrawn("বাংলা") and "Gurmukhi" in why_undrawn("ਪੰਜਾਬੀ")
    assert "LATIN SMALL LETTER BARRED ALPHA (U+AB30)" in why_undrawn("\uab30")  # a rare letter, not "Latin"


def test_a_project_without_fonts_is_not_judged(tmp_path):
    assert drawn(tmp_path) is None and field_draws("王", tmp_path)


def test_a_fillable_field_draws_latin_greek_and_cyrillic_but_not_arabic_or_devanagari():
    overrides = ROOT / "overrides"
    assert field_draws("Adébáyọ̀ Ковальчук Ευαγγελία", overrides)
    assert not field_draws("عائشہ خان", overrides) and not field_draws("प्रिया", overrides)

"""``tippack doctor``: this machine, as found, one line a part saying what it means for the packs;
and what a machine lacking HarfBuzz's subsetter makes of a build (a note said once, never a
failure), while every other warning still counts."""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT

from tippack.building.doctor import FONTS_CSS, Machine, after_build, findings, look
from tippack.cli import main
from tippack.outputs.printed.libraries import SUBSETTER_NOTE, machine_notes, plain_warnings

# What WeasyPrint 70 says, word for word (weasyprint/text/ffi.py and weasyprint/pdf/fonts.py).
IMPORT_WARNING = ("HarfBuzz-Subset will be required by future versions of WeasyPrint. "
                  "Please install this library with your package manager.")
LOG_WARNING = ('Using fontTools instead of HarfBuzz-Subset for font "{}". This will be unsupported in future '
               "versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 with your package manager.")

WELL = Machine(python=(3, 11, 2), weasyprint="70.0", pango="1.50.12", subsetting=True,
               site_tools={"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "python-docx": "1.2.0", "openpyxl": "3.1.5"},
               fonts=["Atkinson Hyperlegible", "Pack Noto Sans"], font_files=8, fonts_css=True,
               chromium="Chromium 120.0")


def lines(machine: Machine) -> dict[str, str]:
    return {f.part: f.line() for f in findings(machine)}


def test_doctor_on_this_machine_names_every_part_and_what_it_means(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert [line.split(":")[0].split(maxsplit=1)[1] for line in out] == [
        "Python", "PDFs (WeasyPrint's libraries)", "HarfBuzz subsetting", "Website, Word copies, spreadsheets",
        "Shipped fonts", "Chromium (test suite)"]
    assert all(re.match(r"(ok|lacking|MISSING) +\S", line) and " \u2014 " in line for line in out)
    files = re.findall(r'url\("([^"]+)"\)', (ROOT / FONTS_CSS).read_text(encoding="utf-8"))
    assert f"({len(set(files))} files)" in out[4] and out[4].startswith("ok")
    import weasyprint

    assert f"WeasyPrint {weasyprint.__version__}" in out[1]


def test_a_machine_that_has_everything_says_so() -> None:
    said = lines(WELL)
    assert all(line.startswith("ok") for line in said.values())
    assert "the printed pack and each module's PDF can be made" in said["PDFs (WeasyPrint's libraries)"]


def test_without_the_subsetter_pdfs_are_still_made_and_it_says_why_to_install_it() -> None:
    found = {f.part: f for f in findings(replace(WELL, subsetting=False))}
    subsetting = found["HarfBuzz subsetting"]
    assert not subsetting.ok and not subsetting.needed
    assert subsetting.line().startswith("lacking ")
    assert "PDFs are made all the same" in subsetting.line() and "later versions" in subsetting.line()
    assert "libharfbuzz-subset0" in subsetting.line()
    assert found["PDFs (WeasyPrint's libraries)"].ok


def test_without_weasyprints_libraries_the_other_outputs_are_still_made() -> None:
    said = lines(replace(WELL, weasyprint=None, weasyprint_error="cannot load library 'libpango-1.0-0'",
                         subsetting=False))
    assert said["PDFs (WeasyPrint's libraries)"].startswith("MISSING ")
    assert "cannot load library 'libpango-1.0-0'" in said["PDFs (WeasyPrint's libraries)"]
    assert "--format site,docx,xlsx" in said["PDFs (WeasyPrint's libraries)"]
    assert said["HarfBuzz subsetting"].startswith("lacking")


def test_missing_font_files_and_no_chromium_are_named() -> None:
    said = lines(replace(WELL, font_files=6, fonts_missing=["noto-sans-400-normal.woff2", "noto-sans-700-normal.woff2"],
                         chromium=None))
    assert said["Shipped fonts"].startswith("MISSING") and "2 of 8 font files missing" in said["Shipped fonts"]
    assert "git checkout overrides/theme/assets/fonts" in said["Shipped fonts"]
    assert said["Chromium (test suite)"].startswith("lacking")
    assert "never the packs" in said["Chromium (test suite)"]


def test_the_fonts_are_read_from_fonts_css(tmp_path: Path) -> None:
    css = tmp_path / FONTS_CSS
    css.parent.mkdir(parents=True)
    css.write_text('@font-face { font-family: "Face One"; src: url("one.woff2") format("woff2"); }\n'
                   "@font-face { font-family: 'Face Two'; src: url(two.woff2); }\n", encoding="utf-8")
    (css.parent / "one.woff2").write_bytes(b"wOF2")
    machine = look(tmp_path)
    assert machine.fonts == ["Face One", "Face Two"]
    assert machine.font_files == 1 and machine.fonts_missing == ["two.woff2"]


# ------------------------------------------------- a machine without HarfBuzz's subsetter


def test_the_subsetters_warnings_become_one_note_and_the_others_stay() -> None:
    records = [LOG_WARNING.format("Atkinson Hyperlegible"), LOG_WARNING.format("Pack Noto Sans"),
               "Ignored `foo: bar` at 3:1, unknown property.", "Ignored `foo: bar` at 3:1, unknown property."]
    assert plain_warnings(records) == ["Ignored `foo: bar` at 3:1, unknown property. (2 times)"]
    assert machine_notes(records) == [SUBSETTER_NOTE]
    assert machine_notes(records[2:]) == []
    assert "the PDFs are made all the same" in SUBSETTER_NOTE


def test_a_build_says_the_note_once_and_points_to_doctor() -> None:
    said = after_build([SUBSETTER_NOTE, SUBSETTER_NOTE], [])  # two packs, each printed without it
    assert said == [f"note: {SUBSETTER_NOTE}", "tippack doctor says what this machine has and lacks for each output"]
    assert after_build([], ["weasyprint: Ignored `foo: bar` at 3:1"])[-1].startswith("tippack doctor")
    assert after_build([], ["mkdocs: a page is missing"]) == []


def test_only_the_subsetters_import_warning_is_let_through() -> None:
    """The test suite's own rule (pyproject: filterwarnings): every warning is an error, but for
    the one that says this machine lacks HarfBuzz's subsetter."""
    warnings.warn_explicit(IMPORT_WARNING, DeprecationWarning, "ffi.py", 527, module="weasyprint.text.ffi")
    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit("Something else will be required", DeprecationWarning, "ffi.py", 527,
                               module="weasyprint.text.ffi")
    with pytest.raises(UserWarning):
        warnings.warn_explicit(IMPORT_WARNING, UserWarning, "fonts.py", 1, module="weasyprint.pdf.fonts")

"""Layout rules that the example content may or may not happen to exercise, checked on a probe.

One small pack built in a scratch copy of the project, with every print option at once
(Letter, duplex, large print, fillable): a grid long enough to cross pages, with one tall
row, followed by a short module so that a blank left-hand page is needed.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from printed import PackPdf, squash
from pypdf import PdfReader
from support import build_all, copy_project

pytestmark = [pytest.mark.build]

ROWS = 30
TALL = "A row label long enough to wrap over several lines " * 4

PROBE_MODULE = f"""
title: Print probe grid
kind: log
summary: A long grid, to see tables cross pages.
audience: [manager]
time: 5 minutes
sources: ["Probe source"]
scales:
  often: [Never, Sometimes, Often, Always]
sections:
  - id: grid
    title: A long grid
    items:
      - id: rating
        type: rating
        prompt: How often does this happen?
        scale: often
        notes: true
      - id: long
        type: table
        prompt: Thirty rows
        help: Fill in one row for each week.
        columns: [Week, Count, Notes]
        row_labels: [{", ".join(f'"Week {n}"' if n != 12 else f'"{TALL.strip()}"' for n in range(1, ROWS + 1))}]
"""

PROBE_SHORT = """
title: Print probe note
kind: guide
summary: One short page.
audience: [manager]
time: 1 minute
sources: ["Probe source"]
sections:
  - id: note
    title: A short note
    items:
      - id: choose
        type: choice
        prompt: Pick one
        options: ["Yes", "No"]
"""

PROBE_PACK = """
home: {name: Probe House}
modules: [print-probe-note, print-probe-grid, print-probe-note-two]
print: {paper: Letter, duplex: true, large_print: true, fillable: true}
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory, _fixed_epoch) -> Path:
    root = tmp_path_factory.mktemp("probe") / "project"
    root.mkdir()
    project = copy_project(root)
    files = {
        "content/modules/print-probe-grid.yml": PROBE_MODULE,
        "content/modules/print-probe-note.yml": PROBE_SHORT,
        "content/modules/print-probe-note-two.yml": PROBE_SHORT.replace("Print probe note", "Print probe second note"),
        "packs/probe.yml": PROBE_PACK,
    }
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("probe-out")
    build_all(project, out, ("probe",), jobs=1, formats="pdf")
    return out / "probe"


def test_a_grid_crossing_pages_repeats_its_header_and_keeps_rows_whole(probe: Path):
    pdf = PackPdf(probe / "probe-tools.pdf")  # the probe's modules are tools
    header = "Week Count Notes"
    grid_pages = [p for p in pdf.pages if "Week 1" in p.body or "Week 2" in squash(p.body)
                  or any(f"Week {n} " in p.body + " " for n in range(1, ROWS + 1))]
    assert len(grid_pages) >= 2, "the probe grid should cross a page"
    for page in grid_pages:
        assert header in page.body, f"page {page.number} carries rows without the header row"
    # Every row once, and the tall row whole on one page.
    text = " ".join(p.body for p in grid_pages) + " "
    for n in range(1, ROWS + 1):
        if n != 12:
            assert text.count(f"Week {n} ") == 1, f"row {n}"
    assert sum(squash(TALL) in squash(p.body) for p in grid_pages) == 1
    # The question and its help stay with the grid.
    first = grid_pages[0]
    assert "Thirty rows" in first.body and "Fill in one row for each week." in first.body


def test_duplex_blank_page_says_so_and_modules_start_right_hand(probe: Path):
    pdf = PackPdf(probe / "probe-tools.pdf")  # the probe's modules are tools
    for title in ("Print probe note", "Print probe grid", "Print probe second note"):
        start = pdf.find_big(title, start=3)
        assert start and start % 2 == 1, (title, start)
    blanks = [p for p in pdf.pages[1:] if "This page is intentionally blank" in p.body]
    assert blanks, "a one-page module in a duplex pack leaves a blank left-hand page"
    for page in blanks:
        assert page.body == "This page is intentionally blank"
        assert page.number % 2 == 0
        assert f"Page {page.number} of {len(pdf.pages)}" in page.footer


def test_probe_is_letter_large_print_and_fillable(probe: Path, caplog: pytest.LogCaptureFixture):
    pdf = PackPdf(probe / "probe-tools.pdf")  # the probe's modules are tools
    reader = PdfReader(pdf.path)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(612, 792)}
    small = {s: n for page in pdf.pages[1:] for s, n in page.sizes.items() if s < 15.95}
    assert not small, small
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        fields = reader.get_fields()
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert "print-probe-grid:rating" in fields
    assert "print-probe-grid:long:r1c1" in fields

"""The spreadsheets of what a home keeps as a record, read back with openpyxl: a sheet for each
table, headers, the labels filled in, the header frozen, drop-down lists for set choices."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tippack.outputs.sheets.sheets import sheet_title
from tippack.planning.tailor import TailoredItem
from tippack.reading.project import Project

SLUG = "ash"


@pytest.mark.build
def test_a_log_has_a_sheet_for_each_table_with_its_labels(office: tuple[Project, Path]) -> None:
    _, out = office
    book = openpyxl.load_workbook(out / SLUG / "sheets" / "monitoring-log.xlsx")
    assert book.sheetnames == ["Measures for the month", "The main measures, month by mon"]
    month = book["Measures for the month"]
    assert [c.value for c in month[1]] == ["Measure", "This month", "Last month", "Notes"]
    assert month["A2"].value == "Handovers where TIP came up" and month.max_row == 14
    assert month.freeze_panes == "B2"
    assert month["A1"].font.b
    six = book["The main measures, month by mon"]
    assert [c.value for c in six[1]][1:] == [f"Month {n}" for n in range(1, 7)]
    assert six.freeze_panes == "B2"
    (chart,) = six._charts
    assert len(chart.series) == 5  # the rows the module's run chart plots
    assert month.print_title_rows == "$1:$1" and six.page_setup.orientation == "landscape"
    assert book.properties.title == "Monthly monitoring log: Ash House"


@pytest.mark.build
def test_the_training_needs_analysis_has_drop_down_levels(office: tuple[Project, Path]) -> None:
    _, out = office
    book = openpyxl.load_workbook(out / SLUG / "sheets" / "training-needs-analysis.xlsx")
    grid = book["Training needs by staff group"]
    assert [c.value for c in grid[1]] == ["Staff group", "Level", "Trained / staff", "What training"]
    assert [grid.cell(r, 1).value for r in range(2, 11)][-1] == "Other"
    (check,) = grid.data_validations.dataValidation
    assert check.type == "list" and check.formula1 == '"Informed,Skilled,Enhanced,Specialist"'
    assert str(check.sqref) == "B2:B10"
    sessions = book["Sessions planned"]
    assert sessions.freeze_panes == "A2" and not sessions.data_validations.dataValidation
    assert [c.value for c in sessions[1]] == ["Date", "Session or resource", "Who will attend", "Cover arranged by"]


@pytest.mark.build
def test_only_modules_that_keep_records_have_a_spreadsheet(office: tuple[Project, Path]) -> None:
    _, out = office
    assert sorted(p.name for p in (out / SLUG / "sheets").iterdir()) == ["monitoring-log.xlsx",
                                                                         "training-needs-analysis.xlsx"]


def test_sheet_names_are_ones_excel_takes() -> None:
    taken: set[str] = set()
    item = TailoredItem("t", "table", None, {"prompt": "**Who**: [staff](x) / agency? Names * here, and more words"})
    first, second = sheet_title(item, taken), sheet_title(item, taken)
    assert first == "Who staff agency Names here, an" and len(first) <= 31
    assert second.endswith(" (2)") and len(second) <= 31
    assert sheet_title(TailoredItem("plain-id", "table", None, {}), taken) == "plain-id"

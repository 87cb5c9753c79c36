"""Bad answers files are handled as ``tippack fill`` handles them: refused or warned, at the
file, line and column, and nothing written when one is refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from support import ROOT

from tippack.planning.plan import gather
from tippack.reading.project import Project
from tippack.reports.home import progress_home
from tippack.reports.rounds import read_home

pytestmark = pytest.mark.build  # reads the real packs and modules (no PDF unless it says so)
TODAY = dt.date(2026, 12, 6)
SLUG = "the-willows"


def saved(folder: Path, name: str, module: str, answers: dict[str, str], when: str, pack: str = SLUG) -> Path:
    path = folder / name
    path.write_text(json.dumps({"tippack": 1, "pack": pack, "module": module, "home": "Somewhere",
                                "saved": when, "answers": answers}, indent=2), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def willows() -> tuple[Project, object]:
    project = Project(ROOT)
    return project, gather(project, (SLUG,)).packs[0].tailored


def messages(project: Project, pack: object, folder: Path) -> list[str]:
    return [p.format() for p in read_home(project, pack, [folder], TODAY).problems]  # type: ignore[arg-type]


def test_answers_from_another_pack_are_refused_with_line_and_column(tmp_path: Path) -> None:
    saved(tmp_path, "a.json", "organisational-assessment", {}, "2026-03-01T10:00:00Z", pack="oakview")
    result, problems = progress_home(Project(ROOT), SLUG, [tmp_path], tmp_path / "build", TODAY)
    assert result is None and not (tmp_path / "build").exists()
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'a.json'}:3:3: error: these answers were saved from another pack, 'oakview' (Somewhere),"
        f" not from '{SLUG}' (The Willows Residential Care Home for Older People and People Living with"
        " Dementia); fill that pack with them, or choose this pack's answers file"]


def test_two_files_for_one_round_the_later_counts_with_a_warning(tmp_path: Path, willows) -> None:
    project, pack = willows
    first = {"organisational-assessment.assessment-round": "First assessment",
             "organisational-assessment.senior-commitment": "Planning"}
    saved(tmp_path, "early.json", "organisational-assessment", first, "2026-03-01T10:00:00Z")
    saved(tmp_path, "late.json", "organisational-assessment", first, "2026-03-02T10:00:00Z")
    assert messages(project, pack, tmp_path) == [
        f"{tmp_path / 'early.json'}:6:3: warning: left out: {tmp_path / 'late.json'} holds answers for the same"
        " part ('organisational-assessment') and round 1, saved later"]


def test_future_and_out_of_order_dates_warn(tmp_path: Path, willows) -> None:
    project, pack = willows
    saved(tmp_path, "one.json", "organisational-assessment", {
        "organisational-assessment.assessment-round": "First assessment",
        "organisational-assessment.completed-on": "2026-09-01"}, "2026-09-01T10:00:00Z")
    saved(tmp_path, "two.json", "organisational-assessment", {
        "organisational-assessment.assessment-round": "Six-month repeat",
        "organisational-assessment.completed-on": "2026-03-01"}, "2027-01-01T10:00:00Z")
    found = messages(project, pack, tmp_path)
    assert f"{tmp_path / 'two.json'}:6:3: warning: saved on 2027-01-01, which is after today: check the" \
           " computer's clock" in found
    assert any(m.startswith(f"{tmp_path / 'two.json'}:") and "round 2 is dated 2026-03-01, before round 1"
               " (2026-09-01)" in m for m in found), found


def test_answers_to_questions_the_module_no_longer_has_are_left_out_by_name(tmp_path: Path, willows) -> None:
    project, pack = willows
    saved(tmp_path, "old.json", "organisational-assessment", {
        "organisational-assessment.assessment-round": "First assessment",
        "organisational-assessment.old-question": "Embedded",
        "organisational-assessment.senior-commitment": "Fully done"}, "2026-03-01T10:00:00Z")
    found = messages(project, pack, tmp_path)
    assert any(":9:5: warning: answer 'organisational-assessment.old-question' left out: it no longer matches"
               in m for m in found), found
    assert any("'Fully done' is no longer one of the answers to choose from" in m for m in found), found


def test_broken_json_is_refused_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"tippack": 1,\n  "pack": ', encoding="utf-8")
    result, problems = progress_home(Project(ROOT), SLUG, [tmp_path], tmp_path / "build", TODAY)
    assert result is None
    assert problems[0].format().startswith(f"{tmp_path / 'broken.json'}:2:11: error: not an answers file: the JSON")

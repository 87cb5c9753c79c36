"""Answers files saved from the site, checked like any other input: a broken file is reported
at its line and column, a file from another pack or that is not an answers file is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tippack.reading.answers import SavedAnswers, as_date_text, newest_by_module, read_answers, ticked

GOOD = {"tippack": 1, "pack": "ash", "module": "monitoring-log", "home": "Ash House",
        "saved": "2026-11-30T14:05:00.000Z",
        "answers": {"monitoring-log.month": "November", "monitoring-log.x.1": True}}


def read(tmp_path: Path, content: str | bytes):  # noqa: ANN201
    path = tmp_path / "answers.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_answers(path, "answers.json", "ash", "Ash House")


def test_a_good_file_is_read(tmp_path: Path) -> None:
    answers, problems = read(tmp_path, json.dumps(GOOD, indent=2))
    assert problems == []
    assert (answers.pack, answers.module, answers.values["monitoring-log.month"]) == ("ash", "monitoring-log",
                                                                                      "November")
    assert answers.saved.year == 2026


def test_broken_json_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    text = json.dumps(GOOD, indent=2).replace('"November",', '"November"')
    answers, problems = read(tmp_path, text)
    assert answers is None
    (problem,) = problems
    assert problem.format() == ("answers.json:9:5: error: not an answers file: the JSON is broken here:"
                                " Expecting ',' delimiter")


@pytest.mark.parametrize(("content", "words"), [
    ('{"hello": "world"}', "1:1: error: not an answers file saved from a pack's website"),
    (b"\xff\xfe{}", "not UTF-8"),
    ('{"tippack": 2, "pack": "ash", "module": "m", "answers": {}}', "1:2: error: saved in answers format 2"),
    ('{"tippack": 1, "pack": "ash", "module": "m"}', "error: an answers file has its answers under 'answers'"),
    ('{"tippack": 1, "pack": "ash", "module": "m", "answers": {"m.a": {"x": 1}}}',
     "1:58: error: damaged: the answer 'm.a' is not text"),
])
def test_a_file_that_is_not_answers_is_refused(tmp_path: Path, content: str, words: str) -> None:
    answers, (problem,) = read(tmp_path, content)
    assert answers is None and words in problem.format(), problem.format()


def test_answers_from_another_pack_are_refused(tmp_path: Path) -> None:
    foreign = {**GOOD, "pack": "birch", "home": "Birch House"}
    answers, (problem,) = read(tmp_path, json.dumps(foreign, indent=2))
    assert answers is None
    assert problem.format() == ("answers.json:3:3: error: these answers were saved from another pack, 'birch'"
                                " (Birch House), not from 'ash' (Ash House); fill that pack with them, or choose"
                                " this pack's answers file")


def test_of_two_files_for_one_module_the_newer_is_used() -> None:
    older = SavedAnswers("a.json", "ash", "m", "", None, {})
    newer = SavedAnswers("b.json", "ash", "m", "", __import__("datetime").datetime(2026, 1, 1), {})
    chosen, (warning,) = newest_by_module([newer, older])
    assert chosen["m"] is newer
    assert warning.format() == "a.json:1:1: warning: left out: b.json holds answers for the same part ('m') saved later"


def test_ticks_and_dates_as_the_site_saves_them() -> None:
    assert ticked(True) and ticked("An option") and not ticked("false") and not ticked("") and not ticked(False)
    assert as_date_text("2026-11-30") == "30 November 2026" and as_date_text("next week") == "next week"

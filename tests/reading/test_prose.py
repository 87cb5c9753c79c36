"""The prose check: repeated paragraphs named at both places, reading ease from pyphen's
syllables, template tags read as an editor reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tippack.reading.library import load_library
from tippack.reading.project import Project
from tippack.reading.prose import (
    TARGET,
    Paragraph,
    blocks,
    ease_problem,
    module_paragraphs,
    prose_problems,
    reading_ease,
    repeat_problems,
    repeats,
    syllables,
    untemplate,
    words_of,
)
from tippack.reading.source import load_file

pytestmark = pytest.mark.unit

SHARED = (
    "When a resident tells you that someone has hurt them, stay calm, listen without asking "
    "questions that lead them, and write down what they said in their own words as soon as you can."
)
EASY = "We knock and wait. We say who we are. We ask how the person would like to be helped. We keep them warm."
HARD = (
    "Organisational implementation of trauma-informed methodologies necessitates comprehensive "
    "consideration of institutional characteristics, interdisciplinary communication infrastructure "
    "and individualised documentation, notwithstanding considerable operational variability. "
)


def module_text(intro: str, body: str, audience: str = "all-staff") -> str:
    """A small valid module whose intro and one Markdown body are given."""
    indented = "\n".join(f"          {line}" if line else "" for line in body.split("\n"))
    return (
        "title: A module\nkind: guide\nsummary: For the prose tests.\n"
        f"audience: [{audience}]\ntime: 5 minutes\nreviewed: 2026-11-01\nsources:\n  - A source\n"
        f"intro: |\n  {intro}\n"
        "sections:\n  - id: one\n    title: One\n    items:\n      - id: words\n        type: markdown\n"
        f"        body: |\n{indented}\n"
    )


def paragraphs_of(root: Path, name: str, text: str) -> list[Paragraph]:
    path = root / "content" / "modules" / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    doc, problems = load_file(path, root)
    assert doc is not None, problems
    return list(module_paragraphs(doc, {"other": "The Other Module"}))


def line_of(path: Path, start: str) -> int:
    """The 1-based line of a file that starts (after indentation) with ``start``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))


def test_a_planted_duplicate_is_named_at_both_places(tmp_path: Path) -> None:
    first = paragraphs_of(tmp_path, "first", module_text("A short opening.", f"Opening line.\n\n{SHARED}"))
    second = paragraphs_of(tmp_path, "second", module_text(SHARED, "Something else entirely."))
    at_first = line_of(tmp_path / "content/modules/first.yml", "When a resident")
    at_second = line_of(tmp_path / "content/modules/second.yml", "When a resident")
    assert (at_first, at_second) == (20, 10)
    problems = [p.format() for p in sorted(repeat_problems(first + second))]
    assert problems == [
        f"content/modules/first.yml:{at_first}:1: warning: paragraph written twice, also at "
        f"content/modules/second.yml:{at_second}: 'When a resident tells you that someone has...'; "
        "write it once and refer to it",
        f"content/modules/second.yml:{at_second}:1: warning: paragraph written twice, also at "
        f"content/modules/first.yml:{at_first}: 'When a resident tells you that someone has...'; "
        "write it once and refer to it",
    ]


def test_a_nearly_repeated_paragraph_is_found_and_a_different_one_is_not() -> None:
    words = words_of(SHARED)
    near = words_of(SHARED.replace("stay calm", "keep calm"))
    other = words_of(SHARED.replace("stay calm, listen without asking questions that lead them",
                                    "thank them for telling you, then tell the manager on shift at once"))
    made = [Paragraph("a.yml", 1, SHARED, words), Paragraph("b.yml", 5, SHARED, near), Paragraph("c.yml", 9, "", other)]
    found = repeats(made)
    assert [(a.path, b.path) for a, b, _ in found] == [("a.yml", "b.yml")]
    assert 0.9 <= found[0][2] < 1


def test_short_repeats_are_phrases_not_paragraphs() -> None:
    short = words_of("Tell your manager or adult protection lead the same shift.")
    assert repeats([Paragraph("a.yml", 1, "", short), Paragraph("b.yml", 1, "", short)]) == []


def test_template_tags_are_read_as_an_editor_reads_them() -> None:
    text = "{% if 'other' in modules %}See *{{ modules['other'].title }}*.{% else %}Ask {{ home.name }}.{% endif %}"
    assert untemplate(text, {"other": "The Other Module"}) == "See *The Other Module*.Ask Name."


def test_list_entries_and_paragraphs_are_separate_blocks_and_tables_are_not_prose() -> None:
    text = "First paragraph\ngoes on.\n\n- one entry\n- two entry\n\n| a | b |\n| - | - |\n\nLast."
    assert list(blocks(text)) == [(0, "First paragraph goes on."), (3, "- one entry"), (4, "- two entry"), (9, "Last.")]


@pytest.mark.parametrize(("word", "count"), [
    ("care", 1), ("every", 3), ("trauma", 2), ("residents", 3), ("collaboration", 5),
    ("safeguarding", 4), ("asked", 1), ("wishes", 2), ("people", 2), ("2026", 2),
])
def test_syllables_come_from_pyphen_and_vowel_runs(word: str, count: int) -> None:
    assert syllables(word) == count


def test_a_hard_paragraph_is_flagged_and_plain_words_are_not() -> None:
    hard = reading_ease([HARD * 6])
    easy = reading_ease([EASY * 8])
    assert hard.score < 0 < TARGET < easy.score
    warning = ease_problem("content/modules/hard.yml", hard)
    assert warning is not None and warning.severity == "warning"
    assert warning.format().startswith("content/modules/hard.yml:1:1: warning: reading ease ")
    assert "below 60, the target for staff-facing text" in warning.message
    assert ease_problem("content/modules/easy.yml", easy) is None


def test_a_module_too_short_to_score_draws_no_warning() -> None:
    assert ease_problem("content/modules/short.yml", reading_ease([HARD])) is None


def test_the_library_passes_the_prose_check() -> None:
    root = Path(__file__).resolve().parents[2]
    project = Project(root)
    assert [p.format() for p in prose_problems(project, load_library(project))] == []


def test_check_reading_ease_prints_every_modules_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from tippack.cli import main

    golden = Path(__file__).resolve().parents[1] / "golden"
    root = tmp_path / "project"
    shutil.copytree(golden / "mini", root)
    shutil.copytree(golden / "cases" / "prose-repeats" / "content", root / "content", dirs_exist_ok=True)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "--reading-ease"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    figures = [line for line in lines if ": reading ease " in line and ": warning: " not in line]
    named = [line.split(":")[0] for line in figures]
    assert named == ["barriers-enablers", "bedtime", "data-law", "guide", "night-checks"]
    assert any(line.startswith("data-law: reading ease -") and line.endswith("target 60: missed") for line in figures)
    assert any(line.startswith("guide: ") and line.endswith("not scored (too short)") for line in figures)
    assert lines[-1] == "ok: 5 modules, 0 packs"

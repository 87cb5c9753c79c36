"""The cohort report of the six example homes: its figures match their answers, a home with one
round is "not yet reviewed", anonymised it names no home, and no report carries a planted name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from generate import PLANTED
from progress_support import ONE_ROUND, TAG, Cohort, pdf_text

from tippack.reports.cohort import cohort_folder
from tippack.reports.records import read_record

pytestmark = pytest.mark.build


def html_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def report_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".html", ".json"))


def test_each_home_has_its_report_and_a_record_of_figures_only(cohort: Cohort) -> None:
    for slug in cohort.homes:
        folder = cohort.out / slug / "progress"
        assert {p.name for p in folder.iterdir()} == {"index.html", f"{slug}-progress.pdf", "record.json", "assets"}
        record = read_record(folder)
        assert record is not None and len(record.rounds) == (1 if slug == ONE_ROUND else 2)
        data = json.loads((folder / "record.json").read_text(encoding="utf-8"))
        strings = [s for s in _strings(data) if not s[:4].isdigit()]
        assert not [s for s in strings if any(name in s for name in PLANTED)], slug
        assert "Priority" not in " ".join(strings)  # no priority titles kept between runs


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_the_figures_match_the_answers(cohort: Cohort) -> None:
    slug = "birchwood-house"
    assessment = sorted(p for p in cohort.answers[slug] if "organisational-assessment" in p.name)
    record = read_record(cohort.out / slug / "progress")
    assert record is not None
    for saved, rnd in zip(assessment, record.rounds, strict=True):
        values = json.loads(saved.read_text(encoding="utf-8"))["answers"]
        leadership = rnd.domain("leadership")
        assert leadership is not None
        typed = [values[f"organisational-assessment.{item}"] for item in leadership.levels]
        expected = round(sum(leadership.scale.index(v) for v in typed) / len(typed), 1)
        assert leadership.score == expected
        progress = [v for k, v in values.items() if k.startswith("organisational-assessment.action-plan.")
                    and k.endswith("c6")]
        assert rnd.actions["done"] == progress.count("Done")
        assert rnd.actions["in progress"] == progress.count("In progress")
    text = pdf_text(cohort.out / slug / "progress" / f"{slug}-progress.pdf")
    assert f"Leadership and governance 5 of 5 0 to 3 {record.rounds[0].domain('leadership').score:.1f}" in text


def test_the_cohort_counts_rounds_and_names_the_home_not_yet_reviewed(cohort: Cohort) -> None:
    folder = cohort_folder(cohort.out, TAG, False)
    text = pdf_text(folder / f"{TAG}-progress.pdf")
    assert "Round 1 (baseline) 6 of 6" in text and "Round 2 5 of 6" in text
    assert f"{cohort.homes[ONE_ROUND]} Not yet reviewed" in text
    assert all(name in text for name in cohort.homes.values())
    records = [read_record(cohort.out / slug / "progress") for slug in cohort.homes]
    signed = sum(1 for r in records if r and r.pilot.get("statement_signed"))
    assert f"Statement of intent signed {signed} of 6" in text
    page = html_text(folder / "index.html")
    assert page.count('class="chart__svg"') == 7  # the group's chart and one a home
    assert "Not yet reviewed" in page


def test_anonymised_names_no_home_and_says_what_it_held_back(cohort: Cohort) -> None:
    folder = cohort_folder(cohort.out, TAG, True)
    for path in report_files(folder):
        text = pdf_text(path) if path.suffix == ".pdf" else html_text(path)
        for name in cohort.homes.values():
            word = next(w for w in name.split() if w != "The")  # "Birchwood", "Willows"
            assert name not in text and word not in text, (path.name, name)
        assert "Round 2 held back" in " ".join(text.split()) or "held back" in text
    text = pdf_text(folder / f"{TAG}-anonymised-progress.pdf")
    assert "What this report holds back, and why" in text
    assert "Each home's row and small chart: the group has fewer than 10 homes" in text
    assert "Monthly figures: they are small counts about residents" in text
    page = html_text(folder / "index.html")
    assert "Home 1" not in page and all(r.colour not in page for r in _records(cohort))


def _records(cohort: Cohort) -> list:
    return [r for r in (read_record(cohort.out / s / "progress") for s in cohort.homes) if r]


def test_no_report_carries_a_planted_name_and_titles_stay_home(cohort: Cohort) -> None:
    for folder in (cohort_folder(cohort.out, TAG, False), cohort_folder(cohort.out, TAG, True)):
        for path in report_files(folder):
            text = pdf_text(path) if path.suffix == ".pdf" else html_text(path)
            assert not [n for n in PLANTED if n in text], path
            assert "Priority 1 with" not in text
    for slug in cohort.homes:
        folder = cohort.out / slug / "progress"
        text = pdf_text(folder / f"{slug}-progress.pdf")
        page = html_text(folder / "index.html")
        titles = [line for line in page.splitlines() if "Priority" in line and " with " in line]
        assert titles, slug  # the home's own priority titles are in its own report
        for name in PLANTED:
            # only inside a priority title: every other planted answer stays out
            assert page.count(name) == sum(t.count(name) for t in titles), (slug, name)
        assert "Evidence:" not in text and "Answer:" not in text


def test_a_home_without_a_record_is_shown_as_no_answers_yet(cohort: Cohort) -> None:
    from tippack.reports.cohortview import cohort_view
    from tippack.reports.disclosure import Rules
    from tippack.reports.writing import fonts_folder, page

    records = [(name, read_record(cohort.out / slug / "progress")) for slug, name in cohort.homes.items()]
    view = cohort_view(fonts_folder(cohort.project), TAG, [*records, ("Ash & Rowan House", None)], Rules(False))
    html = page(cohort.project, "cohort.html", {**view, "made": "6 December 2026", "made_iso": "2026-12-06",
                                                "running": "x", "anonymised": False, "tag": TAG})
    assert "Ash &amp; Rowan House</th><td>No answers yet</td>" in html
    assert "7 homes" in html


def test_anonymised_rows_from_ten_homes_are_numbered_in_the_order_of_their_figures(cohort: Cohort) -> None:
    import dataclasses

    from tippack.reports.cohort import _order
    from tippack.reports.cohortview import NEUTRAL, cohort_view
    from tippack.reports.disclosure import Rules
    from tippack.reports.writing import fonts_folder

    records = [r for r in _records(cohort)]
    twelve = [(f"Copy {n} of {r.home}", dataclasses.replace(r, home=f"Copy {n} of {r.home}"))
              for n in (1, 2) for r in records]
    twelve.sort(key=lambda pair: _order(pair[1]))
    rules = Rules(True)
    view = cohort_view(fonts_folder(cohort.project), TAG, twelve, rules)
    assert [row["label"] for row in view["rows"]] == [f"Home {n}" for n in range(1, 13)]
    assert [row["status"] for row in view["rows"]][-2:] == ["Not yet reviewed", "Not yet reviewed"]
    shown = json.dumps(view["rows"], ensure_ascii=False)
    assert not any(r.home in shown or r.colour in shown for _, r in twelve)
    assert NEUTRAL in shown and "2025" not in shown  # one colour for all, no dates
    assert "Each home's row and small chart" not in dict(rules.listed())

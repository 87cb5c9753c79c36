"""Answers typed into the real site in Chromium for two rounds, saved with the site's own
button, come back in the home's progress report: the typed ratings and counts, read from the
PDF with pypdf and from the HTML page in Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from progress_support import pdf_text
from support import build_all, small_project

from tippack.reading.project import Project
from tippack.reports.home import progress_home

CHROMIUM = Path("/usr/bin/chromium")
SLUG = "dun"
PACK = """home: {name: "Dùn Èideann & <Co> House", ownership: private, services: [older-people]}
modules: [organisational-assessment, training-needs-analysis, statement-of-intent]
signatories: [{role: Manager}]
theme: {primary: "#7a1f5c"}
"""
LEADERSHIP = ("senior-commitment", "manager-involved", "named-lead", "stakeholder-group", "owner-board")
ROUNDS = {
    1: {"when": "2026-03-02T10:00:00Z", "round": "First assessment", "day": "2026-03-02", "rating": "Planning",
        "actions": [("Fit low night lights", "Not started"), ("Two staff a week do the e-module", "Not started"),
                    ("A what-helps page in care plans", "")]},
    2: {"when": "2026-09-07T10:00:00Z", "round": "Six-month repeat", "day": "2026-09-07", "rating": "Embedded",
        "actions": [("Fit low night lights", "Done"), ("Two staff a week do the e-module", "In progress"),
                    ("A what-helps page in care plans", "done")]},
}

pytestmark = [pytest.mark.build, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    root = tmp_path_factory.mktemp("typed")
    project = small_project(root, ())
    (project.packs_dir / f"{SLUG}.yml").write_text(PACK, encoding="utf-8")
    out = root / "build"
    build_all(project, out, formats="site")
    return project, out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield chromium
        chromium.close()


def type_round(browser, site: Path, number: int, folder: Path) -> list[Path]:  # noqa: ANN001
    """One round typed into the assessment and the training needs analysis, each saved with the site's button."""
    plan = ROUNDS[number]
    context = browser.new_context(accept_downloads=True)
    saved = []
    try:
        page = context.new_page()
        page.clock.set_fixed_time(plan["when"])
        page.set_default_timeout(15_000)
        page.goto((site / "modules" / "organisational-assessment.html").as_uri())
        page.wait_for_selector(".tp-answers__tools:not([hidden])")
        oa = "organisational-assessment"
        page.check(f"input[name='{oa}.assessment-round'][value='{plan['round']}']")
        page.fill(f"[name='{oa}.completed-on']", plan["day"])
        for item in LEADERSHIP:
            page.check(f"input[name='{oa}.{item}'][value='{plan['rating']}']")
        page.fill(f"[name='{oa}.top-three-priorities.r1c1']", "Calmer nights for residents")
        for r, (action, state) in enumerate(plan["actions"], start=1):
            page.fill(f"[name='{oa}.action-plan.r{r}c1']", action)
            page.fill(f"[name='{oa}.action-plan.r{r}c6']", state)
        saved.append(_save(page, folder))
        if number == 2:
            page.goto((site / "modules" / "training-needs-analysis.html").as_uri())
            page.wait_for_selector(".tp-answers__tools:not([hidden])")
            page.fill("[name='training-needs-analysis.tna-grid.r3c1']", "Skilled")
            page.fill("[name='training-needs-analysis.tna-grid.r3c2']", "6 / 24")
            saved.append(_save(page, folder))
    finally:
        context.close()
    return saved


def _save(page, folder: Path) -> Path:  # noqa: ANN001
    with page.expect_download() as download:
        page.click("[data-tp-action=save]")
    path = folder / f"{len(list(folder.iterdir()))}-{download.value.suggested_filename}"
    download.value.save_as(path)
    return path


@pytest.fixture(scope="module")
def typed(site, browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rounds typed and saved on the site, and the home's progress report made from the files."""
    project, out = site
    folder = tmp_path_factory.mktemp("downloads")
    for number in (1, 2):
        type_round(browser, out / SLUG / "site", number, folder)
    assert len(list(folder.iterdir())) == 3
    result, problems = progress_home(project, SLUG, [folder], out, dt.date(2026, 12, 6))
    assert result is not None and not problems, [p.format() for p in problems]
    return out / SLUG / "progress"


def test_two_rounds_typed_on_the_site_show_in_the_report(typed: Path, browser) -> None:
    report = typed

    text = pdf_text(report / f"{SLUG}-progress.pdf")
    assert "Dùn Èideann & <Co> House" in text
    assert "Round 1: 2 March 2026 (baseline)" in text and "Round 2: 7 September 2026" in text
    assert "Leadership and governance 5 of 5 0 to 3 1.0 3.0 +2.0" in text
    assert "Done In progress Not started 2 1 0" in text  # round 2's actions
    assert "Not started Progress not written 0 2 1" not in text
    assert "Done In progress Not started Progress not written 0 0 2 1" in text  # round 1's
    assert "Calmer nights for residents" in text
    assert "Care workers Skilled 6 of 24" in text
    from pypdf import PdfReader

    outline = PdfReader(report / f"{SLUG}-progress.pdf").outline
    marks = [m.title for m in outline if not isinstance(m, list)]
    marks += [m.title for part in outline if isinstance(part, list) for m in part if not isinstance(m, list)]
    assert marks == ["Dùn Èideann & <Co> House", "At a glance", "Round 1: 2 March 2026 (baseline)",
                     "Round 2: 7 September 2026", "Training needs analysis"], marks

    page = browser.new_page()
    try:
        page.goto((report / "index.html").as_uri())
        row = page.locator("#round-2 ~ table tbody tr", has_text="Leadership and governance").first
        assert row.inner_text().split("\t") == ["Leadership and governance", "5 of 5", "0 to 3", "1.0", "3.0", "+2.0"]
        assert page.get_by_role("img", name="Dot chart of each area's rating").count() == 2
        title = page.locator("#round-2 ~ figure svg title").text_content() or ""
        assert "Leadership and governance 1.0 to 3.0" in title
        from axe_playwright_python.sync_playwright import Axe

        violations = Axe().run(page).response["violations"]
        assert violations == [], [(v["id"], len(v["nodes"])) for v in violations]
    finally:
        page.close()


def test_the_report_is_kept_by_a_build_linked_locally_and_published_only_when_asked(site, typed: Path,
                                                                                    tmp_path: Path) -> None:
    from tippack.building.overview import overview_html, write_overview
    from tippack.building.publish import publish_to

    project, out = site
    before = (typed / "record.json").read_bytes()
    build_all(project, out, formats="site", force=True)
    assert (typed / "record.json").read_bytes() == before  # a rebuild carries the folder over
    write_overview(project, out)
    assert f'href="{SLUG}/progress/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert "progress/index.html" not in overview_html(project, out, progress=False)
    plain, asked = tmp_path / "plain", tmp_path / "asked"
    publish_to(project, out, plain, False, lambda message: None)
    assert not (plain / SLUG / "progress").exists() and "progress" not in (plain / "index.html").read_text()
    publish_to(project, out, asked, False, lambda message: None, progress=True)
    assert (asked / SLUG / "progress" / f"{SLUG}-progress.pdf").is_file()
    assert f'href="{SLUG}/progress/index.html"' in (asked / "index.html").read_text(encoding="utf-8")

"""tippack fill: the home's completed copy from answers saved by the real site.

Answers are typed into the site in Chromium and saved to files as a member of staff would;
``fill`` makes the completed PDF, Word copy and filled-in form; each typed answer is found in
the completed PDF's text on the page of its question. Bad answers files are refused with a
located message; answers that no longer match the pack are named in warnings. Nothing of
the answers is written outside build/SLUG/completed/, and a rebuild keeps that folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from support import ROOT, build_all

from tippack.cli import main
from tippack.outputs.fill.fill import fill_html
from tippack.reading.project import Project

SLUG = "ash"
CHROMIUM = Path("/usr/bin/chromium")
LONG = " ".join(f"Moment {n}: a resident who had been frightened at night settled after staff changed the"
                f" way they knocked." for n in range(1, 61))
TYPED = {  # name -> (what is typed, the question it answers)
    "monitoring-log.month": ("November 2026, Pat Example (manager)",
                             "Month and year, and who filled this in (name or role)"),
    "monitoring-log.monthly-table.r1c1": ("Twelve handovers noted", "Measures for the month"),
    "monitoring-log.team-wellbeing.notes": ("Two people off sick; supervision kept going",
                                            "Overall, how is the staff team doing this month?"),
    "monitoring-log.story": (LONG, "One moment this month when trauma-informed practice made a difference"),
    "statement-of-intent.why-own-words": ("Because everyone here deserves to feel safe & heard",
                                          "In our own words, why this matters to us"),
    "statement-of-intent.priority-table.r1c1": ("Calmer nights for everyone", "Our priority actions"),
    "statement-of-intent.signed-by.s1.signature": ("P. Example", "Signed on behalf of Ash House"),
}
DATES = {"monitoring-log.completed-on": ("2026-11-30", "30 November 2026", "Date completed")}

logging.getLogger("pypdf").setLevel(logging.ERROR)


def squash(text: str) -> str:
    return " ".join(text.replace("\x02", "-").replace("\ufffe", "-").split())


def page_texts(path: Path) -> list[str]:
    """Each page's text between the running header and footer, white space as single spaces."""
    band = 20 * 72 / 25.4  # pack.css: the page margins that hold the header and footer
    document = pdfium.PdfDocument(path)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            texts.append(squash(page.get_textpage().get_text_bounded(0, band, width, height - band)))
        return texts
    finally:
        document.close()


def label_heights(path: Path, anchor: str, labels: tuple[str, ...]) -> list[float]:
    """The heights (points from the page's foot) of each of ``labels`` as whole words in the
    blocks' column, top to bottom, on the first page that holds ``anchor``: where each line of
    a block is printed."""
    document = pdfium.PdfDocument(path)
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            if anchor not in text.get_text_range():
                continue
            found = []
            for label in labels:
                search = text.search(label, match_case=True, match_whole_word=True)
                while (hit := search.get_next()) is not None:
                    left, bottom, *_ = text.get_charbox(hit[0])
                    found.append((round(left), round(bottom, 1)))
            # Only the labels in the blocks' own column, not a heading that starts with one.
            column = min(left for left, _ in found if left > min(x for x, _ in found))
            return sorted((bottom for left, bottom in found if left == column), reverse=True)
        raise AssertionError(f"no page holds {anchor!r}")
    finally:
        document.close()


def tree_digest(folder: Path, leave_out: str) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and leave_out not in p.parts}


def fill(project: Project, monkeypatch: pytest.MonkeyPatch, *args: str):  # noqa: ANN201
    monkeypatch.chdir(project.root)
    return CliRunner().invoke(main, ["fill", *args])


# ------------------------------------------------------------------ filling HTML (unit)


CONTROLS = """<p><textarea class="tp-lines" name="m.text" rows="3" data-tp-field></textarea></p>
<input type="radio" name="m.rate" value="Low" data-tp-field>
<input type="radio" name="m.rate" value="High" data-tp-field>
<input type="checkbox" name="m.list.1" value="Tea" data-tp-field>
<input type="checkbox" name="m.list.2" value="Cake" data-tp-field>
<input type="text" name="m.sign.s1.name" value="Pat" data-tp-field><input type="date" name="m.when" data-tp-field>
<textarea name="other.text" data-tp-field></textarea>"""


def test_answers_go_into_the_controls_they_name() -> None:
    answers = {"m.text": "Safe & <heard>\nevery day", "m.rate": "High", "m.list.2": "Cake", "m.list.1": "",
               "m.sign.s1.name": "Pat O'Neill", "m.when": "2026-11-30", "m.gone": "old", "other.text": "not mine"}
    filled = fill_html(CONTROLS, "m", answers)
    assert 'rows="3" data-tp-field style="--tp-lines: 3">Safe &amp; &lt;heard&gt;\nevery day</textarea>' in filled.html
    assert '<input type="radio" name="m.rate" value="High" data-tp-field checked>' in filled.html
    assert '<input type="radio" name="m.rate" value="Low" data-tp-field>' in filled.html
    assert 'value="Cake" data-tp-field checked>' in filled.html and 'value="Tea" data-tp-field>' in filled.html
    assert 'value="Pat O&#x27;Neill"' in filled.html and 'value="Pat"' not in filled.html
    assert 'name="m.when" data-tp-field value="30 November 2026">' in filled.html
    assert '<textarea name="other.text" data-tp-field></textarea>' in filled.html
    assert filled.unplaced == [("m.gone", "it no longer matches a question in this part of the pack"),
                               ("other.text", "it no longer matches a question in this part of the pack")]
    assert fill_html(CONTROLS, "m", {"m.rate": "Medium"}).unplaced == [
        ("m.rate", "'Medium' is no longer one of the answers to choose from")]


# -------------------------------------------------------- refusing bad answers (CLI)


def test_a_broken_answers_file_is_refused_with_its_line_and_column(tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "answers.json"
    bad.write_text('{\n  "tippack": 1,\n  "pack": "oakview"\n  "module": "welcome"\n}\n', encoding="utf-8")
    result = fill(Project(ROOT), monkeypatch, "oakview", str(bad), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"{bad}:4:3: error: not an answers file: the JSON is broken here:"
                                     " Expecting ',' delimiter")
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_answers_saved_from_another_pack_are_refused(tmp_path: Path, monkeypatch) -> None:
    foreign = tmp_path / "answers.json"
    foreign.write_text(json.dumps({"tippack": 1, "pack": "heatherbank", "module": "welcome", "home": "Heatherbank",
                                   "answers": {"welcome.x": "y"}}), encoding="utf-8")
    result = fill(Project(ROOT), monkeypatch, "oakview", str(foreign), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "error: these answers were saved from another pack, 'heatherbank'" in result.stderr
    assert "not from 'oakview' (Oakview Care Home)" in result.stderr
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------- the real site, then fill


@pytest.fixture()
def out(office: tuple[Project, Path], tmp_path: Path) -> Path:
    """A copy of the built office pack to fill (the shared build stays as it was)."""
    _, built = office
    copy = tmp_path / "build"
    shutil.copytree(built, copy)
    return copy


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield chromium
        chromium.close()


def save_answers(browser, site: Path, module: str, folder: Path) -> Path:  # noqa: ANN001
    """Type this module's answers into its page in Chromium and save them to a file, as staff would."""
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto((site / "modules" / f"{module}.html").as_uri())
        page.wait_for_selector(".tp-answers__tools:not([hidden])")
        for name, (text, _) in TYPED.items():
            if name.startswith(module + "."):
                page.fill(f"[name='{name}']", text)
        for name, (typed, _, _) in DATES.items():
            if name.startswith(module + "."):
                page.fill(f"[name='{name}']", typed)
        if module == "monitoring-log":
            page.check("input[name='monitoring-log.team-wellbeing'][value='Getting by']")
            page.check("input[name='monitoring-log.enquiry-conditions.3']")
        else:
            page.check("input[name='statement-of-intent.extra-commitments.2']")
        with page.expect_download() as download:
            page.click("[data-tp-action=save]")
        saved = folder / download.value.suggested_filename
        download.value.save_as(saved)
        return saved
    finally:
        context.close()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_answers_typed_on_the_site_come_back_on_paper_and_in_word(office, out, browser, tmp_path, monkeypatch) -> None:
    project, _ = office
    folder = tmp_path / "downloads"
    folder.mkdir()
    for module in ("monitoring-log", "statement-of-intent"):
        save_answers(browser, out / SLUG / "site", module, folder)
    before = tree_digest(out, "completed")
    result = fill(project, monkeypatch, SLUG, str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    completed = out / SLUG / "completed"
    assert sorted(p.name for p in completed.iterdir()) == [
        "monitoring-log-fillable.pdf", "monitoring-log.docx", "monitoring-log.pdf",
        "statement-of-intent-fillable.pdf", "statement-of-intent.docx", "statement-of-intent.pdf"]
    assert f"wrote {out / SLUG / 'completed' / 'monitoring-log.pdf'}" in result.stderr

    # Each answer on the page of its question; the long one carries on over the next pages.
    pages = {m: page_texts(completed / f"{m}.pdf") for m in ("monitoring-log", "statement-of-intent")}
    expected = {**TYPED, **{n: (shown, question) for n, (_, shown, question) in DATES.items()}}
    for name, (text, question) in expected.items():
        texts = pages[name.split(".")[0]]
        asked = [i for i, t in enumerate(texts) if squash(question) in t]
        answered = [i for i, t in enumerate(texts) if squash(text)[:60] in t]
        assert asked and answered and answered[0] == asked[0], (name, asked, answered)
    whole = " ".join(pages["monitoring-log"])
    assert all(f"Moment {n}: a resident" in whole for n in range(1, 61)) and whole.count("knocked.") == 60
    start = next(i for i, t in enumerate(pages["monitoring-log"]) if "Moment 1:" in t)
    end = next(i for i, t in enumerate(pages["monitoring-log"]) if "Moment 60:" in t)
    assert end >= start + 2  # not cut to its space: it carries on over the next pages
    assert "completed copy" in pages["statement-of-intent"][0].lower()
    # Signature boxes keep the blank pack's shape: a line left empty keeps its height, so
    # the gaps between the labels are the same, answered or not.
    labels = ("Name", "Role", "Signature", "Date")
    blank = label_heights(out / SLUG / "modules" / "statement-of-intent.pdf", "Signed on behalf", labels)
    filled = label_heights(completed / "statement-of-intent.pdf", "Signed on behalf", labels)
    assert len(blank) == len(filled) == 8
    gaps = [[round(a - b, 1) for a, b in zip(heights, heights[1:], strict=False)] for heights in (blank, filled)]
    assert gaps[0] == pytest.approx(gaps[1], abs=1.0), gaps

    # The Word copy holds the same answers, its boxes ticked.
    document = docx.Document(completed / "monitoring-log.docx")
    text = " ".join(p.text for p in document.paragraphs) + " ".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert all(squash(TYPED[n][0])[:60] in squash(text) for n in TYPED if n.startswith("monitoring-log"))
    assert "30 November 2026" in text
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    ticked = sorted(box.getparent().find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}alias")
                    .get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
                    for box in document.element.body.iter(f"{w14}checkbox")
                    if box.find(f"{w14}checked").get(f"{w14}val") == "1")
    assert ticked == ["A private place where nobody can overhear", "Getting by"]

    # The form, its fields filled in.
    from pypdf import PdfReader

    fields = PdfReader(completed / "statement-of-intent-fillable.pdf").get_fields()
    assert fields["statement-of-intent:signed-by:s1:signature"]["/V"] == "P. Example"
    assert fields["statement-of-intent:extra-commitments:2"]["/V"] == "/on"

    # Nothing of the answers anywhere else.
    assert tree_digest(out, "completed") == before
    assert not list(completed.glob(".filling-*")) and not (out / ".staging").exists()


@pytest.mark.build
def test_answers_the_pack_no_longer_has_are_named_and_the_rest_filled(office, out, tmp_path, monkeypatch) -> None:
    project, _ = office
    changed = tmp_path / "ash-monitoring-log-answers.json"
    changed.write_text(json.dumps({
        "tippack": 1, "pack": SLUG, "module": "monitoring-log", "home": "Ash House", "saved": "2026-11-30T10:00:00Z",
        "answers": {"monitoring-log.month": "December 2026", "monitoring-log.asked-residents": "3",
                    "monitoring-log.team-wellbeing": "Thriving"}}, indent=2), encoding="utf-8")
    gone = tmp_path / "ash-welcome-answers.json"
    gone.write_text(json.dumps({"tippack": 1, "pack": SLUG, "module": "welcome", "answers": {"welcome.a": "b"}}),
                    encoding="utf-8")
    result = fill(project, monkeypatch, SLUG, str(changed), str(gone), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"{changed}:9:5: warning: answer 'monitoring-log.asked-residents' left out: it no longer matches a" \
           " question in this part of the pack" in result.stderr
    assert "answer 'monitoring-log.team-wellbeing' left out: 'Thriving' is no longer one of the answers to choose" \
        " from" in result.stderr
    assert f"{gone}:1:1: warning: left out: these answers are for 'welcome', which is not in this pack" \
        in result.stderr
    completed = out / SLUG / "completed"
    assert "December 2026" in " ".join(page_texts(completed / "monitoring-log.pdf"))
    assert not (completed / "welcome.pdf").exists()

    # A rebuild keeps the completed copy; the site, the bundle and the overview never show it.
    before = tree_digest(completed, "")
    build_all(project, out, (SLUG,), jobs=1, formats="site", force=True)
    assert tree_digest(out / SLUG / "completed", "") == before
    with zipfile.ZipFile(out / SLUG / f"{SLUG}-pack.zip") as bundle:
        assert not [n for n in bundle.namelist() if "completed" in n]
    assert "completed" not in (out / "index.html").read_text(encoding="utf-8")
    assert not (out / SLUG / "site" / "completed").exists()

"""The website a home's staff use, in a real browser: Debian's Chromium driven by Playwright.

Pages are opened straight from disk (file://), as from a USB stick or a shared
drive; one test serves the same site over HTTP. The example packs are built once
per session by the ``built`` fixture in tests/conftest.py.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socket
import subprocess
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from support import ROOT, build_all

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SLUG = "oakview"
WORKSHEET = "modules/organisational-assessment.html"
LOCAL_SCHEMES = {"file", "data", "blob"}

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="the browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
)]


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(built: Path) -> Path:
    return built / SLUG / "site"


@dataclass
class Tab:
    """A page in its own browser context, with every request and script error it saw."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests that left the device (anything but file:, data: and blob:)."""
        return [url for url in self.requests if urlparse(url).scheme not in LOCAL_SCHEMES]


@pytest.fixture()
def open_tab(browser) -> Iterator[Callable[..., Tab]]:
    contexts = []
    tabs: list[Tab] = []

    def open_tab(width: int = 1280, scheme: str = "light") -> Tab:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        tab = Tab(page)
        page.on("request", lambda request: tab.requests.append(request.url))
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        tabs.append(tab)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    for tab in tabs:
        assert not tab.errors, f"script errors: {tab.errors}"


def url(site: Path, page: str) -> str:
    return (site / page).as_uri()


def modules_of(built: Path, slug: str = SLUG) -> list[dict]:
    return json.loads((built / slug / ".tippack.json").read_text(encoding="utf-8"))["modules"]


def search(page, word: str) -> list[str]:
    """Type into Material's search box like a person; return the result links."""
    page.click(".md-search__input")
    page.keyboard.type(word, delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))"
    )


# ------------------------------------------------------------ offline, search


def test_search_from_disk_finds_a_word_from_a_module(open_tab, site, built):
    module = next(m for m in modules_of(built) if m["kind"] in ("proforma", "worksheet"))
    word = max(re.findall(r"[A-Za-z]+", module["title"]), key=len).lower()
    tab = open_tab()
    tab.page.goto(url(site, "index.html"))
    links = search(tab.page, word)
    assert any(f"modules/{module['id']}.html" in link for link in links), (word, links)
    assert not tab.foreign(), tab.foreign()


def test_no_request_leaves_the_device(open_tab, site):
    tab = open_tab()
    pages = ["index.html", WORKSHEET, "modules/statement-of-intent.html", "404.html"]
    pages += [f"pages/{p.name}" for p in sorted((site / "pages").glob("*.html"))]
    for page in pages:
        tab.page.goto(url(site, page))
    tab.page.wait_for_load_state("networkidle")
    assert len(tab.requests) > len(pages)
    assert not tab.foreign(), tab.foreign()


class _Fetched(HTMLParser):
    """Collects the URLs a browser would fetch by itself (not links a person clicks)."""

    FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
                "video": "src", "embed": "src", "object": "data", "link": "href"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.FETCHING and values.get(self.FETCHING[tag]):
            self.urls.append(values[self.FETCHING[tag]] or "")
        if values.get("srcset"):
            self.urls += [part.split()[0] for part in (values["srcset"] or "").split(",") if part]
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", values.get("style") or "")


def test_built_files_point_at_no_other_host(built):
    outside = re.compile(r"^(https?:)?//", re.I)
    found = []
    for html in sorted(built.glob("*/site/**/*.html")):
        parser = _Fetched()
        parser.feed(html.read_text(encoding="utf-8"))
        found += [f"{html.relative_to(built)}: {u}" for u in parser.urls if outside.match(u)]
        found += [f"{html.relative_to(built)}: {u}" for u in
                  re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", html.read_text("utf-8"))]
    for css in sorted(built.glob("*/site/**/*.css")):
        text = css.read_text(encoding="utf-8")
        found += [f"{css.relative_to(built)}: {u}" for u in
                  re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")]+)", text)]
    assert not found, "\n".join(found)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


def _serve(folder: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def _stop(server: http.server.ThreadingHTTPServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join()


def test_served_over_http_it_works_the_same(open_tab, site, built):
    server, thread = _serve(site)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        tab = open_tab()
        tab.page.goto(f"{base}/index.html")
        module = modules_of(built)[0]
        word = max(re.findall(r"[A-Za-z]+", module["title"]), key=len).lower()
        assert search(tab.page, word)
        tab.page.goto(f"{base}/{WORKSHEET}")
        tab.page.locator("textarea[data-tp-field]").first.fill("Kept over HTTP too")
        tab.page.reload()
        assert tab.page.locator("textarea[data-tp-field]").first.input_value() == "Kept over HTTP too"
        hosts = {urlparse(u).netloc for u in tab.requests if urlparse(u).scheme not in LOCAL_SCHEMES}
        assert hosts == {f"127.0.0.1:{server.server_address[1]}"}, hosts
    finally:
        _stop(server, thread)


def test_answers_work_with_material_instant_navigation(open_tab, scratch, tmp_path):
    """Instant navigation (off in mkdocs.yml: it needs a site_url and a server) swaps pages
    without reloading; answers.js follows through Material's document$."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = yaml.safe_load(scratch.mkdocs_yml.read_text(encoding="utf-8"))
    config["site_url"] = f"http://127.0.0.1:{port}/"
    config["theme"]["features"].append("navigation.instant")
    scratch.mkdocs_yml.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    build_all(scratch, tmp_path / "out", (SLUG,), jobs=1, formats="site")
    server, thread = _serve(tmp_path / "out" / SLUG / "site", port)
    try:
        tab = open_tab()
        page = tab.page
        page.goto(f"http://127.0.0.1:{port}/index.html")
        page.evaluate("window.__same_document = true")
        page.click(f"a.md-nav__link[href$='{WORKSHEET.split('/')[1]}']")
        page.wait_for_selector(".tp-answers__tools:not([hidden])")
        assert page.evaluate("window.__same_document === true")  # no reload happened
        box = page.locator("textarea[data-tp-field]").first
        box.fill("Typed after an instant page change")
        page.click("a.md-nav__link[href$='index.html']")
        page.wait_for_selector(".tp-cards")
        page.go_back()
        page.wait_for_selector(".tp-answers__tools:not([hidden])")
        assert page.evaluate("window.__same_document === true")
        assert box.input_value() == "Typed after an instant page change"
    finally:
        _stop(server, thread)


# ----------------------------------------------------------------- answers


def _first_fields(page) -> dict[str, str]:
    """Names of a text area, a rating's radio group and a table cell on the worksheet."""
    return page.evaluate(
        """() => ({
            text: document.querySelector('.tp-item--text textarea[data-tp-field]').name,
            rating: document.querySelector('.tp-scale input[type=radio]').name,
            cell: document.querySelector('.tp-grid textarea[data-tp-field]').name,
        })"""
    )


def _fill(page, names: dict[str, str]) -> None:
    page.fill(f"textarea[name='{names['text']}']", "Jane (manager) and Sam (TIP lead)")
    page.locator(f"input[name='{names['rating']}']").nth(2).check()
    page.fill(f"textarea[name='{names['cell']}']", "Protected time for supervision")


def _read(page, names: dict[str, str]) -> tuple[str, bool, str]:
    return (
        page.input_value(f"textarea[name='{names['text']}']"),
        page.locator(f"input[name='{names['rating']}']").nth(2).is_checked(),
        page.input_value(f"textarea[name='{names['cell']}']"),
    )


FILLED = ("Jane (manager) and Sam (TIP lead)", True, "Protected time for supervision")
EMPTY = ("", False, "")


def _status(page) -> str:
    page.wait_for_function(
        "document.querySelector('.tp-answers__status').textContent.trim() !== ''"
    )
    return page.inner_text(".tp-answers__status")


def test_answers_are_kept_after_a_reload_and_can_be_cleared(open_tab, site):
    tab = open_tab()
    page = tab.page
    page.goto(url(site, WORKSHEET))
    names = _first_fields(page)
    assert _read(page, names) == EMPTY
    _fill(page, names)
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tippack:'))")
    assert sorted(stored) == sorted(f"tippack:{SLUG}:{n}" for n in names.values())

    page.reload()
    assert _read(page, names) == FILLED
    assert "3 answers" in _status(page)

    page.once("dialog", lambda dialog: dialog.dismiss())  # "Cancel" keeps them
    page.click("[data-tp-action=clear]")
    assert _read(page, names) == FILLED

    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click("[data-tp-action=clear]")
    assert messages and "Clear" in messages[0]
    assert _read(page, names) == EMPTY
    assert "cleared" in _status(page)
    page.reload()
    assert _read(page, names) == EMPTY
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tippack:'))") == []


def test_answers_typed_in_another_tab_show_up(open_tab, site):
    tab = open_tab()
    other = tab.page.context.new_page()
    for page in (tab.page, other):
        page.goto(url(site, WORKSHEET))
    names = _first_fields(tab.page)
    _fill(tab.page, names)
    other.wait_for_function(
        f"document.querySelector(\"textarea[name='{names['cell']}']\").value !== ''")
    assert _read(other, names) == FILLED


def test_answers_saved_to_a_file_load_back(open_tab, site, tmp_path):
    tab = open_tab()
    page = tab.page
    page.goto(url(site, WORKSHEET))
    names = _first_fields(page)
    _fill(page, names)
    with page.expect_download() as download:
        page.click("[data-tp-action=save]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith(f"{SLUG}-organisational-assessment-answers-")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data) == {"tippack", "pack", "module", "home", "saved", "answers"}
    assert (data["tippack"], data["pack"], data["module"]) == (1, SLUG, "organisational-assessment")
    assert data["home"] == "Oakview Care Home"
    assert data["answers"] == {
        names["text"]: FILLED[0],
        names["rating"]: page.locator(f"input[name='{names['rating']}']").nth(2).get_attribute("value"),
        names["cell"]: FILLED[2],
    }

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-tp-action=clear]")
    assert _read(page, names) == EMPTY

    with page.expect_file_chooser() as chooser:
        page.click("[data-tp-action=load]")
    chooser.value.set_files(str(saved))
    page.wait_for_function("document.querySelector('.tp-answers__status').textContent.includes('Loaded')")
    assert "Loaded 3 answers" in page.inner_text(".tp-answers__status")
    assert _read(page, names) == FILLED
    page.reload()
    assert _read(page, names) == FILLED


WRONG_FILES = {
    "not-json": ("this is not json", "could not be read"),
    "not-ours": ('{"hello": "world"}', "not an answers file"),
    "other-module": ('{"tippack": 1, "pack": "oakview", "module": "welcome", "answers": {}}',
                     "another part"),
    "bad-value": ('{"tippack": 1, "pack": "oakview", "module": "organisational-assessment", '
                  '"answers": {"organisational-assessment.completed-by": {"x": 1}}}', "damaged"),
}


def test_a_wrong_answers_file_is_refused_and_changes_nothing(open_tab, site, tmp_path):
    tab = open_tab()
    page = tab.page
    page.goto(url(site, WORKSHEET))
    names = _first_fields(page)
    _fill(page, names)
    refused = {}
    for case, (content, _) in WRONG_FILES.items():
        bad = tmp_path / f"{case}.json"
        bad.write_text(content, encoding="utf-8")
        page.evaluate("document.querySelector('.tp-answers__status').textContent = ''")
        page.set_input_files("[data-tp-file]", str(bad))
        refused[case] = _status(page)
        assert _read(page, names) == FILLED, case
    assert {case: message in refused[case] for case, (_, message) in WRONG_FILES.items()} == {
        case: True for case in WRONG_FILES
    }, refused


def test_print_with_my_answers(open_tab, site):
    tab = open_tab()
    page = tab.page
    page.goto(url(site, WORKSHEET))
    names = _first_fields(page)
    _fill(page, names)
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-tp-action=print]")
    assert page.evaluate("window.__printed === true")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.tp-answers', '.tp-downloads']
              .map(s => document.querySelector(s))
              .filter(e => e && getComputedStyle(e).display !== 'none')
              .map(e => e.className)"""
    )
    assert hidden == []
    assert page.locator(f"textarea[name='{names['text']}']").is_visible()
    assert _read(page, names) == FILLED


# ---------------------------------------------------------- accessibility


def test_keyboard_fills_a_rating_and_focus_is_visible(open_tab, site):
    tab = open_tab()
    page = tab.page
    page.goto(url(site, WORKSHEET))
    names = _first_fields(page)
    radios = page.locator(f"input[name='{names['rating']}']")
    radios.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert radios.nth(1).is_checked()
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement.closest('label'));"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert ring[0] != "none" and ring[1] >= 2, ring
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return [e.name, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert focused[0] == f"{names['rating']}.notes" and focused[1] != "none" and focused[2] >= 2
    page.reload()
    assert page.locator(f"input[name='{names['rating']}']").nth(1).is_checked()


class _Controls(HTMLParser):
    """Form controls and what could label them: label[for], wrapping labels, aria-*."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.text_by_id: dict[str, list[str]] = {}
        self.open_ids: list[str] = []
        self.stack: list[tuple[str, str | None]] = []
        self.in_label = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "label":
            self.in_label += 1
            if values.get("for"):
                self.label_for.add(values["for"] or "")
        shown = values.get("type") != "hidden" and "hidden" not in values
        if tag in ("input", "textarea", "select") and shown:
            self.controls.append({**values, "_wrapped": "yes" if self.in_label else None})
        if tag not in ("input", "br", "img", "meta", "link", "hr", "wbr", "source"):
            self.stack.append((tag, values.get("id")))
            if values.get("id"):
                self.text_by_id[values["id"] or ""] = []
                self.open_ids.append(values["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1
        while self.stack:
            open_tag, open_id = self.stack.pop()
            if open_id:
                self.open_ids.remove(open_id)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for open_id in self.open_ids:
            self.text_by_id[open_id].append(data)

    def unlabelled(self) -> list[str]:
        out = []
        for c in self.controls:
            by_ids = [i for i in (c.get("aria-labelledby") or "").split() if i]
            named = (
                c["_wrapped"]
                or (c.get("id") and c["id"] in self.label_for)
                or (c.get("aria-label") or "").strip()
                or (by_ids and all("".join(self.text_by_id.get(i, [])).strip() for i in by_ids))
            )
            if not named:
                out.append(str(c.get("name") or c.get("id")))
        return out


def test_every_form_control_has_a_label(built):
    problems = []
    pages = sorted(built.glob("*/site/modules/*.html"))
    assert pages
    for html in pages:
        parser = _Controls()
        parser.feed(html.read_text(encoding="utf-8"))
        problems += [f"{html.relative_to(built)}: {name}" for name in parser.unlabelled()]
    assert not problems, "\n".join(problems)


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside += 1
        elif self.inside and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside -= 1


def test_headings_are_in_order_on_every_page(built):
    problems = []
    pages = sorted(built.glob("*/site/index.html")) + sorted(built.glob("*/site/modules/*.html"))
    pages += sorted(built.glob("*/site/pages/*.html"))
    for html in pages:
        parser = _Headings()
        parser.feed(html.read_text(encoding="utf-8"))
        levels = parser.levels
        where = html.relative_to(built)
        if levels[:1] != [1] or levels.count(1) != 1:
            problems.append(f"{where}: one h1 first, got {levels[:5]}")
        problems += [f"{where}: h{a} followed by h{b}" for a, b in zip(levels, levels[1:],
                                                                         strict=False) if b > a + 1]
    assert not problems, "\n".join(problems)


def _serious(page, rules: list[str] | None = None) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_name", ["index.html", WORKSHEET], ids=["home", "worksheet"])
def test_axe_finds_nothing_serious(open_tab, site, page_name, scheme):
    tab = open_tab(scheme=scheme)
    page = tab.page
    page.goto(url(site, page_name))
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    if page_name == WORKSHEET:
        _fill(page, _first_fields(page))  # checked and filled states are checked too
    assert _serious(page) == []


COLOUR_RULES = ["color-contrast", "link-in-text-block", "link-name"]


def test_axe_every_home_colour_is_readable(open_tab, built):
    """Each example home brings its own brand colour: check its home page in both schemes
    (the dark one by switching Material's scheme attribute, as the toggle does)."""
    tab = open_tab()
    problems = []
    for home in sorted(p.parent for p in built.glob("*/site/index.html")):
        if home.parent.name == SLUG:
            continue
        tab.page.goto(url(home, "index.html"))
        tab.page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        for scheme in ("default", "slate"):
            tab.page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            problems += [f"{home.parent.name} {scheme}: {p}"
                         for p in _serious(tab.page, COLOUR_RULES)]
    assert not problems, "\n".join(problems)


def test_no_sideways_scrolling_at_390_px(open_tab, site):
    """Every page at a phone's 390 px, and the home page and worksheet at WCAG's 320 px."""
    pages = [(390, "index.html")]
    pages += [(390, f"modules/{p.name}") for p in sorted((site / "modules").glob("*.html"))]
    pages += [(390, f"pages/{p.name}") for p in sorted((site / "pages").glob("*.html"))]
    pages += [(320, "index.html"), (320, WORKSHEET)]
    tabs = {width: open_tab(width=width) for width in (390, 320)}
    too_wide = []
    for width, name in pages:
        tab = tabs[width]
        tab.page.goto(url(site, name))
        widths = tab.page.evaluate(
            """() => {
                const d = document.documentElement;
                const over = [...document.querySelectorAll('.md-content *')]
                    .filter(e => e.getClientRects().length
                        && e.getBoundingClientRect().right > d.clientWidth + 1
                        && getComputedStyle(e).position !== 'absolute')
                    .map(e => e.tagName + '.' + e.className);
                return [d.scrollWidth, d.clientWidth, over.slice(0, 5)];
            }"""
        )
        if widths[0] > widths[1] or widths[2]:
            too_wide.append(f"{name} at {width} px: {widths}")
    assert not too_wide, "\n".join(too_wide)


def test_tables_become_labelled_cards_on_a_phone(open_tab, site):
    tab = open_tab(width=390)
    tab.page.goto(url(site, WORKSHEET))
    cell = tab.page.locator(".tp-grid td").first
    row = tab.page.locator(".tp-grid tbody tr").first
    assert tab.page.evaluate("e => getComputedStyle(e).display", row.element_handle()) == "block"
    assert not tab.page.locator(".tp-grid thead").first.is_visible() or tab.page.evaluate(
        "() => document.querySelector('.tp-grid thead').getBoundingClientRect().width <= 1")
    label = tab.page.evaluate("e => getComputedStyle(e, '::before').content", cell.element_handle())
    assert label.strip('"') == cell.get_attribute("data-label")
    box, field = cell.bounding_box(), cell.locator("textarea").bounding_box()
    assert field["x"] >= box["x"] and field["x"] + field["width"] <= box["x"] + box["width"] + 1


# ---------------------------------------------------------- bundle, overview


def test_offline_bundle_holds_the_site_the_pdf_and_a_readme(open_tab, built, tmp_path):
    bundle = built / SLUG / f"{SLUG}-pack.zip"
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        assert {"README.txt", f"site/{SLUG}-implementation-pack.pdf", "site/index.html",
                "Open the website.html"} <= names
        assert f"{SLUG}-implementation-pack.pdf" not in names  # the PDF once, in site/
        assert not [n for n in names if n.startswith("/") or ".." in n.split("/")]
        readme = archive.read("README.txt").decode("utf-8")
        archive.extractall(tmp_path)
    site = built / SLUG / "site"
    needed = {f"site/{p.relative_to(site).as_posix()}" for p in site.rglob("*")
              if p.is_file() and p.suffix != ".map" and not p.name.startswith("sitemap.xml")}
    assert needed <= names, sorted(needed - names)[:10]
    assert "index.html" in readme and "Oakview Care Home" in readme and "Extract All" in readme
    assert "\r\n" in readme and "\n" not in readme.replace("\r\n", "")  # reads well in Notepad

    tab = open_tab()
    tab.page.goto((tmp_path / "Open the website.html").as_uri())
    tab.page.wait_for_url("**/site/index.html")
    tab.page.goto(url(tmp_path / "site", WORKSHEET))
    assert tab.page.inner_text("h1")
    font = tab.page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Atkinson Hyperlegible" in font
    for href in tab.page.eval_on_selector_all(".tp-downloads a", "as => as.map(a => a.href)"):
        assert Path(urlparse(href).path).is_file(), href
    assert not tab.foreign()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"] or "")


def test_overview_links_every_pack(built):
    parser = _Links()
    text = (built / "index.html").read_text(encoding="utf-8")
    parser.feed(text)
    slugs = sorted(p.parent.name for p in built.glob("*/.tippack.json"))
    assert len(slugs) == 6
    for slug in slugs:
        for target in (f"{slug}/site/index.html", f"{slug}/{slug}-implementation-pack.pdf",
                       f"{slug}/{slug}-pack.zip"):
            assert target in parser.hrefs, target
    missing = [h for h in parser.hrefs if not (built / h).is_file()]
    assert not missing, missing


# --------------------------------------------------------- Nu Html Checker


def _vnu_jar() -> Path | None:
    import os

    for candidate in (os.environ.get("TIPPACK_VNU_JAR"),
                      ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar",  # from scripts/setup-system.sh
                      "/opt/vnu/node_modules/vnu-jar/build/dist/vnu.jar"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


# Stock Material puts `autocomplete` on its toggle checkboxes: two errors a page, not ours.
_MATERIAL_KNOWN = re.compile(r"Attribute “autocomplete” is only allowed when the input type is")


@pytest.mark.skipif(shutil.which("java") is None or _vnu_jar() is None,
                    reason="needs java and vnu.jar (make test installs both; or set TIPPACK_VNU_JAR)")
def test_nu_html_checker_finds_no_errors_in_our_markup(built):
    pages = [built / "index.html"] + sorted((built / SLUG / "site").rglob("*.html"))
    run = subprocess.run(
        ["java", "-jar", str(_vnu_jar()), "--errors-only", "--format", "gnu", *map(str, pages)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    errors = [line for line in (run.stdout + run.stderr).splitlines()
              if line.strip() and not _MATERIAL_KNOWN.search(line)]
    assert not errors, "\n".join(errors)

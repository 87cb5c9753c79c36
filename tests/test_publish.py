"""``tippack publish``: one static site (overview at /, each home's website at /SLUG/ itself, its
PDF, Word copies and bundle beside it), noindex unless asked, never a home's completed copy; into
a folder, or onto gh-pages in a (local, bare) remote. Served over http and opened in Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import build_all, small_project

from tippack.building.publish import NOINDEX, noindex
from tippack.cli import main
from tippack.reading.project import Project

pytestmark = [pytest.mark.build]

PACKS = ("ash", "birch")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    """Two small packs built once, one with a completed copy beside its outputs."""
    root = tmp_path_factory.mktemp("publish")
    project = small_project(root, PACKS)
    out = root / "build"
    build_all(project, out, PACKS, formats="site,pdf,docx")
    (out / "ash" / "completed").mkdir()
    (out / "ash" / "completed" / "ash-completed.pdf").write_bytes(b"%PDF answers")
    (out / "ash" / "site" / "completed").mkdir()  # even inside an output, never published
    (out / "ash" / "site" / "completed" / "answers.html").write_text("<html><head></head>answers</html>")
    return project, out


@pytest.mark.unit
def test_a_page_published_before_is_published_as_it_is() -> None:
    """The CI workflow publishes the packs it did not rebuild from their gh-pages copies again."""
    tag = NOINDEX.encode()
    for page in (b"<!doctype html><html><HEAD lang=en><title>Ash</title></head><body>Ash</body></html>",
                 b"<p>a page with no head</p>", b""):
        once = noindex(page)
        assert once.count(tag) == 1
        assert noindex(once) == once
    quoted = b"<html><head><title>x</title></head><body><code>" + tag + b"</code></body></html>"
    assert noindex(quoted).count(tag) == 2  # the tag written in a page's text is not the page's own


def run(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, args)


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_publish_to_a_folder(built: tuple[Project, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, out = built
    site = tmp_path / "site"
    result = run(["publish", "--to", str(site), "--from", str(out)], project.root, monkeypatch)
    assert result.exit_code == 0, result.stderr
    published = files(site)
    for slug in PACKS:
        assert {f"{slug}/index.html", f"{slug}/{slug}-implementation-pack.pdf", f"{slug}/{slug}-pack.zip",
                f"{slug}/{slug}-implementation-pack.docx", f"{slug}/word/principles.docx",
                f"{slug}/modules/principles.pdf", f"{slug}/modules/principles.html"} <= published
        assert not [name for name in published if name.startswith(f"{slug}/site/")]
    assert {"index.html", "robots.txt"} <= published
    assert not [name for name in published if "completed" in name or name.endswith(".tippack.json")]
    overview = (site / "index.html").read_text()
    assert 'href="ash/"' in overview and 'href="birch/birch-implementation-pack.pdf"' in overview
    pages = [p for p in site.rglob("*.html")]
    assert len(pages) > 10
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert NOINDEX in head, page
    assert "Disallow: /" in (site / "robots.txt").read_text()
    pdf = "ash/ash-implementation-pack.pdf"
    assert (site / pdf).read_bytes() == (out / pdf).read_bytes()
    assert NOINDEX not in (out / "ash" / "site" / "index.html").read_text()  # the build itself is untouched

    again = run(["publish", "--to", str(site), "--from", str(out), "--allow-indexing"], project.root, monkeypatch)
    assert again.exit_code == 0, again.stderr  # an earlier publish is replaced
    assert not (site / "robots.txt").exists()
    assert not [p for p in site.rglob("*.html") if NOINDEX in p.read_text(encoding="utf-8")]

    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("mine")
    refused = run(["publish", "--to", str(foreign), "--from", str(out)], project.root, monkeypatch)
    assert refused.exit_code == 2 and "not made by tippack publish" in refused.stderr
    assert (foreign / "letter.txt").read_text() == "mine"
    neither = run(["publish"], project.root, monkeypatch)
    assert neither.exit_code == 2


def test_a_pack_taken_back_from_the_published_site_is_published_as_it_was(
        built: tuple[Project, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CI workflow rebuilds only changed packs and takes the others back from gh-pages into
    its build folder, in their published shape (website at the top): publishing again keeps them."""
    project, out = built
    first, second, joined = tmp_path / "first", tmp_path / "second", tmp_path / "build"
    assert run(["publish", "--to", str(first), "--from", str(out)], project.root, monkeypatch).exit_code == 0
    shutil.copytree(out, joined, symlinks=True)
    shutil.rmtree(joined / "birch")
    (joined / "birch").mkdir()  # as a shard leaves a pack it did not rebuild: its build record alone
    shutil.copy(out / "birch" / ".tippack.json", joined / "birch" / ".tippack.json")
    shutil.copytree(first / "birch", joined / "birch", dirs_exist_ok=True)
    result = run(["publish", "--to", str(second), "--from", str(joined)], project.root, monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert files(second / "birch") == files(first / "birch")
    for name in files(first / "birch"):
        assert (second / "birch" / name).read_bytes() == (first / "birch" / name).read_bytes(), name
    assert (second / "index.html").read_text() == (first / "index.html").read_text()
    assert 'href="birch/"' in (second / "index.html").read_text()


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_publish_to_gh_pages_in_a_bare_repository(built: tuple[Project, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = built
    remote = tmp_path / "remote.git"
    git("init", "--bare", "--quiet", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    git("clone", "--quiet", str(remote), str(work), cwd=tmp_path)
    project = small_project(work, PACKS)  # the project's own repository, packs built elsewhere
    git("config", "user.name", "Test Publisher", cwd=work)
    git("config", "user.email", "publisher@example.org", cwd=work)
    for _ in range(2):
        result = run(["publish", "--gh-pages", "--from", str(out)], project.root, monkeypatch)
        assert result.exit_code == 0, result.stderr
    tree = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert {".nojekyll", "index.html", "robots.txt", "ash/index.html", "birch/birch-pack.zip",
            "ash/ash-implementation-pack.pdf", "ash/modules/statement-of-intent.pdf"} <= tree
    assert not [name for name in tree if "completed" in name]
    assert NOINDEX in git("show", "gh-pages:ash/index.html", cwd=remote)
    assert git("rev-list", "--count", "gh-pages", cwd=remote).strip() == "1"  # no history kept
    assert "tippack publish: 2 packs" in git("log", "-1", "--format=%s", "gh-pages", cwd=remote)


# ------------------------------------------------------------ served, in a browser

CHROMIUM = Path("/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture
def served(built: tuple[Project, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The published folder served on 127.0.0.1 as GitHub Pages would serve it: its address."""
    project, out = built
    site = tmp_path / "published"
    assert run(["publish", "--to", str(site), "--from", str(out)], project.root, monkeypatch).exit_code == 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.browser
def test_a_homes_address_is_its_website_with_its_copies_beside_it(served: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        response = page.goto(f"{served}/ash/")  # as typed, or shared: no site/, no index.html
        assert response is not None and response.status == 200
        assert "Ash House" in page.title() and page.locator("h1").first.is_visible()
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        copies = [url for url in links if url.endswith((".pdf", ".docx"))]
        assert f"{served}/ash/ash-implementation-pack.pdf" in copies
        assert f"{served}/ash/ash-implementation-pack.docx" in copies
        for url in [*copies, f"{served}/ash/ash-pack.zip"]:
            got = page.request.get(url)
            assert got.status == 200, url
            assert got.body()[:4] in (b"%PDF", b"PK\x03\x04"), url
        module = next(url for url in links if url.startswith(f"{served}/ash/modules/") and url.endswith(".html"))
        assert page.goto(module).status == 200

        page.goto(f"{served}/")  # the overview: its links lead to the same addresses
        page.get_by_role("link", name="Website").first.click()
        page.wait_for_load_state()
        assert page.url == f"{served}/ash/" and "Ash House" in page.title()
        page.go_back()
        row = page.get_by_role("row").filter(has_text="Ash House")
        hrefs = row.get_by_role("link").evaluate_all("links => links.map(a => a.href)")
        assert f"{served}/ash/ash-pack.zip" in hrefs and f"{served}/ash/ash-implementation-pack.docx" in hrefs
        for url in hrefs:  # the PDFs, Word copies and bundle the overview links for the home
            assert page.request.get(url).status == 200, url
        browser.close()

"""`tippack serve`: a live preview on 127.0.0.1 that rebuilds the site when a module changes, then
prints the PDF in the background (its links say when it is ready), shows content problems in the
page as well as the terminal, and removes its temporary folder when it stops."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import EPOCH, small_project

from tippack.reading.project import Project

pytestmark = [pytest.mark.build, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except OSError:
        return None


def text(url: str) -> str:
    return (fetch(url) or b"").decode("utf-8")


def wait_for(predicate, seconds: float = 60.0):  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return None


class Preview:
    """A running ``tippack serve`` of one pack, with its own temporary folder to check afterwards."""

    def __init__(self, project: Project, slug: str, tmp: Path) -> None:
        self.project, self.tmp = project, tmp
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp.parent / "serve.log"  # outside the project, which is watched
        self.log = self.log_path.open("wb")
        tippack = Path(sys.executable).parent / "tippack"
        env = {**os.environ, "TMPDIR": str(tmp), "SOURCE_DATE_EPOCH": EPOCH, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([str(tippack), "serve", slug, "--port", str(self.port)], cwd=project.root,
                                        stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def status(self) -> dict:
        body = fetch(f"{self.base}/tippack-preview.json")
        return json.loads(body) if body else {}

    def pdf_ready(self, generation: int) -> bool:
        state = self.status()
        return state.get("generation", 0) >= generation and state.get("pdf") == "ready"

    def stop(self) -> int:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.log.close()
        return code

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8")


@contextmanager
def serving(tmp_path: Path) -> Iterator[Preview]:
    root, tmp = tmp_path / "project", tmp_path / "tmp"
    root.mkdir()
    tmp.mkdir()
    project = small_project(root)
    preview = Preview(project, "ash", tmp)
    try:
        yield preview
    finally:
        preview.stop()


def edit(project: Project, module: str, old: str, new: str) -> None:
    path = project.modules_dir / f"{module}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_serve_rebuilds_prints_shows_problems_and_cleans_up(tmp_path: Path) -> None:
    with serving(tmp_path) as preview:
        page_url = f"{preview.base}/modules/principles.html"
        page = wait_for(lambda: text(page_url))
        assert page and "Ash House" in page
        assert "tp-download" in page and "tippack-preview.json" in page  # the links are told how the PDF is going
        assert wait_for(lambda: preview.pdf_ready(1)), preview.output()
        assert (fetch(f"{preview.base}/ash-booklet.pdf") or b"").startswith(b"%PDF")  # the printable pack
        assert (fetch(f"{preview.base}/modules/principles.pdf") or b"").startswith(b"%PDF")

        edit(preview.project, "principles", "intro: |\n  ", "intro: |\n  Freshly edited. ")
        assert wait_for(lambda: "Freshly edited." in text(page_url)), preview.output()
        assert preview.status() == {"generation": 2, "pdf": "preparing", "problems": 0}
        edit(preview.project, "principles", "Freshly edited.", "Edited twice.")  # before that PDF is ready
        assert wait_for(lambda: "Edited twice." in text(page_url)), preview.output()
        assert wait_for(lambda: preview.pdf_ready(3)), preview.output()  # the PDF follows the site
        assert "error" not in preview.output()  # the PDF of the edit before was given up, not failed

        edit(preview.project, "principles", "\nkind: ", "\nkind: not-a-kind-")
        problem = "content/modules/principles.yml:3:7: error: kind:"
        shown = wait_for(lambda: problem in text(page_url) and text(page_url))
        assert shown and 'role="alert"' in shown and "Edited twice." in shown  # the last good build, and why
        assert problem in text(f"{preview.base}/index.html")  # on every page
        assert wait_for(lambda: problem in preview.output())  # and in the terminal

        edit(preview.project, "principles", "\nkind: not-a-kind-", "\nkind: ")
        assert wait_for(lambda: 'role="alert"' not in text(page_url)), preview.output()
        assert preview.stop() == 0
    assert "stopped" in preview.output()
    assert list(preview.tmp.iterdir()) == []  # the preview's folder, WeasyPrint's and the workers' all gone


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_download_link_says_preparing_until_the_pdf_is_ready(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serving(tmp_path) as preview, sync_playwright() as playwright:
        page_url = f"{preview.base}/modules/principles.html"
        assert wait_for(lambda: preview.pdf_ready(1)), preview.output()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(page_url)
            link = page.locator("a.tp-download").first
            assert link.inner_text().strip() == "Download the printable pack (PDF)"
            edit(preview.project, "principles", "intro: |\n  ", "intro: |\n  Reloaded by itself. ")
            page.wait_for_selector("text=Reloaded by itself.", timeout=30_000)  # live reload, no click
            assert "preparing" in link.inner_text()
            assert link.get_attribute("aria-disabled") == "true"
            page.wait_for_function(
                "() => document.querySelector('a.tp-download').textContent.endsWith('ready')", timeout=60_000)
            assert link.get_attribute("aria-disabled") is None
        finally:
            browser.close()

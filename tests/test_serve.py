"""`tippack serve`: a live preview on 127.0.0.1 that rebuilds when a module changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tippack.project import Project

pytestmark = [pytest.mark.build, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float = 60.0):  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return None


def test_serve_previews_and_rebuilds_on_change(scratch: Project) -> None:
    port = free_port()
    tippack = Path(sys.executable).parent / "tippack"
    log = (scratch.root / "serve.log").open("wb")
    proc = subprocess.Popen([str(tippack), "serve", "heatherbank", "--port", str(port)], cwd=scratch.root,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/modules/welcome.html"
        page = wait_for(lambda: fetch(url))
        assert page and "Heatherbank House" in page
        module = scratch.modules_dir / "welcome.yml"
        module.write_text(module.read_text().replace("\ntitle: ", "\ntitle: Freshly edited - ", 1))
        assert wait_for(lambda: "Freshly edited" in (fetch(url) or ""))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()

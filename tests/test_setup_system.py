"""scripts/setup-system.sh, which `make build` and `make test` run first: on a machine that has
everything it only looks and says nothing; where something is missing and it cannot install it,
it stops with one line saying what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from support import ROOT

SCRIPT = ROOT / "scripts" / "setup-system.sh"
SH = shutil.which("sh") or "/bin/sh"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SH, str(SCRIPT), *args], cwd=ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_machine_that_has_everything_is_only_looked_at() -> None:
    for what in ("build", "test"):  # the suite runs on a machine make test has set up
        done = run(what)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_without_apt_it_names_what_to_install_in_one_line(tmp_path: Path) -> None:
    """No apt-get on the PATH (as on Fedora or macOS) and no Python where make was told to look."""
    for tool in ("grep", "id", "dirname", "printf", "cat", "ldconfig"):
        found = shutil.which(tool) or shutil.which(tool, path="/sbin:/usr/sbin")
        assert found, tool
        (tmp_path / tool).symlink_to(found)
    done = run("test", env={"PATH": str(tmp_path), "PYTHON": str(tmp_path / "python3")})
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("tippack needs these, and this machine has no apt-get: install Python 3.11 or newer")
    assert "with its package manager, then make again" in done.stderr
    assert "HarfBuzz" not in done.stderr  # the libraries this machine has are not asked for


def test_it_is_asked_for_build_or_test() -> None:
    done = run("deploy")
    assert done.returncode == 2 and "usage:" in done.stderr

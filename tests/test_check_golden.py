"""Golden tests for `tippack check`: each case's files, overlaid on a tiny project,
must give exactly the lines in its expected.txt (and exit 1 when any is an error)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tippack.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in (GOLDEN / "cases").iterdir() if p.is_dir())


def run_check(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Overlay one case on the mini project and run `tippack check` in it."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN / "mini", root)
    for path in (GOLDEN / "cases" / case).rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = root / path.relative_to(GOLDEN / "cases" / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = (GOLDEN / "cases" / case / "expected.txt").read_text(encoding="utf-8")
    code, stderr = run_check(case, tmp_path, monkeypatch)
    assert stderr == expected
    assert "Traceback" not in stderr
    has_error = any(": error: " in line for line in expected.splitlines())
    assert code == (1 if has_error else 0)

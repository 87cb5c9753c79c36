"""Golden tests for `tippack progress` on bad answers files: exactly the lines in each case's
expected.txt, exit 1 when any is an error (and nothing written), 0 and a report otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT

from tippack.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())

pytestmark = pytest.mark.build


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    folder = (GOLDEN / case).relative_to(ROOT)
    result = CliRunner().invoke(main, ["progress", "the-willows", str(folder), "--out", str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    expected = (GOLDEN / case / "expected.txt").read_text(encoding="utf-8")
    lines = [line for line in result.stderr.splitlines() if not line.startswith("wrote ")]
    assert "\n".join(lines) + "\n" == expected
    has_error = any(": error: " in line for line in expected.splitlines())
    assert result.exit_code == (1 if has_error else 0)
    assert (tmp_path / "the-willows" / "progress").exists() == (not has_error)

"""The benchmark script runs end to end on a small set and measures what it says (no timings asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

pytestmark = [pytest.mark.build, pytest.mark.slow]


def test_bench_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--packs", "2", "--json", str(out), "--serve-edits", "1",
         "--smoke"],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["noop_summary"].startswith("0 built, 2 unchanged, 0 failed")
    assert figures["one_pack_edit_summary"].startswith("1 built, 1 unchanged, 0 failed")
    # The edited module is used by every third pack: of two packs, only the first.
    assert figures["third_module_edit_summary"].startswith("1 built, 1 unchanged, 0 failed")
    assert figures["noop_1020_summary"].startswith("0 built, 1020 unchanged, 0 failed")
    assert figures["pages_total"] > 40
    assert "projection: 1,020 packs, --jobs 2" in done.stdout
    assert "one pack / floor" in done.stdout
    assert "its print: layout / pack PDF written / module PDFs written" in done.stdout
    assert figures["shard_summary"].startswith("1 built, 0 unchanged, 0 failed")  # 1/8 of two packs: one
    assert figures["shard_projection_1020_min"] > 0
    assert 0 < figures["serve_text_edit_s"] < 60 and 0 < figures["serve_title_edit_s"] < 60
    assert figures["serve_pdf_ready_s"] > 0
    assert figures["progress_cohort_s"] > 0 and figures["progress_cohort_mb"] > 0
    assert figures["progress_cohort_pages"] >= 1
    assert "progress --cohort, 2 homes" in done.stdout

"""The booklet's page budget: ``build`` warns with the count when a booklet passes it, and
``check`` says so again from the last build, at the pack's setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_tippack, small_project

pytestmark = [pytest.mark.build, pytest.mark.slow]

PACK = """home: {name: "Rowan & Ash <House>"}
modules: [statement-of-intent, {id: principles, part: core}, stakeholder-group]
print: {booklet_pages: 6}
"""


def test_build_warns_past_the_budget_and_check_repeats_it(tmp_path: Path) -> None:
    project = small_project(tmp_path, ())
    pack = project.packs_dir / "rowan.yml"
    pack.write_text(PACK, encoding="utf-8")
    status, err = run_tippack(project, "check")
    assert status == 0 and "budget" not in err  # nothing built yet: nothing to repeat
    status, err = run_tippack(project, "build", "--format", "pdf")
    assert status == 0, err
    warned = [line for line in err.splitlines() if "over its budget of 6" in line]
    assert len(warned) == 1 and "rowan" in warned[0], err
    pages = int(warned[0].split("the booklet has ", 1)[1].split(" ", 1)[0])
    assert pages > 6
    status, err = run_tippack(project, "check")
    assert status == 0
    assert f"packs/rowan.yml:3:24: warning: print.booklet_pages: last build: the booklet has {pages} pages" in err, err
    pack.write_text(PACK.replace("booklet_pages: 6", f"booklet_pages: {pages}"), encoding="utf-8")
    status, err = run_tippack(project, "check")
    assert status == 0 and "budget" not in err, err

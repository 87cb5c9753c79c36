"""The disclosure flow's contacts: what the pack gives is printed, what it lacks is a clear
space to write in, never an empty label."""

from __future__ import annotations

from pathlib import Path

import pytest
from printed import squash
from pypdf import PdfReader
from support import build_all, small_project

pytestmark = [pytest.mark.build]


def test_missing_contacts_leave_a_space_to_write_them_in(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    project = small_project(root, ())
    (project.packs_dir / "flow.yml").write_text(
        "home: {name: Flow House}\nmodules: [responding-to-disclosure]\nadult_protection:\n"
        "  lead: {role: Adult protection lead}\n"
        "  council: {name: Example Council adult protection team, phone: '01632 960001'}\n", encoding="utf-8")
    out = root / "build"
    build_all(project, out, ("flow",), jobs=1, formats="pdf")
    reader = PdfReader(out / "flow" / "flow-implementation-pack.pdf")
    flow = next(squash(p.extract_text()) for p in reader.pages if "the first minutes" in p.extract_text()
                and "Who to tell" in p.extract_text())
    lead = flow.split("Our adult protection lead", 1)[1].split("Out of hours", 1)[0]
    assert "Not filled in yet" in lead  # a role alone is not a contact
    hours = flow.split("Out of hours (social work)", 1)[1].split("Council adult protection team", 1)[0]
    assert "Not filled in yet" in hours and "write the name and number here" in hours
    council = flow.split("Council adult protection team", 1)[1]
    assert "Example Council adult protection team" in council and "01632 960001" in council
    assert "Not filled in yet" not in council.split("Emergency", 1)[0]

"""A pack's text names only the modules it has: a home with a small selection is never told
to fill in an assessment proforma or a barriers worksheet it was not given."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from support import ROOT, build_all, small_project

pytestmark = [pytest.mark.build]

CHOSEN = ["welcome", "responding-to-disclosure", "principles", "statement-of-intent"]
# "TIP stakeholder group" is that module's title and also the name of the group itself, which
# every home sets up (the statement of intent commits to it); the group is not the module.
ALSO_A_COMMON_NAME = {"stakeholder-group"}


def test_a_small_selection_names_no_module_it_lacks(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    project = small_project(root, ())
    (project.packs_dir / "small.yml").write_text(
        "home: {name: Small House, manager: Pat Example}\nmodules: [" + ", ".join(CHOSEN) + "]\n", encoding="utf-8")
    out = root / "build"
    build_all(project, out, ("small",), jobs=1)
    missing = {}
    for path in sorted((ROOT / "content" / "modules").glob("*.yml")):
        if path.stem not in CHOSEN and path.stem not in ALSO_A_COMMON_NAME:
            missing[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
    pdf = " ".join(" ".join((p.extract_text() or "").split())
                   for p in PdfReader(out / "small" / "small-implementation-pack.pdf").pages)
    pages = {p.relative_to(out).as_posix(): " ".join(html.unescape(re.sub(r"<[^>]+>", " ", p.read_text(
        encoding="utf-8"))).split()) for p in (out / "small" / "site").rglob("*.html") if p.name != "404.html"}
    found = []
    for title in missing.values():
        if title in pdf:
            found.append(f"the PDF names {title!r}")
        found += [f"{name} names {title!r}" for name, text in pages.items() if title in text]
    assert not found, found

"""When a pack's version changes, the PDF of the version before is kept beside the new one
and listed in the overview: the copy a home signed can be found again."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build_all, small_project

pytestmark = [pytest.mark.build]


def test_earlier_versions_are_kept_and_listed(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    project = small_project(root, ("ash",))
    pack = project.packs_dir / "ash.yml"
    out = root / "build"
    pdfs = {}
    for version in ("1.0", "1.10", "2 (signed)"):
        text = f'version: "{version}"\nhome: {{name: Ash House}}\nmodules: [principles, statement-of-intent]\n'
        pack.write_text(text, encoding="utf-8")
        build_all(project, out, ("ash",), jobs=1, formats="pdf")
        pdfs[version] = (out / "ash" / "ash-implementation-pack.pdf").read_bytes()
    kept = sorted(p.name for p in (out / "ash" / "versions").iterdir())
    assert kept == ["ash-implementation-pack-v1.0.pdf", "ash-implementation-pack-v1.10.pdf"]
    assert (out / "ash" / "versions" / "ash-implementation-pack-v1.10.pdf").read_bytes() == pdfs["1.10"]
    overview = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="ash/versions/ash-implementation-pack-v1.0.pdf"' in overview
    # A rebuild with no new version keeps them, and adds none.
    build_all(project, out, ("ash",), jobs=1, formats="pdf", force=True)
    assert sorted(p.name for p in (out / "ash" / "versions").iterdir()) == kept

"""Incremental builds: a pack is rebuilt exactly when something it uses changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import build_all

from tippack.building.fingerprint import shared_digest
from tippack.planning.plan import gather
from tippack.reading.project import Project

pytestmark = [pytest.mark.build]

PACKS = ("heatherbank", "the-willows", "glenfield")


def modules_used(project: Project) -> dict[str, set[str]]:
    """Module id → which of PACKS use it."""
    users: dict[str, set[str]] = {}
    for loaded in gather(project, PACKS).loaded:
        for ref in loaded.model.module_refs():
            users.setdefault(ref.id, set()).add(loaded.slug)
    return users


def rebuilt(project: Project, out: Path, force: bool = False) -> list[str]:
    shared_digest.cache_clear()
    summary = build_all(project, out, PACKS, formats="site", force=force)
    return sorted(r.slug for r in summary.built)


def test_fingerprints_decide_what_is_rebuilt(scratch: Project) -> None:
    out = scratch.root / "out"
    assert rebuilt(scratch, out) == sorted(PACKS)
    assert rebuilt(scratch, out) == []  # nothing changed

    pack = scratch.packs_dir / "heatherbank.yml"
    pack.write_text(pack.read_text().replace("Ash Example", "Ash Example-Smith"))
    assert rebuilt(scratch, out) == ["heatherbank"]  # one pack edited

    users = modules_used(scratch)
    some = next(m for m in sorted(users) if 0 < len(users[m]) < len(PACKS))
    module = scratch.modules_dir / f"{some}.yml"
    module.write_text(module.read_text() + "\n# a comment\n")
    assert rebuilt(scratch, out) == sorted(users[some])

    unused = next(m for m in sorted(scratch.module_files()) if m not in users)
    path = scratch.modules_dir / f"{unused}.yml"
    path.write_text(path.read_text() + "\n# a comment\n")
    assert rebuilt(scratch, out) == []

    pack.touch()  # a new time stamp alone is not a change
    assert rebuilt(scratch, out) == []

    style = scratch.overrides / "print" / "pack.css"  # shared by every pack
    style.write_text(style.read_text() + "\n/* changed */\n")
    assert rebuilt(scratch, out) == sorted(PACKS)

    assert rebuilt(scratch, out, force=True) == sorted(PACKS)


def test_changing_defaults_rebuilds_the_packs_that_extend_them(scratch: Project) -> None:
    out = scratch.root / "out"
    packs = ("birchwood-house", "heatherbank")
    shared_digest.cache_clear()
    build_all(scratch, out, packs, formats="site")
    defaults = scratch.packs_dir / "_defaults.yml"
    defaults.write_text(defaults.read_text().replace("#1b5e20", "#1b5e21"))
    shared_digest.cache_clear()
    summary = build_all(scratch, out, packs, formats="site")
    assert [r.slug for r in summary.built] == ["birchwood-house"]
    assert summary.skipped == ["heatherbank"]

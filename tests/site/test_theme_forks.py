"""Material partials tippack still overrides are compared with the installed Material, so an
upgrade that changes one of them fails here, loudly, instead of silently dropping a fix."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest
from support import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
# The upstream partials the forks in overrides/theme/partials/ were made from (Material 9.8).
FORKED_FROM = {
    "partials/content.html": "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
    "partials/progress.html": "f7596002950a7d9f415e1d10d6da4e87af6039f854911875b680ea70522360f4",
}


@pytest.mark.parametrize("partial", sorted(FORKED_FROM))
def test_each_forked_partial_matches_the_material_it_was_forked_from(partial: str) -> None:
    installed = hashlib.sha256((MATERIAL / partial).read_bytes()).hexdigest()
    assert installed == FORKED_FROM[partial], (
        f"Material's {partial} has changed: compare it with overrides/theme/{partial}, carry tippack's change"
        " over to the new version, then record the new version's sha256 here")
    assert (ROOT / "overrides" / "theme" / partial).is_file()


def test_no_other_partial_is_forked() -> None:
    forks = {p.relative_to(ROOT / "overrides" / "theme").as_posix()
             for p in (ROOT / "overrides" / "theme" / "partials").glob("*.html")}
    own = {name for name in forks if not (MATERIAL / name).exists()}  # tippack's own partials
    assert forks - own == set(FORKED_FROM)

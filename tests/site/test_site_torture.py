"""The torture pack's site in a real browser at a phone's width: the home's name reads exactly
as typed, and the shipped fallback face is what draws the letters Atkinson lacks."""

from __future__ import annotations

import unicodedata

import pytest
from test_site import CHROMIUM, browser, open_tab  # noqa: F401 - fixtures

pytestmark = [pytest.mark.build, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")]


def test_the_name_reads_as_typed_at_390_px_in_the_shipped_faces(open_tab, torture):  # noqa: F811
    project, folder = torture
    name = unicodedata.normalize("NFC", (project.packs_dir / "torture.yml").read_text(encoding="utf-8")
                                 .split("\n  name: ", 1)[1].split("\n", 1)[0])
    tab = open_tab(width=390)
    page = tab.page
    page.goto((folder / "site" / "index.html").as_uri())
    page.evaluate("document.fonts.ready")
    heading = unicodedata.normalize("NFC", " ".join(page.inner_text("h1.tp-home-title").split()))
    assert heading == name
    loaded = page.evaluate("""async () => {
        await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, ''));
    }""")
    assert "Atkinson Hyperlegible" in loaded and "Pack Noto Sans" in loaded, loaded
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not tab.foreign(), tab.foreign()

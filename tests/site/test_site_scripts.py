"""The site of a pack whose home has an Urdu name, in a real browser at a phone's width: the name
reads as typed, right to left, in the shipped Arabic face, and a logo saved on its side stands
upright."""

from __future__ import annotations

import pytest
from test_site import CHROMIUM, browser, open_tab  # noqa: F401 - fixtures

pytestmark = [pytest.mark.build, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")]

HOME = "ہمارا گھر"


def test_an_urdu_name_reads_right_to_left_at_390_px_in_the_shipped_arabic_face(open_tab, scripts_pack):  # noqa: F811
    tab = open_tab(width=390)
    page = tab.page
    page.goto((scripts_pack / "site" / "index.html").as_uri())
    assert " ".join(page.inner_text("h1.tp-home-title").split()) == HOME
    loaded = page.evaluate("""async () => {
        await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, ''));
    }""")
    assert "Pack Noto Naskh Arabic" in loaded, loaded
    # Right to left: the first letter typed stands to the right of the last one.
    first, last = page.evaluate("""() => {
        const text = document.querySelector('h1.tp-home-title').firstChild;
        const at = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                          return r.getBoundingClientRect().left; };
        return [at(0), at(text.length - 1)];
    }""")
    assert first > last, (first, last)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not tab.foreign(), tab.foreign()


def test_a_logo_saved_on_its_side_shows_upright(open_tab, scripts_pack):  # noqa: F811
    tab = open_tab(width=390)
    page = tab.page
    page.goto((scripts_pack / "site" / "index.html").as_uri())
    size = page.evaluate("""() => { const img = document.querySelector('.md-header img, .md-logo img');
                                    return img && [img.naturalWidth, img.naturalHeight]; }""")
    assert size and size[0] > size[1], size

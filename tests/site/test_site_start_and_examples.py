"""What a home without a facilitator starts from on screen, in a real browser: the quick start
at the top of the home page, the six-month plan, worked examples behind "See an example"
(never saved as an answer), and a run chart drawn from the figures typed on this device."""

from __future__ import annotations

import pytest
from test_site import CHROMIUM, SLUG, browser, open_tab, site, url  # noqa: F401 - fixtures

pytestmark = [pytest.mark.build, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")]


def test_quick_start_is_the_top_of_the_home_page_and_links_the_plan(open_tab, site):  # noqa: F811
    tab = open_tab(width=390)
    page = tab.page
    page.goto(url(site, "index.html"))
    first = page.evaluate("""() => {
        const h1 = document.querySelector('.md-content h1');
        let next = h1.nextElementSibling;
        while (next && !next.matches('.tp-quick-start')) {
            if (next.matches('h2, h3, .tp-home-intro, .tp-cards')) return next.className || next.tagName;
            next = next.nextElementSibling;
        }
        return next ? 'quick start' : 'none';
    }""")
    assert first == "quick start"
    steps = page.locator(".tp-quick-start__step")
    assert steps.count() == 3
    assert "999" in page.locator(".tp-quick-start__safety").inner_text()
    page.click(".tp-quick-start__then a")
    page.wait_for_url("**/pages/plan.html")
    page.wait_for_selector(".tp-month-plan__table tbody tr")
    rows = page.locator(".tp-month-plan__table tbody tr")
    assert rows.count() >= 6
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_an_example_opens_and_is_never_saved_as_an_answer(open_tab, site):  # noqa: F811
    tab = open_tab()
    page = tab.page
    page.goto(url(site, "modules/organisational-assessment.html"))
    example = page.locator("details.tp-example").first
    body = example.locator(".tp-example__body")
    assert not body.is_visible()
    example.locator("summary").click()
    assert body.is_visible()
    assert "made-up home" in body.inner_text()
    assert example.locator("input, textarea, select, [data-tp-field]").count() == 0
    # Save the page's answers to a file: nothing from an example is in it.
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tippack:'))")
    assert stored == []
    text = body.inner_text().strip().splitlines()[-1]
    fields = page.evaluate("[...document.querySelectorAll('[data-tp-field]')].map(e => e.value || '')")
    assert text not in fields


def test_run_chart_draws_the_figures_typed_in_its_table(open_tab, site):  # noqa: F811
    tab = open_tab()
    page = tab.page
    page.goto(url(site, "modules/monitoring-log.html"))
    chart = page.locator("figure[data-tp-chart]")
    assert chart.count() == 1
    assert chart.locator(".tp-chart__line").count() == 0
    table_id = chart.get_attribute("data-tp-chart")
    row = chart.get_attribute("data-tp-rows").split(",")[0]
    for month, value in enumerate(["3", "5", "4", "8"], start=1):
        page.fill(f"#{table_id}--r{row}c{month}", value)
    assert chart.locator(".tp-chart__line").count() == 1
    assert chart.locator(".tp-chart__point").count() == 4
    page.reload()  # the figures come back from this browser, and so does the chart
    assert chart.locator(".tp-chart__point").count() == 4

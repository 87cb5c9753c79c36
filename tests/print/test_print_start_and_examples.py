"""The parts of a printed pack a home without a facilitator starts from: the quick start and
six-month plan after the contents, one-page sections (the disclosure flow) that really fit one
page, and each module's worked examples on the pages after it, listed in the contents."""

from __future__ import annotations

import pytest
from printed import Built, squash, unwrap

pytestmark = [pytest.mark.build]


def _page_of(pack: Built, text: str, start: int = 1) -> list[int]:
    wanted = unwrap(text)
    return [p.number for p in pack.pdf.pages[start - 1:] if wanted in unwrap(p.body)]


def test_quick_start_is_the_first_page_after_the_contents_and_fits_it(pack: Built):
    pages = pack.pdf.pages
    quick = next(p for p in pages if p.first_line.startswith("Starthere:threethingstodo"))
    before = pages[quick.number - 2]
    assert "Contents" in before.header or "How to use this pack" in before.body or before.body.endswith(
        "This page is intentionally blank"), "the quick start does not follow the contents"
    following = pages[quick.number]
    assert following.first_line.startswith("Yoursix-monthplan"), "the quick start runs over its page"
    assert "call 999" in quick.body
    body = unwrap(quick.body)
    for step in _steps(pack):
        assert unwrap(step.step) in body, step.step
    assert "999" in body


def test_the_six_month_plan_names_every_module_in_the_pack(pack: Built):
    pages = pack.pdf.pages
    start = next(p.number for p in pages if p.first_line.startswith("Yoursix-monthplan"))
    first_module = pack.pdf.find_big(pack.tailored.modules[0].title, start=start)
    text = unwrap(" ".join(p.body for p in pages[start - 1:first_module - 1]))
    for module in pack.tailored.modules:
        assert unwrap(module.title) in text, module.title
    facilitator = pack.tailored.pack.facilitator
    assert ("is running this work itself" in text) == (facilitator is None)
    if facilitator is None:
        assert "facilitator" not in text.lower(), "a home on its own is told about a facilitator"


def _steps(pack: Built):
    from tippack.planning.months import first_three

    return first_three(pack.tailored)


def test_every_one_page_section_fits_one_page(pack: Built):
    for module in pack.tailored.modules:
        for section in module.sections:
            if not section.one_page:
                continue
            heading = next(n for n in _page_of(pack, section.title, start=3)
                           if pack.pdf.pages[n - 1].first_line.startswith(squash(section.title).replace(" ", "")[:20]))
            page = pack.pdf.pages[heading - 1]
            last = section.items[-1]
            ending = {"services": lambda i: i.fields["services"][-1]["name"],
                      "contacts": lambda i: i.fields["contacts"][-1][1]}.get(last.type)
            assert ending, "the test knows how a one-page section ends for contacts and services items"
            assert unwrap(ending(last)) in unwrap(page.body), f"{module.id}/{section.id} runs past page {heading}"
            following = pack.pdf.pages[heading]
            assert not following.body.startswith(squash(ending(last))), "split"


def test_worked_examples_follow_their_module_and_are_in_the_contents(pack: Built):
    contents = unwrap(" ".join(p.body for p in pack.pdf.pages[1:4]))
    modules = list(pack.tailored.modules)
    for index, module in enumerate(modules):
        if not any(i.example is not None for s in module.sections for i in s.items):
            assert f"Worked examples: {unwrap(module.title)}" not in contents
            continue
        title = f"Worked examples: {module.title}"
        assert unwrap(title) in contents, title
        start, end = pack.ranges()[module.id]
        page = pack.pdf.find_big(title, start=start + 1)
        assert page is not None and start < page <= end, (module.id, page, start, end)
        if index + 1 < len(modules):
            assert page < pack.pdf.find_big(modules[index + 1].title, start=page), "examples after the next module"
        # An example never appears inside the module's own pages, beside the write-in spaces.
        for number in range(start + 1, page):
            assert "See an example" not in pack.pdf.pages[number - 1].body

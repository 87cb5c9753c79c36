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
    assert "Contents" in before.header or "How to use this" in before.body or before.body.endswith(
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
    first_part = next(m for m in pack.tailored.modules if m.in_booklet())
    first_module = pack.pdf.find_big(first_part.title, start=start)
    text = unwrap(" ".join(p.body for p in pages[start - 1:first_module]))  # the first part may share its page
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
            heading = next(n for n in _page_of(pack, section.title, start=2)
                           if pack.pdf.pages[n - 1].first_line.startswith(squash(section.title).replace(" ", "")[:20]))
            page = pack.pdf.pages[heading - 1]
            last = section.items[-1]
            ending = {"services": lambda i: i.fields["services"][-1]["name"],
                      "contacts": lambda i: i.fields["contacts"][-1][1]}.get(last.type)
            assert ending, "the test knows how a one-page section ends for contacts and services items"
            assert unwrap(ending(last)) in unwrap(page.body), f"{module.id}/{section.id} runs past page {heading}"
            following = pack.pdf.pages[heading]
            assert not following.body.startswith(squash(ending(last))), "split"


def test_worked_examples_follow_their_tool_and_are_in_the_contents(pack: Built):
    """In the tools volume a tool's worked examples follow it and are in the contents; those of
    the booklet's parts follow the rest of each part, after the tools. Never in the booklet."""
    tools = pack.tools
    contents = unwrap(" ".join(p.body for p in tools.pages[:3]))
    ranges = pack.ranges("tools")
    for module in pack.tailored.modules:
        examples = any(i.example is not None for s in module.sections for i in s.items)
        title = f"Worked examples: {module.title}"
        if module.in_booklet():
            assert unwrap(title) not in contents
            continue
        assert (unwrap(title) in contents) == examples, title
        if not examples:
            continue
        start, end = ranges[module.id]
        page = tools.find_big(title, start=start + 1)
        assert page is not None and start < page <= end, (module.id, page, start, end)
        for number in range(start + 1, page):  # never inside the tool, beside the write-in spaces
            assert "See an example" not in tools.pages[number - 1].body
    assert not any("Worked examples" in p.big for p in pack.booklet.pages)

"""HTML into Word, element by element: no words lost, the formatting kept, white space as a
browser shows it, lists numbered afresh, tables on a grid."""

from __future__ import annotations

import docx
import lxml.html
from docx.oxml.ns import qn
from docx.shared import RGBColor

from tippack.outputs.word.looks import Piece
from tippack.outputs.word.tables import layout_table
from tippack.outputs.word.wordtext import WordWriter, tidy

HTML = """<div>
<h2>A <em>section</em></h2>
<p>Some <strong>bold</strong>, some <em>italic</em> and a <a href="https://example.org">link</a>.<br>
Next   line.</p>
<ul><li>One</li><li>Two<ul><li>Two and a half</li></ul></li></ul>
<ol><li><p>First</p><p>More about it</p></li><li>Second</li></ol>
<ol><li>Again one</li></ol>
<dl class="tp-facts"><dt>For</dt><dd>managers</dd><dt>Time</dt><dd>an hour</dd></dl>
<p class="tp-visually-hidden">Not on paper</p>
<details class="tp-example"><summary>See an example</summary><p>Hidden</p></details>
<table><thead><tr><th>Month</th><th>What</th></tr></thead>
<tbody><tr><th rowspan="2">Month 1</th><td>Read it</td></tr><tr><td>Talk it over</td></tr></tbody></table>
<div>Loose text <span>in a div</span></div>
</div>"""


def written(html: str) -> docx.Document:
    document = docx.Document()
    writer = WordWriter(document, 11.0, RGBColor(0, 0, 0), lambda w, e, c: None)
    writer.blocks(lxml.html.fragment_fromstring(html), document)
    return document


def texts(document: docx.Document) -> list[str]:
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def test_every_word_is_kept_and_nothing_hidden_on_paper_is_added() -> None:
    document = written(HTML)
    found = texts(document)
    for expected in ("A section", "Some bold, some italic and a link.\nNext line.", "One", "Two", "Two and a half",
                     "First", "More about it", "Second", "Again one", "For managers", "Time an hour",
                     "Loose text in a div", "Month 1", "Talk it over"):
        assert expected in found, expected
    assert not any("Not on paper" in t or "Hidden" in t or "See an example" in t for t in found)


def test_styles_formatting_and_fresh_numbering() -> None:
    document = written(HTML)
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["A section"].style.name == "Heading 2"
    assert by_text["One"].style.name == "List Bullet" and by_text["Two and a half"].style.name == "List Bullet 2"
    assert by_text["More about it"].style.name == "List Continue"
    bold = [r.text for r in by_text["Some bold, some italic and a link.\nNext line."].runs if r.bold]
    assert bold == ["bold"]
    first, again = by_text["First"], by_text["Again one"]
    number = lambda p: p._p.pPr.numPr.numId.val  # noqa: E731
    assert number(first) == number(by_text["Second"]) != number(again)


def test_table_cells_span_rows_as_in_the_html() -> None:
    table = lxml.html.fragment_fromstring(HTML).find(".//table")
    grid, header_rows = layout_table(table)
    assert header_rows == 1 and len(grid) == 3 and grid[1][0] is grid[2][0]
    document = written(HTML)
    (word_table,) = document.tables
    assert [c.text for c in word_table.columns[0].cells] == ["Month", "Month 1", "Month 1"]
    assert word_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_white_space_as_a_browser_shows_it() -> None:
    pieces = tidy([Piece("  Hello ", None), Piece(" \n world", None), Piece("", None, newline=True),
                   Piece("  again  ", None)])
    assert [(p.text, p.newline) for p in pieces] == [("Hello ", False), ("world", False), ("", True),
                                                    ("again", False)]

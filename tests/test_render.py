"""Item fragments keep what Markdown needs: preformatted text keeps its blank lines."""

from __future__ import annotations

import html

from support import ROOT

from tippack.building.builder import renderer_for
from tippack.planning.tailor import TailoredItem
from tippack.reading.project import Project


def test_code_blocks_in_a_fragment_keep_their_blank_lines() -> None:
    renderer = renderer_for(Project(ROOT))
    body = "Code:\n\n```\nline 1\n\nline 3\n```\n\n    indented a\n\n    indented c\n"
    item = TailoredItem("x", "markdown", None, {"body": body, "prompt": None, "help": None})
    fragment = renderer.item(item, "m")
    assert "\n\n" not in fragment  # one HTML block for Markdown
    page = html.unescape(renderer.page_html("# Title\n\n" + fragment + "\n"))
    assert "<pre><code>line 1\n\nline 3\n</code></pre>" in page
    assert "<pre><code>indented a\n\nindented c\n</code></pre>" in page

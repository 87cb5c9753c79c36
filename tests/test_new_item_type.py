"""A new item type is one model class, one template, its stylesheet and its docs: this test
adds one in its own temporary project (no other file of the package changes) and builds it
into a site, a PDF and Word (which has no writer of its own for it: the question, its text
and a space to write in)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import docx
import pytest
from pypdf import PdfReader
from support import build_all, small_project

from tippack.reading.items import ItemBase
from tippack.reading.model import register_item_type, unregister_item_type
from tippack.reading.project import Project
from tippack.reading.values import Line

pytestmark = [pytest.mark.build]


class TrafficLightItem(ItemBase):
    """Red, amber or green: where something stands at a glance."""

    type: Literal["traffic-light"]
    lights: list[Line] = ["Red", "Amber", "Green"]


TEMPLATE = """{% import "_macros.html" as m %}
<div class="tp-item tp-item--traffic-light" id="{{ fid }}">
{{ m.head(item, fid) }}
<fieldset class="tp-traffic" {{ m.labelled(item, fid, "Traffic light") }}>
{% for light in item.lights %}
<label class="tp-traffic__light" for="{{ fid }}--{{ loop.index }}">
<input type="radio" class="tp-box" id="{{ fid }}--{{ loop.index }}" name="{{ name }}" value="{{ light }}" data-tp-field>
{{ light }}</label>
{% endfor %}
</fieldset>
</div>
"""
STYLE = ".tp-traffic__light { display: inline-block; margin-right: 8mm; }\n"


@pytest.fixture()
def project(tmp_path: Path):
    register_item_type(TrafficLightItem)
    root = tmp_path / "project"
    root.mkdir()
    project = small_project(root, ("ash",))
    (project.overrides / "items" / "traffic-light.html").write_text(TEMPLATE, encoding="utf-8")
    (project.overrides / "items" / "traffic-light.css").write_text(STYLE, encoding="utf-8")
    module = project.modules_dir / "principles.yml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "sections:\n", "sections:\n  - id: at-a-glance\n    title: At a glance\n    items:\n"
        "      - {id: overall, type: traffic-light, prompt: 'Where does {{ home.name }} stand overall?'}\n", 1),
        encoding="utf-8")
    yield project
    unregister_item_type("traffic-light")


def test_a_new_item_type_builds_into_the_site_the_pdf_and_word(project: Project) -> None:
    out = project.root / "build"
    build_all(project, out, jobs=1, formats="site,pdf,docx")
    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(out / "ash" / "ash-implementation-pack.pdf").pages)
    assert "Where does Ash House stand overall?" in text
    assert "Red" in text and "Amber" in text and "Green" in text
    page = (out / "ash" / "site" / "modules" / "principles.html").read_text(encoding="utf-8")
    assert 'class="tp-item tp-item--traffic-light"' in page
    assert page.count('name="principles.overall"') == 3
    assert "assets/items/traffic-light.css" in page
    assert (out / "ash" / "site" / "assets" / "items" / "traffic-light.css").read_text(encoding="utf-8") == STYLE
    document = docx.Document(out / "ash" / "word" / "principles.docx")
    texts = [p.text for p in document.paragraphs]
    at = texts.index("Where does Ash House stand overall?")
    assert texts[at + 1] == "Red Amber Green"
    assert any(len(t.rows) == 1 and len(t.columns) == 1 for t in document.tables)  # a box to write in

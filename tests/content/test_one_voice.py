"""The library speaks with one voice: each shared thing written once, Example House's figures
agreeing everywhere, plan steps that name what they point at, and no facilitator in a pack
that has none."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tippack.building.builder import renderer_for
from tippack.planning.plan import gather
from tippack.reading.project import Project

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "content" / "modules").glob("*.yml"))


def raw_text() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in MODULES}


def examples(data: Any) -> list[str]:
    """Every string inside a worked example (``example:``) of a module's data."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += strings(value) if key == "example" else examples(value)
    elif isinstance(data, list):
        for value in data:
            found += examples(value)
    return found


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.fixture(scope="module")
def plan():
    return gather(Project(ROOT))


@pytest.mark.parametrize(("marker", "owner"), [
    ("**Trauma Enhanced**", "principles"),  # the training levels, defined
    ("CEL 41", "later-life-trauma"),  # routine enquiry, explained
    ("encourage** the adult", "recording-and-sharing"),  # the Adults with Incapacity principles, listed
    ("### Empowerment", "principles"),  # the five principles, defined with examples
])
def test_each_shared_thing_is_written_in_one_module(marker: str, owner: str) -> None:
    holders = [name for name, text in raw_text().items() if marker.lower() in text.lower()]
    assert holders == [owner]


@pytest.mark.parametrize("phrase", ["critical success factor", "What seemed miles away"])
def test_a_phrase_or_quote_is_used_once(phrase: str) -> None:
    count = sum(text.count(phrase) for text in raw_text().values())
    others = [*(ROOT / "content" / "pages").glob("*.md"), *(ROOT / "overrides" / "pages").glob("*")]
    count += sum(p.read_text(encoding="utf-8").count(phrase) for p in others)
    assert count == 1, phrase


def test_plan_steps_name_what_they_point_at() -> None:
    for path in MODULES:
        plan = yaml.safe_load(path.read_text(encoding="utf-8")).get("plan") or {}
        for key in ("step", "alone"):
            step = plan.get(key) or ""
            assert not re.search(r"\b(this guide|this module|this worksheet|here)\b", step, re.I), (path.name, step)


def test_example_house_has_thirty_staff_everywhere() -> None:
    """docs/formats.md: 30 staff, 4 of them trained at the start; every example agrees."""
    found = []
    for path in MODULES:
        for text in examples(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found += re.findall(r"\b(\d+) of (?:our )?(\d+) (?:care )?staff\b", text)
    assert found and {total for _, total in found} == {"30"}, found
    tna = yaml.safe_load((ROOT / "content/modules/training-needs-analysis.yml").read_text(encoding="utf-8"))
    grid = next(i for s in tna["sections"] for i in s["items"] if i["id"] == "tna-grid")
    counts = [tuple(map(int, row[1].split(" / "))) for row in grid["example"]]
    employed = counts[:6]  # the rows before bank and agency staff and volunteers
    assert sum(n for _, n in employed) == 30 and sum(t for t, _ in employed) == 4


def pack_text(tailored: Any) -> str:
    """Every string a reader of the pack's modules sees (ids and settings left out)."""
    out: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if key in {"id", "type", "principle", "module_id"}:
            return
        if isinstance(value, str):
            out.append(value)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name), field.name)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, key)

    for module in tailored.modules:
        walk(module)
    return "\n".join(out)


def test_a_pack_without_a_facilitator_never_mentions_one(plan) -> None:
    alone = [pp for pp in plan.packs if not (pp.tailored.pack.facilitator and pp.tailored.pack.facilitator.name)]
    assert "heatherbank" in [pp.slug for pp in alone]
    renderer = renderer_for(Project(ROOT))
    for pp in alone:
        fronts = [str(render(pp.tailored, page_links)) for page_links in (True, False)
                  for render in (renderer.quick_start, renderer.month_plan)]
        text = "\n".join([pack_text(pp.tailored), *(body for _, _, body in pp.pages), *fronts])
        assert "facilitator" not in text.lower(), pp.slug
        for module in pp.tailored.modules:
            assert "facilitator" not in module.audience, (pp.slug, module.id)


def test_no_pack_quotes_the_same_words_twice(plan) -> None:
    for pp in plan.packs:
        quotes = re.findall(r'^\s*> (".+")\s*$', pack_text(pp.tailored), re.M)
        repeated = {quote for quote in quotes if quotes.count(quote) > 1}
        assert quotes and not repeated, (pp.slug, repeated)


def test_a_pack_with_a_facilitator_still_lists_them_as_a_reader(plan) -> None:
    oakview = next(pp for pp in plan.packs if pp.slug == "oakview")
    welcome = next(m for m in oakview.tailored.modules if m.id == "welcome")
    assert "facilitator" in welcome.audience

"""The worked examples' made-up home, Example House, has its own cast, listed once (in the
"About this pack" page), and never shares a name with an example pack's own people: a reader
must never take an example for the home's own manager, lead or contact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

pytestmark = [pytest.mark.unit]

ROOT = Path(__file__).resolve().parents[2]
ABOUT = ROOT / "content" / "pages" / "about-this-pack.md"
CAST_LINE = re.compile(r"Its people are made up too: (.+?)\. They are not anyone at")
SAMPLE = re.compile(r"\b(?:Mrs|Mr|[A-Z][a-z]+) Sample\b")


def cast() -> set[str]:
    """Example House's people as the page lists them."""
    listed = CAST_LINE.search(ABOUT.read_text(encoding="utf-8"))
    assert listed, "about-this-pack.md no longer lists Example House's people"
    return set(SAMPLE.findall(listed.group(1)))


def pack_people() -> set[str]:
    """Every person an example pack names: manager, TIP lead, facilitator, signatories, contacts."""
    names: set[str] = set()
    for path in (ROOT / "packs").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        home = data.get("home") or {}
        names.update(v for v in (home.get("manager"), home.get("tip_lead")) if v)
        names.update(s["name"] for s in data.get("signatories") or [] if s.get("name"))
        if data.get("facilitator"):
            names.add(data["facilitator"]["name"])
        for contact in (data.get("adult_protection") or {}).values():
            if isinstance(contact, dict) and contact.get("name"):
                names.add(contact["name"])
    return names


def test_the_cast_is_listed_once_with_its_roles() -> None:
    assert cast() >= {"Rhona Sample", "Dev Sample", "Pat Sample", "Mrs Sample", "Mr Sample"}


def test_every_example_house_person_in_the_modules_is_in_the_cast() -> None:
    for path in (ROOT / "content" / "modules").glob("*.yml"):
        used = set(SAMPLE.findall(path.read_text(encoding="utf-8")))
        assert used <= cast(), f"{path.name} names {sorted(used - cast())}, who is not in Example House's cast"


def test_no_example_pack_person_shares_a_name_with_the_cast() -> None:
    people = pack_people()
    first_names = {name.split()[0] for name in people}
    for member in cast():
        assert member not in people
        assert member.split()[0] not in first_names - {"Mrs", "Mr"}, f"{member} shares a first name with a pack"


def test_no_pack_persons_name_appears_in_a_module() -> None:
    people = pack_people()
    for path in (ROOT / "content" / "modules").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        found = sorted(name for name in people if re.search(rf"\b{re.escape(name)}\b", text))
        assert not found, f"{path.name} names {found}, who belong to an example pack, in its worked examples"

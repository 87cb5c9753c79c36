"""Every phone number a reader could dial rings either a real service kept in content/services.yml
or no one at all: example numbers come only from Ofcom's drama ranges (01632 960000-960999 and
07700 900000-900999). `01234` is Bedford's live code, so an example once rang a real line.

Scanned: the modules, the packs, the content pages, the starter pack, the README and docs/.
Fixtures made to test bad input live under tests/ and are not scanned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.unit]

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "content" / "services.yml"

# Phone-shaped: a UK number of 10 or 11 digits from its leading 0 (or +44), in groups of any size.
PHONE = re.compile(r"(?<![\w/.:#-])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[ -]?\d){8,9}(?![\w/-])")


def scanned() -> list[Path]:
    """The files people read or copy from: what the phone rule covers."""
    files = [*sorted((ROOT / "content" / "modules").glob("*.yml")), *sorted((ROOT / "packs").glob("*.yml")),
             *sorted((ROOT / "content" / "pages").glob("*.md")), ROOT / "overrides" / "starter" / "pack.yml",
             ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [f for f in files if f.is_file()]


def digits(number: str) -> str:
    """A number as its digits alone, with +44 read as the leading 0."""
    plain = re.sub(r"\D", "", number.replace("(0)", ""))
    return "0" + plain[2:] if number.lstrip().startswith("+44") else plain


def in_drama_range(number: str) -> bool:
    """One of Ofcom's numbers for drama: it rings no one."""
    d = digits(number)
    return len(d) == 11 and (d.startswith("01632960") or d.startswith("07700900"))


def real_numbers() -> set[str]:
    """Every number in the services file, the only place real numbers are kept."""
    return {digits(m.group(0)) for m in PHONE.finditer(SERVICES.read_text(encoding="utf-8"))}


def dialable(text: str) -> list[str]:
    """The phone numbers in a text that are neither fictional nor a service the library keeps."""
    known = real_numbers()
    found = (m.group(0) for m in PHONE.finditer(text))
    return [number for number in found if not in_drama_range(number) and digits(number) not in known]


@pytest.mark.parametrize("path", scanned(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_phone_number_is_fictional_or_a_known_service(path: Path) -> None:
    found = dialable(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)} has phone numbers that could ring someone: {found}; use"
                       " 01632 960000-960999 or 07700 900000-900999 for examples, or a services item")


def test_the_rule_covers_the_places_people_read() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in scanned()}
    assert {"README.md", "overrides/starter/pack.yml", "packs/oakview.yml", "docs/formats.md",
            "content/pages/about-this-pack.md", "content/modules/responding-to-disclosure.yml"} <= names


@pytest.mark.parametrize("text", ["call 01234 567890", "01234567890", "+44 1234 567890", "0131 555 0123",
                                  "07700 901000", "01632 961000", "0345 600 9528", "0800-123-4567"])
def test_a_number_that_could_ring_someone_is_caught(text: str) -> None:
    assert dialable(text) == [text.removeprefix("call ")]


@pytest.mark.parametrize("text", ["01632 960000", "01632 960999", "07700 900000", "07700 900999", "07700900123",
                                  "0345 600 9527", "08088 01 03 02", "0800 83 85 87", "116 123", "999 and 101",
                                  "reviewed: 2026-11-26", "version 1.10", "10,094 pages", "theme #0d5c63",
                                  "https://example.org/01632960"])
def test_a_fictional_or_kept_number_and_other_figures_pass(text: str) -> None:
    assert dialable(text) == []

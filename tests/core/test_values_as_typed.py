"""Unquoted values people really type reach the pack exactly as typed, or are refused
with a located message. YAML 1.1 would have read these as numbers, times or booleans."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tippack.reading.library import load_library
from tippack.reading.loading import read_pack
from tippack.reading.project import Project
from tippack.reading.validate import check_pack

MINI = Path(__file__).resolve().parents[1] / "golden" / "mini"


@pytest.fixture()
def mini(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    return Project(root)


def load(project: Project, body: str):
    """Load packs/home.yml made of a minimal pack plus ``body``; the model and the problems."""
    path = project.packs_dir / "home.yml"
    path.write_text("modules: [guide]\n" + body, encoding="utf-8")
    library = load_library(project)
    loaded, problems = check_pack(project, read_pack(project, "home", path, library.known_ids), library)
    return loaded, [p.format() for p in problems if p.severity == "error"]


# (what the line says, where to find the value in the pack, the value it must become)
AS_TYPED = [
    ("version: 1.10\nhome: {name: Oak}", lambda p: p.version, "1.10"),
    ("version: 2\nhome: {name: Oak}", lambda p: p.version, "2"),
    ("version: 1.0\nhome: {name: Oak}", lambda p: p.version, "1.0"),
    ("version: 2026-01\nhome: {name: Oak}", lambda p: p.version, "2026-01"),
    ("home: {name: Oak, manager: No}", lambda p: p.home.manager, "No"),
    ("home: {name: Oak, manager: Yes}", lambda p: p.home.manager, "Yes"),
    ("home: {name: Oak, manager: on}", lambda p: p.home.manager, "on"),
    ("home: {name: Oak, manager: Null Island}", lambda p: p.home.manager, "Null Island"),
    ("home: {name: 1:30}", lambda p: p.home.name, "1:30"),
    ("home: {name: 12:30:00}", lambda p: p.home.name, "12:30:00"),
    ("home: {name: 2024}", lambda p: p.home.name, "2024"),
    ("home: {name: 007 Care}", lambda p: p.home.name, "007 Care"),
    ("home: {name: 0.5e3}", lambda p: p.home.name, "0.5e3"),
    ("home: {name: .inf}", lambda p: p.home.name, ".inf"),
    ("home: {name: 0x1F}", lambda p: p.home.name, "0x1F"),
    ("home: {name: 1_000}", lambda p: p.home.name, "1_000"),
    ("home: {name: +44}", lambda p: p.home.name, "+44"),
    ("home: {name: Oak, address: FK1 1AB}", lambda p: p.home.address, "FK1 1AB"),
    ("home: {name: Oak, address: 2026-11-01}", lambda p: p.home.address, "2026-11-01"),
    ("home: {name: Oak, address: 2026-11-01 10:00}", lambda p: p.home.address, "2026-11-01 10:00"),
    ("home: {name: Oak}\nfacilitator: {name: Al, phone: 01632 960090}", lambda p: p.facilitator.phone,
     "01632 960090"),
    ("home: {name: Oak}\nfacilitator: {name: Al, phone: 01632960090}", lambda p: p.facilitator.phone,
     "01632960090"),
    ("home: {name: Oak}\nfacilitator: {name: Al, phone: 1234567}", lambda p: p.facilitator.phone, "1234567"),
    ("home: {name: Oak}\nfacilitator: {name: Al, phone: +44 1234 567890}", lambda p: p.facilitator.phone,
     "+44 1234 567890"),
    ("home: {name: Oak}\npartners: [{name: P, checked: 2026-11-01}]", lambda p: p.partners[0].checked,
     dt.date(2026, 11, 1)),
    ('home: {name: Oak}\npartners: [{name: P, checked: "2026-11-01"}]', lambda p: p.partners[0].checked,
     dt.date(2026, 11, 1)),
    ("home: {name: Oak}\nvars: {review: 2027-05-01}", lambda p: p.vars["review"], dt.date(2027, 5, 1)),
    ("home: {name: Oak}\nvars: {ratio: 1.50}", lambda p: p.vars["ratio"], "1.50"),
    ("home: {name: Oak}\nvars: {beds: 40}", lambda p: p.vars["beds"], 40),
    ("home: {name: Oak}\nvars: {opened: 1:30}", lambda p: p.vars["opened"], "1:30"),
    ("home: {name: Oak}\nprint: {duplex: true}", lambda p: p.print.duplex, True),
    ("home: {name: Oak}\nprint: {duplex: False}", lambda p: p.print.duplex, False),
    ("home: {name: Ọlọ́run}", lambda p: p.home.name, "Ọlọ́run"),
    ("home: {name: \"O\u0323lo\u0323\u0301run\"}", lambda p: p.home.name, "Ọlọ́run"),  # typed decomposed: NFC
]


@pytest.mark.parametrize(("body", "get", "expected"), AS_TYPED, ids=[b.replace("\n", " ") for b, _, _ in AS_TYPED])
def test_value_is_kept_as_typed(mini: Project, body: str, get, expected) -> None:
    loaded, errors = load(mini, body)
    assert not errors, errors
    assert get(loaded.model) == expected


# (what the line says, the error the facilitator reads)
REFUSED = [
    ("home: {name: Oak}\nprint: {duplex: yes}", "packs/home.yml:3:17: error: print.duplex: expected true or false,"
     " found text 'yes'"),
    ("home: {name: Oak}\nprint: {duplex: no}", "expected true or false, found text 'no'"),
    ("home: {name: Oak}\npartners: [{name: P, checked: 1/11/2026}]", "partners[0] ('P').checked: expected a date"
     " (YYYY-MM-DD), found text '1/11/2026'"),
    ("home: {name: Oak}\npartners: [{name: P, checked: 2026-11-1}]", "found text '2026-11-1'"),
    ("home: {name: Oak}\npartners: [{name: P, checked: 2026-02-30}]", "'2026-02-30' is not a real date"),
    ("home: {name: true}", "home.name: expected text, found true"),
    ("home: {name: ~}", "home.name: expected text, found an empty value"),
    ("home: {name: Oak}\nfacilitator: {name: Al, phone: ext. 12}", "facilitator.phone: expected a phone number"),
]


@pytest.mark.parametrize(("body", "message"), REFUSED, ids=[b.replace("\n", " ") for b, _ in REFUSED])
def test_value_that_cannot_be_read_as_typed_is_refused(mini: Project, body: str, message: str) -> None:
    loaded, errors = load(mini, body)
    assert loaded is None
    assert any(message in e for e in errors), errors

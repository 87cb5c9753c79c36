"""The disclosure flow's contacts and national numbers as printed: what the pack gives is printed,
what it lacks is a clear space to write in (never an empty label), and a national number nobody
has confirmed on the service's own page says so beside it (999, 101 and 111 never do)."""

from __future__ import annotations

import pytest
from printed import squash
from pypdf import PdfReader
from support import build_all, small_project

pytestmark = [pytest.mark.build]

UNCONFIRMED = squash("not yet confirmed: check before you rely on it")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """One small pack with the disclosure guide, the lead given as a role only, no on-call number,
    and the Samaritans' number confirmed by a person: each page's text, squashed."""
    root = tmp_path_factory.mktemp("contacts") / "project"
    root.mkdir()
    project = small_project(root, ())
    services = project.root / "content" / "services.yml"
    text = services.read_text(encoding="utf-8")
    anchor = "      url: https://www.samaritans.org/how-we-can-help/contact-samaritan/\n    found: 2026-11-26\n"
    assert anchor in text, "the test confirms the Samaritans' number in a copy of the services file"
    services.write_text(text.replace(anchor, anchor + "    confirmed: 2026-12-01\n"), encoding="utf-8")
    (project.packs_dir / "flow.yml").write_text(
        "home: {name: Flow House, manager: Jane Example}\nmodules: [responding-to-disclosure]\nadult_protection:\n"
        "  lead: {role: Adult protection lead}\n"
        "  if_about_manager: {name: Chris Example, role: Owner, phone: '07700 900102'}\n"
        "  council: {name: Example Council adult protection team, phone: '01632 960001'}\n", encoding="utf-8")
    out = root / "build"
    build_all(project, out, ("flow",), jobs=1, formats="pdf")
    reader = PdfReader(out / "flow" / "flow-implementation-pack.pdf")
    return [squash(p.extract_text()) for p in reader.pages]


def _flow(pages: list[str]) -> str:
    return next(p for p in pages if squash("If you hear about, see or suspect harm") in p
                and squash("Who to phone at Flow House") in p)


def test_missing_contacts_leave_a_space_to_write_them_in(printed: list[str]) -> None:
    flow = _flow(printed)
    on_call = flow.split(squash("On-call manager (nights and weekends)"), 1)[1].split(squash("Our adult protection"))[0]
    assert squash("No on-call number yet. Write the on-call manager's name and number here") in on_call
    lead = flow.split(squash("Our adult protection lead"), 1)[1].split(squash("If it is about the manager"), 1)[0]
    assert squash("Not filled in yet") in lead  # a role alone is not a contact
    about = flow.split(squash("If it is about the manager or the lead"), 1)[1].split(squash("Council adult"), 1)[0]
    assert squash("Chris Example, Owner") in about and "07700 900102" in about
    hours = flow.split(squash("Out of hours (social work)"), 1)[1]
    assert squash("Not filled in yet") in hours and squash("write the name and number here") in hours
    council = flow.split(squash("Council adult protection team"), 1)[1].split(squash("Out of hours"), 1)[0]
    assert squash("Example Council adult protection team") in council and "01632 960001" in council
    assert squash("Not filled in yet") not in council


def test_the_flow_marks_the_care_inspectorates_number_as_not_yet_confirmed(printed: list[str]) -> None:
    flow = _flow(printed)
    assert squash("Care Inspectorate 0345 600 9527 not yet confirmed: check before you rely on it") in flow


def _entry(pages: list[str], name: str) -> str:
    """A national service's entry in a full services list: from its name to the next "Found"."""
    page = next(p for p in pages if squash(name) in p and "Found" in p.split(squash(name), 1)[1])
    return page.split(squash(name), 1)[1].split("Found", 1)[0]


def test_full_entries_say_not_yet_confirmed_until_a_person_confirms(printed: list[str]) -> None:
    assert UNCONFIRMED.capitalize() in _entry(printed, "Rape Crisis Scotland Helpline 08088 01 03 02")
    samaritans = _entry(printed, "Samaritans 116 123")
    assert squash("not yet confirmed") not in samaritans.lower()
    assert any(squash("Confirmed on the service's own page in December 2026.") in p for p in printed)
    police = _entry(printed, "Police Scotland, non-emergency 101")
    assert squash("not yet confirmed") not in police.lower()  # 999, 101 and 111 are never marked

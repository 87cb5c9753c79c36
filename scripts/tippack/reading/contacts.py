"""The home's adult protection contacts as a pack gives them, checked against what its modules print.

Two checks a schema cannot make: a warning for each contact a module prints that the pack
lacks (the printed flow leaves a line to write it in), and the rule that keeps the disclosure
route from going in a circle: when the adult protection lead is the home's manager, "if it is
about the manager" must name somebody else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from tippack.reading.problems import Problem
from tippack.reading.source import Document, KeyPath, mapping

CONTACT_WORDS = {
    "lead": "the home's adult protection lead",
    "on_call": "the on-call manager for nights and weekends",
    "if_about_manager": "someone who is not the manager, for concerns about the manager",
    "council": "the council's adult protection team",
    "out_of_hours": "out-of-hours social work",
    "care_inspectorate": "how the Care Inspectorate is notified",
}
REACHABLE_BY = ("name", "phone", "email", "website", "note")


class HasModel(Protocol):
    """A loaded module: its id and its model (sections of items)."""

    @property
    def id(self) -> str: ...
    @property
    def model(self) -> Any: ...


def shown_contacts(loaded: HasModel) -> list[str]:
    """The contact keys a module's `contacts` items print, in the order they first appear."""
    wanted: list[str] = []
    for section in loaded.model.sections:
        for item in section.items:
            if item.type == "contacts":
                wanted += [key for key in item.show if key not in wanted]
    return wanted


def _given(data: dict[str, Any]) -> dict[str, Any]:
    given = data.get("adult_protection")
    return given if isinstance(given, dict) else {}


def _reachable(contact: Any) -> bool:
    return isinstance(contact, dict) and any(contact.get(k) for k in REACHABLE_BY)


def check_contacts(doc: Document, data: dict[str, Any], path: KeyPath, loaded: HasModel) -> list[Problem]:
    """A module that prints the home's adult protection contacts: warn for each one the pack lacks."""
    wanted = shown_contacts(loaded)
    if not wanted:
        return []
    given = _given(data)
    missing = [key for key in wanted if not _reachable(given.get(key))
               and not (key == "if_about_manager" and _loops(data))]  # check_route says that, as an error
    if not missing:
        return []
    words = ", ".join(f"{CONTACT_WORDS[k]} ({k})" for k in missing)
    return [doc.problem(path, f"module '{loaded.id}' prints the home's adult protection contacts, but the pack"
                f" has none for {words}; add them under 'adult_protection:' (the printed flow leaves a"
                " blank to write them in)", "warning")]


def same_person(one: Any, other: Any) -> bool:
    """Two names for one person, as people type them: case and spacing aside."""
    if not isinstance(one, str) or not isinstance(other, str):
        return False
    return bool(one.split()) and " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def _loops(data: dict[str, Any]) -> bool:
    """The lead is the home's manager, and nobody else is named for concerns about them."""
    home = mapping(data.get("home"))
    given = _given(data)
    lead = mapping(given.get("lead"))
    return same_person(lead.get("name"), home.get("manager")) and not _reachable(given.get("if_about_manager"))


def check_route(doc: Document, data: dict[str, Any], modules: Iterable[HasModel]) -> list[Problem]:
    """Refuse a route that loops: the pack prints "if it is about the manager", its adult
    protection lead is the manager, and it names nobody else to tell. A night worker would be
    sent back to the person the concern is about."""
    printing = [m for m in modules if "if_about_manager" in shown_contacts(m)]
    if not printing or not _loops(data):
        return []
    return [doc.problem(("adult_protection", "lead", "name"),
                        f"the adult protection lead is the home's manager, and module '{printing[0].id}' tells"
                        " staff who to phone when the concern is about the manager or the lead: that route"
                        " would go in a circle; add 'if_about_manager: {name, role, phone}' under"
                        " 'adult_protection:', someone who is not the manager (the owner, a director or"
                        " the head of service)")]

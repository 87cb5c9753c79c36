"""The schema of module and pack files, as pydantic models.

``extra="forbid"`` everywhere so a misspelt key is an error, not silently
ignored. Only shape and simple value rules live here; cross-file checks
(module ids, section ids, files) are in ``validate``. Item types are in ``items``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator

from tippack.reading.items import AnyItem, ItemBase, forget_item_type, item_type
from tippack.reading.values import (
    Colour,
    Date,
    DefaultsName,
    Email,
    Id,
    Line,
    Phone,
    Reference,
    ShortPhone,
    Strict,
    Tag,
    Text,
    VarName,
    Written,
    check_url,
)

# Every kind of module: its label, and the heading its modules sit under on the site's home
# page, in the order the home page shows them. The schema's allowed kinds come from here.
KINDS: dict[str, tuple[str, str]] = {
    "guide": ("Guide", "Guides to read"),
    "proforma": ("Assessment proforma", "Assessment"),
    "worksheet": ("Worksheet", "Worksheets"),
    "template": ("Template", "Templates to complete"),
    "log": ("Log", "Logs to keep"),
}
Kind = Literal["guide", "proforma", "worksheet", "template", "log"]  # the keys of KINDS, in order
# Where a module (or one of its sections) is printed: in the core booklet a home uses in its
# first month, or among the tools, a volume of their own, each tool also a PDF of its own.
Part = Literal["core", "tool"]
BOOKLET_PAGES = 40  # the booklet's page budget unless a pack sets print.booklet_pages
Audience = Literal[
    "manager",
    "tip-lead",
    "team-leader",
    "care-staff",
    "ancillary-staff",
    "senior-management",
    "stakeholder-group",
    "facilitator",
    "all-staff",
]
def register_item_type(cls: type[ItemBase]) -> type[ItemBase]:
    """Add an item type at run time (a project's own, or a test's) and rebuild the schema with it."""
    item_type(cls)
    _rebuild()
    return cls


def unregister_item_type(name: str) -> None:
    """Take an item type added at run time out again."""
    forget_item_type(name)
    _rebuild()


def _rebuild() -> None:
    Section.model_rebuild(force=True)
    Module.model_rebuild(force=True)


class Section(Strict):
    id: Id
    title: Line
    one_page: bool = False  # printed on a page of its own, which it must fit (a flow, a quick reference)
    part: Part | None = None  # unset: the module's part
    intro: Text | None = None
    when: list[Tag] = []
    unless: list[Tag] = []
    items: Annotated[list[AnyItem], Field(min_length=1)]


class ModulePlan(Strict):
    """Where a module sits in the six-month plan, and what doing it means this month."""

    month: Annotated[int, Field(ge=1, le=6)]
    step: Line
    alone: Line | None = None  # the step for a home working without a facilitator, when it differs
    who: Line
    time: Line
    start: Annotated[int, Field(ge=1, le=9)] | None = None  # rank among the quick start's first things


class Module(Strict):
    title: Line
    kind: Kind
    part: Part = "tool"  # its sections' part, unless a section says otherwise or a pack moves it
    summary: Text
    audience: Annotated[list[Audience], Field(min_length=1)]
    time: Line
    sources: Annotated[list[Reference], Field(min_length=1)]
    reviewed: Date | None = None
    plan: ModulePlan | None = None
    intro: Text | None = None
    scales: dict[Id, Annotated[list[Line], Field(min_length=2, max_length=10)]] = {}
    spreadsheet: bool | None = None  # its tables as a spreadsheet too (unset: yes for a log)
    sections: Annotated[list[Section], Field(min_length=1)]

    def keeps_records(self) -> bool:
        """Whether its tables are records a home keeps, made into a spreadsheet."""
        return self.spreadsheet if self.spreadsheet is not None else self.kind == "log"


class Home(Strict):
    name: Line
    provider: Line | None = None
    ownership: Literal["private", "voluntary", "local-authority"] | None = None
    services: list[Tag] = []
    address: Line | None = None
    logo: Line | None = None
    manager: Line | None = None
    tip_lead: Line | None = None
    website: Line | None = None

    _url = field_validator("website")(check_url)


class Facilitator(Strict):
    name: Line
    organisation: Line | None = None
    email: Email | None = None
    phone: Phone | None = None


class Signatory(Strict):
    name: Line | None = None
    role: Line


class Partner(Strict):
    name: Line
    offers: Line | None = None
    phone: Phone | None = None
    email: Email | None = None
    website: Line | None = None
    checked: Date | None = None

    _url = field_validator("website")(check_url)


class Contact(Strict):
    """One local contact: a team, a line or a named person."""

    name: Line | None = None
    role: Line | None = None
    phone: Phone | None = None
    email: Email | None = None
    website: Line | None = None
    hours: Line | None = None
    note: Line | None = None

    _url = field_validator("website")(check_url)


class AdultProtection(Strict):
    """The home's adult protection contacts, printed in the disclosure flow."""

    lead: Contact | None = None  # the home's named adult protection lead
    on_call: Contact | None = None  # the on-call manager, for nights and weekends
    if_about_manager: Contact | None = None  # someone who is not the manager: owner, director, head of service
    council: Contact | None = None  # the council's adult protection team or line
    out_of_hours: Contact | None = None  # out-of-hours social work
    care_inspectorate: Contact | None = None  # how and by whom the Care Inspectorate is notified
    checked: Date | None = None


NEVER_MARKED = frozenset({"999", "101", "111"})  # numbers printed without "not yet confirmed"


class ServiceSource(Strict):
    title: Line
    url: Line

    _url = field_validator("url")(check_url)


class Service(Strict):
    """A national support service (a helpline), kept once in the library with its source."""

    id: Id
    name: Line
    offers: Text
    phone: ShortPhone | None = None
    email: Email | None = None
    website: Line | None = None
    hours: Line | None = None
    topics: list[Id] = []
    note: Text | None = None
    source: ServiceSource  # where the number was found
    found: Date  # when it was found there: not a confirmation
    confirmed: Date | None = None  # when a person confirmed it on the service's own live page

    @property
    def unconfirmed(self) -> bool:
        """Printed with "not yet confirmed": a number nobody has confirmed on the live page
        (999, 101 and 111 are never marked: everyone can rely on those)."""
        return self.confirmed is None and bool(self.phone) and (self.phone or "").replace(" ", "") not in NEVER_MARKED

    _url = field_validator("website")(check_url)


class ServicesFile(Strict):
    """content/services.yml: the national services every pack may print."""

    services: Annotated[list[Service], Field(min_length=1)]


class ModuleRef(Strict):
    id: Id
    exclude: list[Id] = []
    part: Part | None = None  # the whole module in the booklet (core) or among the tools, whatever it says


class Theme(Strict):
    primary: Colour = "#1f5f8b"
    accent: Colour | None = None


class Print(Strict):
    paper: Literal["A4", "Letter"] = "A4"
    duplex: bool = False
    large_print: bool = False
    fillable: bool = False
    booklet_pages: Annotated[int, Field(ge=4, le=500)] = BOOKLET_PAGES  # build and check warn past it


VarValue = str | int | bool | dt.date | None


class Pack(Strict):
    extends: DefaultsName | None = None
    version: Annotated[str, Written, Field(min_length=1, max_length=20)] = "1"
    home: Home
    facilitator: Facilitator | None = None
    tags: list[Tag] = []
    modules: Annotated[list[Id | ModuleRef], Field(min_length=1)]
    signatories: list[Signatory] = []
    partners: list[Partner] = []
    adult_protection: AdultProtection = AdultProtection()
    vars: dict[VarName, VarValue] = {}
    theme: Theme = Theme()
    print: Print = Print()

    def module_refs(self) -> list[ModuleRef]:
        """The pack's modules in order, each as a reference with its exclusions."""
        return [ModuleRef(id=m) if isinstance(m, str) else m for m in self.modules]

    def all_tags(self) -> list[str]:
        """The pack's tags: its own, plus its ownership and services."""
        tags = list(self.tags)
        if self.home.ownership:
            tags.append(self.home.ownership)
        tags.extend(self.home.services)
        return sorted(set(tags))


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """A JSON Schema for editors (yaml-language-server)."""
    return model.model_json_schema(mode="validation")

"""The schema of module and pack files, as pydantic models.

``extra="forbid"`` everywhere so a misspelt key is an error, not silently
ignored. Only shape and simple value rules live here; cross-file checks
(module ids, section ids, files) are in ``validate``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COLOUR_RE = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
EMAIL_RE = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$"
URL_SCHEMES = ("http://", "https://", "mailto:", "tel:")



def as_written(value: Any) -> Any:
    """A whole number or a date where text is expected: the text it was typed as.

    The loader reads an unquoted value as a number or a date only when its text is
    exactly the number's or date's own (no leading zeros, YYYY-MM-DD), so this gives
    back what was typed: ``phone: 1234567``, ``name: 2024``, ``version: 2``.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def date_from_text(value: Any) -> Any:
    """A date typed in quotes ("2026-11-01") is still a date; other text stays text (and is refused)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


Written = BeforeValidator(as_written)
Date = Annotated[dt.date, BeforeValidator(date_from_text)]
Id = Annotated[str, Field(pattern=ID_RE, max_length=60)]
Phone = Annotated[str, Written, Field(pattern=r"^[0-9 +()-]{6,20}$")]
ShortPhone = Annotated[str, Written, Field(pattern=r"^[0-9 +()-]{3,20}$")]  # national numbers: 999, 101, 116 123
Email = Annotated[str, Field(pattern=EMAIL_RE, max_length=200)]
Tag = Annotated[str, Field(pattern=ID_RE, max_length=60)]
Text = Annotated[str, Written, Field(min_length=1, max_length=20_000)]
Line = Annotated[str, Written, Field(min_length=1, max_length=300)]
Reference = Annotated[str, Written, Field(min_length=1, max_length=600)]

Kind = Literal["proforma", "worksheet", "template", "guide", "log"]
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
Principle = Literal["safety", "trust", "choice", "collaboration", "empowerment"]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _among(chosen: list[str], options: list[str] | None) -> None:
    """A worked example answers with the item's own options."""
    for choice in chosen:
        if options is not None and choice not in options:
            raise ValueError(f"'{choice[:60]}' is not one of this item's options")


class ItemBase(Strict):
    id: Id
    prompt: Text | None = None
    help: Text | None = None
    when: list[Tag] = []
    unless: list[Tag] = []
    principle: Principle | None = None


class MarkdownItem(ItemBase):
    type: Literal["markdown"]
    body: Text


class TextItem(ItemBase):
    type: Literal["text"]
    lines: Annotated[int, Field(ge=1, le=40)] = 3
    example: Text | None = None


class RatingExample(Strict):
    """A worked answer to a rating: the label chosen, and what was written as evidence."""

    choice: Line
    notes: Text | None = None


class RatingItem(ItemBase):
    type: Literal["rating"]
    scale: Id | Annotated[list[Line], Field(min_length=2, max_length=10)]
    notes: bool = False
    example: Line | RatingExample | None = None


class ChoiceItem(ItemBase):
    type: Literal["choice"]
    options: Annotated[list[Line], Field(min_length=2, max_length=30)]
    multiple: bool = False
    example: Line | Annotated[list[Line], Field(min_length=1)] | None = None

    @field_validator("example")
    @classmethod
    def _example_is_an_option(cls, example: Any, info: ValidationInfo) -> Any:
        chosen = [example] if isinstance(example, str) else (example or [])
        if len(chosen) > 1 and not info.data.get("multiple"):
            raise ValueError("this question takes one answer; give one option, not a list")
        _among(chosen, info.data.get("options"))
        return example


class ChecklistItem(ItemBase):
    type: Literal["checklist"]
    options: Annotated[list[Line], Field(min_length=1, max_length=60)]
    example: Annotated[list[Line], Field(min_length=1)] | None = None

    @field_validator("example")
    @classmethod
    def _example_is_an_option(cls, example: Any, info: ValidationInfo) -> Any:
        _among(example or [], info.data.get("options"))
        return example


class TableItem(ItemBase):
    type: Literal["table"]
    columns: Annotated[list[Line], Field(min_length=1, max_length=10)]
    rows: Annotated[int, Field(ge=1, le=60)] | None = None
    row_labels: Annotated[list[Line], Field(min_length=1, max_length=60)] | None = None

    example: Annotated[list[list[str]], Field(min_length=1, max_length=60)] | None = None

    @model_validator(mode="after")
    def _rows_or_labels(self) -> TableItem:
        if self.rows is not None and self.row_labels is not None:
            raise ValueError("give either 'rows' or 'row_labels', not both")
        return self

    @field_validator("example")
    @classmethod
    def _example_fits(cls, example: Any, info: ValidationInfo) -> Any:
        columns, labels = info.data.get("columns"), info.data.get("row_labels")
        if example is None or columns is None:
            return example
        cells = len(columns) - (1 if labels else 0)
        most = len(labels) if labels else max(info.data.get("rows") or 3, len(example))
        if len(example) > most:
            raise ValueError(f"{len(example)} rows, but the table has {most}")
        for row in example:
            if len(row) > cells:
                raise ValueError(f"a row has {len(row)} cells, but the table has {cells} to write in")
        return example


class SignaturesItem(ItemBase):
    type: Literal["signatures"]
    roles: Annotated[list[Line], Field(min_length=1, max_length=12)] | None = None


class DateItem(ItemBase):
    type: Literal["date"]
    example: Date | None = None


ContactKey = Literal["lead", "council", "out_of_hours", "care_inspectorate"]


class ContactsItem(ItemBase):
    """The home's own adult protection contacts, from the pack; a blank to fill in for each one missing."""

    type: Literal["contacts"]
    show: Annotated[list[ContactKey], Field(min_length=1)] = ["lead", "council", "out_of_hours", "care_inspectorate"]


class ServicesItem(ItemBase):
    """National support services from the library's services file, with when each was last checked."""

    type: Literal["services"]
    show: Annotated[list[Id], Field(min_length=1)] | None = None
    topics: Annotated[list[Id], Field(min_length=1)] | None = None
    brief: bool = False  # one line each (name, number, hours): for a one-page flow


class ChartItem(ItemBase):
    """A run chart of a table in the same module: a blank grid on paper, the typed figures on screen."""

    type: Literal["chart"]
    table: Id  # the id of a table item in this module whose rows are measures and columns months
    rows: Annotated[list[Line], Field(min_length=1, max_length=8)] | None = None  # row labels to plot


Item = Annotated[
    MarkdownItem
    | TextItem
    | RatingItem
    | ChoiceItem
    | ChecklistItem
    | TableItem
    | SignaturesItem
    | DateItem
    | ContactsItem
    | ServicesItem
    | ChartItem,
    Field(discriminator="type"),
]

ITEM_TYPES = (
    "markdown", "text", "rating", "choice", "checklist", "table", "signatures", "date", "contacts", "services", "chart",
)


class Section(Strict):
    id: Id
    title: Line
    one_page: bool = False  # printed on a page of its own, which it must fit (a flow, a quick reference)
    intro: Text | None = None
    when: list[Tag] = []
    unless: list[Tag] = []
    items: Annotated[list[Item], Field(min_length=1)]


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
    summary: Text
    audience: Annotated[list[Audience], Field(min_length=1)]
    time: Line
    sources: Annotated[list[Reference], Field(min_length=1)]
    reviewed: Date | None = None
    plan: ModulePlan | None = None
    intro: Text | None = None
    scales: dict[Id, Annotated[list[Line], Field(min_length=2, max_length=10)]] = {}
    sections: Annotated[list[Section], Field(min_length=1)]


def _check_url(value: str | None) -> str | None:
    if value is None:
        return value
    if not value.lower().startswith(URL_SCHEMES) or re.search(r"[\s<>\"']", value):
        raise ValueError("expected a web address starting with https:// (or http://, mailto:, tel:)")
    return value


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

    _url = field_validator("website")(_check_url)


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

    _url = field_validator("website")(_check_url)


class Contact(Strict):
    """One local contact: a team, a line or a named person."""

    name: Line | None = None
    role: Line | None = None
    phone: Phone | None = None
    email: Email | None = None
    website: Line | None = None
    hours: Line | None = None
    note: Line | None = None

    _url = field_validator("website")(_check_url)


class AdultProtection(Strict):
    """The home's adult protection contacts, printed in the disclosure flow."""

    lead: Contact | None = None  # the home's named adult protection lead
    council: Contact | None = None  # the council's adult protection team or line
    out_of_hours: Contact | None = None  # out-of-hours social work
    care_inspectorate: Contact | None = None  # how and by whom the Care Inspectorate is notified
    checked: Date | None = None


class ServiceSource(Strict):
    title: Line
    url: Line

    _url = field_validator("url")(_check_url)


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
    source: ServiceSource
    checked: Date

    _url = field_validator("website")(_check_url)


class ServicesFile(Strict):
    """content/services.yml: the national services every pack may print."""

    services: Annotated[list[Service], Field(min_length=1)]


class ModuleRef(Strict):
    id: Id
    exclude: list[Id] = []


class Theme(Strict):
    primary: Annotated[str, Field(pattern=COLOUR_RE)] = "#1f5f8b"
    accent: Annotated[str, Field(pattern=COLOUR_RE)] | None = None


class Print(Strict):
    paper: Literal["A4", "Letter"] = "A4"
    duplex: bool = False
    large_print: bool = False
    fillable: bool = False


VarValue = str | int | bool | dt.date | None


class Pack(Strict):
    extends: Annotated[str, Field(pattern=r"^_[a-z0-9_-]+$")] | None = None
    version: Annotated[str, Written, Field(min_length=1, max_length=20)] = "1"
    home: Home
    facilitator: Facilitator | None = None
    tags: list[Tag] = []
    modules: Annotated[list[Id | ModuleRef], Field(min_length=1)]
    signatories: list[Signatory] = []
    partners: list[Partner] = []
    adult_protection: AdultProtection = AdultProtection()
    vars: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)], VarValue] = {}
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

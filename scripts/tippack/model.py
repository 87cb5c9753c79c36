"""The schema of module and pack files, as pydantic models.

``extra="forbid"`` everywhere so a misspelt key is an error, not silently
ignored. Only shape and simple value rules live here; cross-file checks
(module ids, section ids, files) are in ``validate``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COLOUR_RE = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
EMAIL_RE = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$"
URL_SCHEMES = ("http://", "https://", "mailto:", "tel:")

Id = Annotated[str, Field(pattern=ID_RE, max_length=60)]
Tag = Annotated[str, Field(pattern=ID_RE, max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
Line = Annotated[str, Field(min_length=1, max_length=300)]
Reference = Annotated[str, Field(min_length=1, max_length=600)]

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


class RatingItem(ItemBase):
    type: Literal["rating"]
    scale: Id | Annotated[list[Line], Field(min_length=2, max_length=10)]
    notes: bool = False


class ChoiceItem(ItemBase):
    type: Literal["choice"]
    options: Annotated[list[Line], Field(min_length=2, max_length=30)]
    multiple: bool = False


class ChecklistItem(ItemBase):
    type: Literal["checklist"]
    options: Annotated[list[Line], Field(min_length=1, max_length=60)]


class TableItem(ItemBase):
    type: Literal["table"]
    columns: Annotated[list[Line], Field(min_length=1, max_length=10)]
    rows: Annotated[int, Field(ge=1, le=60)] | None = None
    row_labels: Annotated[list[Line], Field(min_length=1, max_length=60)] | None = None

    @model_validator(mode="after")
    def _rows_or_labels(self) -> TableItem:
        if self.rows is not None and self.row_labels is not None:
            raise ValueError("give either 'rows' or 'row_labels', not both")
        return self


class SignaturesItem(ItemBase):
    type: Literal["signatures"]
    roles: Annotated[list[Line], Field(min_length=1, max_length=12)] | None = None


class DateItem(ItemBase):
    type: Literal["date"]


Item = Annotated[
    MarkdownItem | TextItem | RatingItem | ChoiceItem | ChecklistItem | TableItem | SignaturesItem | DateItem,
    Field(discriminator="type"),
]

ITEM_TYPES = ("markdown", "text", "rating", "choice", "checklist", "table", "signatures", "date")


class Section(Strict):
    id: Id
    title: Line
    intro: Text | None = None
    when: list[Tag] = []
    unless: list[Tag] = []
    items: Annotated[list[Item], Field(min_length=1)]


class Module(Strict):
    title: Line
    kind: Kind
    summary: Text
    audience: Annotated[list[Audience], Field(min_length=1)]
    time: Line
    sources: Annotated[list[Reference], Field(min_length=1)]
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
    email: Annotated[str, Field(pattern=EMAIL_RE, max_length=200)] | None = None
    phone: Annotated[str, Field(pattern=r"^[0-9 +()-]{6,20}$")] | None = None


class Signatory(Strict):
    name: Line | None = None
    role: Line


class Partner(Strict):
    name: Line
    offers: Line | None = None
    phone: Annotated[str, Field(pattern=r"^[0-9 +()-]{6,20}$")] | None = None
    email: Annotated[str, Field(pattern=EMAIL_RE, max_length=200)] | None = None
    website: Line | None = None
    checked: dt.date | None = None

    _url = field_validator("website")(_check_url)


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


VarValue = str | int | float | bool | dt.date | None


class Pack(Strict):
    extends: Annotated[str, Field(pattern=r"^_[a-z0-9_-]+$")] | None = None
    version: Annotated[str, Field(min_length=1, max_length=20)] | int | float = "1"
    home: Home
    facilitator: Facilitator | None = None
    tags: list[Tag] = []
    modules: Annotated[list[Id | ModuleRef], Field(min_length=1)]
    signatories: list[Signatory] = []
    partners: list[Partner] = []
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

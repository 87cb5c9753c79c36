"""Item types: one model class each, registered by its ``type``.

An item type is this class, a template ``overrides/items/<type>.html`` (its CSS, when it
needs its own, in ``overrides/items/<type>.css``) and a paragraph in docs/formats.md. The
list of types, the schema's discriminated union and the checks are derived from the
registry; a type that needs data beyond its own fields (a named scale, the pack's
contacts, national services) says so in ``lookups``.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from tippack.reading.problems import Problem
from tippack.reading.scope import ItemScope
from tippack.reading.source import Document, KeyPath, listed, mapping
from tippack.reading.suggest import did_you_mean, one_of
from tippack.reading.values import Date, Id, Line, Strict, Tag, Text, refuse

Principle = Literal["safety", "trust", "choice", "collaboration", "empowerment"]

_REGISTRY: dict[str, type[ItemBase]] = {}


@dataclass(frozen=True)
class ModuleView:
    """A module file as read (raw data, positions) and the library's services, for cross-checks."""

    data: dict[str, Any]
    doc: Document
    services: dict[str, Any]
    services_path: Any  # the services file, when the project has one

    def items(self) -> list[tuple[KeyPath, dict[str, Any]]]:
        """Every item mapping in the module, with its key path."""
        return raw_items(self.data)


def raw_items(data: Any) -> list[tuple[KeyPath, dict[str, Any]]]:
    """Every item mapping in a module file as read (even one the schema refuses), with its key path."""
    out: list[tuple[KeyPath, dict[str, Any]]] = []
    sections = data.get("sections") if isinstance(data, dict) else None
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        entries = section.get("items") if isinstance(section, dict) else None
        for i, item in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(item, dict):
                out.append((("sections", s, "items", i), item))
    return out


def item_type(cls: type[ItemBase]) -> type[ItemBase]:
    """Register an item class under the value of its ``type`` field."""
    (name,) = typing.get_args(cls.model_fields["type"].annotation)
    _REGISTRY[name] = cls
    return cls


def forget_item_type(name: str) -> None:
    """Take a registered type out (for types added at run time)."""
    _REGISTRY.pop(name, None)


def item_types() -> dict[str, type[ItemBase]]:
    """Every registered item type, by name, in the order registered."""
    return dict(_REGISTRY)


def item_union() -> Any:
    """The schema of one item: whichever registered class its ``type`` names."""
    return Annotated[typing.Union[tuple(_REGISTRY.values())], Field(discriminator="type")]  # noqa: UP007


def _among(chosen: list[str], options: list[str] | None) -> None:
    """A worked example answers with the item's own options."""
    for choice in chosen:
        if options is not None and choice not in options:
            raise refuse(f"'{choice[:60]}' is not one of this item's options")


class ItemBase(Strict):
    """What every item has. ``lookups`` adds what a type needs from elsewhere when tailored."""

    id: Id
    prompt: Text | None = None
    help: Text | None = None
    when: list[Tag] = []
    unless: list[Tag] = []
    principle: Principle | None = None

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """Values for the template beyond the item's own fields (none, for most types)."""
        return {}

    @classmethod
    def cross_check(cls, module: ModuleView, item: dict[str, Any], path: KeyPath) -> list[Problem]:
        """Checks that need more than the item itself (the module's scales, its other items, the
        library). They read the raw data, so they run even when the schema has refused it."""
        return []


if TYPE_CHECKING:
    AnyItem = ItemBase  # to the type checker: what every item type has
else:

    class AnyItem:
        """An item of any registered type, as a field's type. Its schema is made from the registry
        each time a model's schema is built, so a model rebuilt after a new type is registered
        accepts that type."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            return handler.generate_schema(item_union())


@item_type
class MarkdownItem(ItemBase):
    type: Literal["markdown"]
    body: Text


@item_type
class TextItem(ItemBase):
    type: Literal["text"]
    lines: Annotated[int, Field(ge=1, le=40)] = 3
    example: Text | None = None


class RatingExample(Strict):
    """A worked answer to a rating: the label chosen, and what was written as evidence."""

    choice: Line
    notes: Text | None = None


@item_type
class RatingItem(ItemBase):
    type: Literal["rating"]
    scale: Id | Annotated[list[Line], Field(min_length=2, max_length=10)]
    notes: bool = False
    example: Line | RatingExample | None = None

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """A named scale's labels, from the module's ``scales``."""
        if isinstance(self.scale, str):
            return {"scale": scope.render.many(scope.module.scales.get(self.scale, []), ("scales", self.scale))}
        return {}

    @classmethod
    def cross_check(cls, module: ModuleView, item: dict[str, Any], path: KeyPath) -> list[Problem]:
        """A named scale exists; a worked example picks one of its labels."""
        problems = []
        scales = mapping(module.data.get("scales"))
        scale = item.get("scale")
        if isinstance(scale, str) and scale not in scales:
            hint = did_you_mean(scale, scales) or (" (define it under 'scales:' or give a list)" if not scales else "")
            problems.append(module.doc.problem((*path, "scale"), f"unknown scale '{scale}'{hint}"))
        example = item.get("example")
        labels = scales.get(scale) if isinstance(scale, str) else scale
        chosen = example.get("choice") if isinstance(example, dict) else example
        if isinstance(labels, list) and isinstance(chosen, str) and chosen not in labels:
            where = (*path, "example", "choice") if isinstance(example, dict) else (*path, "example")
            hint = did_you_mean(chosen, labels) or f" (expected {one_of(labels)})"
            problems.append(module.doc.problem(where, f"'{chosen[:60]}' is not on this item's scale{hint}"))
        return problems


@item_type
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
            raise refuse("this question takes one answer; give one option, not a list")
        _among(chosen, info.data.get("options"))
        return example


@item_type
class ChecklistItem(ItemBase):
    type: Literal["checklist"]
    options: Annotated[list[Line], Field(min_length=1, max_length=60)]
    example: Annotated[list[Line], Field(min_length=1)] | None = None

    @field_validator("example")
    @classmethod
    def _example_is_an_option(cls, example: Any, info: ValidationInfo) -> Any:
        _among(example or [], info.data.get("options"))
        return example


def _written_columns(info: ValidationInfo) -> list[str] | None:
    """A table's columns that are written in (not its row labels' column), once its columns are valid."""
    columns: list[str] | None = info.data.get("columns")
    if columns is None:
        return None
    return columns[1:] if info.data.get("row_labels") else columns


@item_type
class TableItem(ItemBase):
    type: Literal["table"]
    columns: Annotated[list[Line], Field(min_length=1, max_length=10)]
    rows: Annotated[int, Field(ge=1, le=60)] | None = None
    row_labels: Annotated[list[Line], Field(min_length=1, max_length=60)] | None = None
    # Columns answered from a set list (a drop-down in Word and in the spreadsheet): column -> choices.
    choices: dict[Line, Annotated[list[Line], Field(min_length=2, max_length=30)]] | None = None

    example: Annotated[list[list[str]], Field(min_length=1, max_length=60)] | None = None

    @model_validator(mode="after")
    def _rows_or_labels(self) -> TableItem:
        if self.rows is not None and self.row_labels is not None:
            raise refuse("give either 'rows' or 'row_labels', not both")
        return self

    @field_validator("choices")
    @classmethod
    def _choices_name_columns(cls, choices: Any, info: ValidationInfo) -> Any:
        written = _written_columns(info)
        if choices is None or written is None:
            return choices
        for column in choices:
            if column not in written:
                hint = did_you_mean(column, written) or f" (expected {one_of(written)})"
                raise refuse(f"'{column[:60]}' is not a column you write in{hint}")
        return choices

    @field_validator("example")
    @classmethod
    def _example_fits(cls, example: Any, info: ValidationInfo) -> Any:
        written, labels = _written_columns(info), info.data.get("row_labels")
        if example is None or written is None:
            return example
        cells = len(written)
        most = len(labels) if labels else max(info.data.get("rows") or 3, len(example))
        if len(example) > most:
            raise refuse(f"{len(example)} rows, but the table has {most}")
        for row in example:
            if len(row) > cells:
                raise refuse(f"a row has {len(row)} cells, but the table has {cells} to write in")
        for column, allowed in (info.data.get("choices") or {}).items():
            index = written.index(column) if column in written else -1
            for row in example:
                if 0 <= index < len(row) and row[index] and row[index] not in allowed:
                    raise refuse(f"'{row[index][:60]}' in column '{column}' is not one of its choices"
                                 f" ({one_of(allowed)})")
        return example

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """How many blank rows to print: as asked, none beside labels, else three."""
        return {"rows": self.rows or (0 if self.row_labels else 3)}


@item_type
class SignaturesItem(ItemBase):
    type: Literal["signatures"]
    roles: Annotated[list[Line], Field(min_length=1, max_length=12)] | None = None

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """Who signs: the item's roles, else the pack's signatories, else two blank blocks."""
        if self.roles:
            return {"signers": tuple(("", role) for role in scope.render.many(self.roles, (*scope.path, "roles")))}
        given = tuple((s.name or "", s.role) for s in scope.pack.signatories)
        return {"signers": given or (("", ""), ("", ""))}


@item_type
class DateItem(ItemBase):
    type: Literal["date"]
    example: Date | None = None


ContactKey = Literal["lead", "on_call", "if_about_manager", "council", "out_of_hours", "care_inspectorate"]
def reachable(contact: Any) -> bool:
    """A contact someone could reach: it has a name, a number, an address or a note of how.
    (A role alone is not a contact: the flow leaves a space to write one in.)"""
    return contact is not None and any(getattr(contact, k) for k in ("name", "phone", "email", "website", "note"))


CONTACT_LABELS = {
    "lead": "Our adult protection lead",
    "on_call": "On-call manager (nights and weekends)",
    "if_about_manager": "If it is about the manager or the lead",
    "council": "Council adult protection team",
    "out_of_hours": "Out of hours (social work)",
    "care_inspectorate": "Care Inspectorate notification",
}


@item_type
class ContactsItem(ItemBase):
    """The home's own adult protection contacts, from the pack; a blank to fill in for each one missing."""

    type: Literal["contacts"]
    show: Annotated[list[ContactKey], Field(min_length=1)] = ["lead", "council", "out_of_hours", "care_inspectorate"]

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """The pack's contacts for each key shown (None where the pack has none), and when checked."""
        given = scope.pack.adult_protection
        contacts = tuple((key, CONTACT_LABELS[key], getattr(given, key).model_dump() if reachable(getattr(given, key))
                          else None) for key in self.show)
        return {"contacts": contacts, "checked": given.checked}


@item_type
class ServicesItem(ItemBase):
    """National support services from the library's services file: where each number was found, and
    whether a person has confirmed it on the service's own page."""

    type: Literal["services"]
    show: Annotated[list[Id], Field(min_length=1)] | None = None
    topics: Annotated[list[Id], Field(min_length=1)] | None = None
    brief: bool = False  # one line each (name, number, hours): for a one-page flow

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """The services named in ``show``, then those on any of ``topics``; every one with neither."""
        services = scope.library.services
        if not self.show and not self.topics:
            chosen = list(services.values())
        else:
            chosen = [services[i] for i in self.show or [] if i in services]
            chosen += [s for s in services.values() if set(s.topics) & set(self.topics or []) and s not in chosen]
        return {"services": tuple({**s.model_dump(), "unconfirmed": s.unconfirmed} for s in chosen)}

    @classmethod
    def cross_check(cls, module: ModuleView, item: dict[str, Any], path: KeyPath) -> list[Problem]:
        """Every service and topic named is in the library's services file."""
        problems: list[Problem] = []
        if module.services_path is None:
            return problems
        for key, what in (("show", "with id"), ("topics", "on topic")):
            known = set(module.services) if key == "show" else {t for s in module.services.values() for t in s.topics}
            wanted = item.get(key)
            for index, value in enumerate(wanted if isinstance(wanted, list) else []):
                if isinstance(value, str) and value not in known:
                    problems.append(module.doc.problem((*path, key, index), f"no national service {what}"
                                                       f" '{value[:60]}'{did_you_mean(value, known)}"))
        return problems


@item_type
class ChartItem(ItemBase):
    """A run chart of a table in the same module: a blank grid on paper, the typed figures on screen."""

    type: Literal["chart"]
    table: Id  # the id of a table item in this module whose rows are measures and columns months
    rows: Annotated[list[Line], Field(min_length=1, max_length=8)] | None = None  # row labels to plot

    def lookups(self, scope: ItemScope) -> dict[str, Any]:
        """The rows of the module's table to plot (number and label), and its month columns."""
        for section in scope.module.sections:
            for other in section.items:
                if other.id == self.table and isinstance(other, TableItem) and other.row_labels:
                    labels = [label for label in other.row_labels if not self.rows or label in self.rows]
                    rows = [other.row_labels.index(label) + 1 for label in labels]
                    return {"plot": tuple(zip(rows, labels, strict=True)), "months": tuple(other.columns[1:]),
                            "table_fid": f"{scope.module_id}--{other.id}"}
        return {"plot": (), "months": ()}

    @classmethod
    def cross_check(cls, module: ModuleView, item: dict[str, Any], path: KeyPath) -> list[Problem]:
        """The table it plots is in the module, has labelled rows, and has the rows named."""
        name = item.get("table")
        if not isinstance(name, str):
            return []
        tables = {i.get("id"): i for _, i in module.items() if i.get("type") == "table"}
        target = tables.get(name)
        doc = module.doc
        if target is None:
            hint = did_you_mean(name, [t for t in tables if isinstance(t, str)])
            return [doc.problem((*path, "table"), f"no table item '{name[:60]}' in this module{hint}")]
        if not isinstance(target.get("row_labels"), list):
            return [doc.problem((*path, "table"), f"table '{name}' has no row_labels; a chart plots one line for"
                                " each labelled row")]
        labels = target["row_labels"]
        rows = listed(item.get("rows"))
        return [doc.problem((*path, "rows", index), f"table '{name}' has no row '{str(row)[:60]}'"
                            f"{did_you_mean(str(row), labels)}") for index, row in enumerate(rows) if row not in labels]



"""The kinds of value module and pack files hold, with the words used when one is wrong.

Every value reaches the page as typed (``as_written``); a value of the wrong shape is
refused with wording that lives here, beside the type (``shaped``), so no code reads
pydantic's own messages. ``Strict`` is the base of every model: unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

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


def refuse(message: str) -> PydanticCustomError:
    """A validation error whose message is exactly ``message`` (no wording added by pydantic)."""
    return PydanticCustomError("tippack", message.replace("{", "{{").replace("}", "}}"))


def shaped(regex: str, words: str, max_length: int | None = None) -> Any:
    """Text that must match ``regex``; ``words`` say, in a message, what such text looks like.

    The wording lives here, beside the field, so no code reads pydantic's own messages.
    """
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise PydanticCustomError("tippack_shape", "expected {words}", {"words": words})
        return value

    constraints = Field(max_length=max_length, json_schema_extra={"pattern": regex})
    return Annotated[str, Written, constraints, AfterValidator(check)]
Date = Annotated[dt.date, BeforeValidator(date_from_text)]
Id = shaped(ID_RE, "an id of lowercase letters, digits and hyphens", 60)
Phone = shaped(r"^[0-9 +()-]{6,20}$", "a phone number of digits and spaces, in quotes")
ShortPhone = shaped(r"^[0-9 +()-]{3,20}$", "a phone number of digits and spaces, in quotes")  # 999, 101, 116 123
Email = shaped(EMAIL_RE, "an e-mail address like name@example.org", 200)
Tag = shaped(ID_RE, "an id of lowercase letters, digits and hyphens", 60)
Colour = shaped(COLOUR_RE, "a colour like '#4b2e83'")
DefaultsName = shaped(r"^_[a-z0-9_-]+$", "the name of a shared defaults file in packs/, starting with '_'")
VarName = shaped(r"^[a-z][a-z0-9_]*$", "a name of lowercase letters, digits and underscores", 60)
Text = Annotated[str, Written, Field(min_length=1, max_length=20_000)]
Line = Annotated[str, Written, Field(min_length=1, max_length=300)]
Reference = Annotated[str, Written, Field(min_length=1, max_length=600)]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def check_url(value: str | None) -> str | None:
    """A web address a reader can follow: http(s), mailto or tel, with nothing that could break out."""
    if value is None:
        return value
    if not value.lower().startswith(URL_SCHEMES) or re.search(r"[\s<>\"']", value):
        raise refuse("expected a web address starting with https:// (or http://, mailto:, tel:)")
    return value

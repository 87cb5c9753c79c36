"""Module text as sandboxed Jinja templates; pack values as escaped data.

Module strings are templates written by the project. Pack values are data:
they are inserted escaped for HTML *and* for Markdown, so nothing a pack says
can add markup, links or template syntax to the outputs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def md_escape(value: Any) -> Markup:
    """Escape text for HTML, then backslash-escape Markdown punctuation."""
    if isinstance(value, Markup):
        return value
    text = "" if value is None else _plain(value)
    return Markup(MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def _plain(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def longdate(value: Any) -> str:
    """2026-10-01 → '1 October 2026' (UK style); other values unchanged."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value)


def link(value: Any, text: Any = None) -> Markup:
    """A safe link to a web address from a pack, shown as text if its scheme is not allowed."""
    url = "" if value is None else str(value)
    label = md_escape(
        text
        if text is not None
        else url.removeprefix("https://").removeprefix("http://").removeprefix("mailto:").rstrip("/")
    )
    if not url.lower().startswith(SAFE_SCHEMES) or re.search(r"[\s<>\"'`]", url):
        return label
    return Markup('<a href="{}">{}</a>').format(url, label)


def email(value: Any) -> Markup:
    """An e-mail address as a link that opens the reader's mail program."""
    address = "" if value is None else str(value)
    if not re.fullmatch(r"[^@\s<>\"'`]+@[^@\s<>\"'`]+", address):
        return md_escape(address)
    return Markup('<a href="mailto:{}">{}</a>').format(address, md_escape(address))


def tel(value: Any) -> Markup:
    """A phone number as a tappable link."""
    number = "" if value is None else str(value)
    digits = re.sub(r"[^0-9+]", "", number)
    if not digits:
        return md_escape(number)
    return Markup('<a href="tel:{}">{}</a>').format(digits, md_escape(number))


def _finalize_md(value: Any) -> Any:
    return md_escape(value)


def _finalize_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return longdate(value)
    return value


def _env(markdown: bool) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=markdown,
        finalize=_finalize_md if markdown else _finalize_text,
        keep_trailing_newline=True,
    )
    env.filters.update(longdate=longdate, link=link, tel=tel, email=email)
    return env


MARKDOWN_ENV = _env(markdown=True)
TEXT_ENV = _env(markdown=False)


@functools.lru_cache(maxsize=20_000)
def _compiled(source: str, markdown: bool) -> Template:
    return (MARKDOWN_ENV if markdown else TEXT_ENV).from_string(source)


def compile_check(source: str) -> None:
    """Raise ``TemplateSyntaxError`` if a module string is not a valid template."""
    if "{" in source:
        _compiled(source, True)


def render(source: str, context: dict[str, Any], markdown: bool) -> str:
    """Render one module string with the pack's values (as escaped data)."""
    if "{{" not in source and "{%" not in source:
        return source
    return _compiled(source, markdown).render(context)

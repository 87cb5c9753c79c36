"""The one place Jinja environments for tippack's own templates are made.

Templates under ``overrides/`` are the project's: escaped for HTML, strict about undefined
names, with block tags that leave no blank lines. (Module text written by facilitators is
rendered elsewhere, sandboxed: ``templating``.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


def environment(*folders: Path, autoescape: bool | Callable[[str | None], bool] = True, tidy: bool = True,
                keep_trailing_newline: bool = False) -> Environment:
    """An environment over ``folders``. ``tidy`` trims the line after a block tag and the
    spaces before it; plain-text templates (a README, a starter pack) may not want that."""
    env = Environment(
        loader=FileSystemLoader([str(f) for f in folders]),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=tidy,
        lstrip_blocks=tidy,
        keep_trailing_newline=keep_trailing_newline,
    )
    env.filters["isolated"] = isolated
    return env


RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def isolated(text: str) -> str:
    """A value with right-to-left letters (Urdu, Arabic) set apart by the invisible marks
    FSI and PDI, so that its own first letter decides its direction: 'ہمارا گھر (نیا)!' inside
    an English sentence keeps its brackets and '!' where a reader of Urdu expects them. Any
    other value is given back as it is."""
    return f"\u2068{text}\u2069" if RIGHT_TO_LEFT.search(text) else text


def html_only() -> Callable[[str | None], bool]:
    """Escape in .html templates only (a bundle's README is plain text)."""
    return select_autoescape(["html"])

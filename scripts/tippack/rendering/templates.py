"""The one place Jinja environments for tippack's own templates are made.

Templates under ``overrides/`` are the project's: escaped for HTML, strict about undefined
names, with block tags that leave no blank lines. (Module text written by facilitators is
rendered elsewhere, sandboxed: ``templating``.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


def environment(*folders: Path, autoescape: bool | Callable[[str | None], bool] = True, tidy: bool = True,
                keep_trailing_newline: bool = False) -> Environment:
    """An environment over ``folders``. ``tidy`` trims the line after a block tag and the
    spaces before it; plain-text templates (a README, a starter pack) may not want that."""
    return Environment(
        loader=FileSystemLoader([str(f) for f in folders]),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=tidy,
        lstrip_blocks=tidy,
        keep_trailing_newline=keep_trailing_newline,
    )


def html_only() -> Callable[[str | None], bool]:
    """Escape in .html templates only (a bundle's README is plain text)."""
    return select_autoescape(["html"])

"""Nearest-name suggestions for misspelt keys, module ids and section ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or '' if none is close."""
    options = sorted(set(choices))
    match = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    if not match:
        match = [
            c for c in options if c.replace("-", "").replace("_", "") == word.lower().replace("-", "").replace("_", "")
        ]
    return f" (did you mean '{match[0]}'?)" if match else ""


def one_of(choices: Iterable[str]) -> str:
    """List allowed values for a message: 'a', 'b' or 'c'."""
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]

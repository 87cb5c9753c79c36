"""Problems found in content, and how they are reported.

Every stage collects problems instead of stopping at the first, so a facilitator
sees every mistake in one run, each as ``PATH:LINE:COL: error: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at one place in one file."""

    path: str
    line: int
    col: int
    message: str = field(compare=True)
    severity: str = "error"

    def format(self) -> str:
        """Render the problem the way editors and CI annotate it."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


def label(path: tuple[str | int, ...]) -> str:
    """A key path as people read it in a message: ``modules[2].exclude[0]``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by file, then line and column, without duplicates."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.message))


def shorten(value: object, limit: int = 40) -> str:
    """Quote a found value for a message without echoing long input back in full."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 4] + "...'"

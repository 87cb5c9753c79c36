"""Figures and dates as the reports write them: plain words, one way everywhere."""

from __future__ import annotations

import datetime as dt


def day(iso: str | None) -> str:
    """'2026-03-05' as '5 March 2026' ('' for none)."""
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def short_day(iso: str | None) -> str:
    """'2026-03-05' as '5 Mar 2026', for a narrow table cell."""
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%b %Y}"


def month(key: str) -> str:
    """'2026-03' as 'March 2026'."""
    return f"{dt.date.fromisoformat(key + '-01'):%B %Y}"


def short_month(key: str) -> str:
    """'2026-03' as 'Mar 2026', for a table's column heads."""
    return f"{dt.date.fromisoformat(key + '-01'):%b %Y}"


def score(value: float | None) -> str:
    """An area's rating to one decimal place, or a dash when nothing was rated."""
    return "–" if value is None else f"{value:.1f}"


def change(before: float | None, after: float | None) -> str:
    """How a rating moved: '+0.8', '−0.3', 'no change', or a dash when one side is missing."""
    if before is None or after is None:
        return "–"
    diff = round(after - before, 1)
    if diff == 0:
        return "no change"
    return f"+{diff:.1f}" if diff > 0 else f"−{-diff:.1f}"


def figure(value: float) -> str:
    """A monthly figure as typed: 12, 4.5."""
    return f"{value:g}"


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 action', '3 actions'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def listing(parts: list[str]) -> str:
    """'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""

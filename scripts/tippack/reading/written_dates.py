"""Dates as people write them (05/12/2026, 5 Dec 2026, 2026/12/05), and the one to type instead.

Pack files take dates as YYYY-MM-DD only, so no date is ever read two ways. A date written
another way is refused, and the message names the date it was read as and what to type for it:
the UK way first (05/12/2026 is 5 December), unless only the US way makes a date (12/31/2026).
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAY_MONTH_YEAR = re.compile(r"^\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4}|[0-9]{2})\s*$")
YEAR_MONTH_DAY = re.compile(r"^\s*([0-9]{4})\s*[/.]\s*([0-9]{1,2})\s*[/.]\s*([0-9]{1,2})\s*$")
ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
IN_WORDS = re.compile(r"^\s*([0-9]{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+([0-9]{4})\s*$")


def meant_date(text: str) -> dt.date | None:
    """The date ``text`` most likely means, when it is a date written another way (in curly
    quotes pasted from a word processor, too)."""
    text = text.strip().strip("\u201c\u201d\u2018\u2019\u201e")
    try:
        if ISO.match(text):
            return dt.date.fromisoformat(text)
        if match := DAY_MONTH_YEAR.match(text):
            day, month, year = (int(g) for g in match.groups())
            if month > 12 >= day:
                day, month = month, day
            return dt.date(year + (2000 if year < 100 else 0), month, day)
        if match := YEAR_MONTH_DAY.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := IN_WORDS.match(text):
            named = [i for i, m in enumerate(MONTHS, start=1) if m.lower().startswith(match.group(2).lower()[:3])]
            if named and MONTHS[named[0] - 1].lower().startswith(match.group(2).lower()):
                return dt.date(int(match.group(3)), named[0], int(match.group(1)))
    except ValueError:
        return None
    return None


def written_date(text: str) -> str:
    """The end of a message about a date not written YYYY-MM-DD: what to type for it, or an example."""
    meant = meant_date(text)
    if meant is None:
        return ", for example 2026-11-01"
    return f": for {meant.day} {MONTHS[meant.month - 1]} {meant.year}, type {meant.isoformat()}"

"""Names and dates the printed pack shares with every other output: file names, the home's short name, build dates."""

from __future__ import annotations

import re

SHORT_NAME = 48  # longest home name that fits a running header or footer beside the rest


def plain(markdown_text: str) -> str:
    """Markdown inline text as plain text (for tooltips)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def short_name(name: str) -> str:
    """The home's name, cut at a word with an ellipsis if too long for a running header."""
    if len(name) <= SHORT_NAME:
        return name
    return name[: SHORT_NAME - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "\u2026"


def page_title(text: str) -> str:
    """A shared page's title: its first level-1 Markdown heading."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].split("{")[0].strip()
    return "About this pack"


def pdf_date(epoch: int) -> str:
    """An ISO date-time for dcterms.created from a fixed epoch (reproducible output)."""
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def pdf_name(slug: str) -> str:
    """The printable pack's file name, everywhere it is written or linked: the core booklet, what a
    home prints first (the site's main download, the overview, the bundle, publish)."""
    return f"{slug}-booklet.pdf"


def tools_pdf_name(slug: str) -> str:
    """The tools volume's file name: every module, or part of one, that is not in the booklet."""
    return f"{slug}-tools.pdf"


def complete_pdf_name(slug: str) -> str:
    """The complete PDF's file name: the booklet and the tools volume joined."""
    return f"{slug}-implementation-pack.pdf"


def poster_name(slug: str, paper: str = "A4") -> str:
    """The disclosure poster's file name (A4, or A3 for a bigger wall)."""
    return f"{slug}-poster.pdf" if paper == "A4" else f"{slug}-poster-{paper.lower()}.pdf"


def date_text(epoch: int) -> str:
    """A build date for people: '25 November 2026'."""
    import datetime as dt

    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return f"{day.day} {day:%B %Y}"


def versioned_pdf_name(slug: str, version: str) -> str:
    """The file name an earlier version's PDF is kept under."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", version).strip("-") or "earlier"
    return f"{slug}-implementation-pack-v{safe}.pdf"

"""What the progress report tests share: the made-up cohort's shape and how to read a report back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from tippack.reading.project import Project

TODAY = dt.date(2026, 12, 6)
TAG = "pilot-2026"
ONE_ROUND = "oakview"  # the home with no second round yet


@dataclass
class Cohort:
    """The six example homes with generated answers, each home's report, and both cohort reports."""

    project: Project
    out: Path
    answers: dict[str, list[Path]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)  # slug -> home name


def pdf_text(path: Path) -> str:
    """Every page's text, its lines joined, spaces squashed."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)

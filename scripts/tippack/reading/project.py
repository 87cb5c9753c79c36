"""Finding the project and the files it is made of."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class UsageProblem(Exception):
    """A mistake in how tippack was called (no project here, no such pack): exit status 2."""


@dataclass(frozen=True)
class Project:
    """The folder holding ``mkdocs.yml`` and ``packs/``, and where its parts live."""

    root: Path

    @property
    def modules_dir(self) -> Path:
        return self.root / "content" / "modules"

    @property
    def pages_dir(self) -> Path:
        return self.root / "content" / "pages"

    @property
    def assets_dir(self) -> Path:
        return self.root / "content" / "assets"

    @property
    def packs_dir(self) -> Path:
        return self.root / "packs"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def services_file(self) -> Path:
        return self.root / "content" / "services.yml"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def module_files(self) -> dict[str, Path]:
        """Module id → file, for every module in the library."""
        return {p.stem: p for p in sorted(self.modules_dir.glob("*.yml"))}

    def pack_files(self) -> dict[str, Path]:
        """Pack slug → file, for every pack (files starting with '_' are shared defaults)."""
        return {p.stem: p for p in sorted(self.packs_dir.glob("*.yml")) if not p.name.startswith("_")}

    def item_styles(self) -> list[Path]:
        """Stylesheets of item types that bring their own (overrides/items/<type>.css), by name."""
        return sorted((self.overrides / "items").glob("*.css"))

    def page_files(self) -> list[Path]:
        """Shared Markdown pages, in name order."""
        return sorted(self.pages_dir.glob("*.md"))

    def rel(self, path: Path) -> str:
        """A path relative to the project root, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def inside(self, relative: str) -> Path | None:
        """Resolve a project-relative path (or an absolute one inside the project), or None if it
        points outside the project."""
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root.resolve()):
            return None
        return candidate


def find_project(start: Path | None = None) -> Project:
    """The nearest folder, from ``start`` upwards, holding mkdocs.yml and packs/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "packs").is_dir():
            return Project(folder)
    raise UsageProblem(f"no tippack project here: no folder from {here} upwards holds mkdocs.yml and packs/")


def build_date() -> dt.date:
    """The date a build is for: SOURCE_DATE_EPOCH's day when set (reproducible builds), else today.

    Staleness warnings (partners, national services, module reviews) count from this date,
    so a check run for a fixed build date says the same thing on any day.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    return dt.date.today()

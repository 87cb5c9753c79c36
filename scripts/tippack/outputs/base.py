"""What a build of one pack produces, as outputs: each names its files once and builds them.

``--format`` picks a set of output formats by name (``site``, ``pdf``); an output without
a format of its own (the offline bundle) is made whenever what it needs is there. Files of
formats not built this time are carried over from the pack's last good build, so building
the site alone leaves the PDF as it was. The overview of every pack is written by
``overview``. The Word and spreadsheet copies are outputs too, and so is the completed copy
that ``tippack fill`` writes (a build never makes it, and keeps it as it was); ``tippack
publish`` publishes every registered output's files unless it says otherwise.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from tippack.outputs.printed.printer import Printer
    from tippack.planning.plan import PackPlan
    from tippack.reading.project import Project
    from tippack.rendering.render import RenderedModule, Renderer


@dataclass
class PackBuild:
    """One pack being built in a staging folder: what every output reads, and what they share."""

    project: Project
    plan: PackPlan
    folder: Path  # the staging folder
    renderer: Renderer
    printer: Printer
    modules: list[RenderedModule]
    epoch: int
    formats: frozenset[str]  # the formats asked for this time
    previous: Path | None = None  # the pack's last good build, if there is one
    previous_record: dict[str, Any] = field(default_factory=dict)
    pages: int = 0
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    shared: dict[str, Any] = field(default_factory=dict)  # handed from one output to a later one
    record: dict[str, Any] = field(default_factory=dict)  # what outputs add to the build record

    @property
    def slug(self) -> str:
        return self.plan.slug

    def path(self, name: str) -> Path:
        return self.folder / name


class Output:
    """One kind of file (or folder) a pack build produces."""

    name: ClassVar[str]
    format: ClassVar[str | None] = None  # the --format name that asks for it; None: made when possible
    order: ClassVar[int] = 50  # outputs build in this order: one may use what an earlier one wrote
    optional: ClassVar[bool] = False  # may write nothing for a pack (no module it applies to)
    written_elsewhere: ClassVar[bool] = False  # by another command, never by a build, which keeps it as it was
    published: ClassVar[bool] = True  # False: never leaves the build folder (a home's completed copy)

    @classmethod
    def files(cls, slug: str) -> list[str]:
        """The paths it writes under build/SLUG/ (a folder counts as one)."""
        raise NotImplementedError

    def wanted(self, build: PackBuild) -> bool:
        """Whether to build it this time."""
        return self.format in build.formats

    def build(self, build: PackBuild) -> None:
        raise NotImplementedError


OUTPUTS: list[type[Output]] = []


def output(cls: type[Output]) -> type[Output]:
    """Register an output; outputs build in ``order``."""
    OUTPUTS.append(cls)
    OUTPUTS.sort(key=lambda c: c.order)
    return cls


def formats() -> list[str]:
    """Every format name ``--format`` accepts, in registry order."""
    names: list[str] = []
    for cls in OUTPUTS:
        if cls.format and cls.format not in names:
            names.append(cls.format)
    return names


def files_of(format_name: str, slug: str) -> list[str]:
    """Every file the outputs of one format write for a pack."""
    return [name for cls in OUTPUTS if cls.format == format_name for name in cls.files(slug)]


def published_files(slug: str) -> list[str]:
    """Every file ``tippack publish`` may take from a pack's build: those of every published output."""
    names: list[str] = []
    for cls in OUTPUTS:
        if cls.published:
            names += [name for name in cls.files(slug) if name not in names]
    return names


def carry_over(previous: Path | None, folder: Path, kept: list[str], slug: str) -> list[str]:
    """Copy the files of formats not built this time from the last good build; the formats copied.

    A format is carried over when every file it must have is there. What only another command
    writes (the completed copies ``fill`` makes) is always carried over.
    """
    carried: list[str] = []
    if previous is None or not previous.is_dir():
        return carried
    for format_name in kept:
        outputs = [cls for cls in OUTPUTS if cls.format == format_name]
        needed = [name for cls in outputs if not cls.optional for name in cls.files(slug)]
        if not outputs or not all((previous / name).exists() for name in needed):
            continue
        _copy(previous, folder, files_of(format_name, slug))
        carried.append(format_name)
    _copy(previous, folder, [name for cls in OUTPUTS if cls.written_elsewhere for name in cls.files(slug)])
    return carried


def _copy(previous: Path, folder: Path, names: list[str]) -> None:
    for name in names:
        source, target = previous / name, folder / name
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.is_file():
            shutil.copyfile(source, target)

"""What a build of one pack produces, as outputs: each names its files once and builds them.

``--format`` picks a set of output formats by name (``site``, ``pdf``); an output without
a format of its own (the offline bundle) is made whenever what it needs is there. Files of
formats not built this time are carried over from the pack's last good build, so building
the site alone leaves the PDF as it was. The overview of every pack is written by
``overview``. The Word and spreadsheet copies are outputs too, and so is the completed copy
that ``tippack fill`` writes (a build never makes it, and keeps it as it was); ``tippack
publish`` publishes every declared output's files unless it says otherwise.

Each output declares what it is once, on its class: its format, its files, its order,
whether the site links its files and whether the offline bundle carries them. The entry
list of every output is ``outputs.registry.OUTPUTS``; the command line, the site, the
bundle, the overview's wording, publishing and the carry-over all read it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
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
    outputs: Outputs  # every output declared (outputs.registry.OUTPUTS)
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
    """One kind of file (or folder) a pack build produces, declared once on its class."""

    name: ClassVar[str]
    format: ClassVar[str | None] = None  # the --format name that asks for it; None: made when possible
    order: ClassVar[int] = 50  # outputs build in this order: one may use what an earlier one wrote
    linked: ClassVar[bool] = False  # the site links its files (and carries copies of them)
    bundled: ClassVar[bool] = False  # the offline bundle carries it: building its format makes the bundle again
    words: ClassVar[str | None] = None  # its format in a sentence ("the PDF"); None: the format's name
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
        """Write its files into the staging folder."""
        raise NotImplementedError


class Outputs:
    """The declared outputs, in build order: what every reader of the declarations asks of them."""

    def __init__(self, *declared: type[Output]) -> None:
        self.declared = tuple(sorted(declared, key=lambda cls: cls.order))

    def __iter__(self) -> Iterator[type[Output]]:
        return iter(self.declared)

    def formats(self) -> list[str]:
        """Every format name ``--format`` accepts, in build order."""
        names: list[str] = []
        for cls in self.declared:
            if cls.format and cls.format not in names:
                names.append(cls.format)
        return names

    def linked_formats(self) -> frozenset[str]:
        """The formats whose files the site links, where they are built."""
        return frozenset(cls.format for cls in self.declared if cls.linked and cls.format)

    def bundled_formats(self) -> frozenset[str]:
        """The formats the offline bundle carries: building any of them makes it again."""
        return frozenset(cls.format for cls in self.declared if cls.bundled and cls.format)

    def words(self, format_name: str) -> str:
        """A format named in a sentence: "the PDF", "the website", or the format's own name."""
        return next((cls.words for cls in self.declared if cls.format == format_name and cls.words), format_name)

    def files_of(self, format_name: str, slug: str) -> list[str]:
        """Every file the outputs of one format write for a pack."""
        return [name for cls in self.declared if cls.format == format_name for name in cls.files(slug)]

    def linked_files(self, slug: str) -> list[str]:
        """Every file the site links (and carries a copy of), in build order."""
        return [name for cls in self.declared if cls.linked for name in cls.files(slug)]

    def published_files(self, slug: str) -> list[str]:
        """Every file ``tippack publish`` may take from a pack's build: those of every published output."""
        names: list[str] = []
        for cls in self.declared:
            if cls.published:
                names += [name for name in cls.files(slug) if name not in names]
        return names

    def carry_over(self, previous: Path | None, folder: Path, kept: list[str], slug: str) -> list[str]:
        """Copy the files of formats not built this time from the last good build; the formats copied.

        A format is carried over when every file it must have is there. What only another command
        writes (the completed copies ``fill`` makes) is always carried over.
        """
        carried: list[str] = []
        if previous is None or not previous.is_dir():
            return carried
        for format_name in kept:
            outputs = [cls for cls in self.declared if cls.format == format_name]
            needed = [name for cls in outputs if not cls.optional for name in cls.files(slug)]
            if not outputs or not all((previous / name).exists() for name in needed):
                continue
            copy_files(previous, folder, self.files_of(format_name, slug))
            carried.append(format_name)
        copy_files(previous, folder,
                   [name for cls in self.declared if cls.written_elsewhere for name in cls.files(slug)])
        return carried


def copy_files(source: Path, target: Path, names: list[str]) -> None:
    """Copy files and folders by name from one folder to another (a folder into one already there)."""
    for name in names:
        made, copy = source / name, target / name
        if made.is_dir():
            shutil.copytree(made, copy, dirs_exist_ok=True)
        elif made.is_file():
            shutil.copyfile(made, copy)

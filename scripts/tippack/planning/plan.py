"""Gather and check everything before anything is written.

``gather`` loads the module library and the chosen packs, validates them and
tailors each pack, collecting every problem. It writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tippack.planning.tailor import SharedPage, TailoredPack, load_pages, tailor, tailor_pages
from tippack.reading.library import Library, LoadedPack, load_library
from tippack.reading.loading import read_pack
from tippack.reading.problems import Problem
from tippack.reading.project import Project, UsageProblem
from tippack.reading.suggest import did_you_mean
from tippack.reading.validate import check_pack

Skip = Callable[[str, list[Path]], bool]


@dataclass
class PackPlan:
    """One pack, tailored, with the files it was made from."""

    slug: str
    tailored: TailoredPack
    pages: list[tuple[str, str, str]]
    inputs: list[Path]


@dataclass
class BuildPlan:
    """Everything a build needs, and every problem found while gathering it."""

    project: Project
    library: Library
    packs: list[PackPlan] = field(default_factory=list)
    loaded: list[LoadedPack] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # packs refused for invalid content: not built
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def select_packs(project: Project, slugs: tuple[str, ...]) -> dict[str, Path]:
    """The packs named on the command line (all when none), or a usage error."""
    available = project.pack_files()
    if not slugs:
        return available
    chosen: dict[str, Path] = {}
    for slug in slugs:
        if slug not in available:
            raise UsageProblem(f"no pack '{slug}' in packs/{did_you_mean(slug, available)}")
        chosen[slug] = available[slug]
    return chosen


def shared_pages(project: Project) -> list[SharedPage]:
    """The shared Markdown pages, as templates."""
    files = []
    for path in project.page_files():
        files.append((path.stem, project.rel(path), path.read_text(encoding="utf-8")))
    return load_pages(files)


def pack_inputs(project: Project, loaded: LoadedPack, library: Library) -> list[Path]:
    """Every file a pack's build reads besides the shared ones: its files, its modules, its logo."""
    inputs = list(loaded.files)
    inputs += [library.modules[ref.id].doc_path for ref in loaded.model.module_refs() if ref.id in library.modules]
    if loaded.model.home.logo:
        inputs.append((project.root / loaded.model.home.logo).resolve())
    return inputs


def gather(project: Project, slugs: tuple[str, ...] = (), unchanged: Skip | None = None) -> BuildPlan:
    """Load, validate and tailor the chosen packs; collect every problem.

    ``unchanged(slug, inputs)`` may say a pack's last build is still good: such a
    pack is validated but not tailored, which keeps a no-op rebuild fast.
    """
    chosen = select_packs(project, slugs)
    library = load_library(project)
    plan = BuildPlan(project, library, problems=list(library.problems))
    pages = shared_pages(project)
    for slug, path in chosen.items():
        loaded, problems = check_pack(project, read_pack(project, slug, path, library.known_ids), library)
        plan.problems.extend(problems)
        if loaded is None:
            plan.invalid.append(slug)
            continue
        plan.loaded.append(loaded)
        inputs = pack_inputs(project, loaded, library)
        if unchanged is not None and unchanged(slug, inputs):
            plan.unchanged.append(slug)
            continue
        tailored, template_problems = tailor(loaded, library)
        plan.problems.extend(template_problems)
        if tailored is None:
            plan.invalid.append(slug)
            continue
        rendered_pages, page_problems = tailor_pages(pages, tailored.context)
        plan.problems.extend(page_problems)
        if page_problems:
            plan.invalid.append(slug)
            continue
        plan.packs.append(PackPlan(slug, tailored, rendered_pages, inputs))
    return plan

"""Helpers shared by the tests: a throwaway project copy and real builds that must not warn."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from tippack.pipeline import gather
from tippack.project import Project
from tippack.publish import Summary, publish

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1790000000"  # a fixed build date, so outputs are comparable

logging.getLogger("pypdf").setLevel(logging.ERROR)  # WeasyPrint radio groups make pypdf chatty


def copy_project(target: Path) -> Project:
    """A throwaway copy of the project (content, packs, templates) to change in a test."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("content", "packs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    return Project(target)


def build_all(project: Project, out: Path, slugs: tuple[str, ...] = (), jobs: int = 2,
              formats: str = "all", force: bool = False) -> Summary:
    """Build packs for real and insist on no MkDocs or WeasyPrint warnings."""
    plan = gather(project, slugs)
    assert not plan.errors, "\n".join(p.format() for p in plan.errors)
    summary = publish(plan, out, jobs, formats, force, lambda *args: None)
    assert not summary.failed, [f.error for f in summary.failed]
    for result in summary.built:
        assert not result.warnings, result.warnings
    return summary

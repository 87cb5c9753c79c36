"""Shared fixtures: real builds of the example packs, once per test session."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session", autouse=True)
def _fixed_epoch():
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session")
def project() -> Project:
    """The real project, read-only."""
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, project: Project, _fixed_epoch) -> Path:
    """All six example packs built once (site, PDF, module PDFs, bundle, overview)."""
    out = tmp_path_factory.mktemp("build")
    build_all(project, out)
    return out


@pytest.fixture()
def scratch(tmp_path: Path) -> Project:
    """A copy of the project that a test may change."""
    root = tmp_path / "project"
    root.mkdir()
    return copy_project(root)

"""Shared fixtures: real builds of the example packs, once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from support import EPOCH, ROOT, build_all, copy_project

from tippack.project import Project


@pytest.fixture(scope="session", autouse=True)
def _fixed_epoch():
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session", autouse=True)
def _own_tempdir():
    """Temporary files of in-process builds and their forked workers (WeasyPrint's font folders)
    in one folder, removed when the session ends: the suite leaves no temporary folders behind."""
    old = tempfile.tempdir
    folder = tempfile.mkdtemp(prefix="tippack-tests-")
    tempfile.tempdir = folder
    yield
    tempfile.tempdir = old
    shutil.rmtree(folder, ignore_errors=True)


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


TIERS = ("build", "browser", "slow")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test in no other tier is a unit test: ``make test-fast`` runs those alone."""
    for item in items:
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker(pytest.mark.unit)

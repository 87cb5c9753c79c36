"""Shared fixtures: real builds of the example packs, once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from support import EPOCH, ROOT, build_all, copy_project, sideways_jpeg, small_project

from tippack.reading.project import Project


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


@pytest.fixture(scope="session")
def torture(tmp_path_factory: pytest.TempPathFactory, _fixed_epoch) -> tuple[Project, Path]:
    """The torture pack (tests/fixtures/torture.yml) built alone: its project and its output folder."""
    root = tmp_path_factory.mktemp("torture")
    project = copy_project(root)
    for pack in project.packs_dir.glob("*.yml"):
        pack.unlink()
    shutil.copy(ROOT / "tests" / "fixtures" / "torture.yml", project.packs_dir / "torture.yml")
    out = root / "build"
    build_all(project, out, jobs=1)
    return project, out / "torture"


SCRIPTS_PACK = """home:
  name: ہمارا گھر
  manager: عائشہ خان
  tip_lead: प्रिया शर्मा
  logo: content/assets/sideways.jpg
facilitator:
  name: Alex Example
  phone: +44 1632 960123
modules: [welcome, statement-of-intent]
signatories:
  - {name: عائشہ خان, role: مینیجر}
  - {name: Pat Example, role: Director}
print: {paper: a4, fillable: true}
"""


@pytest.fixture(scope="session")
def scripts_pack(tmp_path_factory: pytest.TempPathFactory, _fixed_epoch) -> Path:
    """A fillable pack whose names are in Arabic script (Urdu) and Devanagari, with a phone number
    typed without quotes and a logo saved on its side (EXIF), built once: its output folder."""
    root = tmp_path_factory.mktemp("scripts")
    project = small_project(root, ())
    sideways_jpeg(project.assets_dir / "sideways.jpg")
    (project.packs_dir / "scripts.yml").write_text(SCRIPTS_PACK, encoding="utf-8")
    out = root / "build"
    build_all(project, out, formats="site,pdf,docx")
    return out / "scripts"


OFFICE_PACK = """home: {name: Ash House, manager: Pat Example}
modules: [statement-of-intent, monitoring-log, training-needs-analysis]
signatories: [{name: Pat Example, role: Manager}, {role: Provider}]
theme: {primary: "#00695c"}
print: {paper: A4, fillable: true}
"""


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory, _fixed_epoch) -> tuple[Project, Path]:
    """A small project (one pack with a template, a log and a worksheet with choices) built
    once with every format: site, PDF, Word and spreadsheets. Read it; do not change it."""
    root = tmp_path_factory.mktemp("office")
    project = small_project(root, ())
    (project.packs_dir / "ash.yml").write_text(OFFICE_PACK, encoding="utf-8")
    out = root / "build"
    build_all(project, out, formats="site,pdf,docx,xlsx")
    return project, out


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

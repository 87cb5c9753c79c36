"""Fixtures for the print tests: the example packs as built once for the session."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from printed import Built
from support import ROOT

from tippack.outputs.printed.booklet import SITE_ONLY
from tippack.planning.plan import gather
from tippack.reading.project import Project


@pytest.fixture(scope="session", autouse=True)
def _quiet_pypdf():
    logging.getLogger("pypdf").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def packs(built: Path, project: Project) -> dict[str, Built]:
    """Every example pack, by slug, with what its pack file asks the print to be."""
    plan = gather(project)
    assert not plan.errors
    return {p.slug: Built(p.slug, p.tailored, built / p.slug,
                          [title for name, title, _ in p.pages if name not in SITE_ONLY])
            for p in plan.packs}


@pytest.fixture(scope="session", params=sorted(Project(ROOT).pack_files()))
def pack(request: pytest.FixtureRequest, packs: dict[str, Built]) -> Built:
    """Each example pack in turn."""
    if request.param not in packs:
        pytest.skip(f"{request.param} is no longer an example pack")
    return packs[request.param]

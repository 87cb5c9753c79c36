"""Shared builds for the progress report tests: made once a session, read by many tests."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from generate import home_files
from progress_support import ONE_ROUND, TAG, TODAY, Cohort
from support import copy_project

from tippack.planning.plan import gather
from tippack.reports.cohort import progress_cohort
from tippack.reports.home import progress_home

logging.getLogger("fontTools").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    """Every example pack tagged pilot-2026, answers for two rounds (one for oakview) and 14
    monthly logs where the pack has the log, each home's report, and the cohort's, plain and anonymised."""
    root = tmp_path_factory.mktemp("cohort")
    project = copy_project(root)
    for pack in project.packs_dir.glob("[!_]*.yml"):
        pack.write_text(pack.read_text(encoding="utf-8") + f"tags: [{TAG}]\n", encoding="utf-8")
    made = Cohort(project, root / "build")
    plan = gather(project)
    assert not plan.errors
    for seed, pack in enumerate(plan.packs):
        folder = root / "answers" / pack.slug
        made.answers[pack.slug] = home_files(pack.tailored, folder, 1 if pack.slug == ONE_ROUND else 2, seed,
                                             dt.date(2025, 3, 10), months=14)
        made.homes[pack.slug] = pack.tailored.pack.home.name
        result, problems = progress_home(project, pack.slug, [folder], made.out, TODAY)
        assert result is not None, [p.format() for p in problems]
        made.warnings[pack.slug] = [p.format() for p in problems] + result.warnings
    for anonymise in (False, True):
        result, problems = progress_cohort(project, TAG, made.out, anonymise, TODAY)
        assert result is not None and not problems and not result.warnings, problems
    return made

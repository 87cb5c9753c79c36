"""Build progress: what a facilitator sees on a terminal, and what a CI log holds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tippack.building.builder import BuildResult
from tippack.building.display import Progress
from tippack.building.schedule import build_packs
from tippack.planning.plan import gather
from tippack.reading.project import Project

pytestmark = [pytest.mark.build]


def test_a_log_gets_one_plain_line_a_pack_and_a_summary(scratch: Project) -> None:
    stream = io.StringIO()
    progress = Progress(3, stream, tty=False)
    plan = gather(scratch, ("heatherbank", "oakview", "the-willows"))
    summary = build_packs(plan, scratch.root / "out", 2, frozenset({"site"}), True, progress)
    progress.finish(summary)
    lines = stream.getvalue().splitlines()
    assert "\033" not in stream.getvalue() and "\r" not in stream.getvalue()
    assert sorted(line.split(" (")[0] for line in lines[:3]) == [
        "built heatherbank", "built oakview", "built the-willows"]
    assert lines[3].startswith("3 built, 0 unchanged, 0 failed in ")
    assert len(lines) == 4


def test_every_pack_is_announced_before_it_finishes(scratch: Project) -> None:
    events: list[tuple[str, str]] = []
    plan = gather(scratch, ("heatherbank", "oakview", "the-willows"))
    build_packs(plan, scratch.root / "out", 2, frozenset({"site"}), True,
                lambda event, slug, *rest: events.append((event, slug)))
    for slug in ("heatherbank", "oakview", "the-willows"):
        assert events.index(("start", slug)) < events.index(("done", slug))
    # Never more packs "being built" than workers.
    running = 0
    for event, _ in events:
        running += 1 if event == "start" else -1
        assert 0 <= running <= 2


def test_a_terminal_shows_the_packs_being_built_and_the_time_left() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream, tty=True)
    progress("start", "ash-house", None, 0, 3)
    progress("start", "elm-court", None, 0, 3)
    assert progress.status_line(200) == "[0/3] building ash-house, elm-court"
    progress("done", "ash-house", BuildResult("ash-house", True, 2.0, 40), 1, 3)
    progress("start", "fern-lodge", None, 0, 3)
    status = progress.status_line(200)
    assert status.startswith("[1/3] building elm-court, fern-lodge · about ")
    assert status.endswith(" left")
    assert "built ash-house (40 pages, 2.0 s)\n" in stream.getvalue()
    assert len(progress.status_line(20)) == 20


def test_a_failed_pack_is_reported_with_its_error(tmp_path: Path) -> None:
    stream = io.StringIO()
    progress = Progress(1, stream, tty=False)
    progress("start", "oakview", None, 0, 1)
    progress("done", "oakview", BuildResult("oakview", False, error="FileNotFoundError: logo"), 1, 1)
    assert stream.getvalue() == "error: oakview: FileNotFoundError: logo\n"
    assert progress.building == []

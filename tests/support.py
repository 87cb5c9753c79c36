"""Helpers shared by the tests: a throwaway project copy and real builds that must not warn."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tippack.building.schedule import Summary, build_packs
from tippack.planning.plan import gather
from tippack.reading.project import Project

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
              formats: str = "site,pdf", force: bool = False) -> Summary:
    """Build packs for real and insist on no MkDocs or WeasyPrint warnings."""
    plan = gather(project, slugs)
    assert not plan.errors, "\n".join(p.format() for p in plan.errors)
    summary = build_packs(plan, out, jobs, frozenset(formats.split(",")), force, lambda *args: None)
    assert not summary.failed, [f.error for f in summary.failed]
    for result in summary.built:
        assert not result.warnings, result.warnings
    return summary


TIPPACK = Path(sys.executable).with_name("tippack")


def small_project(target: Path, slugs: tuple[str, ...] = ("ash", "birch", "cedar")) -> Project:
    """A copy of the project whose packs are small (two short modules each): fast real builds."""
    project = copy_project(target)
    for pack in project.packs_dir.glob("*.yml"):
        pack.unlink()
    for slug in slugs:
        (project.packs_dir / f"{slug}.yml").write_text(
            f"home: {{name: {slug.title()} House}}\nmodules: [principles, statement-of-intent]\n", encoding="utf-8")
    return project


def tippack(project: Project, *args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    """Start the real ``tippack`` command in a project, as a person would from a terminal."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.Popen([str(TIPPACK), *args], cwd=project.root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def run_tippack(project: Project, *args: str, env: dict[str, str] | None = None,
                timeout: float = 300) -> tuple[int, str]:
    """Run the real ``tippack`` command to its end; its exit status and what it printed on stderr."""
    process = tippack(project, *args, env=env)
    _, err = process.communicate(timeout=timeout)
    return process.returncode, err


def sideways_jpeg(path: Path) -> None:
    """A JPEG stored on its side whose EXIF says to turn it (as phone cameras save photos):
    upright, it is a wide red band over white."""
    from PIL import Image, ImageDraw

    upright = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(upright).rectangle((0, 0, 400, 60), fill=(180, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to show
    upright.transpose(Image.Transpose.ROTATE_90).save(path, exif=exif.tobytes())

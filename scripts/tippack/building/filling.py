"""``tippack fill``: the completed copies of one pack, made from answers files, moved into place whole."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tippack.outputs.base import PackBuild
from tippack.outputs.fill.fill import FOLDER, CompletedCopy
from tippack.outputs.registry import OUTPUTS
from tippack.reading.answers import (
    SavedAnswers,
    answer_files,
    newest_by_module,
    read_answers,
)
from tippack.reading.problems import Problem
from tippack.reading.project import Project


@dataclass
class FillResult:
    """What ``fill`` wrote (paths under the output folder) and the warnings on the way."""

    written: list[Path]
    warnings: list[str]


def read_all(paths: list[Path], slug: str, home: str, modules: set[str]) -> tuple[dict[str, SavedAnswers],
                                                                                 list[Problem]]:
    """Every answers file for the pack: the newest answers a module, and every problem
    (errors stop the fill; warnings do not)."""
    problems: list[Problem] = []
    saved: list[SavedAnswers] = []
    files = answer_files(paths)
    if not files:
        problems.append(Problem(", ".join(str(p) for p in paths) or ".", 1, 1, "no answers files (.json) here"))
    for path in files:
        answers, found = read_answers(path, str(path), slug, home)
        problems += found
        if answers is None:
            continue
        if answers.module not in modules:
            problems.append(Problem(answers.shown, 1, 1, f"left out: these answers are for '{answers.module}',"
                                    " which is not in this pack (any more)", "warning"))
            continue
        saved.append(answers)
    chosen, older = newest_by_module(saved)
    return chosen, problems + older


def fill_pack(project: Project, slug: str, paths: list[Path], out: Path,
              waiting: Callable[[str], None]) -> tuple[FillResult | None, list[Problem]]:
    """Make the completed copies of one pack from answers files into OUT/SLUG/completed/.

    Nothing is written if the pack or any answers file has an error. The files are made in a
    folder inside completed/ and moved into place; that folder is removed whatever happens.
    """
    from tippack.building.builder import tools
    from tippack.building.output_folder import locked
    from tippack.building.schedule import build_epoch
    from tippack.planning.plan import gather

    plan = gather(project, (slug,))
    if plan.errors or not plan.packs:
        return None, plan.problems
    pack_plan = plan.packs[0]
    tailored = pack_plan.tailored
    chosen, problems = read_all(paths, slug, tailored.pack.home.name, {m.id for m in tailored.modules})
    if not chosen and not any(p.severity == "error" for p in problems):
        problems.append(Problem(", ".join(str(p) for p in paths), 1, 1, "nothing to fill in: no answers here are"
                                f" for a part of the pack '{slug}'"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    renderer, printer = tools(project.root)
    epoch = build_epoch(project.root, pack_plan.inputs)
    with locked(out, waiting):
        target = out / slug / FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for leftover in target.glob(".filling-*"):  # from a fill that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        work = target / f".filling-{uuid.uuid4().hex[:8]}"
        try:
            modules = [renderer.module(m) for m in tailored.modules if m.id in chosen]
            build = PackBuild(project, pack_plan, work, renderer, printer, modules, epoch, frozenset(), OUTPUTS,
                              shared={"answers": chosen})
            CompletedCopy().build(build)
            written = []
            for made in sorted((work / FOLDER).iterdir()):
                os.replace(made, target / made.name)
                written.append(target / made.name)
        finally:
            with contextlib.suppress(OSError):
                shutil.rmtree(work)
    return FillResult(written, list(build.warnings)), problems

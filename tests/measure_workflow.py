"""Time the workflow's incremental path here, step by step: ``python tests/measure_workflow.py DIR [FORMATS]``.

A measurement, not a test (pytest does not collect it): the six example packs, committed to a
fresh repository in DIR and built by .github/workflows/packs.yml's own commands with two
shards (tests/workflow_runner.py), three times: fresh, after a commit that changes one pack,
after none. Prints each step's wall time, what each shard built, and the load average.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from support import copy_project  # noqa: E402
from test_workflow import CHANGED, FIRST, SECOND, git  # noqa: E402
from workflow_runner import Job, World, run_workflow  # noqa: E402


def report(label: str, jobs: list[Job]) -> None:
    """Each job's steps with their times, and the lines where tippack says what it built."""
    print(f"== {label}: load average {', '.join(f'{n:.1f}' for n in os.getloadavg())}")
    for job in jobs:
        print(f"-- {job.workspace.name}")
        for name, seconds in job.seconds:
            print(f"   {seconds:7.1f} s  {name[:70]}")
        for line in "\n".join(job.log).splitlines():
            if line.startswith(("shard ", "built ")) or " unchanged, " in line:
                print(f"      | {line[:150]}")


def main(root: Path, formats: str) -> None:
    """Make the repository, then run the workflow on it three times."""
    work, origin = root / "work", root / "origin.git"
    work.mkdir(parents=True)
    copy_project(work)
    git(work, "init", "--quiet", "--initial-branch", "main")
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--message", "Packs", when=FIRST)
    git(root, "clone", "--quiet", "--bare", str(work), str(origin))
    world = World(origin=origin, cache=root / "cache", formats=formats)
    builds, publish = run_workflow(world, root / "run-1")
    report("run 1, fresh", [*builds, publish])
    pack = work / "packs" / f"{CHANGED}.yml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("7 Fictional Avenue", "9 Fictional Avenue"),
                    encoding="utf-8")
    git(work, "commit", "--quiet", "--all", "--message", "One pack changed", when=SECOND)
    git(work, "push", "--quiet", str(origin), "main")
    for label in ("run 2, one pack changed", "run 3, nothing changed"):
        builds, publish = run_workflow(world, root / label.split(",")[0].replace(" ", "-"))
        report(label, [*builds, publish])


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "all")

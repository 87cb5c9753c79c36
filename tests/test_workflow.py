"""The GitHub Actions workflow, run here as written: its shards join into the full build, and a
push that changes one pack rebuilds and republishes that pack alone."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import copy_project
from workflow_runner import Job, World, run_job, run_workflow

FIRST, SECOND, THIRD, FOURTH = (1790000000 + day * 86400 for day in range(4))  # the commits' times
CHANGED = "glenfield"  # the pack the second commit changes
MODULE, USERS = "learning-resources", ["heatherbank", "oakview"]  # the module the third changes, its packs
REMOVED = "the-willows"  # the pack the fourth takes out


def git(folder: Path, *args: str, when: int | None = None) -> str:
    """Run git in a folder; commits are dated ``when`` and made by a fictional person."""
    env = {"GIT_AUTHOR_NAME": "Sam Example", "GIT_AUTHOR_EMAIL": "sam@example.org",
           "GIT_COMMITTER_NAME": "Sam Example", "GIT_COMMITTER_EMAIL": "sam@example.org",
           "PATH": "/usr/bin:/bin"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    return subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def digests(folder: Path) -> dict[str, str]:
    """Every file under a folder, by its path there, with its content's hash."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def built_counts(builds: list[Job]) -> tuple[int, int, list[str]]:
    """Packs built and left unchanged over every shard, and the slugs built, from what the shards printed."""
    text = "\n".join(line for job in builds for line in job.log)
    counts = [tuple(map(int, m)) for m in re.findall(r"(\d+) built, (\d+) unchanged", text)]
    assert len(counts) == len(builds), text
    return (sum(c[0] for c in counts), sum(c[1] for c in counts),
            sorted(re.findall(r"^built ([a-z0-9-]+) \(", text, flags=re.MULTILINE)))


@dataclass
class Runs:
    """Runs of the workflow on one repository: first, after one pack changed, after nothing, after
    one module changed, after one pack was taken out."""

    origin: Path
    reference: Path  # every pack built in one go, in a fresh checkout of the first commit
    runs: list[tuple[list[Job], Job]]
    published: list[str]  # the gh-pages commit after each run


@pytest.fixture(scope="session")
def workflow_runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The six example packs, committed, pushed and built by the workflow five times (sites only)."""
    root = tmp_path_factory.mktemp("workflow")
    work, origin = root / "work", root / "origin.git"
    work.mkdir()
    copy_project(work)
    git(work, "init", "--quiet", "--initial-branch", "main")
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "--message", "Packs", when=FIRST)
    git(root, "clone", "--quiet", "--bare", str(work), str(origin))
    world = World(origin=origin, cache=root / "cache")
    runs: list[tuple[list[Job], Job]] = []
    published: list[str] = []

    def run() -> None:
        runs.append(run_workflow(world, root / f"run-{len(runs) + 1}"))
        published.append(git(origin, "rev-parse", "gh-pages"))

    def push(message: str, when: int) -> None:
        git(work, "commit", "--quiet", "--all", "--message", message, when=when)
        git(work, "push", "--quiet", str(origin), "main")

    run()
    checkout = root / "reference"
    reference = run_job(world, "build", checkout, root, {"matrix.shard": "1", "strategy.job-total": "1"},
                        until="Date each file by its last commit")
    done = subprocess.run(["tippack", "build", "--format", world.formats, "--out", "full"], cwd=checkout,
                          env=reference.env({}, {}), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr

    pack = work / "packs" / f"{CHANGED}.yml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("7 Fictional Avenue", "9 Fictional Avenue"),
                    encoding="utf-8")
    push("Glenfield has moved", SECOND)
    run()
    run()  # nothing changed
    module = work / "content" / "modules" / f"{MODULE}.yml"
    module.write_text(module.read_text(encoding="utf-8") + "# (a comment: a change to the file alone)\n",
                      encoding="utf-8")
    push("A module changed", THIRD)
    run()
    git(work, "rm", "--quiet", f"packs/{REMOVED}.yml")
    push("A home taken out", FOURTH)
    run()
    return Runs(origin, checkout / "full", runs, published)


@pytest.mark.slow
@pytest.mark.build
def test_shards_joined_as_the_workflow_does_are_the_full_build(workflow_runs: Runs) -> None:
    builds, publish = workflow_runs.runs[0]
    assert built_counts(builds)[:2] == (6, 0)
    joined, full = publish.workspace / "build", workflow_runs.reference
    slugs = sorted(p.name for p in full.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert len(slugs) == 6 and sorted(p.name for p in joined.iterdir() if p.is_dir()) == slugs
    for slug in slugs:  # every file of every pack, byte for byte, build records included
        assert digests(joined / slug) == digests(full / slug), slug
        record = json.loads((joined / slug / ".tippack.json").read_text(encoding="utf-8"))
        assert record["epoch"] == FIRST, slug  # dated by the commit, not by the checkout
    assert (joined / "index.html").read_bytes() == (full / "index.html").read_bytes()
    files = git(workflow_runs.origin, "ls-tree", "-r", "--name-only", workflow_runs.published[0]).splitlines()
    assert {name.split("/")[0] for name in files} == {*slugs, "index.html", "robots.txt", ".nojekyll"}


@pytest.mark.slow
@pytest.mark.build
def test_a_push_changing_one_pack_rebuilds_and_republishes_that_pack_alone(workflow_runs: Runs) -> None:
    builds, publish = workflow_runs.runs[1]
    assert built_counts(builds) == (1, 5, [CHANGED])
    before, after = workflow_runs.published[:2]
    changed = git(workflow_runs.origin, "diff", "--name-only", before, after).splitlines()
    assert changed and all(name.startswith(f"{CHANGED}/") or name == "index.html" for name in changed), changed
    overview = git(workflow_runs.origin, "diff", "--unified=0", before, after, "--", "index.html").splitlines()
    edits = [line for line in overview if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(edits) == 2 and "21 September 2026" in edits[0] and "22 September 2026" in edits[1], edits
    pages = [git(workflow_runs.origin, "show", f"{after}:{name}") for name in changed if name.endswith(".html")]
    assert any("9 Fictional Avenue" in page for page in pages)
    assert all(page.count('name="robots"') == 1 for page in pages)
    records = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))
               for p in (publish.workspace / "build").glob("*/.tippack.json")}
    assert {slug: r["epoch"] for slug, r in records.items()} == {
        slug: SECOND if slug == CHANGED else FIRST for slug in records}


@pytest.mark.slow
@pytest.mark.build
def test_a_push_changing_nothing_rebuilds_nothing_and_publishes_the_same_files(workflow_runs: Runs) -> None:
    builds, _ = workflow_runs.runs[2]
    assert built_counts(builds) == (0, 6, [])
    trees = [git(workflow_runs.origin, "rev-parse", f"{commit}^{{tree}}") for commit in workflow_runs.published[1:]]
    assert trees[0] == trees[1]



def changed_files(workflow_runs: Runs, run: int) -> list[str]:
    """The files of gh-pages that run ``run`` (counted from 0) changed, added or removed."""
    before, after = workflow_runs.published[run - 1: run + 1]
    return git(workflow_runs.origin, "diff", "--name-only", before, after).splitlines()


@pytest.mark.slow
@pytest.mark.build
def test_a_push_changing_one_module_rebuilds_and_republishes_the_packs_using_it(workflow_runs: Runs) -> None:
    builds, _ = workflow_runs.runs[3]
    assert built_counts(builds) == (2, 4, USERS)
    changed = changed_files(workflow_runs, 3)
    assert {name.split("/")[0] for name in changed} == {*USERS, "index.html"}, changed


@pytest.mark.slow
@pytest.mark.build
def test_a_pack_taken_out_is_gone_from_gh_pages_and_nothing_is_rebuilt(workflow_runs: Runs) -> None:
    builds, _ = workflow_runs.runs[4]
    assert built_counts(builds) == (0, 5, [])
    changed = changed_files(workflow_runs, 4)
    assert {name.split("/")[0] for name in changed} == {REMOVED, "index.html"}, changed
    files = git(workflow_runs.origin, "ls-tree", "-r", "--name-only", workflow_runs.published[4]).splitlines()
    assert not [name for name in files if name.startswith(f"{REMOVED}/")]

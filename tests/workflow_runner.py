"""Run .github/workflows/packs.yml here, step by step, as GitHub's runners would.

Every ``run:`` step runs as written, in bash with GitHub's options, in its own fresh clone of
a local repository that stands for the one on GitHub (with its gh-pages branch). What GitHub
itself provides is made local: the Actions cache and a run's artifacts are folders; checking
out is a ``git clone``; installing Python, the system libraries and tippack is left out (the
test's own environment has them). Expressions (``${{ ... }}``) are filled in from what the
runner knows; one the runner does not know stops the test, so a new one is noticed.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "packs.yml"
INSTALLS = ("pip install", "sudo apt-get")  # steps that install what this environment already has
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_workflow(path: Path = WORKFLOW) -> dict:
    """The workflow as data (YAML's ``on:`` key read as written, not as True)."""
    text = path.read_text(encoding="utf-8")
    return yaml.load(text, Loader=_StringKeys)


class _StringKeys(yaml.SafeLoader):
    """YAML 1.1 reads ``on`` as a boolean; GitHub reads it as a key."""


_StringKeys.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class World:
    """What outlives a job: the repository on GitHub (a bare one here) and the Actions cache."""

    origin: Path
    cache: Path
    formats: str = "site"
    force: bool = False


@dataclass
class Job:
    """One job on one runner: its workspace, what its expressions stand for, what it printed."""

    world: World
    workspace: Path
    artifacts: Path
    context: dict[str, str]
    log: list[str] = field(default_factory=list)
    seconds: list[tuple[str, float]] = field(default_factory=list)  # each step's wall time, in order

    def render(self, text: str) -> str:
        """Text with every ``${{ ... }}`` replaced by what it stands for on this runner."""
        return _EXPRESSION.sub(lambda m: self.context[m.group(1)], str(text))

    def env(self, workflow: dict, step: dict) -> dict[str, str]:
        """The environment a step runs in: the machine's (less a fixed build date), then the
        workflow's and the step's own variables."""
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.update({k: str(v) for k, v in (workflow.get("env") or {}).items()})
        env["FORMATS"] = self.world.formats
        env.update({k: self.render(v) for k, v in (step.get("env") or {}).items()})
        return env


def run_job(world: World, job_id: str, workspace: Path, artifacts: Path,
            context: dict[str, str] | None = None, until: str | None = None) -> Job:
    """Run one job of the workflow to its end (or to the step named ``until``); a step that fails
    stops the test with its output."""
    workflow = load_workflow()
    job = Job(world, workspace, artifacts, {"inputs.force": str(world.force).lower(), **(context or {})})
    for step in workflow["jobs"][job_id]["steps"]:
        started = time.perf_counter()
        if "uses" in step:
            _action(job, step)
        elif not step["run"].lstrip().startswith(INSTALLS):
            _run(job, workflow, step)
        job.seconds.append((step.get("name") or step.get("uses") or step["run"], time.perf_counter() - started))
        if until is not None and step.get("name") == until:
            return job
    assert until is None, f"the workflow's {job_id} job has no step named {until!r}"
    return job


def _run(job: Job, workflow: dict, step: dict) -> None:
    outputs = job.workspace.parent / f"{job.workspace.name}-output"
    outputs.write_text("", encoding="utf-8")
    env = {**job.env(workflow, step), "GITHUB_OUTPUT": str(outputs)}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", job.render(step["run"])],
                          cwd=job.workspace, env=env, capture_output=True, text=True, timeout=900)
    job.log.append(done.stdout + done.stderr)
    assert done.returncode == 0, f"step {step.get('name', step['run'][:40])!r} failed:\n{done.stdout}{done.stderr}"
    for line in outputs.read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition("=")
        job.context[f"steps.{step.get('id')}.outputs.{name}"] = value


def _action(job: Job, step: dict) -> None:
    """What GitHub's own actions do, done here with git and folders."""
    name = step["uses"].split("@")[0]
    given = {k: job.render(v) for k, v in (step.get("with") or {}).items()}
    if name == "actions/checkout":
        depth = int(given.get("fetch-depth", 1))
        subprocess.run(["git", "clone", "--quiet", *(["--depth", str(depth)] if depth else []),
                        f"file://{job.world.origin}", str(job.workspace)], check=True)
    elif name == "actions/cache/restore":
        stored = job.world.cache / given["key"]
        if _condition(job, step.get("if", "true")) and stored.is_dir():
            shutil.copytree(stored, job.workspace / given["path"])
    elif name == "actions/cache/save":
        stored = job.world.cache / given["key"]
        if not stored.exists():  # a cache entry, once saved, is never replaced
            shutil.copytree(job.workspace / given["path"], stored)
    elif name == "actions/upload-artifact":
        (job.artifacts / given["name"]).mkdir(parents=True)
        shutil.copy(job.workspace / given["path"], job.artifacts / given["name"])
    elif name == "actions/download-artifact":
        assert given.get("merge-multiple", "").lower() == "true", "the join expects the shards' files in one folder"
        target = job.workspace / given["path"]
        target.mkdir(parents=True, exist_ok=True)
        for artifact in sorted(job.artifacts.iterdir()):
            if fnmatch.fnmatch(artifact.name, given["pattern"]):
                shutil.copytree(artifact, target, dirs_exist_ok=True)
    elif name != "actions/setup-python":
        raise AssertionError(f"the test does not know what {name} does: teach tests/workflow_runner.py")


def _condition(job: Job, text: str) -> bool:
    """An ``if:`` of terms joined by ``&&``: ``X != ''``, ``!X`` or ``true``; others stop the test."""
    verdict = True
    for term in (t.strip() for t in str(text).split("&&")):
        if term == "true":
            continue
        if term.endswith("!= ''"):
            verdict &= job.render("${{ " + term[:-5].strip() + " }}") != ""
        elif term.startswith("!"):
            verdict &= job.context[term[1:]] != "true"
        else:
            raise AssertionError(f"the test cannot read the condition {text!r}")
    return verdict


def run_workflow(world: World, folder: Path, shards: int = 2) -> tuple[list[Job], Job]:
    """One run of the workflow: the build job on ``shards`` runners, then the publish job."""
    artifacts = folder / "artifacts"
    artifacts.mkdir(parents=True)
    builds = [run_job(world, "build", folder / f"shard-{k}", artifacts,
                      {"matrix.shard": str(k), "strategy.job-total": str(shards)}) for k in range(1, shards + 1)]
    return builds, run_job(world, "publish", folder / "publish", artifacts)

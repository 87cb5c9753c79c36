"""``tippack publish``: the whole build as one static site, in a folder or on a gh-pages branch.

The overview is the site's front page and each home's outputs sit under ``/SLUG/`` as they
do in the build folder, so the overview's links work unchanged. What a pack publishes is
what the output declarations name (``OUTPUTS.published_files``): an output added later is
published without touching this file, and one marked ``published = False`` never is.
Whatever the registry says, a pack's ``completed/`` folder (the home's filled-in copy,
made by ``tippack fill``) is never published, nor are build records and locks. The
progress reports (``build/SLUG/progress/``, ``build/cohorts/``) are published only with
``--with-progress``, and only then does the published overview link them.

Packs name homes, managers and staff, so published pages ask search engines not to index
them or follow their links (a robots meta tag in every HTML page, and a robots.txt that
disallows everything) unless ``--allow-indexing`` is given. The built files are not
changed: the tag is added to the published copies only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from tippack.building.output_folder import locked, swap_in
from tippack.building.overview import overview_html, overview_packs
from tippack.outputs.progress.folder import COHORTS
from tippack.outputs.progress.folder import FOLDER as PROGRESS
from tippack.outputs.registry import OUTPUTS
from tippack.reading.project import Project, UsageProblem

NOINDEX = '<meta name="robots" content="noindex, nofollow">'
ROBOTS_TXT = "# Care home packs name homes and staff: not for search engines.\nUser-agent: *\nDisallow: /\n"
# Top-level names under build/SLUG/ that never leave the build folder with a pack's outputs
# (a progress report goes only with --with-progress, copied on its own).
NEVER_PUBLISHED = ("completed", PROGRESS)
MARK = ".tippack-published"  # in a folder made by ``publish --to``: it may be replaced next time
_HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)


class PublishError(Exception):
    """Publishing failed for a reason outside tippack (git, the remote): one line for the person."""


def noindex(html: bytes) -> bytes:
    """The page with a robots meta tag first in its <head> (or first of all, if it has none).

    A page that has it there already, published before (the CI workflow takes the packs it
    did not rebuild back from gh-pages), is left as it is: publishing again changes nothing.
    """
    tag = NOINDEX.encode()
    match = _HEAD.search(html)
    at = match.end() if match else 0
    if html[at:].startswith(b"\n" + tag if match else tag + b"\n"):
        return html
    if match is None:
        return tag + b"\n" + html
    return html[:at] + b"\n" + tag + html[at:]


def _copier(indexing: bool) -> Callable[[str, str], None]:
    """How each file is published: HTML pages get the robots tag; the rest is linked (or copied)."""

    def publish_file(source: str, target: str) -> None:
        if not indexing and source.endswith(".html"):
            Path(target).write_bytes(noindex(Path(source).read_bytes()))
            return
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)

    return publish_file


def lay_out(project: Project, out: Path, target: Path, indexing: bool, progress: bool = False) -> list[str]:
    """Write the published site of build folder ``out`` into the new folder ``target``; the slugs published.
    With ``progress``, each home's progress report and the cohort reports go too (and the overview links them)."""
    packs = [meta["slug"] for meta in overview_packs(out)]
    if not packs:
        raise UsageProblem(f"nothing to publish: {out} holds no built packs (run tippack build first)")
    copy = _copier(indexing)
    target.mkdir(parents=True)
    for slug in packs:
        (target / slug).mkdir()
        for name in OUTPUTS.published_files(slug):
            if Path(name).parts[0] in NEVER_PUBLISHED:
                continue
            source, dest = out / slug / name, target / slug / name
            if source.is_dir():
                shutil.copytree(source, dest, copy_function=copy,
                                ignore=lambda folder, names: [n for n in names if n in NEVER_PUBLISHED])
            elif source.is_file():
                copy(str(source), str(dest))
        if progress and (out / slug / PROGRESS).is_dir():
            shutil.copytree(out / slug / PROGRESS, target / slug / PROGRESS, copy_function=copy)
    if progress and (out / COHORTS).is_dir():
        shutil.copytree(out / COHORTS, target / COHORTS, copy_function=copy,
                        ignore=lambda folder, names: [n for n in names if n.startswith(".")])
    index = overview_html(project, out, progress).encode("utf-8")
    (target / "index.html").write_bytes(index if indexing else noindex(index))
    if not indexing:
        (target / "robots.txt").write_text(ROBOTS_TXT, encoding="utf-8")
    return packs


def publish_to(project: Project, out: Path, target: Path, indexing: bool, waiting: Callable[[str], None],
               progress: bool = False) -> list[str]:
    """Publish into the folder ``target``, replacing an earlier publish there in one step."""
    target = target.resolve()
    if target.is_relative_to(out) or out.is_relative_to(target):
        raise UsageProblem(f"--to {target} overlaps the build folder {out}: publish into a folder of its own")
    if target.exists() and any(target.iterdir()) and not (target / MARK).exists():
        raise UsageProblem(f"{target} is not empty and was not made by tippack publish: choose a new or empty folder")
    if not out.is_dir():
        raise UsageProblem(f"nothing to publish: {out} does not exist (run tippack build first)")
    staging = target.with_name(f".{target.name}.publishing-{uuid.uuid4().hex[:8]}")
    try:
        with locked(out, waiting):  # no build swaps a pack in while it is copied
            packs = lay_out(project, out, staging, indexing, progress)
        (staging / MARK).write_text("published by tippack publish; replaced by the next publish\n", encoding="utf-8")
        if target.exists() and not any(target.iterdir()):
            target.rmdir()
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return packs


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def publish_gh_pages(project: Project, out: Path, indexing: bool, remote: str, push: bool,
                     waiting: Callable[[str], None], branch: str = "gh-pages", progress: bool = False) -> list[str]:
    """Commit the published site to ``branch`` with ghp-import (as ``mkdocs gh-deploy`` does) and push it.

    The branch keeps no history: each publish is one commit with no parent, pushed with
    --force, so a home or person taken out of the packs is gone from the branch too.
    """
    import ghp_import

    if not out.is_dir():
        raise UsageProblem(f"nothing to publish: {out} does not exist (run tippack build first)")
    root = project.root
    if not _git(root, "rev-parse", "--git-dir"):
        raise PublishError(f"{root} is not in a git repository: --gh-pages commits to a branch of one")
    if not (_git(root, "config", "user.name") and _git(root, "config", "user.email")):
        raise PublishError("git has no user.name or user.email here: set them (git config user.name ...; "
                           "git config user.email ...) so the gh-pages commit says who made it")
    head = _git(root, "rev-parse", "--short", "HEAD")
    with tempfile.TemporaryDirectory(prefix="tippack-publish-") as tmp:
        site = Path(tmp) / "site"
        with locked(out, waiting):
            packs = lay_out(project, out, site, indexing, progress)
        message = (f"tippack publish: {len(packs)} pack{'s' if len(packs) != 1 else ''}"
                   f"{f' from {head}' if head else ''}{'' if indexing else ' (noindex)'}")
        _git(root, "update-ref", "-d", f"refs/heads/{branch}")  # a commit without parents, even when not pushed
        cwd = os.getcwd()
        os.chdir(root)  # ghp-import runs git in the current folder
        try:
            ghp_import.ghp_import(str(site), mesg=message, remote=remote, branch=branch, push=push,
                                  nojekyll=True, no_history=True)
        except ghp_import.GhpError as exc:
            raise PublishError(f"ghp-import: {exc.message}") from None
        except subprocess.CalledProcessError as exc:
            raise PublishError(f"git push to {remote} failed (exit {exc.returncode}); the commit is on the local "
                               f"branch {branch}") from None
        finally:
            os.chdir(cwd)
    if not _git(root, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"):
        raise PublishError(f"ghp-import did not make the {branch} commit (see its message above)")
    return packs

"""build/index.html: every published pack for facilitators, from the packs' build records.

Written after every build and when shards are joined, atomically; it lists what is in the
folder, each pack with its home, modules, pages, build date and a link to each output
(never to a home's completed copies), and why a pack is out of date when it is.
Joining shards makes one folder that is a whole build, as if every pack had been built
into it: each pack's folder is linked in (hard links; copied where the file system cannot
link) and swapped in whole, so the overview's ``SLUG/...`` links, ``tippack publish`` and
later incremental builds all work on it as on any build folder.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from tippack.building.output_folder import clear_debris, locked, staging_folder, swap_in
from tippack.outputs.bundle.bundle import bundle_name
from tippack.outputs.printed.names import complete_pdf_name, pdf_name, poster_name, tools_pdf_name
from tippack.outputs.progress.folder import COHORTS, report_page
from tippack.outputs.sheets.sheets import sheets_path
from tippack.outputs.word.word import module_docx_path, pack_docx_name
from tippack.reading.project import Project
from tippack.rendering.templates import environment

SHARE_FILE = ".tippack-shard.json"  # in a shard's output folder: which packs are its share

STATUS = ".tippack-status.json"  # why a published pack is out of date, by slug


def record(out: Path, slug: str) -> dict[str, Any] | None:
    """The build record of a published pack, if there is one."""
    path = out / slug / ".tippack.json"
    try:
        return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def note_status(out: Path, notes: dict[str, str | None]) -> None:
    """Record (or clear, with None) why a published pack no longer matches its inputs."""
    path = out / STATUS
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    for slug, reason in notes.items():
        if reason:
            known[slug] = reason
        else:
            known.pop(slug, None)
    tmp = out / f"{STATUS}.tmp"
    tmp.write_text(json.dumps(known, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def overview_packs(out: Path, progress: bool = True, published: bool = False) -> list[dict[str, Any]]:
    """Every pack in a build folder, in slug order: its record, with links to the outputs present
    (its progress report only when ``progress``), and why it is out of date, if it is.
    ``published``: the links of the published site, where a pack's website is ``SLUG/`` itself."""
    try:
        notes = json.loads((out / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        notes = {}
    packs = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = record(out, folder.name)
        if meta is None:
            continue
        slug = meta["slug"]
        meta["links"] = {
            "site": _site_link(folder, slug, published),
            "pdf": f"{slug}/{pdf_name(slug)}" if (folder / pdf_name(slug)).exists() else None,
            **{key: f"{slug}/{name}" if (folder / name).exists() else None for key, name in (
                ("tools", tools_pdf_name(slug)), ("complete", complete_pdf_name(slug)),
                ("poster", poster_name(slug)), ("poster_a3", poster_name(slug, "A3")))},
            "docx": f"{slug}/{pack_docx_name(slug)}" if (folder / pack_docx_name(slug)).exists() else None,
            "zip": f"{slug}/{bundle_name(slug)}" if (folder / bundle_name(slug)).exists() else None,
            "earlier": [f"{slug}/versions/{name}" for name in meta.get("earlier", [])
                        if (folder / "versions" / name).exists()],
            "progress": report_page(slug) if progress and (out / report_page(slug)).is_file() else None,
        }
        meta["stale"] = notes.get(slug)
        parts = meta.get("parts", {})
        for module in meta["modules"]:
            where = parts.get(module["id"], {})
            module["volume"] = "booklet" if "booklet" in where or "front" in where else "tools"
            module["pages"] = where.get("booklet") or where.get("tools") or module["pages"]
            word, sheets = module_docx_path(module["id"]), sheets_path(module["id"])
            module["word"] = f"{slug}/{word}" if (folder / word).is_file() else None
            module["sheets"] = f"{slug}/{sheets}" if (folder / sheets).is_file() else None
        packs.append(meta)
    return packs


def is_published_shape(folder: Path) -> bool:
    """Whether a pack's folder holds its website at the top, as ``tippack publish`` lays it out
    (taken back from gh-pages by the CI workflow), rather than in site/ as a build does."""
    return not (folder / "site").is_dir() and (folder / "index.html").is_file()


def _site_link(folder: Path, slug: str, published: bool) -> str | None:
    """The overview's link to a pack's website: SLUG/ on the published site, site/index.html in a build."""
    if (folder / "site" / "index.html").exists():
        return f"{slug}/" if published else f"{slug}/site/index.html"
    return f"{slug}/" if is_published_shape(folder) else None


def overview_cohorts(out: Path) -> list[dict[str, str]]:
    """The cohort progress reports in a build folder (build/cohorts/NAME/index.html), by name."""
    folder = out / COHORTS
    if not folder.is_dir():
        return []
    return [{"name": p.name, "link": f"{COHORTS}/{p.name}/index.html"} for p in sorted(folder.iterdir())
            if (p / "index.html").is_file()]


def overview_html(project: Project, out: Path, progress: bool = True, published: bool = False) -> str:
    """The overview page of a build folder; with ``progress``, linking the progress reports
    (the local overview does; a published one only when ``publish --with-progress`` asks);
    ``published``: of the site ``tippack publish`` lays out, each home's website at ``SLUG/``."""
    return environment(project.overrides / "publish").get_template("index.html").render(
        packs=overview_packs(out, progress, published), cohorts=overview_cohorts(out) if progress else [])


def write_overview(project: Project, out: Path) -> None:
    """build/index.html: every published pack, its home, modules, pages, build date and links,
    and for a pack whose inputs changed since its last good build, why it is out of date."""
    tmp = out / ".index.html.tmp"
    tmp.write_text(overview_html(project, out), encoding="utf-8")
    tmp.replace(out / "index.html")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def join(project: Project, out: Path, packs: dict[str, Path], waiting: Callable[[str], None]) -> list[str]:
    """Make ``out`` a whole build of ``packs`` (slug -> the folder holding its build) and write its overview.

    Each pack is laid out in staging and swapped in whole; packs built in ``out`` before
    that are not among them are removed (their slugs are returned), so the overview lists
    exactly the joined packs.
    """
    with locked(out, waiting):
        clear_debris(out)
        for slug, folder in sorted(packs.items()):
            staging = staging_folder(out, slug)
            staging.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(folder / slug, staging, symlinks=True, copy_function=_link_or_copy)
            swap_in(staging, out / slug)
        removed = []
        for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if folder.name not in packs and record(out, folder.name) is not None:
                shutil.rmtree(folder)
                removed.append(folder.name)
        (out / SHARE_FILE).unlink(missing_ok=True)  # a whole build now, not a shard's folder
        clear_debris(out)
        write_overview(project, out)
    return removed

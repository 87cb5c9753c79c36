"""Shards: the K-th of N page-balanced shares of the packs, for a CI job matrix.

Each job of a matrix decides its own share, so every job must decide alike: the split
depends only on the sorted pack list and one page count per pack, and the page counts
come from what every job sees the same. A fresh runner has no earlier build, so each
pack's pages are estimated from its modules. A folder holding an earlier whole build
(no shard mark) gives each pack's last page count. A shard's folder is marked with the
page counts its share was split by, and the next build into it splits by those again:
its own records cover only its share, and the other shards' folders could not agree
with them. ``tippack overview`` checks that the shares it joins fit together (every pack
once, every shard there), so a mismatch fails the join instead of publishing a gap.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tippack.building.overview import SHARE_FILE, record
from tippack.planning.plan import gather, select_packs
from tippack.reading.library import Library, LoadedPack
from tippack.reading.project import Project, UsageProblem

FRONT_PAGES = 8  # cover, contents, quick start, plan and back matter: a pack's pages besides its modules
BYTES_PER_PAGE = 1800  # module YAML per printed page; the library's modules range from 1,350 to 2,550
LARGE_PRINT = 1.7  # large-print pages per ordinary page (the example packs: 1.6 to 1.8)


@dataclass(frozen=True)
class Shard:
    """Which share: ``index`` of ``count``, counting from 1."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``K/N`` with 1 <= K <= N; a ValueError saying how to write it otherwise."""
    parts = text.strip().split("/")
    if len(parts) == 2 and all(p.strip().isdigit() for p in parts):
        index, count = int(parts[0]), int(parts[1])
        if 1 <= index <= count:
            return Shard(index, count)
    raise ValueError(f"'{text}': write K/N with 1 <= K <= N, for example 2/8")


@dataclass(frozen=True)
class Share:
    """One shard's packs (heaviest first, which also keeps the workers busy to the end) and
    what the shares were split from."""

    shard: Shard
    selection: list[str]  # every pack the shares were split from, sorted
    slugs: list[str]
    pages: dict[str, int]  # the page count each pack was split by

    def describe(self) -> str:
        total = sum(self.pages[s] for s in self.slugs)
        return (f"shard {self.shard}: {len(self.slugs)} of {len(self.selection)} packs, "
                f"about {total} pages: {', '.join(self.slugs) or 'none'}")


def split(pages: dict[str, int], count: int) -> list[list[str]]:
    """Longest first: each pack, heaviest first, goes to the share with the fewest pages so far.

    Ties go by slug and by share number, so the same page counts always give the same shares.
    """
    shares: list[list[str]] = [[] for _ in range(count)]
    totals = [0] * count
    for slug in sorted(pages, key=lambda s: (-pages[s], s)):
        lightest = min(range(count), key=lambda i: (totals[i], i))
        shares[lightest].append(slug)
        totals[lightest] += pages[slug]
    return shares


def estimate(loaded: LoadedPack | None, library: Library) -> int:
    """A pack's pages from the size of its modules' files, for a pack without a page count.

    A pack that is not valid counts as its front matter: it still gets a shard, whose build
    then reports its problems.
    """
    if loaded is None:
        return FRONT_PAGES
    size = sum(library.modules[ref.id].doc_path.stat().st_size
               for ref in loaded.model.module_refs() if ref.id in library.modules)
    pages = FRONT_PAGES + size / BYTES_PER_PAGE
    if loaded.model.print.large_print:
        pages *= LARGE_PRINT
    return max(1, round(pages))


def known_pages(out: Path, selection: list[str]) -> dict[str, int]:
    """Page counts every job can agree on: a shard folder's split, else an earlier whole build's records."""
    mark = read_share(out)
    if mark is not None:
        return {slug: int(n) for slug, n in mark.get("pages", {}).items() if isinstance(n, int) and n > 0}
    counts = {}
    for slug in selection:
        meta = record(out, slug)
        if meta and isinstance(meta.get("pages"), int) and meta["pages"] > 0:
            counts[slug] = meta["pages"]
    return counts


def pick_share(project: Project, slugs: tuple[str, ...], out: Path, shard: Shard) -> Share:
    """Shard ``shard``'s packs among those named (all when none)."""
    selection = sorted(select_packs(project, slugs))
    known = known_pages(out, selection)
    plan = gather(project, tuple(selection), lambda slug, inputs: True)  # read and check; tailor nothing
    loaded = {pack.slug: pack for pack in plan.loaded}
    pages = {slug: known.get(slug) or estimate(loaded.get(slug), plan.library) for slug in selection}
    return Share(shard, selection, split(pages, shard.count)[shard.index - 1], pages)


def write_share(out: Path, share: Share) -> None:
    """Mark ``out`` as this shard's folder: its share, and the page counts the shares were split by."""
    out.mkdir(parents=True, exist_ok=True)
    mark = {"shard": share.shard.index, "of": share.shard.count, "packs": share.slugs,
            "selection": share.selection, "pages": share.pages}
    tmp = out / f"{SHARE_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(mark, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(out / SHARE_FILE)


def forget_share(out: Path) -> None:
    """``out`` is about to hold a build of every pack: no longer one shard's folder."""
    (out / SHARE_FILE).unlink(missing_ok=True)


def read_share(folder: Path) -> dict[str, Any] | None:
    """A shard folder's mark, or None for a folder that is not a shard's."""
    try:
        mark = json.loads((folder / SHARE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return mark if isinstance(mark, dict) and isinstance(mark.get("packs"), list) else None


def built_packs(folder: Path) -> list[str]:
    """The packs a build folder holds: those with a build record."""
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and record(folder, p.name) is not None)


def gather_shards(folders: list[Path]) -> tuple[dict[str, Path], list[str]]:
    """Which folder each pack comes from, and what keeps the folders from making one whole build.

    A shard's folder gives its share (packs it built earlier for another split are left
    behind); any other folder gives every pack it holds. Every pack must come from one
    folder only, and shards must all come from one split with none missing.
    """
    found: dict[str, Path] = {}
    problems: list[str] = []
    marks: list[dict[str, Any]] = []
    for folder in folders:
        mark = read_share(folder)
        if mark is not None:
            marks.append(mark)
        for slug in mark["packs"] if mark is not None else built_packs(folder):
            if record(folder, slug) is None:
                problems.append(f"{folder}: {slug} is in this shard's share but was not built there")
            elif slug in found:
                problems.append(f"{slug} is in both {found[slug]} and {folder}: shards of one split hold each "
                                "pack once (were they split from different page counts?)")
            else:
                found[slug] = folder
    if marks:
        problems += _check_split(marks, found)
    return found, problems


def _check_split(marks: list[dict[str, Any]], found: dict[str, Path]) -> list[str]:
    splits: set[tuple[Any, ...]] = {
        (m.get("of"), tuple(m.get("selection", ())), json.dumps(m.get("pages"), sort_keys=True)) for m in marks}
    if len(splits) > 1:
        return ["the shard folders come from different splits (other packs, shard counts or page counts): "
                "build every shard of one run from the same starting state"]
    count, selection, _ = splits.pop()
    problems = []
    missing_shards = sorted(set(range(1, int(count) + 1)) - {m.get("shard") for m in marks})
    if missing_shards:
        problems.append(f"missing shard{'s' if len(missing_shards) > 1 else ''} "
                        f"{', '.join(f'{k}/{count}' for k in missing_shards)}")
    missing = sorted(set(selection) - set(found))
    if missing and not missing_shards:
        problems.append(f"not built in any shard: {', '.join(missing)}")
    return problems


def left_out(project: Project, folders: list[Path], packs: dict[str, Path]) -> list[str]:
    """Packs of the project that whole-build folders (no shard marks) do not hold: worth a warning.

    Shards are checked against their own split instead, which may be of some packs only.
    """
    if any(read_share(folder) is not None for folder in folders):
        return []
    return sorted(set(project.pack_files()) - set(packs))


def check_folders(out: Path, folders: list[Path]) -> None:
    """The joined folder must be a folder of its own: not one of the shards, nor inside one."""
    target = out.resolve()
    for folder in folders:
        source = folder.resolve()
        if target == source or target.is_relative_to(source) or source.is_relative_to(target):
            raise UsageProblem(f"--out {out} overlaps the shard folder {folder}: join into a folder of its own")

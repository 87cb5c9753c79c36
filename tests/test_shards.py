"""Shards: page-balanced shares that hold each pack once, built apart and joined into the whole build."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import small_project

from tippack.building.overview import SHARE_FILE
from tippack.building.shards import parse_shard, split
from tippack.cli import main


def run(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, args)


def test_split_holds_each_pack_once_balanced_and_always_the_same() -> None:
    rng = random.Random(17)
    for count in (1, 2, 3, 8):
        pages = {f"home-{i:03d}": rng.randint(30, 170) for i in range(rng.randint(count, 60))}
        shares = split(pages, count)
        assert sorted(s for share in shares for s in share) == sorted(pages)
        totals = [sum(pages[s] for s in share) for share in shares]
        assert max(totals) - min(totals) <= max(pages.values())  # longest-first's guarantee
        shuffled = dict(sorted(pages.items(), key=lambda kv: rng.random()))
        assert split(shuffled, count) == shares  # the order packs are listed in does not matter
    assert split({"a": 5}, 3) == [["a"], [], []]


def test_shard_is_written_k_of_n() -> None:
    assert str(parse_shard("2/8")) == "2/8"
    for bad in ("0/2", "3/2", "2", "a/b", "1/0", "-1/2"):
        with pytest.raises(ValueError, match="K/N"):
            parse_shard(bad)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_two_shards_joined_are_the_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = small_project(tmp_path, ("ash", "birch", "cedar"))
    heavy = project.packs_dir / "birch.yml"  # two packs of two short modules and one of three: a 1 + 2 split
    heavy.write_text(heavy.read_text().replace("modules: [", "modules: [welcome, "), encoding="utf-8")
    full, one, two, joined = (tmp_path / name for name in ("full", "one", "two", "joined"))
    for args in (["--out", str(full)], ["--shard", "1/2", "--out", str(one)], ["--shard", "2/2", "--out", str(two)]):
        result = run(["build", "--jobs", "2", *args], project.root, monkeypatch)
        assert result.exit_code == 0, result.stderr
    shares = [json.loads((folder / SHARE_FILE).read_text())["packs"] for folder in (one, two)]
    assert shares == [["birch"], ["ash", "cedar"]]
    assert sorted(p.name for p in one.iterdir() if p.is_dir()) == ["birch"]

    result = run(["overview", "--out", str(joined), str(one), str(two)], project.root, monkeypatch)
    assert result.exit_code == 0, result.stderr
    for slug in ("ash", "birch", "cedar"):  # every file of every pack, byte for byte
        assert digests(joined / slug) == digests(full / slug), slug
    assert (joined / "index.html").read_bytes() == (full / "index.html").read_bytes()
    assert not (joined / SHARE_FILE).exists()

    again = run(["build", "--shard", "1/2", "--out", str(one)], project.root, monkeypatch)
    assert again.exit_code == 0, again.stderr  # split by the same pages again, although birch now has a record
    assert "shard 1/2: 1 of 3 packs" in again.stderr and "0 built, 1 unchanged" in again.stderr

    partial = run(["overview", "--out", str(tmp_path / "partial"), str(one)], project.root, monkeypatch)
    assert partial.exit_code == 1
    assert "missing shard 2/2" in partial.stderr
    overlap = run(["overview", "--out", str(one), str(one), str(two)], project.root, monkeypatch)
    assert overlap.exit_code == 2

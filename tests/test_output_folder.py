"""The output folder's guarantees, tested directly: while builds are swapped in, a reader
never finds the pack's folder missing or a file half-written; staging debris is cleared."""

from __future__ import annotations

import threading
from pathlib import Path

from tippack.building.output_folder import clear_debris, staging_folder, swap_in


def _write_build(folder: Path, version: int) -> None:
    folder.mkdir(parents=True)
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(str(version), encoding="utf-8")


def test_while_builds_are_swapped_in_the_folder_is_never_missing_or_half_written(tmp_path: Path) -> None:
    out = tmp_path / "build"
    target = out / "oak"
    _write_build(target, 0)
    problems: list[str] = []
    reads = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            for name in ("a.txt", "c.txt"):
                try:
                    text = (target / name).read_text(encoding="utf-8")
                except FileNotFoundError:
                    problems.append(f"{name} was missing")
                    continue
                if not text.isdigit():
                    problems.append(f"{name} was half-written: {text!r}")
                reads += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for version in range(1, 300):
            new = staging_folder(out, "oak")
            _write_build(new, version)
            swap_in(new, target)
    finally:
        stop.set()
        thread.join()
    assert reads > 100
    assert not problems, problems[:5]
    assert (target / "a.txt").read_text(encoding="utf-8") == "299"
    assert not list(out.glob(".old-*")) and not list((out / ".staging").iterdir())


def test_debris_of_a_killed_build_is_cleared(tmp_path: Path) -> None:
    out = tmp_path / "build"
    _write_build(staging_folder(out, "oak"), 1)
    _write_build(out / ".old-oak-1234abcd", 0)
    _write_build(out / "oak", 2)
    clear_debris(out)
    assert not (out / ".staging").exists()
    assert not list(out.glob(".old-*"))
    assert (out / "oak" / "a.txt").read_text(encoding="utf-8") == "2"

"""Builds that real life interrupts: two at once, Ctrl-C, SIGTERM, a worker killed, a pack
removed, a module with a mistake. Each starts the real ``tippack`` command in a subprocess."""

from __future__ import annotations

import json
import os
import queue
import signal
import threading
import time
from pathlib import Path

import pytest
from support import run_tippack, small_project, tippack

from tippack.reading.project import Project

pytestmark = [pytest.mark.build, pytest.mark.slow]


class Lines:
    """A running command's stderr, line by line, as it comes."""

    def __init__(self, process) -> None:
        self.process = process
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 120) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"never saw {text!r}; saw {self.seen}")

    def rest(self, timeout: float = 120) -> list[str]:
        self.process.wait(timeout=timeout)
        while True:
            line = self._queue.get(timeout=timeout)
            if line is None:
                break
            self.seen.append(line)
        self.process.stdout.close()
        self.process.stderr.close()
        return self.seen


def built_slugs(out: Path) -> dict[str, int]:
    """Published packs and the time of their PDF (which changes only when rebuilt)."""
    return {p.parent.name: p.stat().st_mtime_ns for p in out.glob("*/*-implementation-pack.pdf")}


@pytest.fixture()
def small(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    return small_project(root)


def test_two_builds_into_one_folder_wait_for_each_other(small: Project) -> None:
    first = tippack(small, "build", "ash", "birch", "--force", "--jobs", "1")
    time.sleep(0.5)
    second = tippack(small, "build", "cedar", "--force")
    out_first, out_second = first.communicate(timeout=300), second.communicate(timeout=300)
    assert first.returncode == 0, out_first[1]
    assert second.returncode == 0, out_second[1]
    assert "waiting for another build" in out_second[1] + out_first[1]
    assert set(built_slugs(small.root / "build")) == {"ash", "birch", "cedar"}
    assert not (small.root / "build" / ".staging").exists()


@pytest.mark.parametrize(("how", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_an_interrupted_build_stops_keeps_the_last_good_builds_and_resumes(small: Project, how: str,
                                                                           code: int) -> None:
    out = small.root / "build"
    assert run_tippack(small, "build", "--jobs", "1")[0] == 0
    before = built_slugs(out)
    module = small.modules_dir / "principles.yml"  # every pack uses it: every pack is out of date
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    process = tippack(small, "build", "--jobs", "2", start_new_session=True)
    lines = Lines(process)
    lines.wait_for("built ")
    if how == "SIGINT":  # Ctrl-C reaches the whole foreground group: the command and its workers
        os.killpg(process.pid, signal.SIGINT)
    else:  # a service manager stops the command itself
        process.send_signal(signal.SIGTERM)
    seen = "\n".join(lines.rest(timeout=60))
    assert process.returncode == code, seen
    assert "interrupted: built " in seen and "not built: " in seen, seen
    assert "Traceback" not in seen
    assert not (out / ".staging").exists()
    assert not list(out.glob(".old-*"))
    after = built_slugs(out)
    assert set(after) == {"ash", "birch", "cedar"}  # every pack still has a build: old or new
    rebuilt = {slug for slug in after if after[slug] != before[slug]}
    assert rebuilt and rebuilt != set(after)  # stopped part-way
    # The next build makes exactly the packs the interrupted one did not.
    code, err = run_tippack(small, "build")
    assert code == 0, err
    assert f"{3 - len(rebuilt)} built, {len(rebuilt)} unchanged" in err, err


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_killed_worker_fails_only_its_own_pack(small: Project) -> None:
    process = tippack(small, "build", "--force", "--jobs", "2")
    end = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < end and len(workers) < 2:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert workers, "no worker processes appeared"
    time.sleep(0.3)
    os.kill(workers[0], signal.SIGKILL)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1, err
    failed = [line for line in err.splitlines() if "the worker building it stopped (killed by signal 9)" in line]
    assert len(failed) == 1, err
    assert "2 built, 0 unchanged, 1 failed" in err, err
    assert "Traceback" not in err


def test_a_full_build_removes_packs_that_are_gone_and_a_named_build_does_not(small: Project) -> None:
    out = small.root / "build"
    assert run_tippack(small, "build", "--jobs", "1")[0] == 0
    (small.packs_dir / "cedar.yml").unlink()
    assert run_tippack(small, "build", "ash")[0] == 0
    assert (out / "cedar").is_dir()
    code, err = run_tippack(small, "build")
    assert code == 0, err
    assert "removed cedar: packs/cedar.yml no longer exists" in err
    assert not (out / "cedar").exists()
    assert "cedar" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_mistake_in_a_module_fails_exactly_the_packs_that_use_it(small: Project) -> None:
    out = small.root / "build"
    (small.packs_dir / "cedar.yml").write_text("home: {name: Cedar House}\nmodules: [principles]\n",
                                               encoding="utf-8")
    assert run_tippack(small, "build", "--jobs", "1")[0] == 0
    before = built_slugs(out)
    module = small.modules_dir / "statement-of-intent.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("kind: template", "kind: templates", 1),
                      encoding="utf-8")
    code, err = run_tippack(small, "build", "--force", "--jobs", "1")
    assert code == 1, err
    assert "content/modules/statement-of-intent.yml:" in err and "'templates' is not allowed" in err
    assert "packs/ash.yml:2:" in err and "module 'statement-of-intent' has errors" in err
    assert "error: not built: ash, birch" in err
    after = built_slugs(out)
    assert after["ash"] == before["ash"] and after["birch"] == before["birch"]  # last good builds kept
    assert after["cedar"] != before["cedar"]  # a pack without the module is built
    record = json.loads((out / "ash" / ".tippack.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in record["modules"]] == ["principles", "statement-of-intent"]


def test_material_configuration_tags_are_read_by_mkdocs(small: Project) -> None:
    config = small.mkdocs_yml.read_text(encoding="utf-8")
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n"
                            "  - pymdownx.emoji:\n"
                            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                            "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")
    config += "copyright: !ENV [TIPPACK_TEST_COPYRIGHT, 'Example Partnership']\n"
    small.mkdocs_yml.write_text(config, encoding="utf-8")
    module = small.modules_dir / "principles.yml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "sections:\n", "sections:\n  - id: smile\n    title: A smile\n    items:\n"
        "      - {id: heart, type: markdown, body: 'We care :material-heart: here.'}\n", 1), encoding="utf-8")
    code, err = run_tippack(small, "build", "ash", env={"TIPPACK_TEST_COPYRIGHT": "Copyright Łąka & Co"})
    assert code == 0, err
    page = (small.root / "build" / "ash" / "site" / "modules" / "principles.html").read_text(encoding="utf-8")
    assert '<span class="twemoji"><svg' in page  # Material's icon, inlined (nothing fetched)
    assert "Copyright Łąka &" in page

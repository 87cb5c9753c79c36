"""Mutated packs either pass or give located problems: never a traceback."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from tippack.building.builder import renderer_for
from tippack.planning.tailor import tailor
from tippack.reading.library import load_library
from tippack.reading.loading import read_pack
from tippack.reading.project import Project
from tippack.reading.source import load_text
from tippack.reading.validate import check_pack
from tippack.rendering.render import Renderer

BASE = yaml.safe_load((ROOT / "packs" / "oakview.yml").read_text(encoding="utf-8"))

nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["<script>alert(1)</script>", "{{ 7*7 }}", "{% for x in y %}", "[a](javascript:x)", "**b**",
                     "&amp;", "\u202e", "é" * 3, "---", "", " ", "null", "#ff00zz", "../../etc/passwd"]),
)
values = st.one_of(nasty_text, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
                   st.lists(nasty_text, max_size=3), st.dictionaries(nasty_text, nasty_text, max_size=2),
                   st.dates())


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += paths(value, (*prefix, index))
    return out


ALL_PATHS = paths(BASE)


def mutate(data: Any, path: tuple, action: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "drop":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "add" and isinstance(parent, dict):
        parent[str(value)[:20] or "x"] = value
    return data


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Any, Renderer]:
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("content", "packs", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    project = Project(root)
    return project, load_library(project), renderer_for(project)


def check_located(problems: list, project: Project) -> None:
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        assert (project.root / problem.path).is_file(), problem.format()
        assert "Traceback" not in problem.message


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(ALL_PATHS), action=st.sampled_from(["drop", "replace", "add"]), value=values)
def test_mutated_packs_are_built_or_explained(setting, path: tuple, action: str, value: Any) -> None:
    project, library, renderer = setting
    data = mutate(BASE, path, action, value)
    target = project.packs_dir / "fuzzed.yml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded, problems = check_pack(project, read_pack(project, "fuzzed", target, library.known_ids), library)
    check_located(problems, project)
    if loaded is None:
        assert any(p.severity == "error" for p in problems)
        return
    tailored, template_problems = tailor(loaded, library)
    check_located(template_problems, project)
    if tailored is not None:
        for module in tailored.modules:
            page = renderer.module(module).markdown
            assert "<script>alert" not in page


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_loads_or_is_explained(text: str) -> None:
    doc, problems = load_text(text, "packs/x.yml")
    assert doc is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1


def test_a_billion_laughs_is_refused() -> None:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        laughs.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    doc, problems = load_text("\n".join(laughs), "packs/x.yml")
    assert doc is None
    assert "expands to more than" in problems[0].message


def test_oversized_files_are_refused(tmp_path: Path) -> None:
    from tippack.reading.source import load_file

    big = tmp_path / "big.yml"
    big.write_text("home:\n  name: x\n" + "# padding\n" * 120_000)
    doc, problems = load_file(big, tmp_path)
    assert doc is None and "larger than" in problems[0].message

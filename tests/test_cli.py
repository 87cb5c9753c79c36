"""The command line through click's CliRunner: exit codes, messages, starter packs, schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tippack.cli import main
from tippack.reading.project import Project

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, args)


def test_check_finds_the_project_from_a_subfolder(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["check", "oakview"], ROOT / "content" / "modules", monkeypatch)
    assert result.exit_code == 0, result.stderr


def test_outside_a_project_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["check"], tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "no tippack project here" in result.stderr


def test_unknown_pack_is_a_usage_error_with_a_suggestion(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["check", "oakveiw"], ROOT, monkeypatch)
    assert result.exit_code == 2
    assert "no pack 'oakveiw' in packs/ (did you mean 'oakview'?)" in result.stderr


def test_bad_option_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["build", "--format", "epub"], ROOT, monkeypatch)
    assert result.exit_code == 2


def test_list_shows_modules_and_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["list"], ROOT, monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert "organisational-assessment" in result.stdout and "proforma" in result.stdout
    assert "Oakview Care Home" in result.stdout


def test_new_writes_a_pack_that_passes_check(scratch: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["new", "st-example", "--name", 'St Example\'s "House": {{ 1 }}'], scratch.root, monkeypatch)
    assert result.exit_code == 0, result.stderr
    text = (scratch.packs_dir / "st-example.yml").read_text()
    assert "St Example's" in text
    check = run(["check", "st-example"], scratch.root, monkeypatch)
    assert check.exit_code == 0, check.stderr
    again = run(["new", "st-example", "--name", "Again"], scratch.root, monkeypatch)
    assert again.exit_code == 2
    bad = run(["new", "Bad_Slug", "--name", "X"], scratch.root, monkeypatch)
    assert bad.exit_code == 2


def test_schema_writes_json_schemas(scratch: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["schema"], scratch.root, monkeypatch)
    assert result.exit_code == 0, result.stderr
    pack = json.loads((scratch.root / "build" / "schema" / "pack.schema.json").read_text())
    module = json.loads((scratch.root / "build" / "schema" / "module.schema.json").read_text())
    assert "home" in pack["properties"] and pack["additionalProperties"] is False
    assert "sections" in module["properties"]


def test_every_example_file_points_editors_at_the_schema() -> None:
    files = list((ROOT / "packs").glob("*.yml")) + list((ROOT / "content" / "modules").glob("*.yml"))
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert "schema.json" in first


def test_build_reports_a_broken_pack_and_builds_the_rest(scratch: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    out = scratch.root / "out"
    (scratch.packs_dir / "heatherbank.yml").write_text(
        (scratch.packs_dir / "heatherbank.yml").read_text().replace("ownership: voluntary", "ownership: charity")
    )
    result = run(["build", "heatherbank", "the-willows", "--format", "site", "--out", str(out)], scratch.root,
                 monkeypatch)
    assert result.exit_code == 1
    assert "packs/heatherbank.yml:" in result.stderr and "'charity' is not allowed" in result.stderr
    assert "not built: heatherbank" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "the-willows" / "site" / "index.html").is_file()
    assert not (out / "heatherbank").exists()


def test_list_shows_each_modules_section_ids_and_one_module_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["list"], ROOT, monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert "sections: getting-started, leadership-slip" in result.output
    one = run(["list", "barriers-enablers"], ROOT, monkeypatch)
    assert one.exit_code == 0
    assert "outer-setting" in one.output and "Outside the home" in one.output
    wrong = run(["list", "barrier-enablers"], ROOT, monkeypatch)
    assert wrong.exit_code == 2 and "did you mean 'barriers-enablers'?" in wrong.stderr

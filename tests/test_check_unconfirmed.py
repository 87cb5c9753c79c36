"""`tippack check` says how many national numbers nobody has confirmed, and lists them when asked.

tippack only records `confirmed:`; it never looks anything up. The count keeps the work visible
to whoever prints the packs; `--unconfirmed` says which numbers, at their lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tippack.cli import main

pytestmark = [pytest.mark.unit]

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The golden mini project with the unconfirmed-services case laid over it."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN / "mini", root)
    shutil.copytree(GOLDEN / "cases" / "unconfirmed-services", root, dirs_exist_ok=True)
    (root / "expected.txt").unlink()
    monkeypatch.chdir(root)
    return root


def test_the_flag_lists_each_unconfirmed_number_at_its_line(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--unconfirmed"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    listed = [line for line in lines if ": unconfirmed: " in line]
    assert listed == ["content/services.yml:11:12: unconfirmed: services[1] ('example-found').phone: 01632 960097"
                      " is not yet confirmed on the service's own page (found 2026-11-26 in 'Example news page"
                      " (2022)')"]
    assert "999" not in result.stderr  # 999, 101 and 111 are never marked
    assert "07700 900097" not in result.stderr  # a person confirmed it
    assert lines[-2] == ("content/services.yml: 1 national number not yet confirmed on the service's own page;"
                         " printed as \"not yet confirmed\" until someone adds 'confirmed:'")
    assert lines[-1] == "ok: 2 modules, 1 pack"


def test_confirming_the_number_silences_the_count(project: Path) -> None:
    services = project / "content" / "services.yml"
    text = services.read_text(encoding="utf-8")
    services.write_text(text.replace("    found: 2026-11-26\n  - id: example-confirmed",
                                     "    found: 2026-11-26\n    confirmed: 2026-12-02\n  - id: example-confirmed"),
                        encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "ok: 2 modules, 1 pack\n"

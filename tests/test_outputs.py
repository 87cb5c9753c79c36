"""Every output is declared once, in the entry list, and everything that names outputs reads it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from support import build_all, small_project

from tippack.outputs.base import Output, Outputs, PackBuild
from tippack.outputs.bundle.bundle import bundle_name
from tippack.outputs.printed.names import pdf_name
from tippack.outputs.registry import OUTPUTS


class Card(Output):
    """A one-page contacts card, as a new developer would add it: a format of its own."""

    name = "contacts card"
    order = 28
    format = "card"

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [f"{slug}-card.txt"]

    def build(self, build: PackBuild) -> None:
        build.path(f"{build.slug}-card.txt").write_text(build.plan.tailored.pack.home.name, encoding="utf-8")


class LinkedCard(Card):
    format = "linked-card"
    linked = True
    bundled = True


def test_the_entry_list_gives_the_formats_and_what_the_site_and_bundle_take() -> None:
    assert OUTPUTS.formats() == ["pdf", "docx", "xlsx", "site"]
    assert OUTPUTS.linked_formats() == {"pdf", "docx", "xlsx"}
    assert OUTPUTS.bundled_formats() == {"site", "pdf", "docx", "xlsx"}
    assert [OUTPUTS.words(f) for f in ("pdf", "site", "docx")] == ["the PDF", "the website", "docx"]
    assert OUTPUTS.linked_files("oak") == [pdf_name("oak"), "oak-tools.pdf", "oak-implementation-pack.pdf",
                                           "oak-poster.pdf", "oak-poster-a3.pdf", "modules",
                                           "oak-implementation-pack.docx", "word", "sheets"]
    assert "completed" not in OUTPUTS.published_files("oak")
    orders = [cls.order for cls in OUTPUTS]
    assert orders == sorted(orders)


def test_a_new_output_is_one_line_in_the_entry_list() -> None:
    added = Outputs(*OUTPUTS, Card, LinkedCard)
    assert added.formats() == ["pdf", "docx", "xlsx", "card", "linked-card", "site"]
    assert added.linked_formats() == {"pdf", "docx", "xlsx", "linked-card"}
    assert added.bundled_formats() == {"site", "pdf", "docx", "xlsx", "linked-card"}
    assert added.files_of("card", "oak") == ["oak-card.txt"]
    assert "oak-card.txt" in added.published_files("oak")


def test_the_command_line_offers_every_declared_format() -> None:
    from click.testing import CliRunner

    from tippack.cli import main

    result = CliRunner().invoke(main, ["build", "--help"])
    assert "pdf, docx, xlsx, site (or all)" in " ".join(result.output.split())


@pytest.mark.build
def test_building_a_format_the_bundle_does_not_carry_keeps_everything_else(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--format card`` once deleted the pack's zip: what is not built now is kept as it was."""
    project = small_project(tmp_path, ("ash",))
    out = tmp_path / "out"
    build_all(project, out, formats="site,pdf")
    zipped = (out / "ash" / bundle_name("ash")).read_bytes()
    monkeypatch.setattr(OUTPUTS, "declared", (*OUTPUTS.declared, Card))  # one more line in the entry list

    build_all(project, out, formats="card")

    pack = out / "ash"
    assert (pack / "ash-card.txt").read_text(encoding="utf-8") == "Ash House"
    assert (pack / bundle_name("ash")).read_bytes() == zipped
    assert (pack / pdf_name("ash")).is_file() and (pack / "site" / "index.html").is_file()
    with zipfile.ZipFile(pack / bundle_name("ash")) as bundle:
        assert not any("card" in name for name in bundle.namelist())

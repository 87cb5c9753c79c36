"""The whole pipeline for real: six example homes → sites, PDFs, module PDFs, bundles, overview."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tippack.reading.project import Project

pytestmark = [pytest.mark.build]

SLUGS = sorted(Project(Path(__file__).resolve().parents[1]).pack_files())


def pack_meta(built: Path, slug: str) -> dict:
    return json.loads((built / slug / ".tippack.json").read_text(encoding="utf-8"))


def test_every_example_pack_is_built(built: Path, project: Project) -> None:
    assert sorted(project.pack_files()) == SLUGS
    for slug in SLUGS:
        folder = built / slug
        assert (folder / "site" / "index.html").is_file()
        pdf = folder / f"{slug}-implementation-pack.pdf"
        assert len(PdfReader(pdf).pages) >= 20
        assert (folder / "site" / pdf.name).read_bytes() == pdf.read_bytes()
        assert (folder / f"{slug}-pack.zip").is_file()
    assert (built / "index.html").is_file()


@pytest.mark.parametrize("slug", SLUGS)
def test_cover_and_module_titles_in_pdf_and_site(built: Path, slug: str) -> None:
    meta = pack_meta(built, slug)
    reader = PdfReader(built / slug / f"{slug}-implementation-pack.pdf")
    cover = " ".join(reader.pages[0].extract_text().split())
    assert " ".join(meta["home"].split()) in cover
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for module in meta["modules"]:
        assert module["title"] in text
        page = (built / slug / "site" / "modules" / f"{module['id']}.html").read_text(encoding="utf-8")
        assert module["title"] in page
        assert (built / slug / "modules" / f"{module['id']}.pdf").is_file()
        assert f'href="{module["id"]}.pdf"' in page


@pytest.mark.parametrize("slug", SLUGS)
def test_every_site_page_links_the_printable_pack(built: Path, slug: str) -> None:
    site = built / slug / "site"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f"{slug}-booklet.pdf" in html, page  # the printable pack is the booklet
        assert "Download the printable pack" in html, page
    home = (site / "index.html").read_text(encoding="utf-8")
    for name in (f"{slug}-implementation-pack.pdf", f"{slug}-tools.pdf", f"{slug}-poster.pdf", f"{slug}-poster-a3.pdf"):
        assert f"{name}\"" in home and (site / name).is_file(), name


def test_module_pdfs_hold_the_module_pages(built: Path) -> None:
    meta = pack_meta(built, "oakview")
    volumes = {name: PdfReader(built / "oakview" / f"oakview-{name}.pdf") for name in ("booklet", "tools")}
    for module in meta["modules"]:
        where = meta["parts"][module["id"]]
        part = PdfReader(built / "oakview" / "modules" / f"{module['id']}.pdf")
        assert len(part.pages) == sum(end - start for start, end in where.values())
        volume, (start, _) = next((name, where[key]) for key, name in (
            ("front", "booklet"), ("booklet", "booklet"), ("tools", "tools")) if key in where)
        assert part.pages[0].extract_text() == volumes[volume].pages[start].extract_text()


def test_overview_lists_every_pack_with_links(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    for slug in SLUGS:
        meta = pack_meta(built, slug)
        assert meta["home"] in html
        assert f'href="{slug}/site/index.html"' in html
        for name in ("booklet", "implementation-pack", "tools", "poster", "poster-a3", "pack.zip"):
            assert f'href="{slug}/{slug}-{name}' in html, name
        assert f">{meta['booklet_pages']} / {meta['tools_pages']}<" in html


def test_bundle_holds_site_pdf_and_readme(built: Path) -> None:
    with zipfile.ZipFile(built / "heatherbank" / "heatherbank-pack.zip") as archive:
        names = set(archive.namelist())
        readme = archive.read("README.txt").decode()
    printed = {f"site/heatherbank-{name}.pdf" for name in ("booklet", "tools", "implementation-pack", "poster",
                                                             "poster-a3")}
    assert {"README.txt", "site/index.html", *printed} <= names
    assert sum(name.endswith("heatherbank-booklet.pdf") for name in names) == 1  # each PDF once
    assert "index.html" in readme and "Heatherbank House" in readme
    assert "heatherbank-booklet.pdf" in readme and "heatherbank-poster.pdf" in readme


def test_tailoring_follows_tags_and_exclusions(built: Path) -> None:
    oakview = (built / "oakview" / "site" / "modules" / "barriers-enablers.html").read_text(encoding="utf-8")
    assert 'id="barriers-enablers--outer-setting"' not in oakview  # excluded in packs/oakview.yml
    assert 'id="barriers-enablers--inner-setting"' in oakview
    glenfield = (built / "glenfield" / "site" / "modules" / "responding-to-disclosure.html").read_text()
    birchwood = (built / "birchwood-house" / "site" / "modules" / "responding-to-disclosure.html").read_text()
    council, independent = 'id="responding-to-disclosure--next-duty-council"', \
        'id="responding-to-disclosure--next-duty-independent"'
    assert council in birchwood and independent not in birchwood  # when: [local-authority]
    assert independent in glenfield and council not in glenfield  # unless: [local-authority]
    nurses = 'id="responding-to-disclosure--next-recent-nursing"'
    assert nurses in glenfield and nurses not in birchwood  # when: [nursing]


def test_extends_merges_shared_defaults(built: Path) -> None:
    meta = pack_meta(built, "birchwood-house")
    assert meta["home"] == "Birchwood House"
    assert [m["id"] for m in meta["modules"]][:3] == ["welcome", "responding-to-disclosure", "principles"]  # _defaults


@pytest.mark.parametrize("slug", ["oakview", "heatherbank"])
def test_site_navigation_shows_the_booklet_and_the_tools(built: Path, slug: str) -> None:
    meta = pack_meta(built, slug)
    html = (built / slug / "site" / "index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    assert "The booklet" in nav and "Tools" in nav
    booklet, tools = nav.split("The booklet", 1)[1].split("Tools", 1)
    for module in meta["modules"]:
        where = meta["parts"][module["id"]]
        title = module["title"].replace("&", "&amp;")
        assert title in (booklet if "booklet" in where or "front" in where else tools), module["id"]

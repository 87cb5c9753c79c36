"""Write a pack's docs tree and run MkDocs on it (MkDocs as a renderer only).

The per-pack configuration is the root ``mkdocs.yml`` with the home's name,
logo, colours and navigation filled in. No tippack logic runs inside MkDocs.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup

from tippack.outputs.base import Output, PackBuild, copy_files
from tippack.outputs.printed.names import complete_pdf_name, pdf_name, poster_name, tools_pdf_name
from tippack.outputs.site.engine import build_site, project_config
from tippack.reading.project import Project
from tippack.rendering.colours import palette
from tippack.rendering.render import RenderedModule

if TYPE_CHECKING:
    from tippack.planning.plan import PackPlan
    from tippack.rendering.render import Renderer


log = logging.getLogger(__name__)


def write_docs(
    docs: Path,
    project: Project,
    slug: str,
    home_md: str,
    modules: list[RenderedModule],
    pages: list[tuple[str, str, str]],
    logo: Path | None,
    plan_html: str = "",
    booklet: frozenset[str] | None = None,
) -> list[Any]:
    """Write the docs tree; return the navigation for mkdocs.yml. ``booklet``: the modules with a
    part in the printed booklet, listed first, the others under "Tools" (as the two volumes)."""
    (docs / "modules").mkdir(parents=True, exist_ok=True)
    (docs / "pages").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(_front({"title": "Home", "tp_home": True}) + home_md, encoding="utf-8")
    for module in modules:
        meta = {"title": html_text(module.title), "tp_module": module.id, "tp_kind": module.kind}
        (docs / "modules" / f"{module.id}.md").write_text(_front(meta) + module.markdown, encoding="utf-8")
    for name, title, text in pages:
        (docs / "pages" / f"{name}.md").write_text(_front({"title": html_text(title)}) + text, encoding="utf-8")
    for style in project.item_styles():  # an item type's own stylesheet
        (docs / "assets" / "items").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(style, docs / "assets" / "items" / style.name)
    if logo is not None:
        (docs / "assets").mkdir(exist_ok=True)
        shutil.copyfile(logo, docs / "assets" / f"logo{logo.suffix.lower()}")
    nav: list[Any] = [{"Home": "index.md"}]
    if plan_html:
        (docs / "pages" / "plan.md").write_text(_front({"title": "Six-month plan"}) + plan_html + "\n",
                                                 encoding="utf-8")
        nav.append({"Six-month plan": "pages/plan.md"})
    if booklet is None:
        nav.append({"This pack": [{html_text(m.title): f"modules/{m.id}.md"} for m in modules]})
    else:
        for label, chosen in (("The booklet", [m for m in modules if m.id in booklet]),
                              ("Tools", [m for m in modules if m.id not in booklet])):
            if chosen:
                nav.append({label: [{html_text(m.title): f"modules/{m.id}.md"} for m in chosen]})
    if pages:
        nav.append({"About": [{html_text(title): f"pages/{name}.md"} for name, title, _ in pages]})
    return nav


def html_text(text: str) -> str:
    """Escape text that Material prints without escaping (site name, titles, nav)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _front(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def site_config(
    project: Project,
    docs: Path,
    site: Path,
    nav: list[Any],
    home_name: str,
    slug: str,
    primary: str,
    logo_name: str | None,
    pdf_name: str,
    contacts: dict[str, Any] | None = None,
    downloads: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The settings that make the root mkdocs.yml into this pack's site configuration.

    ``contacts``: who to contact about the pack, shown above the footer; ``downloads``: the
    editable copies the site links, as ``downloads()`` finds them.
    """
    base = project_config(project.mkdocs_yml).settings
    theme = dict(base.get("theme") or {})
    theme["custom_dir"] = str((project.root / theme.get("custom_dir", "overrides/theme")).resolve())
    if logo_name:
        theme["logo"] = f"assets/{logo_name}"
        theme["favicon"] = f"assets/{logo_name}"
    extra = dict(base.get("extra") or {})
    extra_css = list(base.get("extra_css") or []) + [f"assets/items/{p.name}" for p in project.item_styles()]
    extra["tippack"] = {"slug": slug, "home": home_name, "pdf": pdf_name, "colours": palette(primary),
                        "contacts": contacts or {}, "word": {}, "sheets": {}, "word_pack": "", "printed": {},
                        **(downloads or {})}
    return {
        # Escaped once here; Markup so that Material's few `| e` filters do not escape it again.
        "site_name": Markup(html_text(home_name)),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": theme,
        "nav": nav,
        "extra": extra,
        "extra_css": extra_css,
    }


def prepare_site(project: Project, plan: PackPlan, renderer: Renderer, modules: list[RenderedModule], docs: Path,
                 site: Path, pdf: str, editable: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write a pack's docs tree into ``docs``; the MkDocs settings that build it into ``site``.

    ``pdf`` is the printable pack's file name for the download links ('' for no links);
    ``editable`` the Word and spreadsheet copies to link, as ``downloads()`` finds them.
    """
    pack = plan.tailored
    logo = (project.root / pack.pack.home.logo).resolve() if pack.pack.home.logo else None
    nav = write_docs(docs, project, plan.slug, renderer.home(pack), modules, plan.pages, logo,
                     renderer.month_plan(pack, page_links=False),
                     frozenset(m.id for m in pack.modules if m.in_booklet()))
    return site_config(project, docs, site, nav, pack.pack.home.name, plan.slug, pack.pack.theme.primary,
                       f"logo{logo.suffix.lower()}" if logo else None, pdf, footer_contacts(pack), editable)


# Two fixes to Material's markup, made on the built pages rather than in forked copies of its
# partials (which would have to be kept in step with every Material release):
THEME_FIXES = (
    # a section heading's label carries an empty tabindex (an HTML error on every page
    # when navigation.sections is on): an empty attribute is no attribute
    (' tabindex=""', ""),
    # the search dialog has no name (axe: aria-dialog-name)
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
)


def footer_contacts(pack: Any) -> dict[str, Any]:
    """Who a reader of the site can contact about the pack: the facilitator, the home's website."""
    facilitator = pack.pack.facilitator
    return {
        "website": pack.pack.home.website,
        "facilitator": facilitator.model_dump() if facilitator else None,
    }


def tidy_theme_html(site: Path) -> None:
    """Apply ``THEME_FIXES`` to every page of a built site."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = text
        for old, new in THEME_FIXES:
            fixed = fixed.replace(old, new)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


class Site(Output):
    """The pack's website: a docs tree written for this pack, built by MkDocs with Material."""

    name = "site"
    order = 30
    format = "site"
    words = "the website"
    bundled = True

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return ["site"]

    def build(self, build: PackBuild) -> None:
        docs, site, pdf = build.path(".docs"), build.path("site"), build.path(pdf_name(build.slug))
        settings = prepare_site(build.project, build.plan, build.renderer, build.modules, docs, site,
                                pdf.name if pdf.exists() else "",
                                downloads(build.folder, build.slug, [m.id for m in build.modules]))
        build.warnings += [f"mkdocs: {w}" for w in build_site(build.project, settings, build.epoch)]
        tidy_theme_html(site)
        shutil.rmtree(docs)
        copy_downloads(build, site)


def downloads(folder: Path, slug: str, module_ids: list[str]) -> dict[str, Any]:
    """The copies built for a pack besides the booklet, as the site links them (paths from the
    site's root): each module's Word copy and spreadsheet, by module id, the whole pack's Word
    file, and the other printed volumes (the tools, the complete PDF, the poster at A4 and A3)."""
    from tippack.outputs.sheets.sheets import sheets_path
    from tippack.outputs.word.word import module_docx_path, pack_docx_name

    printed = {"tools": tools_pdf_name(slug), "complete": complete_pdf_name(slug), "poster": poster_name(slug),
               "poster_a3": poster_name(slug, "A3")}
    return {
        "printed": {key: name for key, name in printed.items() if (folder / name).is_file()},
        "word": {m: module_docx_path(m) for m in module_ids if (folder / module_docx_path(m)).is_file()},
        "sheets": {m: sheets_path(m) for m in module_ids if (folder / sheets_path(m)).is_file()},
        "word_pack": pack_docx_name(slug) if (folder / pack_docx_name(slug)).is_file() else "",
    }


def copy_downloads(build: PackBuild, site: Path) -> None:
    """The copies the site links (every output declared ``linked``: the printable and editable
    ones) into the site: they travel with it (and in the offline bundle), and the links work
    from disk."""
    copy_files(build.folder, site, build.outputs.linked_files(build.slug))


class SiteCopies(Output):
    """A site kept from the last build gets the copies built now (the PDF, Word, spreadsheets),
    so the files it links are always the pack's current ones."""

    name = "site's copies"
    order = 35

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return []

    def wanted(self, build: PackBuild) -> bool:
        return "site" not in build.formats and bool(build.formats & build.outputs.linked_formats()) \
            and build.path("site").is_dir()

    def build(self, build: PackBuild) -> None:
        copy_downloads(build, build.path("site"))

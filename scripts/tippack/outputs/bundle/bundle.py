"""The offline bundle: the site and the printable pack in one zip, for a USB stick or a shared drive.

The site carries the Word and spreadsheet copies it links; the whole pack's Word file sits
beside the PDF.

Byte-identical on rebuild (fixed times inside the zip); a README with Windows line endings so
every Notepad shows it; a page that opens the site. Made whenever both the site and the PDF
are there.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from tippack.outputs.base import Output, PackBuild, copy_files
from tippack.outputs.printed.names import complete_pdf_name, date_text, pdf_name, poster_name, tools_pdf_name
from tippack.reading.project import Project
from tippack.rendering.templates import environment, html_only

BUNDLE_TEMPLATES = ("bundle-readme.txt", "bundle-open.html")  # in overrides/publish/
BUNDLE_OPEN = "Open the website.html"


class Bundle(Output):
    """SLUG-pack.zip: made when the site and the PDF are both there and a format it carries
    (every output declared ``bundled``) was built now; otherwise the last one is kept."""

    name = "offline bundle"
    order = 90

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [bundle_name(slug)]

    def wanted(self, build: PackBuild) -> bool:
        return build.path("site").is_dir() and build.path(pdf_name(build.slug)).is_file()

    def build(self, build: PackBuild) -> None:
        from tippack.outputs.word.word import pack_docx_name

        if not build.formats & build.outputs.bundled_formats():  # what it carries is as it was
            if build.previous is not None:
                copy_files(build.previous, build.folder, self.files(build.slug))
            return
        pack = build.plan.tailored
        docx = build.path(pack_docx_name(build.slug))
        _bundle(build.project, build.path(bundle_name(build.slug)), build.path("site"),
                build.path(pdf_name(build.slug)), pack.pack.home.name, pack.version, date_text(build.epoch),
                build.epoch, docx if docx.is_file() else None)


def bundle_name(slug: str) -> str:
    """The bundle's file name, everywhere it is written or linked."""
    return f"{slug}-pack.zip"


# Left out of the bundle: browser-devtools source maps and the sitemap, of no use on a stick.
_NOT_BUNDLED = ("*.map", "sitemap.xml", "sitemap.xml.gz")


def _bundle(project: Project, target: Path, site: Path, pdf: Path, home: str, version: str,
            when: str, epoch: int, docx: Path | None = None) -> None:
    """A zip of the site and the PDF (and the Word pack, when built), a README and a page that
    opens the site; byte-identical on rebuild. The README uses Windows line endings so every
    Notepad shows it properly."""
    env = environment(project.overrides / "publish", autoescape=html_only(), tidy=False,
                      keep_trailing_newline=True)
    slug = pdf.name.removesuffix("-booklet.pdf")
    printed = {"tools": tools_pdf_name(slug), "complete": complete_pdf_name(slug), "poster": poster_name(slug),
               "poster_a3": poster_name(slug, "A3")}
    values = {"home": home, "version": version, "date": when, "pdf": pdf.name,
              "docx": docx.name if docx else "", "sheets": (site / "sheets").is_dir(),
              **{key: name if (site / name).is_file() else "" for key, name in printed.items()}}
    readme = env.get_template(BUNDLE_TEMPLATES[0]).render(values).replace("\n", "\r\n")
    opener = env.get_template(BUNDLE_TEMPLATES[1]).render(values)
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    # The PDF is in the zip once: in site/, where every page's "Download the printable pack"
    # link finds it (the README says where it is).
    entries: list[tuple[str, bytes]] = [
        ("README.txt", readme.encode("utf-8")),
        (BUNDLE_OPEN, opener.encode("utf-8")),
    ]
    entries += [
        ("site/" + p.relative_to(site).as_posix(), p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and not any(p.match(pattern) for pattern in _NOT_BUNDLED)
    ]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

"""The entry list: every output a pack build can make, declared once.

Adding an output: its own folder under ``outputs/`` with an ``Output`` subclass that
declares its format, files, order and whether the site links it and the bundle carries
it; one line here; and its test. Nothing else names it (docs/formats.md, "Adding an
output").
"""

from __future__ import annotations

from tippack.outputs.base import Outputs
from tippack.outputs.bundle.bundle import Bundle
from tippack.outputs.fill.fill import CompletedCopy
from tippack.outputs.printed.pdf import EarlierVersions, ModulePdfs, PackPdf
from tippack.outputs.printed.poster import Poster
from tippack.outputs.progress.folder import ProgressReport
from tippack.outputs.sheets.sheets import Sheets
from tippack.outputs.site.site import Site, SiteCopies
from tippack.outputs.word.word import WordModules, WordPack

OUTPUTS = Outputs(
    EarlierVersions,
    PackPdf,
    Poster,
    ModulePdfs,
    WordPack,
    WordModules,
    Sheets,
    Site,
    SiteCopies,
    Bundle,
    CompletedCopy,
    ProgressReport,
)

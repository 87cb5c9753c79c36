"""build/SLUG/progress/: declared here so that a build keeps it and ``publish`` leaves it out.

The report itself is written by ``tippack.reports`` (``tippack progress``); a build never
makes it, and carries the folder over from the pack's last good build, as it does the
completed copy.
"""

from __future__ import annotations

from tippack.outputs.base import Output, PackBuild

FOLDER = "progress"
COHORTS = "cohorts"  # build/cohorts/NAME/: the cohort reports, beside the packs' folders


def report_page(slug: str) -> str:
    """The progress report's HTML page, under the build folder."""
    return f"{slug}/{FOLDER}/index.html"


class ProgressReport(Output):
    """A home's progress report: ratings, counts and dates (index.html, the PDF, record.json)."""

    name = "progress report"
    order = 96
    written_elsewhere = True
    published = False  # only with tippack publish --with-progress

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [FOLDER]

    def wanted(self, build: PackBuild) -> bool:
        return False

    def build(self, build: PackBuild) -> None:
        raise NotImplementedError("tippack progress writes it, never a build")

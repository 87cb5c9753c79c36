"""``tippack doctor``: what this machine has and lacks for each output, and what that means.

A facilitator's machine may lack a library WeasyPrint wants, or the browser the test suite
drives. ``doctor`` looks (it installs nothing; ``make build`` and ``make test`` do, through
``scripts/setup-system.sh``) and says, one line a part, what was found and what it means for
the packs ("no PDF can be made; the website ... still can"), not a library's name alone. The looking
(``look``) is kept apart from the wording (``findings``), so each wording is tested on its own.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tippack.outputs.printed.libraries import libraries

CHROMIUM = Path("/usr/bin/chromium")  # where the test suite's browser tests find Chromium
FONTS_CSS = Path("overrides/theme/assets/fonts/fonts.css")
_FONT_SRC = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_FONT_FAMILY = re.compile(r"""font-family:\s*["']?([^"';]+)["']?\s*;""")


@dataclass(frozen=True)
class Machine:
    """What was found on this machine, as plain facts (``look`` finds them)."""

    python: tuple[int, int, int]
    weasyprint: str | None  # its version, or None when it cannot load its libraries
    weasyprint_error: str = ""  # why not, in WeasyPrint's own words
    pango: str = ""  # Pango's version, when WeasyPrint loaded
    subsetting: bool = False  # HarfBuzz's subset library (4.1 or newer), which WeasyPrint uses to cut fonts down
    site_tools: dict[str, str] = field(default_factory=dict)  # the site's, Word's and spreadsheets' packages
    fonts: list[str] = field(default_factory=list)  # the families fonts.css declares
    font_files: int = 0  # the font files fonts.css names that are there
    fonts_missing: list[str] = field(default_factory=list)  # those that are not
    fonts_css: bool = False  # whether a project's fonts.css was found at all
    chromium: str | None = None  # its version, or None


@dataclass(frozen=True)
class Finding:
    """One line of the report: a part, what was found, what it means for the packs."""

    part: str
    ok: bool
    found: str
    meaning: str
    needed: bool = True  # False: the packs are still made without it (doctor's exit status stays 0)

    def line(self) -> str:
        """The finding as one line: a mark, the part, what was found, what it means."""
        mark = "ok" if self.ok else ("MISSING" if self.needed else "lacking")
        return f"{mark:<8}{self.part}: {self.found} \u2014 {self.meaning}"


def look(root: Path | None) -> Machine:
    """What this machine has: Python, WeasyPrint and its libraries, the packages of the other
    outputs, the project's shipped fonts (``root``: the project folder, None outside one), Chromium."""
    families, present, missing, css = _fonts(root)
    found = libraries()
    return Machine(
        python=sys.version_info[:3], weasyprint=found.weasyprint, weasyprint_error=found.error, pango=found.pango,
        subsetting=found.subsetter, site_tools=_versions("mkdocs", "mkdocs-material", "python-docx", "openpyxl"),
        fonts=families, font_files=present, fonts_missing=missing, fonts_css=css, chromium=_chromium())


def findings(machine: Machine) -> list[Finding]:
    """Each part of the machine as a line a facilitator can act on."""
    return [_python(machine), _pdf(machine), _subsetting(machine), _others(machine), _fonts_finding(machine),
            _chromium_finding(machine)]


def after_build(notes: Iterable[str], warnings: Iterable[str]) -> list[str]:
    """What a build says at its end about this machine (``notes``: every pack's, ``warnings``: the
    packs' warnings): each thing it lacks once, and, if WeasyPrint warned, where to look."""
    said = [f"note: {note}" for note in sorted(set(notes))]
    if said or any(w.startswith("weasyprint:") for w in warnings):
        said.append("tippack doctor says what this machine has and lacks for each output")
    return said


def _python(m: Machine) -> Finding:
    version = ".".join(map(str, m.python))
    if m.python >= (3, 11):
        return Finding("Python", True, version, "tippack runs here")
    return Finding("Python", False, version, "tippack needs Python 3.11 or newer: install it, then run make build")


def _pdf(m: Machine) -> Finding:
    if m.weasyprint is None:
        return Finding("PDFs (WeasyPrint's libraries)", False, m.weasyprint_error or "WeasyPrint is not installed",
                       "no PDF can be made; the website, Word copies and spreadsheets still can (tippack build"
                       " --format site,docx,xlsx). make build installs Pango, HarfBuzz and fontconfig on Debian")
    return Finding("PDFs (WeasyPrint's libraries)", True, f"WeasyPrint {m.weasyprint}, Pango {m.pango}, HarfBuzz,"
                   " fontconfig, GLib", "the printed pack and each module's PDF can be made")


def _subsetting(m: Machine) -> Finding:
    if m.weasyprint is None:
        return Finding("HarfBuzz subsetting", False, "not known (WeasyPrint did not load)",
                       "see the line above", needed=False)
    if m.subsetting:
        return Finding("HarfBuzz subsetting", True, "HarfBuzz's subsetter is there",
                       "WeasyPrint cuts each PDF's fonts down to the letters it uses, as its later versions require")
    return Finding("HarfBuzz subsetting", False, "libharfbuzz-subset (4.1 or newer) is missing",
                   "PDFs are made all the same (WeasyPrint cuts the fonts down with fontTools instead), but its"
                   " later versions will not do without it;"
                   " make build installs libharfbuzz-subset0 on Debian", needed=False)


def _others(m: Machine) -> Finding:
    found = ", ".join(f"{name} {version}" for name, version in m.site_tools.items() if version)
    lacking = [name for name, version in m.site_tools.items() if not version]
    if lacking:
        return Finding("Website, Word copies, spreadsheets", False, f"{', '.join(lacking)} not installed",
                       "the outputs they make cannot be built: run make build, which installs them into .venv")
    return Finding("Website, Word copies, spreadsheets", True, found,
                   "the website (it works offline), the Word copies and the spreadsheets can be made")


def _fonts_finding(m: Machine) -> Finding:
    if not m.fonts_css:
        return Finding("Shipped fonts", False, f"no {FONTS_CSS} here (not in a tippack project folder?)",
                       "run tippack doctor in the project folder to check the fonts", needed=False)
    families = ", ".join(m.fonts)
    if m.fonts_missing:
        return Finding("Shipped fonts", False, f"{len(m.fonts_missing)} of {m.font_files + len(m.fonts_missing)}"
                       f" font files missing ({', '.join(m.fonts_missing)})",
                       "pages and PDFs would show this machine's own fonts instead, and may lack letters:"
                       " restore them with git checkout overrides/theme/assets/fonts")
    return Finding("Shipped fonts", True, f"{families} ({m.font_files} files)",
                   "every site and PDF looks the same on any machine; no font is fetched from the internet")


def _chromium_finding(m: Machine) -> Finding:
    if m.chromium:
        return Finding("Chromium (test suite)", True, m.chromium, "the site's browser tests can run")
    return Finding("Chromium (test suite)", False, f"{CHROMIUM} is missing",
                   "only the test suite needs it, never the packs; make test installs it on Debian", needed=False)


def _versions(*names: str) -> dict[str, str]:
    found = {}
    for name in names:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = ""
    return found


def _fonts(root: Path | None) -> tuple[list[str], int, list[str], bool]:
    """The families fonts.css declares, how many of the files it names are there, and which are not."""
    css = root / FONTS_CSS if root else None
    if css is None or not css.is_file():
        return [], 0, [], False
    text = css.read_text(encoding="utf-8")
    families = list(dict.fromkeys(_FONT_FAMILY.findall(text)))
    files = list(dict.fromkeys(_FONT_SRC.findall(text)))
    missing = [name for name in files if not (css.parent / name).is_file()]
    return families, len(files) - len(missing), missing, True


def _chromium() -> str | None:
    if not CHROMIUM.exists():
        return None
    try:
        done = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or str(CHROMIUM) if done.returncode == 0 else None

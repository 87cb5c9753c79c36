"""Make the shipped font files in overrides/theme/assets/fonts/ (run by hand, not by builds).

Why: WeasyPrint names an embedded font after its CSS family, weight and style. Two files of
one face split by ``unicode-range`` (Fontsource's ``latin`` and ``latin-ext`` files) therefore
became one embedded font whose glyph numbers belonged to either file, so "Ł" printed as "h"
and every "h" read back as "Ł". Each face is now one file, and a second shipped face covers
what Atkinson Hyperlegible lacks (Latin Extended Additional with dots below, combining marks,
Greek, Cyrillic), so no character ever falls back to a font the machine happens to have.
Atkinson's combining marks (U+0300-036F) are left out of its character map: a letter with a
combining mark ("ọ́" in Yoruba, "m̀") is then laid out whole in Noto Sans, whose marks attach to
their letters; split between two fonts, the mark printed beside the letter instead of over it.

Inputs (both SIL Open Font License 1.1, see OFL.txt):
  - Atkinson Hyperlegible from Fontsource (npm ``@fontsource/atkinson-hyperlegible`` 5.x):
    the ``latin`` and ``latin-ext`` woff2 files of each weight and style, merged into one;
  - Noto Sans from Debian's ``fonts-noto-core`` (``/usr/share/fonts/truetype/noto``), subset
    to the Latin, Greek and Cyrillic ranges below, hinting removed (it prints, it is not
    rasterised at small sizes on old screens).

  - Noto Naskh Arabic and Noto Sans Devanagari from the same package, regular and bold, cut
    to their scripts (Arabic with Urdu's letters and presentation forms; Devanagari with its
    extensions and the dotted circle a lone mark is drawn on), every layout feature kept:
    Arabic letters join and Devanagari conjuncts form only through them. Each has a family
    name of its own ("Pack Noto Naskh Arabic") for the same reason as "Pack Noto Sans".

    python scripts/make_fonts.py ATKINSON_FILES_DIR NOTO_TTF_DIR
    python scripts/make_fonts.py --scripts NOTO_TTF_DIR     (the script faces only)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parents[1] / "overrides" / "theme" / "assets" / "fonts"
COMBINING = (0x0300, 0x036F)
STYLES = {"400-normal": "Regular", "700-normal": "Bold", "400-italic": "Italic", "700-italic": "BoldItalic"}
NOTO_RANGES = (
    "U+0000-036F,U+0370-03FF,U+0400-052F,U+1AB0-1AFF,U+1DC0-1DFF,U+1E00-1EFF,U+2000-206F,"
    "U+20A0-20CF,U+2100-214F,U+2190-2199,U+2C60-2C7F,U+A720-A7FF,U+FB00-FB06,U+FEFF,U+FFFD"
)

# Script faces: the Debian file stem, the shipped file name, and the characters kept
# (fonts.css gives each its script's unicode-range; the space, digits and punctuation are kept
# too, since a space between two words of the script is drawn in the same face).
SCRIPT_FACES = {
    "arabic": ("NotoNaskhArabic", "noto-naskh-arabic",
               "U+0020-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+25CC,U+FB50-FDFF,U+FE70-FEFF"),
    "devanagari": ("NotoSansDevanagari", "noto-sans-devanagari",
                   "U+0020-007E,U+00A0,U+0900-097F,U+1CD0-1CFF,U+200C-200D,U+20B9,U+25CC,U+A830-A839,U+A8E0-A8FF"),
}


def merge_atkinson(source: Path, style: str, work: Path) -> Path:
    """One Atkinson Hyperlegible file of a weight and style from Fontsource's two subsets."""
    latin = TTFont(source / f"atkinson-hyperlegible-latin-{style}.woff2")
    latin.flavor = None
    first = work / f"latin-{style}.ttf"
    latin.save(first)
    # Only what the latin file lacks: a character in both would make the merger add a 'locl'
    # lookup swapping in the second file's copy (its space among them), whose glyph has no
    # character in the font's map, so a fillable PDF's text layer misread every space.
    extra = set(TTFont(source / f"atkinson-hyperlegible-latin-ext-{style}.woff2").getBestCmap())
    extra -= set(latin.getBestCmap())
    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    ext = subset.load_font(str(source / f"atkinson-hyperlegible-latin-ext-{style}.woff2"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(extra))
    subsetter.subset(ext)
    ext.flavor = None
    second = work / f"latin-ext-{style}.ttf"
    ext.save(second)
    merged = Merger().merge([str(first), str(second)])
    for table in merged["cmap"].tables:
        for code in [c for c in table.cmap if COMBINING[0] <= c <= COMBINING[1]]:
            del table.cmap[code]
    merged.flavor = "woff2"
    target = OUT / f"atkinson-hyperlegible-{style}.woff2"
    merged.save(target)
    return target


def subset_noto(source: Path, style: str) -> Path:
    """Noto Sans of a weight and style, cut to the scripts the pack may need beyond Atkinson."""
    target = OUT / f"noto-sans-{style}.woff2"
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.desubroutinize = True
    options.flavor = "woff2"
    font = subset.load_font(str(source / f"NotoSans-{STYLES[style]}.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(NOTO_RANGES))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target


def subset_script(source: Path, face: str, weight: str) -> Path:
    """One script face (Arabic, Devanagari) of a weight, cut to its script's ranges."""
    stem, slug, ranges = SCRIPT_FACES[face]
    target = OUT / f"{slug}-{weight}-normal.woff2"
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.desubroutinize = True
    options.flavor = "woff2"
    font = subset.load_font(str(source / f"{stem}-{'Bold' if weight == '700' else 'Regular'}.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(ranges))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target


def main(argv: list[str]) -> int:
    """Write the merged Atkinson and subset Noto files for every weight and style."""
    if len(argv) == 2 and argv[0] == "--scripts":
        for face in SCRIPT_FACES:
            for weight in ("400", "700"):
                print(subset_script(Path(argv[1]), face, weight).name)
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    atkinson, noto = Path(argv[0]), Path(argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLES:
            print(merge_atkinson(atkinson, style, Path(tmp)).name)
            print(subset_noto(noto, style).name)
    return main(["--scripts", argv[1]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Which characters the shipped fonts draw, and what to say about one they do not.

The pack prints in the faces shipped in ``overrides/theme/assets/fonts`` and nothing else:
a character none of them has would print as an empty box ("tofu") or in whatever font the
machine happens to have. ``check`` refuses such a value where it is typed, naming what
kind of character it is and what to write instead. The fonts themselves are the list:
ship a face and its characters are allowed.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from pathlib import Path

FONTS = Path("theme") / "assets" / "fonts"  # under the project's overrides/
FIELD_FACE = "noto-sans-400-normal.woff2"  # the one font a fillable field draws its text in
# Characters that are never drawn (joiners, direction marks, variation selectors, tags):
# a face need not have them.
INVISIBLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x180B, 0x180F), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x206F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xE0000, 0xE0FFF),
)
PRINTED_SCRIPTS = frozenset({"Latin", "Greek", "Cyrillic", "Arabic", "Devanagari"})
EMOJI = ((0x2300, 0x23FF), (0x2460, 0x24FF), (0x25A0, 0x27BF), (0x2900, 0x297F), (0x2B00, 0x2BFF),
         (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299), (0x1F000, 0x1FAFF))
CJK = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF), (0x3400, 0x4DBF),
       (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
       (0x20000, 0x3FFFF))


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


_CMAPS: dict[str, frozenset[int]] = {}  # by the font file's digest: the same face in any project
_DIGESTS: dict[tuple[Path, int, int], str] = {}  # by path, time and size: each file read once


def _cmap(path: Path) -> frozenset[int]:
    """The characters one font file maps to glyphs (read once per process for each file content)."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    digest = _DIGESTS[key]
    if digest not in _CMAPS:
        data = path.read_bytes()
        from fontTools.ttLib import TTFont

        with TTFont(io.BytesIO(data)) as font:
            _CMAPS[digest] = frozenset(font.getBestCmap())
    return _CMAPS[digest]


def drawn(overrides: Path, face: str = "*-400-normal.woff2") -> frozenset[int] | None:
    """Every character some shipped face (of the normal weight, or the one ``face``) draws;
    None where the project ships no fonts (then nothing can be said about them)."""
    paths = sorted((overrides / FONTS).glob(face))
    if not paths:
        return None
    covered: set[int] = set()
    for path in paths:
        covered |= _cmap(path)
    return frozenset(covered)


def undrawn(text: str, covered: frozenset[int]) -> list[str]:
    """The runs of characters in ``text`` that no face in ``covered`` draws, as typed: spaces
    between them stay in the run ('王小明 李'), and an emoji keeps the invisible selector or
    joiner that goes with it."""
    runs: list[str] = []
    current = ""
    for ch in text:
        code = ord(ch)
        if ch.isspace() or _within(code, INVISIBLE):
            current += ch if current else ""
        elif code in covered or unicodedata.category(ch) == "Cc":
            if current.strip():
                runs.append(current.rstrip())
            current = ""
        else:
            current += ch
    if current.strip():
        runs.append(current.rstrip())
    return runs


def why_undrawn(run: str) -> str:
    """What kind of characters ``run`` is, and what to write instead, for a message."""
    code = ord(run[0])
    if _within(code, EMOJI) or unicodedata.category(run[0]) == "So":
        return "no font shipped with tippack draws emoji or symbols like it; delete it, or say it in words"
    if _within(code, CJK):
        return ("no font shipped with tippack draws Chinese, Japanese or Korean characters; write the"
                " name in Latin letters (as on a passport), or leave it out")
    name = unicodedata.name(run[0], f"U+{code:04X}")
    script = name.split()[0].title() if any(w in name for w in (" LETTER ", " SIGN ", " VOWEL ", " DIGIT ")) else ""
    script = "" if script in PRINTED_SCRIPTS else script  # a rare letter of a script that prints
    what = f"{script} script" if script else f"the character {name} (U+{code:04X})"
    return f"no font shipped with tippack draws {what}; write it in Latin letters, or leave it out"


def field_draws(text: str, overrides: Path) -> bool:
    """Whether a fillable PDF field can show ``text``: a field draws in one font, with no
    fallback and no joining of Arabic letters, so a value beyond that font prints as text."""
    covered = drawn(overrides, FIELD_FACE)
    if covered is None:
        return True
    return all(ord(ch) in covered or ch.isspace() or _within(ord(ch), INVISIBLE) for ch in text)

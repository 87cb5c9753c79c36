"""Golden tests for `tippack check`: each case's files, overlaid on a tiny project (with the
shipped fonts, which decide which letters print), must give exactly the lines in its
expected.txt (and exit 1 when any is an error). Files too big to keep, such as an 8000 x 8000
logo, are made by the test (GENERATED)."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, sideways_jpeg

from tippack.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in (GOLDEN / "cases").iterdir() if p.is_dir())
FONTS = Path("overrides") / "theme" / "assets" / "fonts"  # what check reads to know which letters print


# Files a case needs that are too big to keep in the repository, or made of bytes: made here.
def _huge_png(path: Path) -> None:
    """An 8000 x 8000 logo, as a designer's export might be (two colours, so it is made in half a
    second and is small on disk)."""
    from PIL import Image, ImageDraw

    image = Image.new("P", (8000, 8000), 0)
    image.putpalette([255, 255, 255, 27, 94, 32])
    ImageDraw.Draw(image).ellipse((1000, 1000, 7000, 7000), fill=1)
    image.save(path, compress_level=1)


def _bomb_png(path: Path) -> None:
    """A PNG whose header claims 30000 x 30000 pixels (a decompression bomb; no pixels follow)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))
                     + chunk(b"IEND", b""))


GENERATED = {
    "slips-logo-size": {"content/assets/huge.png": _huge_png, "content/assets/bomb.png": _bomb_png,
                        "content/assets/sideways.jpg": sideways_jpeg},
}


def run_check(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Overlay one case on the mini project and run `tippack check` in it."""
    root = tmp_path / "project"
    shutil.copytree(GOLDEN / "mini", root)
    shutil.copytree(ROOT / FONTS, root / FONTS)
    for path in (GOLDEN / "cases" / case).rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = root / path.relative_to(GOLDEN / "cases" / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for relative, make in GENERATED.get(case, {}).items():
        make(root / relative)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = (GOLDEN / "cases" / case / "expected.txt").read_text(encoding="utf-8")
    code, stderr = run_check(case, tmp_path, monkeypatch)
    assert stderr == expected
    assert "Traceback" not in stderr
    has_error = any(": error: " in line for line in expected.splitlines())
    assert code == (1 if has_error else 0)

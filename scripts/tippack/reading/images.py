"""Whether a logo file is an image tippack can draw: a well-formed SVG, or a PNG or JPEG that opens.

A logo that cannot be drawn would print as nothing and make a silent "good" build, so
``check`` opens it first.
"""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
PLENTY = 600  # pixels across: a logo prints about 3 cm wide (500 dpi) and shows 24 px high on the site
TOO_MANY = 2000  # pixels on the longest side, past which a logo only makes every output heavier


def image_problem(path: Path) -> str | None:
    """Why the image at ``path`` cannot be drawn, or None when it can."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError) as exc:
            return f"is not a readable SVG image ({' '.join(str(exc).split())})"
        if not root.tag.endswith("svg"):
            return f"is not an SVG image (its first element is <{root.tag.split('}')[-1]}>)"
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        width, height = _size(path)
        return (f"is {width} \u00d7 {height} pixels, too large to open safely; save a copy about {PLENTY} pixels"
                " wide and name that here")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"is not a readable {suffix.lstrip('.').upper()} image; open it and save it again, or use another file"
    expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}[suffix]
    if kind != expected:
        return f"is a {kind} image saved with the ending {suffix}; save it as {expected} or rename it"
    return None


def _size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's or JPEG's header, without decoding (or trusting) the pixels."""
    from PIL import Image

    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(path) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def image_warning(path: Path) -> str | None:
    """Why a drawable PNG or JPEG logo is worth a second look (far more pixels than it needs),
    or None. It is used as it is: every PDF carries the whole image, and a phone must decode
    it for every page of the site."""
    if path.suffix.lower() == ".svg":
        return None
    width, height = _size(path)
    if max(width, height) <= TOO_MANY:
        return None
    return (f"is {width} \u00d7 {height} pixels, far more than a logo needs: every PDF carries the whole image"
            f" and phones are slow to show the site; save a copy about {PLENTY} pixels wide and name that here")


def upright(path: Path) -> bytes | None:
    """A JPEG or PNG turned as its EXIF orientation says, when that is not as stored (phone
    cameras save photos on their side with a note to turn them): browsers and WeasyPrint read
    the note, Word does not. None when the image is already upright as stored."""
    import io

    from PIL import Image, ImageOps

    with Image.open(path) as image:
        if image.getexif().get(0x0112, 1) == 1:
            return None
        turned = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        turned.save(out, format="PNG")
        return out.getvalue()

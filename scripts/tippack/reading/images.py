"""Whether a logo file is an image tippack can draw: a well-formed SVG, or a PNG or JPEG that opens.

A logo that cannot be drawn would print as nothing and make a silent "good" build, so
``check`` opens it first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


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
        with Image.open(path) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"is not a readable {suffix.lstrip('.').upper()} image; open it and save it again, or use another file"
    expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}[suffix]
    if kind != expected:
        return f"is a {kind} image saved with the ending {suffix}; save it as {expected} or rename it"
    return None

"""How print HTML looks in Word: the blocks, styles and looks an element maps to."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from docx.shared import RGBColor

BLOCKS = {"p", "div", "section", "ul", "ol", "table", "blockquote", "pre", "dl", "h1", "h2", "h3", "h4", "h5",
          "h6", "fieldset", "figure", "figcaption", "nav", "main", "article", "header", "footer", "aside", "hr",
          "img", "li", "dt", "dd"}


SKIP_TAGS = {"script", "style", "svg", "details", "template", "input", "textarea", "select", "button", "head",
             "title", "meta", "link"}


# Hidden on paper (pack.css), or drawn by the item writers themselves.
SKIP_CLASSES = {"tp-visually-hidden", "tp-example", "headerlink", "tp-ruled", "tp-chart", "tp-home-logo"}


# Parts that begin a new page in print.
NEW_PAGE = {"cover", "contents", "start-page", "module", "examples", "back-matter", "tp-one-page"}


# Paragraph styles for paragraphs of these classes (Word's built-in styles).
PARAGRAPH_STYLES = {
    "cover__title": "Title",
    "cover__home": "Subtitle",
    "tp-quick-start__safety": "Intense Quote",
    "examples__intro": "Quote",
}


# Inline looks for elements of these classes.
LOOKS = {
    "cover__eyebrow": {"caps": True, "bold": True},
    "tp-kind": {"caps": True, "bold": True, "brand": True},
    "contents__kind": {"caps": True},
    "tp-hint": {"small": True},
    "tp-help": {"small": True},
    "tp-prompt": {"bold": True},
    "tp-example__question": {"bold": True},
    "tp-quick-start__do": {"bold": True},
    "tp-quick-start__key": {"bold": True},
    "tp-month-plan__use": {"small": True},
    "tp-reviewed": {"small": True},
    "tp-sources": {"small": True},
    "back-matter__stamp": {"small": True},
    "cover__note": {"italic": True},
    "completed-note__what": {"caps": True, "bold": True, "brand": True},
}


# Text after elements of these classes, where the print spaces them apart with CSS.
AFTER = {"contents__kind": "\t", "tp-quick-start__fact": "\u2003"}


NO_MARKER = {"contents__list", "tp-services"}  # lists printed without bullets or numbers


GREY = RGBColor(0x33, 0x33, 0x33)


LARGE_PRINT = 16.0  # points: the body size of a large-print pack


@dataclass(frozen=True)
class Look:
    """How text is set: the inline formatting in force where it appears."""

    bold: bool = False
    italic: bool = False
    small: bool = False
    caps: bool = False
    brand: bool = False
    sup: bool = False
    sub: bool = False


@dataclass
class Piece:
    """A stretch of text with one look, or a line break."""

    text: str
    look: Look
    newline: bool = False


@dataclass
class Styles:
    """The paragraph style for the next paragraph made, then for the ones after it."""

    first: str | None = None
    rest: str | None = None
    used: bool = False

    def take(self) -> str | None:
        """The style for the paragraph about to be made (a list item's first, then its others)."""
        if self.used:
            return self.rest
        self.used = True
        return self.first


def classes(element: Any) -> set[str]:
    """An element's classes."""
    return set((element.get("class") or "").split())


def tag_of(element: Any) -> str:
    """An element's tag name, lower case ('' for comments and the like)."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def skipped(element: Any) -> bool:
    """Whether an element is not on paper (or is drawn by an item writer)."""
    return tag_of(element) in SKIP_TAGS or not tag_of(element) or bool(classes(element) & SKIP_CLASSES) \
        or element.get("hidden") is not None


def look_of(element: Any, look: Look) -> Look:
    """The look inside ``element``, from its tag and classes."""
    tag = tag_of(element)
    if tag in ("strong", "b"):
        look = replace(look, bold=True)
    if tag in ("em", "i", "cite"):
        look = replace(look, italic=True)
    if tag == "sup":
        look = replace(look, sup=True)
    if tag == "sub":
        look = replace(look, sub=True)
    for name in classes(element) & LOOKS.keys():
        look = replace(look, **LOOKS[name])
    return look

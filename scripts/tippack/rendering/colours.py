"""Colours derived from a home's brand colour, kept readable (WCAG contrast)."""

from __future__ import annotations


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG defines it."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """Blend ``amount`` of ``other`` into ``colour``."""
    a, b = _rgb(colour), _rgb(other)
    return _hex((a[0] + (b[0] - a[0]) * amount, a[1] + (b[1] - a[1]) * amount, a[2] + (b[2] - a[2]) * amount))


def readable_on(background: str, colour: str, target: float = 4.5) -> str:
    """``colour`` darkened or lightened just enough to read on ``background``."""
    towards = "#000000" if luminance(background) > 0.18 else "#ffffff"
    step = 0.0
    candidate = colour
    while contrast(candidate, background) < target and step < 1.0:
        step += 0.05
        candidate = mix(colour, towards, step)
    return candidate


def palette(primary: str) -> dict[str, str]:
    """The site's colour variables for one home."""
    primary = primary.lower()
    text_on = "#ffffff" if contrast(primary, "#ffffff") >= contrast(primary, "#000000") else "#000000"
    bar = primary if contrast(primary, text_on) >= 4.5 else readable_on(text_on, primary)
    return {
        "primary": bar,
        "primary_light": mix(bar, "#ffffff", 0.2),
        "primary_dark": mix(bar, "#000000", 0.2),
        "on_primary": text_on,
        "link_light": readable_on("#ffffff", primary),
        "link_dark": readable_on("#1e2129", primary),
    }

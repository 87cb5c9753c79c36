"""The disclosure poster: the one-page flow with the home's own contacts, for the staff room wall.

The steps are the flow's own words (the pack's first one-page section, printed inside the
booklet's cover); the contacts come from the pack: 999 first, then the person in charge,
the adult protection lead, the on-call manager, who to tell when it is about the manager,
the council and out-of-hours social work. One the pack lacks is a line to write it on.
Laid out once at A4 and written twice: as it is, and at A3 (the same page, every length
times the square root of two). Both are PDF/UA-1.
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup

from tippack.outputs.base import Output, PackBuild
from tippack.outputs.printed.booklet import UA
from tippack.outputs.printed.libraries import plain_warnings
from tippack.outputs.printed.names import date_text, pdf_date, poster_name
from tippack.outputs.printed.printer import quiet_layout
from tippack.planning.tailor import TailoredPack
from tippack.rendering.render import Renderer

A3 = math.sqrt(2)  # A3 is A4 with every length times the square root of two


def flow_steps(pack: TailoredPack, renderer: Renderer) -> tuple[str, Markup] | None:
    """The title and text of the pack's one-page flow (its Markdown items), or None if it has none."""
    for module in pack.modules:
        for section in module.sections:
            if section.one_page:
                return section.title, Markup("\n").join(renderer.html(item.fields.get("body"))
                                                        for item in section.items if item.type == "markdown")
    return None


def calls(pack: TailoredPack) -> list[tuple[str, dict[str, Any] | None, str]]:
    """Who to tell, in the order to try them: (label, the pack's contact or None, a note)."""
    given = pack.context["adult_protection"]

    def contact(key: str) -> dict[str, Any] | None:
        found = given.get(key)
        return found if found and any(found.get(k) for k in ("name", "phone", "email", "note")) else None

    return [
        ("The person in charge of this shift", None, "Tell them straight away, day or night."),
        ("Our adult protection lead", contact("lead"), ""),
        ("On-call manager", contact("on_call"), ""),
        ("If it is about the manager", contact("if_about_manager"), ""),
        ("Council adult protection team", contact("council"), ""),
        ("Out-of-hours social work", contact("out_of_hours"), ""),
    ]


def poster_html(build: PackBuild, flow: tuple[str, Markup]) -> str:
    """The poster's HTML document."""
    pack, printer = build.plan.tailored, build.printer
    p = pack.pack
    return printer.env.get_template("poster.html").render(
        home=pack.context["home"], version=pack.version, created=pdf_date(build.epoch),
        date_text=date_text(build.epoch), author=p.home.provider or p.home.name, brand=p.theme.primary,
        fonts_css=(printer.project.overrides / "theme/assets/fonts/fonts.css").resolve().as_uri(),
        poster_css=(printer.project.overrides / "print/poster.css").resolve().as_uri(),
        title=flow[0], steps=flow[1], calls=calls(pack), checked=_day(pack.context["adult_protection"].get("checked")))


def _day(when: Any) -> str:
    """A date for people ('15 September 2026'), or '' for none."""
    return f"{when.day} {when:%B %Y}" if when else ""


class Poster(Output):
    """SLUG-poster.pdf (A4) and SLUG-poster-a3.pdf: the disclosure flow for the wall."""

    name = "poster"
    order = 15
    format = "pdf"
    linked = True
    bundled = True
    optional = True  # a pack without a one-page flow has no poster

    @classmethod
    def files(cls, slug: str) -> list[str]:
        return [poster_name(slug), poster_name(slug, "A3")]

    def build(self, build: PackBuild) -> None:
        flow = flow_steps(build.plan.tailored, build.renderer)
        if flow is None:
            return
        with quiet_layout() as handler:
            document = build.printer.layout(poster_html(build, flow), False)
            build.path(poster_name(build.slug)).write_bytes(document.write_pdf(pdf_variant=UA))
            build.path(poster_name(build.slug, "A3")).write_bytes(document.write_pdf(pdf_variant=UA, zoom=A3))
        build.warnings += [f"weasyprint: {w}" for w in plain_warnings(handler.records)]
        build.record["poster_pages"] = len(document.pages)

"""A pack's two written volumes: the booklet (the core) and the tools, as the print documents show them.

Each module's sections are in the booklet or among the tools (its ``part``, which a section
and the pack may change). The booklet holds each module's core sections one after another,
with a one-page flow among them printed inside the front cover; the tools volume holds every
module that has no core section, then what goes with each part of the booklet: the rest of
its sections, its worked examples and its sources. Nothing here lays out a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from tippack.planning.months import six_month_plan
from tippack.planning.tailor import TailoredModule, TailoredPack, TailoredSection
from tippack.rendering.render import Renderer


@dataclass
class Volumes:
    """What each volume prints, ready for its template."""

    front: list[dict[str, Any]] = field(default_factory=list)  # one-page flows, inside the booklet's cover
    booklet: list[dict[str, Any]] = field(default_factory=list)  # the booklet's parts
    tools: list[dict[str, Any]] = field(default_factory=list)  # the tools volume, in print order
    listed: list[dict[str, Any]] = field(default_factory=list)  # the booklet's list of tools

    @property
    def booklet_ids(self) -> set[str]:
        """The modules with a part in the booklet."""
        return {part["id"] for part in self.booklet}


def core_sections(module: TailoredModule) -> tuple[list[TailoredSection], list[TailoredSection]]:
    """A module's sections in the booklet, and those among the tools."""
    return ([s for s in module.sections if s.part == "core"], [s for s in module.sections if s.part != "core"])


def volumes(pack: TailoredPack, renderer: Renderer) -> Volumes:
    """Split a tailored pack into its two volumes and render each part once."""
    found = Volumes()
    month = {step.module_id: step.month for step in six_month_plan(pack)}
    companions = []
    for module in pack.modules:
        core, rest = core_sections(module)
        if not core:
            found.tools.append(_part(module, renderer.part(module, rest), renderer.examples(module)))
            found.listed.append(_listed(module, gist(module.summary), month))
            continue
        flows = [s for s in core if s.one_page]
        if flows:
            found.front.append({"module_id": module.id, "title": flows[0].title,
                                "html": renderer.part(module, flows, bare=True)})
        more = [s.title for s in rest]
        # The module's introduction goes with the module: in the booklet when the module is core,
        # else before the rest of it in the tools volume.
        intro_here = module.part == "core"
        found.booklet.append(_part(module, renderer.part(
            module if intro_here else replace(module, intro=None), [s for s in core if not s.one_page])))
        what = f"the rest of it ({', '.join(more)}), its" if more else "its"
        extra = "worked examples and sources" if renderer.examples(module) else "sources"
        continued = f"The first part of this is in the booklet. Here: {what} {extra}."
        companions.append(_part(module, renderer.part(
            replace(module, intro=None) if intro_here else module, rest, continued=continued),
            renderer.examples(module), companion=True))
    if companions:
        companions[0]["companion_first"] = True
    found.listed.sort(key=lambda entry: entry["month"])  # the tools by month, then in the pack's order
    found.tools += companions
    return found


NO_EXAMPLES = Markup("")


def _part(module: TailoredModule, html: Markup, examples: Markup = NO_EXAMPLES, companion: bool = False
          ) -> dict[str, Any]:
    return {"id": module.id, "kind": module.kind, "title": module.title, "html": html, "examples": examples,
            "companion": companion, "companion_first": False}


def gist(summary: str) -> str:
    """What a tool is for, for the booklet's one-page list: its summary's first sentence, up to a
    colon or semicolon (the summaries put the gist first and the contents after)."""
    first = re.split(r"(?<=[.!?])\s", summary.strip(), maxsplit=1)[0]
    cut = re.split(r"[:;]\s", first, maxsplit=1)[0].rstrip(" .")
    return cut + "."


def _listed(module: TailoredModule, purpose: str, month: dict[str, int]) -> dict[str, Any]:
    """A line of the booklet's list of tools: what it is for, when, how long, its file."""
    return {"id": module.id, "title": module.title, "purpose": purpose, "month": month.get(module.id, 2),
            "when": f"Month {month.get(module.id, 2)}", "time": (module.plan or {}).get("time") or module.time,
            "file": f"{module.id}.pdf"}

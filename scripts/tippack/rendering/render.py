"""Tailored modules → HTML fragments and Markdown pages, shared by site and PDF.

Each item type has one Jinja template in ``overrides/items/``; each module
becomes one Markdown page (``overrides/pages/module.md``) whose headings are
Markdown and whose items are those fragments. The site serves that page; the
PDF converts the very same text with the same Markdown extensions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import markdown
from markupsafe import Markup

from tippack.planning.months import MONTHS, first_three, has_facilitator, six_month_plan
from tippack.planning.tailor import TailoredItem, TailoredModule, TailoredPack, TailoredSection
from tippack.reading.glyphs import field_draws
from tippack.reading.model import KINDS as MODEL_KINDS
from tippack.reading.templating import md_escape
from tippack.rendering.templates import environment

KINDS = {kind: label for kind, (label, _) in MODEL_KINDS.items()}
NO_TOOLS: Mapping[str, int] = MappingProxyType({})  # no module printed apart, in the tools volume
KIND_TITLES = {kind: heading for kind, (_, heading) in MODEL_KINDS.items()}
AUDIENCES = {
    "manager": "managers",
    "tip-lead": "the TIP lead",
    "team-leader": "team leaders",
    "care-staff": "care staff",
    "ancillary-staff": "ancillary staff",
    "senior-management": "senior management",
    "stakeholder-group": "the stakeholder group",
    "facilitator": "the facilitator",
    "all-staff": "all staff",
}


PRE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


def _newlines_as_entities(match: re.Match[str]) -> str:
    """Preformatted text on one line (newlines as &#10;): its blank lines survive the
    blank-line removal that keeps a fragment one HTML block for Markdown."""
    return match.group(0).replace("\r\n", "\n").replace("\n", "&#10;")


@dataclass(frozen=True)
class RenderedModule:
    """A module ready for output: its Markdown page and where it goes."""

    id: str
    title: str
    kind: str
    summary: str
    time: str
    markdown: str
    examples: Markup = Markup("")  # the worked-examples block printed after the module


class Renderer:
    """Turns tailored packs into fragments and pages, with the project's templates."""

    def __init__(self, overrides: Path, extensions: list[Any], extension_configs: dict[str, Any]) -> None:
        """``extensions``: the Markdown extensions the site uses, as mkdocs.yml sets them (the site
        engine reads it), so site and print convert module text the same way."""
        self.env = environment(overrides / "items", overrides / "pages")
        self.env.filters["md"] = md_escape
        self.env.filters["audience"] = lambda a: AUDIENCES.get(a, a)
        # A fillable PDF field draws in one font and does not join Arabic letters: a pre-printed
        # value that font lacks prints as text instead (signatures.html, pack.css).
        self.env.tests["field_drawn"] = lambda text: field_draws(str(text), overrides)
        self.extensions, self.extension_configs = extensions, extension_configs
        # Without "toc": it only adds automatic heading ids, which would clash once every
        # module shares one print document. Explicit ids ({ #id }) still apply.
        self._md = markdown.Markdown(
            extensions=[e for e in self.extensions if e != "toc"],
            extension_configs={k: v for k, v in self.extension_configs.items() if k != "toc"},
        )
        self._convert = functools.lru_cache(maxsize=50_000)(self._convert_uncached)

    def _convert_uncached(self, text: str, page: bool) -> str:
        self._md.reset()
        return self._md.convert(text)

    def html(self, text: str | None) -> Markup:
        """Markdown → HTML for text inside a fragment (cached: packs share most text)."""
        if not text:
            return Markup("")
        return Markup(self._convert(text, False))

    def item(self, item: TailoredItem, module_id: str) -> Markup:
        """One item as an HTML fragment, with no blank lines (so Markdown keeps it whole).

        A worked example follows the item behind "See an example" (a closed ``details``
        on screen, left out on paper, where the module's examples have a page of their own).
        """
        fid = f"{module_id}--{item.id}"
        view = self._view(item)
        template = self.env.get_template(f"{item.type}.html")
        out = template.render(item=view, fid=fid, name=f"{module_id}.{item.id}")
        if item.example is not None:
            out += self.env.get_template("_example.html").render(
                item=view, example=self._example_view(item), fid=fid, inline=True)
        out = PRE_BLOCK.sub(_newlines_as_entities, out)
        return Markup("\n".join(line for line in out.splitlines() if line.strip()))

    def _view(self, item: TailoredItem) -> dict[str, Any]:
        return {
            **item.fields,
            "id": item.id,
            "type": item.type,
            "principle": item.principle,
            "prompt_html": self.html(item.fields.get("prompt")),
            "help_html": self.html(item.fields.get("help")),
            "body_html": self.html(item.fields.get("body")),
        }

    def _example_view(self, item: TailoredItem) -> Any:
        example = item.example
        if item.type == "text":
            return self.html(example)
        if isinstance(example, dict):
            return {**example, "notes_html": self.html(example.get("notes"))}
        return example

    def examples(self, module: TailoredModule) -> Markup:
        """A module's worked examples as one HTML block, for the page after it in print."""
        parts = []
        for section in module.sections:
            for item in section.items:
                if item.example is not None:
                    parts.append(self.env.get_template("_example.html").render(
                        item=self._view(item), example=self._example_view(item),
                        fid=f"{module.id}--{item.id}", inline=False))
        return Markup("\n".join(parts))

    def _sections(self, module: TailoredModule, sections: tuple[TailoredSection, ...] | list[TailoredSection]
                  ) -> list[dict[str, Any]]:
        return [{"id": s.id, "title": s.title, "intro": s.intro, "one_page": s.one_page,
                 "fragments": [self.item(i, module.id) for i in s.items]} for s in sections]

    def module(self, module: TailoredModule) -> RenderedModule:
        """A tailored module as its Markdown page."""
        view = {**module.__dict__, "sections": self._sections(module, module.sections), "bare": False, "continued": ""}
        text = self.env.get_template("module.md").render(module=view, kinds=KINDS)
        return RenderedModule(module.id, module.title, module.kind, module.summary, module.time, text,
                              self.examples(module))

    def part(self, module: TailoredModule, sections: list[TailoredSection], bare: bool = False, note: str = "",
             continued: str = "") -> Markup:
        """Some of a module's sections as print HTML: its part in the booklet (``note``: what more is
        in the tools volume), a one-page flow alone (``bare``), or the rest of it in the tools volume
        (``continued``: where its first part is). Same page template as the site's."""
        view = {**module.__dict__, "sections": self._sections(module, sections), "bare": bare,
                "continued": Markup('<p class="part-note">{}</p>').format(continued) if continued else ""}
        html = self.page_html(self.env.get_template("module.md").render(module=view, kinds=KINDS))
        return html + Markup('<p class="part-note">{}</p>').format(note) if note else html

    def quick_start(self, pack: TailoredPack, page_links: bool, level: int = 2, tools: Mapping[str, int] = NO_TOOLS
                    ) -> Markup:
        """The one-page quick start: the first three things to do this month, from the pack.
        ``tools``: modules printed in another volume (named, with their page there when known)."""
        return Markup(self.env.get_template("quick-start.html").render(
            home=pack.context["home"], facilitator=pack.context["facilitator"], steps=first_three(pack),
            with_facilitator=has_facilitator(pack), page_links=page_links, kinds=KINDS, level=level, tools=tools))

    def month_plan(self, pack: TailoredPack, page_links: bool, level: int = 1, tools: Mapping[str, int] = NO_TOOLS
                   ) -> Markup:
        """The six-month plan: every module in the pack's order, month by month. ``tools``: modules
        printed in another volume (named as tools, with their page there when known)."""
        steps = six_month_plan(pack)
        months = [(month, [s for s in steps if s.month == month]) for month in range(1, MONTHS + 1)]
        return Markup(self.env.get_template("month-plan.html").render(
            home=pack.context["home"], facilitator=pack.context["facilitator"], months=months,
            with_facilitator=has_facilitator(pack), page_links=page_links, kinds=KINDS, level=level, tools=tools))

    def home(self, pack: TailoredPack) -> str:
        """The site's home page: the quick start, what the pack is, who it is for, its modules."""
        groups: dict[str, list[TailoredModule]] = {}
        for module in pack.modules:
            groups.setdefault(module.kind, []).append(module)
        ordered = [(k, groups[k]) for k in KIND_TITLES if k in groups]
        return self.env.get_template("home.md").render(
            home=pack.context["home"],
            facilitator=pack.context["facilitator"],
            modules=pack.context["modules"],
            first=pack.modules[0],
            groups=ordered,
            kinds=KINDS,
            kind_titles=KIND_TITLES,
            quick_start=self.quick_start(pack, page_links=False),
        )

    def page_html(self, text: str) -> Markup:
        """A Markdown page (module page or shared page) as HTML for the PDF."""
        return Markup(self._convert(text, True))

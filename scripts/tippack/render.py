"""Tailored modules → HTML fragments and Markdown pages, shared by site and PDF.

Each item type has one Jinja template in ``overrides/items/``; each module
becomes one Markdown page (``overrides/pages/module.md``) whose headings are
Markdown and whose items are those fragments. The site serves that page; the
PDF converts the very same text with the same Markdown extensions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .mkdocs_config import project_config
from .tailor import TItem, TModule, TPack
from .templating import md_escape

KINDS = {
    "proforma": "Assessment proforma",
    "worksheet": "Worksheet",
    "template": "Template",
    "guide": "Guide",
    "log": "Log",
}
KIND_TITLES = {
    "guide": "Guides to read",
    "proforma": "Assessment",
    "worksheet": "Worksheets",
    "template": "Templates to complete",
    "log": "Logs to keep",
}
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


class Renderer:
    """Turns tailored packs into fragments and pages, with the project's templates."""

    def __init__(self, overrides: Path, mkdocs_yml: Path) -> None:
        self.env = Environment(
            loader=FileSystemLoader([overrides / "items", overrides / "pages"]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = md_escape
        self.env.filters["audience"] = lambda a: AUDIENCES.get(a, a)
        config = project_config(mkdocs_yml)
        self.extensions, self.extension_configs = config.extensions, config.extension_configs
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

    def item(self, item: TItem, module_id: str) -> Markup:
        """One item as an HTML fragment, with no blank lines (so Markdown keeps it whole)."""
        fid = f"{module_id}--{item.id}"
        view = {
            **item.__dict__,
            "prompt_html": self.html(item.prompt),
            "help_html": self.html(item.help),
            "body_html": self.html(item.body),
        }
        template = self.env.get_template(f"{item.type}.html")
        out = PRE_BLOCK.sub(_newlines_as_entities, template.render(item=view, fid=fid, name=f"{module_id}.{item.id}"))
        return Markup("\n".join(line for line in out.splitlines() if line.strip()))

    def module(self, module: TModule) -> RenderedModule:
        """A tailored module as its Markdown page."""
        sections = [
            {
                "id": s.id,
                "title": s.title,
                "intro": s.intro,
                "fragments": [self.item(i, module.id) for i in s.items],
            }
            for s in module.sections
        ]
        view = {**module.__dict__, "sections": sections}
        text = self.env.get_template("module.md").render(module=view, kinds=KINDS)
        return RenderedModule(module.id, module.title, module.kind, module.summary, module.time, text)

    def home(self, pack: TPack) -> str:
        """The site's home page: what the pack is, who it is for, where to start."""
        groups: dict[str, list[TModule]] = {}
        for module in pack.modules:
            groups.setdefault(module.kind, []).append(module)
        ordered = [(k, groups[k]) for k in KIND_TITLES if k in groups]
        return self.env.get_template("home.md").render(
            home=pack.context["home"],
            facilitator=pack.context["facilitator"],
            first=pack.modules[0],
            groups=ordered,
            kinds=KINDS,
            kind_titles=KIND_TITLES,
        )

    def page_html(self, text: str) -> Markup:
        """A Markdown page (module page or shared page) as HTML for the PDF."""
        return Markup(self._convert(text, True))

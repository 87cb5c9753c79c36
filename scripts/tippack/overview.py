"""build/index.html: every published pack for facilitators, from the packs' build records.

Written after every build (and when shards are joined), atomically; it lists what is in
the folder, each pack with its home, modules, pages, build date and a link to each output
(never to a home's completed copies).
"""

from __future__ import annotations

import json
from pathlib import Path

from .bundle import bundle_name
from .printing import pdf_name
from .project import Project
from .sheets import sheets_path
from .templates import environment
from .word import module_docx_path, pack_docx_name


def record(out: Path, slug: str) -> dict | None:
    """The build record of a published pack, if there is one."""
    path = out / slug / ".tippack.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


STATUS = ".tippack-status.json"  # why a published pack is out of date, by slug


def note_status(out: Path, notes: dict[str, str | None]) -> None:
    """Record (or clear, with None) why a published pack no longer matches its inputs."""
    path = out / STATUS
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    for slug, reason in notes.items():
        if reason:
            known[slug] = reason
        else:
            known.pop(slug, None)
    tmp = out / f"{STATUS}.tmp"
    tmp.write_text(json.dumps(known, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def write_overview(project: Project, out: Path) -> None:
    """build/index.html: every published pack, its home, modules, pages, build date and links,
    and for a pack whose inputs changed since its last good build, why it is out of date."""
    try:
        notes = json.loads((out / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        notes = {}
    packs = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = record(out, folder.name)
        if meta is None:
            continue
        slug = meta["slug"]
        meta["links"] = {
            "site": f"{slug}/site/index.html" if (folder / "site" / "index.html").exists() else None,
            "pdf": f"{slug}/{pdf_name(slug)}" if (folder / pdf_name(slug)).exists() else None,
            "docx": f"{slug}/{pack_docx_name(slug)}" if (folder / pack_docx_name(slug)).exists() else None,
            "zip": f"{slug}/{bundle_name(slug)}" if (folder / bundle_name(slug)).exists() else None,
            "earlier": [f"{slug}/versions/{name}" for name in meta.get("earlier", [])
                        if (folder / "versions" / name).exists()],
        }
        meta["stale"] = notes.get(slug)
        for module in meta["modules"]:
            word, sheets = module_docx_path(module["id"]), sheets_path(module["id"])
            module["word"] = f"{slug}/{word}" if (folder / word).is_file() else None
            module["sheets"] = f"{slug}/{sheets}" if (folder / sheets).is_file() else None
        packs.append(meta)
    html = environment(project.overrides / "publish").get_template("index.html").render(packs=packs)
    tmp = out / ".index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out / "index.html")

"""The starter pack written by ``tippack new``."""

from __future__ import annotations

import json

from tippack.reading.project import Project
from tippack.rendering.templates import environment

STARTER_MODULES = ("welcome", "responding-to-disclosure", "principles", "organisational-assessment",
                   "peer-support-sessions", "barriers-enablers", "statement-of-intent")


def starter_pack(project: Project, name: str) -> str:
    """A pack file for a new home that passes ``check`` (modules limited to those present)."""
    present = project.module_files()
    modules = [m for m in STARTER_MODULES if m in present] or sorted(present)[:1]
    env = environment(project.overrides / "starter", autoescape=False)
    return env.get_template("pack.yml").render(
        name_yaml=json.dumps(name, ensure_ascii=False),
        name_comment=" ".join(name.split()),
        modules=modules,
    )

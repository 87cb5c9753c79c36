"""What a pack's build depends on, hashed, so unchanged packs can be skipped."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from functools import lru_cache
from pathlib import Path

from tippack.reading.project import Project

TOOL_DISTRIBUTIONS = (
    "tippack",
    "mkdocs",
    "mkdocs-material",
    "weasyprint",
    "markdown",
    "jinja2",
    "pydantic",
    "pypdf",
    "pyyaml",
    "python-docx",
    "openpyxl",
    "lxml",
)


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _digest_of(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _digest_of(path: str, mtime_ns: int, size: int) -> str:
    """A file's content hash; cached while its time stamp and size stay the same (many packs share modules)."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest() + f":{size}"


@lru_cache(maxsize=4)
def shared_digest(root: Path) -> str:
    """Everything every pack depends on: templates, styles, fonts, pages, config, tool versions."""
    project = Project(root)
    h = hashlib.sha256()
    files = [project.mkdocs_yml]
    for folder in (project.overrides, project.pages_dir, Path(__file__).parents[1]):
        files.extend(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode() if path.is_relative_to(root) else path.name.encode())
        h.update(_file_digest(path).encode())
    for name in TOOL_DISTRIBUTIONS:
        try:
            h.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}==?".encode())
    return h.hexdigest()


def pack_digest(root: Path, inputs: list[Path], output_format: str) -> str:
    """A pack's fingerprint for one format: its own files (pack, defaults, modules, assets)
    plus the shared ones."""
    h = hashlib.sha256(shared_digest(root).encode())
    prefix = len(str(root)) + 1
    for path in sorted(set(inputs)):
        h.update(str(path)[prefix:].encode())
        h.update(_file_digest(path).encode())
    h.update(output_format.encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return h.hexdigest()


def newest_mtime(root: Path, inputs: list[Path]) -> int:
    """The newest modification time among a pack's inputs (its build date without SOURCE_DATE_EPOCH)."""
    project = Project(root)
    candidates = list(inputs) + [project.mkdocs_yml] + list(project.pages_dir.glob("*.md"))
    return int(max(p.stat().st_mtime for p in candidates if p.exists()))

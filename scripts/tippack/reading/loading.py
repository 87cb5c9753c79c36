"""Reading packs and modules: YAML with positions, ``extends`` followed, spellings settled.

Reading is not checking: a pack file is read, the chain of shared defaults it extends
is merged under it, and module ids written in another spelling are settled, each with
a warning. What comes out is a new document with every position kept; ``validate``
then decides whether it is valid, without changing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tippack.reading.problems import Problem
from tippack.reading.project import Project
from tippack.reading.source import Document, load_file
from tippack.reading.spellings import respell_modules, respell_paper, respell_tags
from tippack.reading.suggest import did_you_mean, one_of


@dataclass(frozen=True)
class ReadPack:
    """One pack file as read: merged with its defaults, module spellings settled."""

    slug: str
    path: Path
    doc: Document | None  # None when the file (or a defaults file under it) does not parse
    files: tuple[Path, ...]  # the pack file and every defaults file it extends
    problems: list[Problem] = field(default_factory=list)


def read_pack(project: Project, slug: str, path: Path, known_modules: set[str]) -> ReadPack:
    """Read one pack, follow its ``extends`` chain and settle its module spellings."""
    doc, files, problems = _merged(project, path)
    if doc is None:
        return ReadPack(slug, path, None, files, problems)
    read, tag_spellings = respell_tags(respell_paper(doc))
    for r in tag_spellings:
        problems.append(doc.problem(r.path, f"tag '{r.written[:60]}' is read as '{r.canonical}' (tags are"
                                    " lowercase, with hyphens)", "warning"))
    read, respellings = respell_modules(read, known_modules)
    for r in respellings:  # located in the file as written, before repeats were left out
        if r.repeat_of is None:
            message = f"module '{r.written[:60]}' is read as '{r.canonical}' (module ids are lowercase, with hyphens)"
        else:
            message = (f"module '{r.written[:60]}' is '{r.canonical}', already listed at modules[{r.repeat_of}];"
                       " this entry is left out")
        problems.append(doc.problem(r.path, message, "warning"))
    return ReadPack(slug, path, read, files, problems)


def _merged(project: Project, path: Path) -> tuple[Document | None, tuple[Path, ...], list[Problem]]:
    """A pack and the chain of ``extends`` defaults under it, merged into a new document."""
    doc, problems = load_file(path, project.root)
    if doc is None:
        return None, (path,), problems
    files = [path]
    chain = [doc]
    current = doc
    while isinstance(current.data, dict) and isinstance(current.data.get("extends"), str):
        name = current.data["extends"]
        base_path = project.packs_dir / f"{name}.yml"
        if not name.startswith("_"):
            problems.append(current.problem(("extends",), f"'{name[:40]}' must name a shared defaults file"
                                            " starting with '_'"))
            break
        if base_path in files:
            chain_text = " -> ".join(p.stem for p in files)
            problems.append(current.problem(("extends",), f"'{name}' is circular ({chain_text} -> {name}): a"
                                            f" defaults file cannot extend one that extends it; delete this line"
                                            f" or the 'extends:' in packs/{name}.yml"))
            break
        if not base_path.is_file():
            choices = sorted(p.stem for p in project.packs_dir.glob("_*.yml"))
            problems.append(current.problem(("extends",), f"no file packs/{name}.yml{_defaults_hint(name, choices)}"))
            break
        base, base_problems = load_file(base_path, project.root)
        problems.extend(base_problems)
        if base is None:
            break
        files.append(base_path)
        chain.append(base)
        current = base
    merged = chain[-1]
    for upper in reversed(chain[:-1]):
        merged = _merge(merged, upper)
    if isinstance(merged.data, dict) and "extends" in merged.data:
        merged = replace(merged, data={k: v for k, v in merged.data.items() if k != "extends"})
    return merged, tuple(files), problems


def _defaults_hint(name: str, choices: list[str]) -> str:
    """What to type instead of a defaults name that has no file."""
    close = did_you_mean(name, choices)
    if close:
        return close
    if choices:
        return f"; name one of the shared defaults files ({one_of(choices)}), or delete this line"
    return f"; there are no shared defaults files in packs/: create packs/{name}.yml, or delete this line"


def _merge(base: Document, upper: Document) -> Document:
    """Overlay ``upper`` on ``base``: mappings merge key by key, anything else is replaced."""
    return Document(upper.path, _merge_data(base.data, upper.data), {**base.values, **upper.values},
                    {**base.keys, **upper.keys}, base.reported | upper.reported, {**base.lines, **upper.lines},
                    {**base.as_written, **upper.as_written})


def _merge_data(base: Any, upper: Any) -> Any:
    if isinstance(base, dict) and isinstance(upper, dict):
        result = dict(base)
        for key, value in upper.items():
            result[key] = _merge_data(base[key], value) if key in base else value
        return result
    return upper

"""The package's imports point down the flow, never back up and never in a circle.

Read from the source with ``ast`` (imports inside functions and ``TYPE_CHECKING`` blocks
count: a circle hidden in a function is still a circle a reader has to untangle).
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

PACKAGE = ROOT / "scripts" / "tippack"

# The flow, lowest first: a module may import its own layer and the layers before it.
LAYERS = ("reading", "planning", "rendering", "outputs", "building", "preview", "cli")
# Beside outputs and building: may import what outputs may, and only the command line imports it.
BESIDE = {"reports": {"reading", "planning", "rendering", "outputs", "reports"}}
SITE_ENGINE = "tippack.outputs.site.engine"  # the only module that talks to MkDocs and Material


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> tuple[set[str], set[str]]:
    """The package's modules one module imports, and the outside packages it imports (top names)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    inside: set[str] = set()
    outside: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                       for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] != "tippack":
                outside.add(target.split(".")[0])
                continue
            while target not in known:
                target = target.rsplit(".", 1)[0]
            if target != name:
                inside.add(target)
    return inside, outside


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found))[0] for name, path in found.items()}


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "cli"  # the package's own __init__ sits with the command line


def test_every_module_sits_in_a_known_layer() -> None:
    strays = [name for name in modules() if layer(name) not in LAYERS and layer(name) not in BESIDE]
    assert strays == [], f"modules outside the layers {LAYERS} (or {sorted(BESIDE)}): {strays}"


def test_imports_point_down_the_flow() -> None:
    upward = []
    for name, targets in graph().items():
        own = layer(name)
        for target in sorted(targets):
            other = layer(target)
            if own in BESIDE:
                allowed = other in BESIDE[own]
            elif other in BESIDE:
                allowed = own == "cli"
            else:
                allowed = LAYERS.index(other) <= LAYERS.index(own)
            if not allowed:
                upward.append(f"{name} -> {target}")
    assert upward == [], "imports that point up the flow:\n" + "\n".join(upward)


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, round and round (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    assert circles(graph()) == []


def test_no_circles_between_sub_packages() -> None:
    """The output families and the other folders do not lean on each other both ways either."""
    folders: dict[str, set[str]] = {}
    for name, targets in graph().items():
        folder = name.rsplit(".", 1)[0] if name.count(".") > 1 else name
        folders.setdefault(folder, set())
        for target in targets:
            other = target.rsplit(".", 1)[0] if target.count(".") > 1 else target
            if other != folder and not folder.startswith(other + "."):
                folders[folder].add(other)
        for other in list(folders[folder]):
            folders.setdefault(other, set())
    assert circles(folders) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_the_site_engine_imports_mkdocs_or_material() -> None:
    found = modules()
    talking = sorted(name for name, path in found.items()
                     if imports(name, path, set(found))[1] & {"mkdocs", "material"})
    assert talking == [SITE_ENGINE]

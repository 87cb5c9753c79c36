"""Load YAML into plain data that remembers where every value came from.

Safe loading only. Positions are kept per key path so later stages (pydantic
validation, cross-checks, template rendering) can point at the offending value.
Aliases are bounded, dates that do not exist are reported, and files that are
too large or not UTF-8 are refused with a located message.

Values reach the page exactly as typed. YAML 1.1 (PyYAML's default) reads
``version: 1.10`` as the number 1.1, ``time: 1:30`` as 90, ``manager: No`` as false
and ``phone: 01632960090`` as a number without its 0. Here an unquoted value is text
unless it is exactly ``true``/``false``, empty/``null``/``~``, a whole number written
without a leading zero or sign (so its text and its number are the same), or a date
written YYYY-MM-DD. Text is kept in Unicode NFC, so "ó" typed either way prints alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tippack.reading.problems import Problem, label
from tippack.reading.yaml_text import (
    LOADER,
    PURE_LOADER,
    hash_comment,
    odd_spaces,
    one_line,
    spaces_matter,
    tab_indents,
    unclosed_quote,
    yaml_error,
)

MAX_BYTES = 1_000_000


MAX_NODES = 100_000


KeyPath = tuple[str | int, ...]


class Pos(NamedTuple):
    """A place in a source file (1-based line and column)."""

    path: str
    line: int
    col: int


@dataclass
class Document:
    """A loaded YAML file: its data plus the position of every value and key."""

    path: str
    data: Any
    values: dict[KeyPath, Pos] = field(default_factory=dict)
    keys: dict[KeyPath, Pos] = field(default_factory=dict)
    reported: set[KeyPath] = field(default_factory=set)
    lines: dict[str, list[str]] = field(default_factory=dict)  # each source file's lines, for hints
    # a list entry's path as the file has it, where reading left entries out before it
    as_written: dict[KeyPath, KeyPath] = field(default_factory=dict)

    def line_at(self, path: KeyPath) -> str:
        """The source line a value is on (empty when unknown)."""
        pos = self.pos(path)
        lines = self.lines.get(pos.path, [])
        return lines[pos.line - 1] if 0 < pos.line <= len(lines) else ""

    def problem(self, path: KeyPath, message: str, severity: str = "error", key: bool = False) -> Problem:
        """The one way to say "this value (or its key) has this problem": located, labelled."""
        pos = self.pos(path, key=key)
        name = self.label(path, message)
        return Problem(pos.path, pos.line, pos.col, f"{name}: {message}" if name else message, severity)

    def text_problem(self, path: KeyPath, text: str, lineno: int | None, message: str) -> Problem:
        """A problem on line ``lineno`` of a (possibly multi-line) string, such as a template."""
        pos = self.pos(path)
        line = pos.line
        if "\n" in text.rstrip("\n") and self.keys.get(path) is not None and self.keys[path].line == pos.line:
            line += 1  # block scalar: its text starts on the next line
        if lineno:
            line += lineno - 1
        col = pos.col if lineno in (None, 1) else 1
        name = self.label(path, message)
        return Problem(pos.path, line, col, f"{name}: {message}" if name else message)

    def label(self, path: KeyPath, message: str = "") -> str:
        """A key path for a message, the last list entry named by its id, name or value:
        ``modules[2] ('statement-of-intent')``, since people do not count from zero (unless
        the message names it already)."""
        written = self._written(path)
        last = max((i for i, step in enumerate(path) if isinstance(step, int)), default=None)
        if last is None:
            return label(written)
        entry: Any = self.data
        for step in path[: last + 1]:
            try:
                entry = entry[step]
            except (KeyError, IndexError, TypeError):
                return label(written)
        named = entry.get("id") or entry.get("name") if isinstance(entry, dict) else entry
        if not isinstance(named, str) or not named.strip():
            return label(written)
        shown = named if len(named) <= 40 else named[:39] + "\u2026"
        if f"'{shown}'" in message or f"'{named}'" in message:
            return label(written)
        return f"{label(written[: last + 1])} ('{shown}'){label(path[last + 1:]) and '.' + label(path[last + 1:])}"

    def _written(self, path: KeyPath) -> KeyPath:
        """``path`` with its list indices as the file has them (see ``as_written``)."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.as_written:
                return (*self.as_written[path[:end]], *path[end:])
        return tuple(path)

    def pos(self, path: KeyPath, key: bool = False) -> Pos:
        """Where the value (or its key) at ``path`` is; the nearest known parent if absent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Pos(self.path, 1, 1))


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_NODES


class _TooBig(Exception):
    pass


def _mark_pos(path: str, node: Node) -> Pos:
    return Pos(path, node.start_mark.line + 1, node.start_mark.column + 1)


STR_TAG = "tag:yaml.org,2002:str"


NULLS = frozenset({"", "~", "null", "Null", "NULL"})


TRUES = frozenset({"true", "True", "TRUE"})


FALSES = frozenset({"false", "False", "FALSE"})


WHOLE = re.compile(r"^(?:0|-?[1-9][0-9]{0,17})$")  # its number prints as the same text


ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def plain_value(text: str) -> Any:
    """What an unquoted value means: text as written, unless it can only be one other thing.

    Raises ``ValueError`` for a YYYY-MM-DD date that does not exist (2026-02-30).
    """
    if text in NULLS:
        return None
    if text in TRUES:
        return True
    if text in FALSES:
        return False
    if WHOLE.match(text):
        return int(text)
    if ISO_DATE.match(text):
        return dt.date.fromisoformat(text)
    return unicodedata.normalize("NFC", text)


def _scalar(node: ScalarNode, constructor: SafeConstructor) -> Any:
    if node.tag == STR_TAG:
        if not node.style:  # unquoted (libyaml says "", PyYAML None): typed by its text alone
            return plain_value(node.value)
        return unicodedata.normalize("NFC", node.value)
    return constructor.construct_object(node, deep=True)  # an explicit tag (!!binary, !ENV ...)


def _build(
    node: Node,
    path: str,
    keypath: KeyPath,
    doc: Document,
    constructor: SafeConstructor,
    problems: list[Problem],
    budget: _Budget,
) -> Any:
    budget.left -= 1
    if budget.left < 0:
        raise _TooBig
    doc.values[keypath] = _mark_pos(path, node)
    if isinstance(node, ScalarNode):
        try:
            return _scalar(node, constructor)
        except (ValueError, OverflowError):
            doc.reported.add(keypath)
            problems.append(
                _problem(_mark_pos(path, node), f"'{node.value[:40]}' is not a real date; write dates as YYYY-MM-DD")
            )
            return node.value
        except ConstructorError as exc:
            doc.reported.add(keypath)
            problems.append(_problem(_mark_pos(path, node), one_line(exc.problem or str(exc))))
            return node.value
    if isinstance(node, SequenceNode):
        return [
            _build(child, path, (*keypath, i), doc, constructor, problems, budget) for i, child in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            budget.left -= 1
            if budget.left < 0:
                raise _TooBig
            if not isinstance(key_node, ScalarNode):
                problems.append(_problem(_mark_pos(path, key_node), "keys must be plain names"))
                continue
            key = str(key_node.value)
            if key in result:
                problems.append(_twice(_mark_pos(path, key_node), doc.keys[(*keypath, key)], keypath, key))
                continue
            doc.keys[(*keypath, key)] = _mark_pos(path, key_node)
            result[key] = _build(value_node, path, (*keypath, key), doc, constructor, problems, budget)
        return result
    return None


def _twice(pos: Pos, first: Pos, keypath: KeyPath, key: str) -> Problem:
    """A key written twice in one mapping: YAML would quietly keep the last, so say where both are."""
    where = f"under '{keypath[-1]}:'" if keypath and isinstance(keypath[-1], str) else (
        "in this entry" if keypath else "in this file")
    seen = "earlier on this line" if first.line == pos.line else f"on line {first.line}"
    return _problem(pos, f"{label((*keypath, key))}: '{key[:40]}' is written twice {where} (first {seen}); YAML"
                    " would quietly keep only the last one, so delete the one you do not mean")


def _problem(pos: Pos, message: str) -> Problem:
    return Problem(pos.path, pos.line, pos.col, message)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8, or say on which line it is not."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(rel, 1, 1, f"file is larger than {MAX_BYTES // 1000} kB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        return None, [Problem(rel, line, col, message)]
    return text.removeprefix("\ufeff"), []


def load_text(text: str, rel: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a ``Document``, collecting every problem found."""
    problems: list[Problem] = []
    tabs = tab_indents(text, rel)
    if tabs:  # every line with a tab, in one run (the parser stops at the first)
        return None, tabs
    spaces = odd_spaces(text, rel)
    if spaces and spaces_matter(text, spaces):
        return None, spaces
    try:
        nodes = list(yaml.compose_all(text, Loader=LOADER))
    except yaml.MarkedYAMLError:
        try:  # parse again with the pure-Python loader: its messages say more
            nodes = list(yaml.compose_all(text, Loader=PURE_LOADER))
        except yaml.MarkedYAMLError as exc:
            return None, [unclosed_quote(text, rel, exc) or hash_comment(text, rel, exc) or yaml_error(rel, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(rel, 1, 1, f"YAML does not parse: {one_line(str(exc))}")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Problem(rel, 1, 1, "file is empty; expected a mapping of keys")]
    if len(nodes) > 1:
        second = nodes[1]
        return None, [Problem(rel, second.start_mark.line + 1, 1, "expected one YAML document, found more")]
    root = nodes[0]
    if not isinstance(root, MappingNode):
        found = "a list" if isinstance(root, SequenceNode) else "a single value"
        pos = _mark_pos(rel, root)
        return None, [_problem(pos, f"expected a mapping of keys at the top level, found {found}")]
    doc = Document(rel, None, lines={rel: text.splitlines()})
    constructor = SafeConstructor()
    try:
        doc.data = _build(root, rel, (), doc, constructor, problems, _Budget())
    except _TooBig:
        return None, [Problem(rel, 1, 1, f"file expands to more than {MAX_NODES} values (too many aliases?)")]
    except yaml.MarkedYAMLError as exc:
        return None, [yaml_error(rel, exc)]
    return doc, problems


def load_file(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; paths in problems are relative to the project root."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(rel, 1, 1, f"cannot read file: {exc.strerror}")]
    text, problems = decode(raw, rel)
    if text is None:
        return None, problems
    return load_text(text, rel)


def is_date(value: Any) -> bool:
    """True for a YAML date (not a datetime)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def listed(value: Any) -> list[Any]:
    """Raw data's value when it is a list, else an empty one: checks read raw data before the schema has."""
    return value if isinstance(value, list) else []


def mapping(value: Any) -> dict[str, Any]:
    """Raw data's value when it is a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}

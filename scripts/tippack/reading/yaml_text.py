"""YAML as written: the loaders that keep every value as typed, and what went wrong when a file
does not parse, in plain words, with the likely repair."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from tippack.reading.problems import Problem


def _as_written(base: type) -> type:
    """A loader that tags every unquoted scalar as text (``<<`` merge keys excepted).

    The implicit typing of YAML 1.1 is left out; ``_plain`` decides what a plain value is.
    """
    loader: Any = type(f"AsWritten{base.__name__}", (base,), {})
    loader.yaml_implicit_resolvers = {}
    loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
    return cast(type, loader)


LOADER = _as_written(getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: faster


PURE_LOADER = _as_written(yaml.SafeLoader)  # its messages say more when a file does not parse


def one_line(message: str) -> str:
    """A message on one line (YAML's own messages run over several)."""
    return " ".join(message.split())


def yaml_error(path: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem a YAML error is, at its place, in plain words where a clue is known."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = one_line(exc.problem or "YAML does not parse")
    for clue, plain in PLAIN_YAML:
        if clue in message:
            return Problem(path, line, col, f"YAML does not parse: {plain}")
    if exc.context:
        message = f"{one_line(exc.context)}: {message}"
    return Problem(path, line, col, f"YAML does not parse: {message}")


PLAIN_YAML = (
    ("\\t", "a tab character cannot be used for indentation in YAML; use spaces"),
    ("expected <block end>", "this line's indentation does not match the lines above it"),
    ("mapping values are not allowed here", "a ':' where a value was expected; put text that contains ': ' in quotes"),
    ("could not find expected ':'", "a line is missing the ':' after its key, or a quote is not closed"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("found undefined alias", "an alias (*name) refers to an anchor (&name) that does not exist"),
    ("found character '@' that cannot start any token", "text starting with '@' must be in quotes"),
    ("found character '`' that cannot start any token", "text starting with '`' must be in quotes"),
    ("expected ',' or ']'", "a list in [ ] is not closed, or an item in it needs quotes"),
    ("expected ',' or '}'", "a mapping in { } is not closed, or a value in it needs quotes"),
)


def tab_indents(text: str, rel: str) -> list[Problem]:
    """Every line indented with a tab: YAML refuses them, and people cannot see them."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(Problem(rel, number, indent.index("\t") + 1, "YAML does not parse: a tab character"
                                    " cannot be used for indentation in YAML; use spaces"))
    return problems


ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000"
AFTER_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"{\[][^:#]*:([" + ODD_SPACES + "])")  # a key, then an odd space


def odd_spaces(text: str, rel: str) -> list[Problem]:
    """Every line indented with a non-breaking (or other unusual) space, or with one after a
    key's ':' where an ordinary space belongs. Word and web pages paste them; they look like
    spaces, but YAML reads them as part of the text, so the line means something else."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t" + ODD_SPACES))]
        odd = next((i for i, ch in enumerate(indent) if ch in ODD_SPACES), None)
        after = AFTER_KEY.match(line)
        if odd is not None and line.strip():
            problems.append(Problem(rel, number, odd + 1, f"this line is indented with {_space_name(indent[odd])},"
                                    " which YAML reads as text, not as indentation; delete it and indent with"
                                    " ordinary spaces"))
        elif after:
            problems.append(Problem(rel, number, after.start(1) + 1, f"there is {_space_name(after.group(1))}"
                                    f" after '{line[:after.start(1)].strip()}', where YAML needs an ordinary space;"
                                    " delete it and type a space"))
    return problems


def _space_name(ch: str) -> str:
    return "a non-breaking space" if ch in "\u00a0\u202f" else f"an unusual space (U+{ord(ch):04X})"


def spaces_matter(text: str, spaces: list[Problem]) -> bool:
    """Whether the unusual spaces in ``spaces`` change what the file means: with ordinary spaces
    there, a file that does not parse parses (or fails later), or a key holds one (a line
    indented with one is read as a new key). Inside a value's text they are text, and print."""
    try:
        nodes = list(yaml.compose_all(text, Loader=LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        lines = text.splitlines(keepends=True)
        for problem in spaces:
            lines[problem.line - 1] = "".join(" " if ch in ODD_SPACES else ch for ch in lines[problem.line - 1])
        return mark is not None and _parses_further("".join(lines), mark.line)
    except yaml.YAMLError:
        return False
    stack = [n for n in nodes if n is not None]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and any(ch in ODD_SPACES for ch in key.value):
                    return True
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return False


QUOTE_OPENS = re.compile(r"""(?:^\s*-\s+|:\s+|[\[{,]\s*)(["'])""")


def unclosed_quote(text: str, rel: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """When the parser stumbles after a quote that never closed, name the line the quote opened.

    A quoted value may run over several lines, so the parser only notices much later, and
    then blames whatever comes next (the indentation, another quote). Each line before the
    error where a quoted value opens and does not close is tried, earliest first: if closing
    the quote there lets the file parse (or moves the error past this one), that is the slip.
    """
    def closings(line: str) -> Iterator[tuple[int, str, str]]:
        for match in QUOTE_OPENS.finditer(line):
            quote = match.group(1)
            if _closes(line[match.end():], quote):
                continue
            body = line.rstrip("\r\n")
            kind = "double" if quote == '"' else "single"
            yield (match.start(1), body + quote + line[len(body):],
                   f"the {kind} quote opened here is not closed; add the closing {quote}")
            return  # the rest of the line is inside this quote

    return _first_repair(text, rel, exc, closings)


HASH_VALUE = re.compile(r"""(?<=[\s\[{,:])#([^\s,\]}]*)""")


def hash_comment(text: str, rel: str, exc: yaml.MarkedYAMLError) -> Problem | None:
    """When the parser stumbles after an unquoted value starting with '#' (a colour in { }),
    name that value: YAML read it as a comment, which hid the rest of its line (a closing
    bracket, say), so the parser only notices lines later. The value is tried in quotes, as
    ``unclosed_quote`` tries a closing quote."""
    def quotings(line: str) -> Iterator[tuple[int, str, str]]:
        for match in HASH_VALUE.finditer(line):
            if not match.group(1) or line[:match.start()].count('"') % 2 or line[:match.start()].count("'") % 2:
                continue
            value = f'"#{match.group(1)}"'
            yield (match.start(), line[:match.start()] + value + line[match.end():],
                   f"'#' starts a comment in YAML, which hides the rest of this line; put the value in quotes: {value}")

    return _first_repair(text, rel, exc, quotings)


def _first_repair(text: str, rel: str, exc: yaml.MarkedYAMLError,
                  repairs: Callable[[str], Iterator[tuple[int, str, str]]]) -> Problem | None:
    """The first line, up to the parser's error, where one of ``repairs`` (column, mended line,
    what to say) lets the file parse further: the slip the parser only noticed later."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    lines = text.splitlines(keepends=True)
    for index in range(min(mark.line + 1, len(lines))):
        for column, mended, message in repairs(lines[index]):
            if _parses_further("".join(lines[:index]) + mended + "".join(lines[index + 1:]), mark.line):
                return Problem(rel, index + 1, column + 1, f"YAML does not parse: {message}")
    return None


def _closes(after: str, quote: str) -> bool:
    """Whether a quoted scalar that starts just before ``after`` ends within it."""
    body = after.replace("''", "") if quote == "'" else re.sub(r"\\.", "", after)
    return quote in body


def _parses_further(text: str, error_line: int) -> bool:
    """Whether ``text`` parses, or fails only after ``error_line`` (0-based)."""
    try:
        list(yaml.compose_all(text, Loader=LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line > error_line
    except yaml.YAMLError:
        return False
    return True

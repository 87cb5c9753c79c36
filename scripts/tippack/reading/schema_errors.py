"""Turn pydantic validation errors into located, plain-language problems.

pydantic reports a location as a tuple of keys, indices and union-branch
names; this walks that tuple over the loaded data to find the file position,
and words each error as "expected ..., found ...".
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal, Union, cast

from pydantic import BaseModel, ValidationError

from tippack.reading.items import AnyItem, item_types
from tippack.reading.problems import Problem, shorten
from tippack.reading.source import Document, KeyPath
from tippack.reading.suggest import did_you_mean, one_of
from tippack.reading.written_dates import written_date

TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "date_type": "a date (YYYY-MM-DD)",
    "float_type": "a number",
    "none_required": "nothing",
}



def describe(value: Any) -> str:
    """Say what kind of value was found, briefly."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"text {shorten(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def data_path(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """Follow a pydantic location over the data, skipping union-branch names."""
    path: list[str | int] = []
    current: Any = data
    for element in loc:
        if _holds(current, element):
            path.append(element)
            current = current[element]
    return tuple(path)


def _holds(current: Any, element: Any) -> bool:
    """Whether a location's step names a key or index in the data (not a union branch's name)."""
    if isinstance(current, dict):
        return isinstance(element, str) and element in current
    return isinstance(current, list) and isinstance(element, int) and 0 <= element < len(current)


def _unwrap(annotation: Any) -> list[Any]:
    if annotation is AnyItem:
        return list(item_types().values())
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def annotations_at(root: type[BaseModel], data: Any, path: KeyPath) -> list[Any]:
    """The types the schema allows at ``path`` (union branches picked by the data's ``type``)."""
    candidates: list[Any] = [root]
    current: Any = data
    for step in path:
        nxt: list[Any] = []
        for cand in candidates:
            origin = typing.get_origin(cand)
            if isinstance(cand, type) and issubclass(cand, BaseModel) and isinstance(step, str):
                field = cand.model_fields.get(step)
                if field is not None:
                    nxt.extend(_unwrap(field.annotation))
            elif origin is list and isinstance(step, int):
                nxt.extend(_unwrap(typing.get_args(cand)[0]))
            elif origin is dict and isinstance(step, str):
                nxt.extend(_unwrap(typing.get_args(cand)[1]))
        current = _step(current, step)
        candidates = _pick(nxt, current)
    return candidates


def _step(current: Any, step: str | int) -> Any:
    """The value one step down raw data, or None where there is none."""
    if isinstance(current, dict):
        return current.get(step)
    if isinstance(current, list) and isinstance(step, int) and step < len(current):
        return current[step]
    return None


def model_at(root: type[BaseModel], data: Any, path: KeyPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``, if any."""
    models = [c for c in annotations_at(root, data, path) if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if models else None


def allowed_at(root: type[BaseModel], data: Any, path: KeyPath) -> list[str]:
    """The values a field with a fixed set of choices allows, read from its annotation."""
    return [str(v) for c in annotations_at(root, data, path) if typing.get_origin(c) is Literal
            for v in typing.get_args(c)]


def _pick(candidates: list[Any], value: Any) -> list[Any]:
    models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
    if isinstance(value, dict) and "type" in value and len(models) > 1:
        for model in models:
            field = model.model_fields.get("type")
            if field is not None and value["type"] in typing.get_args(field.annotation):
                return [model]
    return candidates


def _expected_type(error: dict[str, Any]) -> str | None:
    return TYPE_WORDS.get(error["type"])


def translate(exc: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    """Every pydantic error as a located problem, union noise folded away."""
    raw = cast(list[dict[str, Any]], exc.errors(include_url=False))  # pydantic's ErrorDetails, read as dicts
    located = [(data_path(doc.data, tuple(e["loc"])), e) for e in raw]
    # Values the loader already reported (impossible dates) are not reported again.
    located = [(p, e) for p, e in located if p not in doc.reported]
    # Type errors from union branches: keep only when nothing more specific is said there.
    specific = [p for p, e in located if _expected_type(e) is None]
    grouped: dict[KeyPath, list[dict[str, Any]]] = {}
    for path, error in located:
        if _expected_type(error) is not None and any(s[: len(path)] == path for s in specific):
            continue
        grouped.setdefault(path, []).append(error)
    # A missing key that an unknown key nearby was probably meant to be: say it once.
    meant = set()
    for path, error in located:
        if error["type"] == "extra_forbidden" and path:
            parent = model_at(root, doc.data, path[:-1])
            hint = did_you_mean(str(path[-1]), list(parent.model_fields) if parent else [])
            if hint:
                meant.add((path[:-1], hint.split("'")[1]))
    problems: list[Problem] = []
    for path, errors in grouped.items():
        errors = [e for e in errors if not (e["type"] == "missing" and (path, e["loc"][-1]) in meant)]
        types_expected = [w for e in errors if (w := _expected_type(e))]
        if types_expected:
            words = list(dict.fromkeys(types_expected))
            found = describe(errors[0].get("input"))
            hint = _comment_hint(doc, path) or _type_hint(words, errors[0].get("input"))
            problems.append(doc.problem(path, f"expected {_or(words)}, found {found}{hint}"))
        for error in errors:
            if _expected_type(error) is None:
                problems.append(_one(error, path, doc, root))
    return problems


YAML_11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
YAML_11_TRUES = {"yes", "on", "y"}


def _comment_hint(doc: Document, path: KeyPath) -> str:
    """An empty value whose line has a '#' after the key: YAML read the rest as a comment."""
    if not path or not isinstance(path[-1], str):
        return ""
    line = doc.line_at(path)
    after = line.split(":", 1)[1] if ":" in line else ""
    if after.strip().startswith("#"):
        value = after.strip().split()[0]
        return (f"; '#' starts a comment in YAML, so the value was read as nothing: put it in quotes,"
                f" like {path[-1]}: \"{value}\"")
    return ""


def _type_hint(expected: list[str], value: Any) -> str:
    """How to write the value so it reads as intended."""
    if "text" in expected and (isinstance(value, bool) or value is None):
        return "; put the value in quotes if you mean it as text"
    if "true or false" in expected and isinstance(value, str) and value.strip().lower() in YAML_11_BOOLS:
        meant = "true" if value.strip().lower() in YAML_11_TRUES else "false"
        return f"; write {meant} instead of '{value.strip()}'"
    if any(w.startswith("a date") for w in expected) and isinstance(value, str):
        return "; write dates as YYYY-MM-DD" + written_date(value)
    return ""


def shape_hint(path: KeyPath, value: Any) -> str:
    """What to type instead, for text of the wrong shape that is a common slip: curly quotes
    pasted from a word processor, an e-mail address without its domain."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    key = path[-1] if path and isinstance(path[-1], str) else "value"
    if len(text) > 2 and text[0] in "\u201c\u201d\u2018\u2019\u201e" and text[-1] in "\u201c\u201d\u2018\u2019":
        return f"; the quotes are curly (from a word processor): type straight ones, like {key}: \"{text[1:-1]}\""
    if key == "email" and text.count("@") == 1:
        name, domain = text.split("@")
        if not domain:
            return f"; nothing follows the @: type the whole address, like {name or 'name'}@example.org"
        if "." not in domain:
            return (f"; '{domain}' after the @ is not a whole domain: type the whole address, like"
                    f" {name or 'name'}@{domain}.org")
    return ""


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _one(error: dict[str, Any], path: KeyPath, doc: Document, root: type[BaseModel]) -> Problem:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        parent = model_at(root, doc.data, path[:-1])
        allowed = [n for n in parent.model_fields] if parent else []
        hint = did_you_mean(key, allowed) or (f" (expected {one_of(allowed)})" if allowed else "")
        if value is None and not did_you_mean(key, allowed):
            hint += "; if it belongs to the value before it, put that whole value in quotes"
        return doc.problem(path, f"unknown key {shorten(key)}{hint}", key=True)
    if kind == "missing":
        missing = error["loc"][-1]
        return doc.problem(path, f"missing required key '{missing}'")
    if kind == "union_tag_not_found":
        return doc.problem(path, f"missing required key '{ctx.get('discriminator', 'type')}'".replace("''", "'"))
    if kind == "union_tag_invalid":
        tags = list(item_types())
        tag = str(ctx.get("tag"))
        hint = did_you_mean(tag, tags) or f" (expected {one_of(tags)})"
        return doc.problem((*path, "type"), f"unknown item type {shorten(tag)}{hint}")
    if kind == "literal_error":
        choices = allowed_at(root, doc.data, path)
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return doc.problem(path, f"{describe(value)} is not allowed{hint}; expected {one_of(choices)}")
    if kind == "tippack_shape":
        return doc.problem(path, f"expected {ctx['words']}, found {describe(value)}{shape_hint(path, value)}")
    if kind in ("too_short", "string_too_short"):
        if kind == "string_too_short" or isinstance(value, str):
            return doc.problem(path, "expected some text, found an empty value")
        least = ctx.get("min_length")
        return doc.problem(
            path, f"expected at least {least} {'entry' if least == 1 else 'entries'}, found {len(value or [])}"
        )
    if kind in ("too_long", "string_too_long"):
        limit = ctx.get("max_length")
        unit = "characters" if kind == "string_too_long" else "entries"
        return doc.problem(path, f"too long: at most {limit} {unit}")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        return doc.problem(path, f"expected a number {side} {bound}, found {describe(value)}")
    if kind == "tippack":
        message = str(error.get("msg", ""))
        found = "found" not in message and not isinstance(value, dict | list)
        return doc.problem(path, f"{message}, found {describe(value)}" if found else message)
    return doc.problem(path, f"{error.get('msg', 'invalid value')}, found {describe(value)}")

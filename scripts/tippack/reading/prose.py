"""The prose check: paragraphs written twice across the library, and each module's reading ease.

A docs linter's two questions for a library meant to speak with one voice. Both give
warnings, never errors. The check reads the module files as written, not as tailored for
one pack: a repeat is fixed in the file, at the line named, and every pack shares it.
Template tags are taken out first (``{% ... %}`` and ``{# ... #}`` go; ``{{ modules['x'].title }}``
becomes that module's title, any other ``{{ ... }}`` one word), so both sides of an
``{% if %}`` count, as an editor reads them.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyphen

from tippack.reading.library import Library
from tippack.reading.problems import Problem
from tippack.reading.project import Project
from tippack.reading.source import Document

MIN_WORDS = 25  # a repeat shorter than this is a phrase, not a paragraph
MIN_SCORED = 100  # a module with less prose than this is too short for a fair reading-ease score
SAME = 0.9  # difflib ratio of the two word sequences at or above which a paragraph is "nearly twice"
TARGET = 60  # Flesch reading ease staff-facing text should reach (docs/formats.md)
STAFF = frozenset({"all-staff", "care-staff", "ancillary-staff"})  # audiences that make a module staff-facing
PROSE_KEYS = ("summary", "intro", "prompt", "help", "body")  # the keys whose strings a reader reads as prose

_STATEMENT = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_TITLE = re.compile(r"\{\{\s*modules\[\s*['\"]([a-z0-9-]+)['\"]\s*\]\.title\s*\}\}")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,:]\d+)*")
_BLOCK = re.compile(r"[|>][-+1-9]*\s*(?:#.*)?$")
_FOLDED = re.compile(r">[-+1-9]*\s*(?:#.*)?$")
_VOWELS = re.compile(r"[aeiouy]+")
_SILENT = re.compile(r"(?:[^ley]e|[^aeioutd]ed|[^aeiousxzhcg]es)$")
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s|$)")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or list entry) of prose, where it starts, and its words as compared."""

    path: str
    line: int
    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Ease:
    """The Flesch reading ease of a text and the counts it was worked out from."""

    score: float
    words: int
    sentences: int
    syllables: int


def untemplate(text: str, titles: dict[str, str]) -> str:
    """A template's text as an editor reads it: tags out, module titles in, other values one word."""
    text = _STATEMENT.sub("", text)
    text = _TITLE.sub(lambda m: titles.get(m.group(1), "Title"), text)
    return _EXPRESSION.sub("Name", text)


def plain(markdown: str) -> str:
    """Markdown reduced to the words a reader sees: no emphasis, link targets, quote or list marks."""
    text = _LINK.sub(r"\1", markdown)
    text = re.sub(r"^\s*(?:#+|>+)\s*", "", text, flags=re.M)
    text = _LIST.sub("", text)
    return re.sub(r"[*_`]", "", text).strip()


def blocks(text: str) -> Iterator[tuple[int, str]]:
    """Each paragraph and list entry of a Markdown text, with the index of the line it starts on.
    Tables are left out: their cells are not prose."""
    start = 0
    lines: list[str] = []
    for index, line in enumerate([*text.split("\n"), ""]):
        is_new_entry = bool(_LIST.match(line)) and bool(lines)
        if not line.strip() or line.lstrip().startswith("|") or is_new_entry:
            if lines:
                yield start, " ".join(lines)
            lines = [line.strip()] if is_new_entry else []
            start = index
            continue
        if not lines:
            start = index
        lines.append(line.strip())


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text, lower case, as compared for repeats."""
    return tuple(w.lower().replace("\u2019", "'") for w in _WORD.findall(text))


def prose_values(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every prose string in a module's data, with its key path (sources and options are not prose)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in PROSE_KEYS and isinstance(value, str):
                yield (*path, key), value
            elif isinstance(value, (dict, list)) and key not in ("sources", "example"):
                yield from prose_values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from prose_values(value, (*path, index))


def start_line(doc: Document, path: tuple[str | int, ...]) -> int:
    """The file line a string's text starts on: a block scalar (``|`` or ``>``) starts on the next line."""
    line = doc.pos(path).line
    return line + 1 if _BLOCK.search(doc.line_at(path)) else line


def module_paragraphs(doc: Document, titles: dict[str, str]) -> Iterator[Paragraph]:
    """Every paragraph a module file holds, located at the line where it starts (a folded
    ``>`` string's paragraphs at the line its text starts)."""
    for path, raw in prose_values(doc.data):
        first = start_line(doc, path)
        literal = not _FOLDED.search(doc.line_at(path))
        for offset, block in blocks(raw):
            text = plain(untemplate(block, titles))
            yield Paragraph(doc.pos(path).path, first + offset if literal else first, text, words_of(text))


def page_paragraphs(rel: str, markdown: str, titles: dict[str, str]) -> Iterator[Paragraph]:
    """Every paragraph of a shared Markdown page, located at its line."""
    for offset, block in blocks(markdown):
        text = plain(untemplate(block, titles))
        yield Paragraph(rel, offset + 1, text, words_of(text))


def _shingles(words: tuple[str, ...], size: int = 4) -> set[tuple[str, ...]]:
    return {words[i : i + size] for i in range(max(1, len(words) - size + 1))}


def repeats(paragraphs: Iterable[Paragraph], min_words: int = MIN_WORDS,
            same: float = SAME) -> list[tuple[Paragraph, Paragraph, float]]:
    """Pairs of paragraphs of ``min_words`` or more whose words match at least ``same`` (difflib's
    ratio). Only pairs that share a run of four words are compared, so thousands stay quick."""
    long = [p for p in paragraphs if len(p.words) >= min_words]
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for number, paragraph in enumerate(long):
        for shingle in _shingles(paragraph.words):
            index[shingle].add(number)
    candidates = {(a, b) for group in index.values() for a in group for b in group if a < b}
    found = []
    for a, b in sorted(candidates):
        first, second = long[a], long[b]
        shorter, longer = sorted((len(first.words), len(second.words)))
        if shorter / longer < same * 0.8:
            continue
        ratio = difflib.SequenceMatcher(None, first.words, second.words, autojunk=False).ratio()
        if ratio >= same:
            found.append((first, second, ratio))
    return found


def repeat_problems(paragraphs: Iterable[Paragraph]) -> list[Problem]:
    """A warning at each place of every repeated paragraph, naming the other place."""
    problems = []
    for first, second, ratio in repeats(paragraphs):
        how = "written twice" if ratio == 1 else f"nearly written twice ({ratio:.0%} the same)"
        opening = " ".join(first.text.split()[:8])
        for here, there in ((first, second), (second, first)):
            problems.append(Problem(here.path, here.line, 1, f"paragraph {how}, also at {there.path}:{there.line}: "
                                    f"'{opening}...'; write it once and refer to it", "warning"))
    return problems


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _vowel_groups(word: str) -> int:
    """Syllables as runs of vowels, less a silent final e and the quiet -ed and -es endings."""
    count = len(_VOWELS.findall(word))
    if count > 1 and _SILENT.search(word):
        count -= 1
    return max(1, count)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """A word's syllables: the larger of its hyphenation points plus one (pyphen's dictionary,
    which never splits off a short end, so it undercounts) and its runs of vowels. The two
    together agree with a pronouncing dictionary on about 98 words in 100 of this library."""
    if word[0].isdigit():
        return max(1, len(word) // 2)
    lower = word.lower()
    if lower != word:
        return syllables(lower)
    return max(len(_hyphenator().positions(lower)) + 1, _vowel_groups(lower))


def sentences_of(text: str) -> int:
    """Sentences in a block of prose: ends of sentence, or one for a block without any."""
    return max(1, len(_SENTENCE_END.findall(text)))


def reading_ease(paragraphs: Iterable[str]) -> Ease:
    """Flesch reading ease (206.835 - 1.015 words a sentence - 84.6 syllables a word) of some
    paragraphs; a heading or list entry without a full stop counts as a sentence of its own."""
    words = sentences = count = 0
    for text in paragraphs:
        found = [w for w in _WORD.findall(text)]
        if not found:
            continue
        words += len(found)
        sentences += sentences_of(text)
        count += sum(syllables(w) for w in found)
    if not words:
        return Ease(0.0, 0, 0, 0)
    score = 206.835 - 1.015 * words / sentences - 84.6 * count / words
    return Ease(round(score, 1), words, sentences, count)


def is_staff_facing(audience: Iterable[str]) -> bool:
    """A module is staff-facing when staff who give care read it, not only managers and leads."""
    return bool(STAFF & set(audience))


def module_ease(doc: Document, titles: dict[str, str]) -> Ease:
    """The reading ease of one module's prose, its sources and worked examples left out."""
    return reading_ease(p.text for p in module_paragraphs(doc, titles))


def ease_problem(rel: str, ease: Ease, target: float = TARGET, line: int = 1) -> Problem | None:
    """A warning when a staff-facing module reads harder than the target (short modules are not scored),
    at ``line``: the module's audience, which makes it staff-facing."""
    if ease.words < MIN_SCORED or ease.score >= target:
        return None
    counts = f"{ease.words / ease.sentences:.0f} words a sentence, {ease.syllables / ease.words:.2f} syllables a word"
    return Problem(rel, line, 1, f"reading ease {ease.score:.0f} is below {target:.0f}, the target for staff-facing "
                   f"text ({counts}): use shorter sentences and plainer words", "warning")


def library_paragraphs(project: Project, library: Library) -> list[Paragraph]:
    """Every paragraph of every valid module and shared page, in file order."""
    titles = {module_id: loaded.model.title for module_id, loaded in library.modules.items()}
    found = [p for loaded in library.modules.values() for p in module_paragraphs(loaded.doc, titles)]
    for path in project.page_files():
        try:
            markdown = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the pages' own loading reports a page it cannot read
        found.extend(page_paragraphs(project.rel(path), markdown, titles))
    return found


def module_eases(library: Library) -> dict[str, tuple[Ease, bool]]:
    """Each valid module's reading ease, and whether it is staff-facing, by module id."""
    titles = {module_id: loaded.model.title for module_id, loaded in library.modules.items()}
    return {module_id: (module_ease(loaded.doc, titles), is_staff_facing(loaded.model.audience))
            for module_id, loaded in sorted(library.modules.items())}


def prose_problems(project: Project, library: Library) -> list[Problem]:
    """The prose check's warnings: repeated paragraphs, and staff-facing modules that read too hard."""
    problems = repeat_problems(library_paragraphs(project, library))
    for module_id, (ease, staff) in module_eases(library).items():
        loaded = library.modules[module_id]
        audience = loaded.doc.keys.get(("audience",))
        problem = ease_problem(project.rel(loaded.doc_path), ease, line=audience.line if audience else 1)
        if staff and problem is not None:
            problems.append(problem)
    return problems


def ease_lines(library: Library) -> list[str]:
    """One line a module for `check --reading-ease`: its score, its counts, and whether the target applies."""
    lines = []
    for module_id, (ease, staff) in module_eases(library).items():
        if ease.words == 0:
            lines.append(f"{module_id}: no prose to score")
            continue
        verdict = "not scored (too short)" if ease.words < MIN_SCORED else (
            f"target {TARGET}: {'met' if ease.score >= TARGET else 'missed'}" if staff else "not staff-facing")
        lines.append(f"{module_id}: reading ease {ease.score:.1f} ({ease.words} words, "
                     f"{ease.words / ease.sentences:.1f} words a sentence, {ease.syllables / ease.words:.2f} "
                     f"syllables a word); {verdict}")
    return lines

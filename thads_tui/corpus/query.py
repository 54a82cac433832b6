"""The corpus search's query language, ignoring accents and case: `dong nai` finds `Đồng Nai`.

Query language (see `parse_query`):

* words: every word must occur in the article (AND), matched as whole words;
* `"quoted phrases"`: the words in that order, next to each other (punctuation and line breaks
  between them do not matter: `"nghị quyết 96"` finds `Nghị quyết 96/NQ-CP` and `nghị quyết, 96`
  but not `nghị quyết số 96`);
* `word*`: any word starting with `word` (two characters at least; the MAX_EXPANSIONS most frequent
  such words); `search(..., prefix_last=True)` does this for the last word while the user is still
  typing it;
* an unclosed quote runs to the end of the query (`"thi hành án` is the phrase `thi hành án`);
* a query with no letters or digits searches nothing and says why (`ParsedQuery.error`);
  a very long query is cut to `MAX_QUERY_CHARS` characters and `MAX_TERMS` terms, with a note.

The catalogue (corpus/catalog/search.py) runs the parsed query in SQLite FTS5; `find_hits` and
`make_snippets` find and show the hits in one article's NFC text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Sequence

from .article import Article
from .fold import fold, fold_with_map

TOKEN = re.compile(r"[a-z0-9]+")
_WORD_OR_STAR = re.compile(r"([a-z0-9]+)(\*?)")
MAX_QUERY_CHARS = 500
MAX_TERMS = 16
MAX_PHRASE_WORDS = 32
MIN_PREFIX = 2
MAX_EXPANSIONS = 256  # a prefix matches the words starting with it, the most frequent this many


# --------------------------------------------------------------------------- query


@dataclass(frozen=True, slots=True)
class Term:
    """One thing that must occur: a word (one token), a phrase (several), or a word prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1

    def __str__(self) -> str:
        if self.is_phrase:
            return '"' + " ".join(self.tokens) + '"'
        return self.tokens[0] + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What a query asks for. `error` says why nothing can be searched; `notes` what was changed."""

    text: str
    terms: tuple[Term, ...] = ()
    error: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms

    def __str__(self) -> str:
        return " ".join(str(t) for t in self.terms)


def _cut(query: str, limit: int) -> str:
    if len(query) <= limit:
        return query
    head = query[:limit]
    space = head.rfind(" ", limit - 40)
    return head[:space] if space > 0 else head


def parse_query(query: str, *, prefix_last: bool = False) -> ParsedQuery:
    """Turn what the user typed into terms; never raises."""
    query = "" if query is None else str(query)
    notes: list[str] = []
    text = _cut(query, MAX_QUERY_CHARS)
    if len(text) < len(query):
        notes.append(f"query cut to its first {len(text)} characters")
    folded = fold(text)  # also turns “typographic quotes” into "
    parts = folded.split('"')
    if len(parts) % 2 == 0:
        notes.append("unclosed quote: the rest of the query is searched as a phrase")
    terms: list[Term] = []
    for i, part in enumerate(parts):
        if i % 2:
            tokens = TOKEN.findall(part)
            if len(tokens) > MAX_PHRASE_WORDS:
                notes.append(f"phrase cut to its first {MAX_PHRASE_WORDS} words")
                tokens = tokens[:MAX_PHRASE_WORDS]
            if tokens:
                terms.append(Term(tuple(tokens)))
            continue
        for m in _WORD_OR_STAR.finditer(part):
            word, star = m.groups()
            last = prefix_last and i == len(parts) - 1 and m.end() == len(part)
            terms.append(Term((word,), prefix=bool(star or last) and len(word) >= MIN_PREFIX))
    unique = list(dict.fromkeys(terms))
    if len(unique) > MAX_TERMS:
        notes.append(f"only the first {MAX_TERMS} words or phrases are searched")
        unique = unique[:MAX_TERMS]
    error = None
    if not unique:
        error = "empty query" if not query.strip() else "nothing to search for: the query has no letters or digits"
    return ParsedQuery(text=text, terms=tuple(unique), error=error, notes=tuple(notes))


def _query_pattern(parsed: ParsedQuery) -> re.Pattern[str] | None:
    """A regex finding every term of the query in folded text, longest alternatives first.

    Each term starts a word: `(?<![a-z0-9])` comes after the term's first letter
    (`t(?<![a-z0-9]t)hanh`), so that every alternative starts with a letter and the regex
    engine skips to the places where one of those letters stands (4-10x faster than trying the
    look-behind at every character)."""
    alts = []
    for term in sorted(parsed.terms, key=lambda t: (-len(t.tokens), -len(t.tokens[0]))):
        body = r"[^a-z0-9]+".join(term.tokens)
        first = body[0]  # a letter or digit: tokens are [a-z0-9]+
        alts.append(first + f"(?<![a-z0-9]{first})" + body[1:] + (r"[a-z0-9]*" if term.prefix else r"(?![a-z0-9])"))
    if not alts:
        return None
    return re.compile("|".join(alts))


def find_hits(text: str, query: str | ParsedQuery) -> list[tuple[int, int]]:
    """(start, end) in `text` of every match of any term of the query, in order, not overlapping;
    matches separated only by spaces are joined into one. When all the query's terms stand
    together somewhere (`Thanh Hóa` for `thanh hoa`), only those places are hits: the reader
    wants the place, not every `thành` the folding also finds."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    pattern = _query_pattern(parsed)
    if pattern is None:
        return []
    hits = _hits(text, pattern)
    terms = len(parsed.terms)
    together = [(s, e) for s, e, n in hits if n >= terms]
    return together if terms > 1 and together else [(s, e) for s, e, _ in hits]


def _hits(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """(start, end, how many matches were joined into it)."""
    folded, where = fold_with_map(text)
    if where.identity:
        spans = [m.span() for m in pattern.finditer(folded)]
    else:
        spans = [where.span(*m.span()) for m in pattern.finditer(folded)]
    # words found side by side are one hit: `Thanh Hóa` for `thanh hoa`, one stop for next/previous
    merged: list[tuple[int, int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip(" \t\u00a0"):
            merged[-1] = (merged[-1][0], end, merged[-1][2] + 1)
        else:
            merged.append((start, end, 1))
    return merged


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Snippet:
    """A window of `Article.text` around one or more hits.

    `text` is `article.text[start:end]` with line breaks shown as spaces (same length), and
    `hits` are offsets inside `text`. `cut_before`/`cut_after`: the window starts/ends inside
    the article (show an ellipsis there).
    """

    start: int
    end: int
    text: str
    hits: tuple[tuple[int, int], ...]
    cut_before: bool
    cut_after: bool

    def __str__(self) -> str:
        return self.text


class QueryOutcome:
    """A search's error and notes are its parsed query's (the old index's and the catalogue's results)."""

    __slots__ = ()

    @property
    def error(self) -> str | None:
        return self.query.error

    @property
    def notes(self) -> tuple[str, ...]:
        return self.query.notes


SNIPPET_BEFORE = 60
SNIPPET_AFTER = 100


def make_snippets(article: Article, hits: Sequence[tuple[int, int]], n: int = 3) -> tuple[Snippet, ...]:
    """Up to `n` windows around the first hits, preferring hits in the body over the title."""
    if not hits or n <= 0:
        return ()
    text = article.text
    if article.paragraphs:
        paras = article.paragraphs
        firsts = [s for s, _ in paras]
        body = [h for h in hits if (k := bisect_right(firsts, h[0]) - 1) >= 0 and h[0] < paras[k][1]]
        hits = body or hits
    out: list[Snippet] = []
    i = 0
    while i < len(hits) and len(out) < n:
        hs, he = hits[i]
        start = max(0, hs - SNIPPET_BEFORE)
        end = min(len(text), max(he, hs + SNIPPET_AFTER))
        if start > 0:  # do not start or end in the middle of a word
            space = text.find(" ", start, hs)
            start = space + 1 if space != -1 else hs
        if end < len(text):
            space = text.rfind(" ", he, end)
            end = space if space != -1 else max(he, end)
        inside = []
        while i < len(hits) and hits[i][1] <= end:
            inside.append((hits[i][0] - start, hits[i][1] - start))
            i += 1
        if not inside:  # a hit longer than the window
            inside.append((hs - start, he - start))
            end = he
            i += 1
        out.append(Snippet(start, end, text[start:end].replace("\n", " "), tuple(inside), start > 0, end < len(text)))
    return tuple(out)

"""Full-text search over the catalogue's FTS5 table, with today's query language.

The query is parsed by `corpus.query.parse_query` (words AND, "phrases", word*, prefix on the
last word while typing, its notes and error messages). Ranking, best first:
  1. articles where the query's plain words stand together in the query's order (an FTS5
     phrase query is run first), then the articles that only hold all the words;
  2. within each group, when the query was typed with accents, articles holding the words as
     typed (accents included) before those that only match once folded;
  3. bm25() with the title weighted above the body. A group of more than RANK_ALL articles
     (a common word) is not weighed (bm25 reads every match): those with the words in their
     title come first, then the others, the last catalogued first in each; `total` and `together` are
     always exact counts.
Hit offsets point into the article's NFC text; only windows of the text are folded to find
them (a huge text is never folded whole to show three snippets).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import unicodedata
from dataclasses import dataclass

from ..fold import fold_window
from .db import unpack

from ..query import ParsedQuery, QueryOutcome, Snippet, Term, _query_pattern, make_snippets, parse_query

TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
RERANK = 64  # how many of each group are checked for accents as typed
RANK_ALL = 1000  # a group with at most this many matches is ranked whole by bm25
COUNT_CAP = RANK_ALL  # exact_counts=False counts this far (a common word's exact count reads its whole posting list)
WINDOW = 65_536  # characters folded at a time when looking for hits
OVERLAP = 2_048


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    n: int  # the catalogue's row number
    title: str
    date: str | None
    file: str
    score: float
    together: bool  # the query's words stand together, in order
    exact: bool  # holds the words as typed, accents included
    hits: tuple[tuple[int, int], ...]
    snippets: tuple[Snippet, ...]
    detailed: bool = True  # False: hits and snippets not looked for yet (see `complete`)


@dataclass(frozen=True, slots=True)
class Found(QueryOutcome):
    query: ParsedQuery
    results: tuple[Hit, ...]
    total: int  # articles holding every word
    together: int  # of which hold the words side by side in the query's order
    joined: bool = False  # the query has words that can stand together (a phrase was tried)
    counted: bool = True  # False: a count over COUNT_CAP is only "more than" (see `complete`)

    @property
    def summary(self) -> str:
        if self.error:
            return self.error
        if not self.total:
            return "no articles match"
        if not self.counted and max(self.total, self.together) > COUNT_CAP:
            return f"more than {COUNT_CAP} articles match (counting…)"
        if self.joined:
            one = self.together == 1
            return (f"{self.together} {'article holds' if one else 'articles hold'} the phrase, "
                    f"{self.total - self.together} only the words")
        return f"{self.total} article{'s' * (self.total != 1)} match"

    @property
    def is_complete(self) -> bool:
        """Exact counts, and hits and snippets for every result."""
        return self.counted and all(r.detailed for r in self.results)


def _fts_term(term: Term) -> str:
    body = " ".join(term.tokens)
    return f'"{body}"' + ("*" if term.prefix else "")


def fts_queries(parsed: ParsedQuery) -> tuple[str, str | None]:
    """(the AND query, the words-together query or None when there is nothing to join)."""
    every = " AND ".join(_fts_term(t) for t in parsed.terms)
    plain = [t for t in parsed.terms if not t.is_phrase and not t.prefix]
    if len(plain) < 2 and not (len(plain) == 1 and any(t.prefix for t in parsed.terms)):
        return every, None
    # the plain words (and a trailing prefix) as one phrase, in the query's order
    words = [t for t in parsed.terms if not t.is_phrase]
    joined = '"' + " ".join(w.tokens[0] for w in words) + '"' + ("*" if words[-1].prefix else "")
    others = [_fts_term(t) for t in parsed.terms if t.is_phrase]
    if any(t.prefix for t in words[:-1]):
        return every, None
    return every, " AND ".join([joined, *others])


_TYPED_WORD = re.compile(r"\w+")


def _typed_words(text: str) -> list[str]:
    return _TYPED_WORD.findall(unicodedata.normalize("NFC", text).lower().replace("*", ""))


def _has_accents(text: str) -> bool:
    return any(not c.isascii() and c.isalpha() for c in text)


def search(conn: sqlite3.Connection, query: str | ParsedQuery, *, limit: int = 50, offset: int = 0,
           prefix_last: bool = False, snippets: int = 3, detail: int = 20, exact_counts: bool = True) -> Found:
    """The best `limit` articles (from `offset`); the first `detail` of them carry their hit
    offsets and snippets (what a results screen shows first), the others get them from
    `complete` or `hits_of`. Without `exact_counts`, counts stop at COUNT_CAP (the order of the
    results is the same): what a screen shows at once, before `complete` counts."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query, prefix_last=prefix_last)
    if parsed.empty:
        return Found(parsed, (), 0, 0)
    every, together_q = fts_queries(parsed)
    want = offset + limit
    try:
        total, together = _counts(conn, every, together_q, _count if exact_counts else _capped_counter(parsed))
        groups: list[list[tuple[int, float]]] = []
        seen: set[int] = set()
        if together:
            groups.append(_ranked(conn, together_q, together, max(want, RERANK), set()))
            seen = {n for n, _ in groups[0]}
        if len(seen) < want and (total > len(seen) or total > COUNT_CAP and not exact_counts):  # a capped total may be short
            groups.append(_ranked(conn, every, total, want, seen))
    except sqlite3.OperationalError as err:
        return Found(ParsedQuery(parsed.text, parsed.terms, f"the query cannot be searched ({err})", parsed.notes), (), 0, 0)
    typed = _typed_words(parsed.text) if _has_accents(parsed.text) else []
    ranked: list[tuple[int, float, bool, bool]] = []
    for gi, rows in enumerate(groups):
        is_together = bool(together) and gi == 0
        head = rows[:RERANK]
        exact = _exact(conn, [n for n, _ in head], typed, is_together) if typed else set()
        ranked.extend(sorted(((n, s, is_together, n in exact) for n, s in head), key=lambda r: (not r[3], r[1])))
        ranked.extend((n, s, is_together, False) for n, s in rows[RERANK:])
    chosen = ranked[offset:want]
    bare = _bare_rows(conn, [n for n, *_ in chosen[detail:]])  # the results shown without snippets: one query
    shown = _detailed(conn, parsed, {n: (-s, tog, ex) for n, s, tog, ex in chosen[:detail]}, snippets)
    results = tuple(shown[n] if i < detail else Hit(*bare[n], -s, tog, ex, (), (), detailed=False)
                    for i, (n, s, tog, ex) in enumerate(chosen))
    counted = exact_counts or max(total, together) <= COUNT_CAP
    return Found(parsed, results, total, together, together_q is not None, counted)


def complete(conn: sqlite3.Connection, found: Found, *, snippets: int = 3) -> Found:
    """`found` with exact counts and the hits and snippets of every result (the second step of
    a screen that showed the first results at once)."""
    if found.error or not found.results and found.counted:
        return found
    total, together = found.total, found.together
    if not found.counted:
        total, together = _counts(conn, *fts_queries(found.query), _count)
    shown = _detailed(conn, found.query, {r.n: (r.score, r.together, r.exact) for r in found.results if not r.detailed},
                      snippets)
    results = tuple(shown.get(r.n, r) for r in found.results)
    return Found(found.query, results, total, together, found.joined, True)


def _counts(conn: sqlite3.Connection, every: str, together_q: str | None, count) -> tuple[int, int]:
    """(articles holding every word, of which those holding them together) by `count`."""
    total = count(conn, every)
    return total, (count(conn, together_q) if together_q and total else 0)


def _count(conn: sqlite3.Connection, q: str) -> int:
    return conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (q,)).fetchone()[0]


def _count_capped(conn: sqlite3.Connection, q: str) -> int:
    """min(matches, COUNT_CAP + 1): FTS5 stops reading once it has that many."""
    return conn.execute("SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)",
                        (q, COUNT_CAP + 1)).fetchone()[0]


def _capped_counter(parsed: ParsedQuery):
    """_count_capped, which first counts the query with its prefixes taken as whole words (`vi`
    for `vi*`, `"cong an"` for `"cong an"*`): those are matched by fewer articles, and when
    they already pass the cap, so does the prefix query. A prefix's count reads and merges the
    whole posting list of every word starting with it, whatever the cap (20-50 ms at 100,000
    articles for `vi*`, `thi*`, `cong an*`); a whole word's stops at the cap (under 1 ms)."""
    if not any(t.prefix for t in parsed.terms):
        return _count_capped
    whole = fts_queries(ParsedQuery(parsed.text, tuple(Term(t.tokens) for t in parsed.terms)))
    known = {q: w for q, w in zip(fts_queries(parsed), whole) if q is not None and w is not None}

    def count(conn: sqlite3.Connection, q: str) -> int:
        if q in known and _count_capped(conn, known[q]) > COUNT_CAP:
            return COUNT_CAP + 1
        return _count_capped(conn, q)
    return count


_BM25 = f"bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"


def _ranked(conn: sqlite3.Connection, q: str, count: int, want: int, skip: set[int]) -> list[tuple[int, float]]:
    """The best `want` matches of `q` (best first) that are not in `skip`.

    A group of at most RANK_ALL matches is ranked whole by bm25. A larger one (a common word)
    is not: bm25 reads every match's whole posting list to weigh it (15-20 ms at 100,000
    articles whatever the window), so the articles with the words in their title come first,
    then the others, the last catalogued first in each (FTS5 walks its rowids backwards and stops
    at `want`: under a millisecond)."""
    if count <= RANK_ALL:
        rows = conn.execute(f"SELECT rowid, {_BM25} FROM fts WHERE fts MATCH ? ORDER BY {_BM25} LIMIT ?",
                            (q, want + len(skip))).fetchall()
        return [r for r in rows if r[0] not in skip][:want]
    out: list[tuple[int, float]] = []
    taken = set(skip)
    for query, score in ((f"{{title}} : ({q})", -TITLE_WEIGHT), (q, -BODY_WEIGHT)):
        for (n,) in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                                 (query, want + len(taken))):
            if n not in taken:
                taken.add(n)
                out.append((n, score))
                if len(out) >= want:
                    return out
    return out


def _exact(conn: sqlite3.Connection, ns: list[int], typed: list[str], together: bool) -> set[int]:
    """Which of the articles `ns` hold the words as typed (accents included)."""
    joined = re.compile(r"\W+".join(map(re.escape, typed))) if together and len(typed) > 1 else None

    def holds(hay: str) -> bool:
        return joined.search(hay) is not None if joined else all(w in hay for w in typed)
    out = set()
    for i in range(0, len(ns), 500):
        chunk = ns[i:i + 500]
        for n, title, ztext in conn.execute(
                f"SELECT a.n, a.title, t.ztext FROM articles a JOIN texts t ON t.n = a.n"
                f" WHERE a.n IN ({','.join('?' * len(chunk))})", chunk):
            # the title alone often holds them (a large group lists its title matches first):
            # the text is not unpacked then
            if holds(title.lower()) or holds((title + "\n" + unpack(ztext)).lower()):
                out.add(n)
    return out


def _bare_rows(conn, ns: list[int]) -> dict[int, tuple]:
    """{n: (id, n, title, date, file label)} of these articles, in one query, reading no text."""
    if not ns:
        return {}
    rows = conn.execute("SELECT a.id, a.n, a.title, a.date, f.path, a.key FROM articles a JOIN files f ON f.id = a.file "
                        f"WHERE a.n IN ({','.join('?' * len(ns))})", ns)
    return {n: (aid, n, title, date, _label(path, key)) for aid, n, title, date, path, key in rows}


def _detailed(conn, parsed: ParsedQuery, rank: dict[int, tuple[float, bool, bool]], k: int) -> dict[int, Hit]:
    """{n: the result with its hits and `k` snippets} of the articles `rank` gives (score, together,
    exact) for, read in one query."""
    if not rank:
        return {}
    out = {}
    for n, aid, title, date, path, key, ztext, paragraphs in conn.execute(
            "SELECT a.n, a.id, a.title, a.date, f.path, a.key, t.ztext, t.paragraphs FROM articles a "
            f"JOIN files f ON f.id = a.file JOIN texts t ON t.n = a.n WHERE a.n IN ({','.join('?' * len(rank))})",
            list(rank)):
        text = unpack(ztext)
        hits = find_hits(text, parsed, limit=64)
        shown = _Shown(text, tuple(map(tuple, json.loads(paragraphs))))
        out[n] = Hit(aid, n, title, date, _label(path, key), *rank[n], tuple(hits), make_snippets(shown, hits, k))
    return out


_FS = (sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())  # what os.fsdecode decodes with
_SEP = os.sep.encode()


def _label(path: bytes, key: str) -> str:
    """The label a list row shows: the file name, with the record's key for a many-article file.
    (os.fsdecode's decoding, called directly: 100,000 rows at each launch.)"""
    name = (path if type(path) is bytes else bytes(path)).rpartition(_SEP)[2].decode(*_FS)
    return f"{name} ({key})" if key else name


def hits_of(conn: sqlite3.Connection, article_id: str, query: str | ParsedQuery, *, limit: int | None = None,
            prefix_last: bool = False) -> list[tuple[int, int]]:
    """Hit offsets of the query in one article's NFC text (for highlighting in the reader)."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query, prefix_last=prefix_last)
    row = conn.execute("SELECT t.ztext FROM articles a JOIN texts t ON t.n = a.n WHERE a.id = ? LIMIT 1",
                       (article_id,)).fetchone()
    return find_hits(unpack(row[0]), parsed, limit=limit) if row else []


@dataclass(frozen=True, slots=True)
class _Shown:  # what corpus.query.make_snippets reads of an article
    text: str
    paragraphs: tuple


_SPACE = re.compile(r"\s")


def _boundary(text: str, i: int) -> int:
    """The first white-space offset at or after i (len(text) when there is none)."""
    if i >= len(text):
        return len(text)
    m = _SPACE.search(text, i)
    return m.start() if m else len(text)


def find_hits(text: str, parsed: ParsedQuery, *, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) into `text` of the query's terms, found window by window (at most `limit`);
    when all the terms stand together somewhere in what was scanned, only those places."""
    pattern = _query_pattern(parsed)
    if pattern is None:
        return []
    merged: list[tuple[int, int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        # windows start and end at white space, so no word is cut; a match starting in this
        # window is seen whole thanks to the overlap (a phrase is far shorter than OVERLAP)
        end = _boundary(text, pos + WINDOW)
        far = _boundary(text, end + OVERLAP) if end < n else n
        folded, where, base = fold_window(text, pos, far)
        spans = (m.span() for m in pattern.finditer(folded)) if where.identity else \
            (where.span(*m.span()) for m in pattern.finditer(folded))
        for s, e in spans:
            s, e = s + base, e + base
            if s >= end:
                break  # the next window finds it
            if merged and s < merged[-1][1]:
                continue
            if merged and not text[merged[-1][1]:s].strip(" \t\u00a0"):
                merged[-1] = (merged[-1][0], e, merged[-1][2] + 1)
            else:
                merged.append((s, e, 1))
        if limit is not None and len(merged) >= limit:
            break
        pos = end
    terms = len(parsed.terms)
    together = [(s, e) for s, e, c in merged if c >= terms]
    out = together if terms > 1 and together else [(s, e) for s, e, _ in merged]
    return out[:limit] if limit is not None else out

"""Full-text search over a corpus, ignoring accents and case: `dong nai` finds `Đồng Nai`.

Query language (see `parse_query`):

* words: every word must occur in the article (AND), matched as whole words;
* `"quoted phrases"`: the words in that order, next to each other (punctuation and line breaks
  between them do not matter: `"nghị quyết 96"` finds `Nghị quyết 96/NQ-CP` and `nghị quyết, 96`
  but not `nghị quyết số 96`);
* `word*`: any word starting with `word` (two characters at least); `search(..., prefix_last=True)`
  does this for the last word while the user is still typing it;
* an unclosed quote runs to the end of the query (`"thi hành án` is the phrase `thi hành án`);
* a query with no letters or digits searches nothing and says why (`SearchResults.error`);
  a very long query is cut to `MAX_QUERY_CHARS` characters and `MAX_TERMS` terms, with a note.

Index (`SearchIndex`): an inverted index over folded word tokens. Per term, the ids of the
articles holding it (`array('I')`) and how often (`array('B')`, capped at 255); per article, its
token ids one after another in one `bytearray`, so a phrase is checked with `bytes.find` inside
that article's slice (C speed, no per-position postings). Ranking is BM25 (k1=1.2, b=0.75) plus a
boost for query words found in the title; among the best
RERANK_WINDOW, articles where the plain words of the query stand together in the query's order
(`thanh hoa` as in `Thanh Hóa`) get a further boost. Hit offsets are found afterwards, only for the results
shown, on the folded text of each article and mapped back to exact offsets in `Article.text`.
"""
from __future__ import annotations

import heapq
import math
import re
import threading
from array import array
from bisect import bisect_left
from collections import Counter
from itertools import compress, repeat
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .article import Article
from .fold import fold, fold_with_map

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
MAX_PHRASE_WORDS = 32
MIN_PREFIX = 2
MAX_EXPANSIONS = 64
K1 = 1.2
B = 0.75
TITLE_BOOST = 1.5
ADJACENT_BOOST = 1.0  # plain words found next to each other, in the query's order
RERANK_WINDOW = 200  # how many of the best articles are checked for that
PREFIX_OTHER_WEIGHT = 0.5  # a word that only starts with the prefix counts half the exact word

TOKEN = re.compile(r"[a-z0-9]+")
_WORD_OR_STAR = re.compile(r"([a-z0-9]+)(\*?)")
_U32 = "I" if array("I").itemsize == 4 else "L"
MAX_TERM_ID = (1 << 28) - 1


def _code(tid: int) -> bytes:
    """A term id as 4 bytes in the article stream. Only a token's first byte has its high bit set,
    so a run of codes found anywhere in the stream starts at a token: `find` needs no alignment check."""
    return bytes((0x80 | (tid >> 21), (tid >> 14) & 0x7F, (tid >> 7) & 0x7F, tid & 0x7F))


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
    """A regex finding every term of the query in folded text, longest alternatives first."""
    alts = []
    for term in sorted(parsed.terms, key=lambda t: (-len(t.tokens), -len(t.tokens[0]))):
        body = r"[^a-z0-9]+".join(term.tokens)
        alts.append(body + (r"[a-z0-9]*" if term.prefix else r"(?![a-z0-9])"))
    if not alts:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + ")")


def find_hits(text: str, query: str | ParsedQuery) -> list[tuple[int, int]]:
    """(start, end) in `text` of every match of any term of the query, in order, not overlapping;
    matches separated only by spaces are joined into one."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    pattern = _query_pattern(parsed)
    return _hits(text, pattern) if pattern is not None else []


def _hits(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    folded, where = fold_with_map(text)
    if where.identity:
        spans = [m.span() for m in pattern.finditer(folded)]
    else:
        spans = [where.span(*m.span()) for m in pattern.finditer(folded)]
    # words found side by side are one hit: `Thanh Hóa` for `thanh hoa`, one stop for next/previous
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip(" \t\u00a0"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
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


@dataclass(frozen=True, slots=True)
class SearchResult:
    id: str
    title: str
    date: str | None
    file: str
    score: float
    snippets: tuple[Snippet, ...]
    hits: tuple[tuple[int, int], ...]  # every hit in article.text, in order
    article: Article = field(repr=False, compare=False)

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "score": round(self.score, 4),
            "snippets": [s.text for s in self.snippets],
            "hits": [list(h) for h in self.hits],
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: ParsedQuery
    results: tuple[SearchResult, ...]
    total: int  # how many articles match (the results are the best `limit` of them)

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
        body = [h for h in hits if any(s <= h[0] < e for s, e in article.paragraphs)]
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


# --------------------------------------------------------------------------- index


@dataclass(slots=True)
class _Match:
    """Articles matching a query (ascending numbers) and what their scores are made of."""

    cands: list[int] = field(default_factory=list)
    words: list[tuple[int, float]] = field(default_factory=list)  # (term id, idf)
    prefixed: list[tuple[int, float]] = field(default_factory=list)  # (term id, weight)
    phrases: list[tuple[bytes, float]] = field(default_factory=list)  # (stream pattern, idf)
    title_sets: list[tuple[set, float]] = field(default_factory=list)  # (article numbers, idf)
    scores: list[float] | None = None


class SearchIndex:
    """Inverted index over a growing set of articles; `add` may run in a worker while `search` runs."""

    def __init__(self) -> None:
        self._articles: list[Article] = []
        self._index_of: dict[str, int] = {}
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._docs: list[array] = []  # term id -> article numbers, ascending
        self._tfs: list[array] = []  # term id -> occurrences in that article (max 255)
        self._title_docs: dict[int, array] = {}
        self._lens = array(_U32)
        self._total_len = 0
        self._codes: list[bytes] = []  # term id -> its 4 bytes in the stream
        self._stream = bytearray()  # every article's tokens, 4 bytes each (`_code`), one after another
        self._starts = array("Q", [0])  # article n's tokens are _stream[_starts[n]:_starts[n + 1]]
        self._sorted_terms: list[str] = []
        self._unsorted_terms: list[str] = []
        self._norm: list[float] = []
        self._norm_avg = 0.0
        self._cache: dict[tuple, _Match] = {}
        self._lock = threading.RLock()

    @classmethod
    def build(cls, articles: Iterable[Article]) -> SearchIndex:
        index = cls()
        for article in articles:
            index.add(article)
        return index

    def __len__(self) -> int:
        return len(self._articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index_of

    def get(self, article_id: str) -> Article | None:
        n = self._index_of.get(article_id)
        return None if n is None else self._articles[n]

    # ------------------------------------------------------------------ building

    def _ids(self, tokens: list[str]) -> list[int]:
        vocab = self._vocab
        ids = list(map(vocab.get, tokens))
        if None in ids:
            for k, tid in enumerate(ids):
                if tid is None:
                    word = tokens[k]
                    tid = vocab.get(word)
                    if tid is None:
                        tid = vocab[word] = len(self._terms)
                        if tid > MAX_TERM_ID:
                            raise OverflowError("more distinct words than the search index can hold")
                        self._codes.append(_code(tid))
                        self._terms.append(word)
                        self._docs.append(array(_U32))
                        self._tfs.append(array("B"))
                        self._unsorted_terms.append(word)
                    ids[k] = tid
        return ids

    def add(self, article: Article) -> bool:
        """Index one article; False if an article with that id is already in."""
        with self._lock:
            if article.id in self._index_of:
                return False
            n = len(self._articles)
            ids = self._ids(TOKEN.findall(fold(article.text)))
            docs, tfs = self._docs, self._tfs
            for tid, count in Counter(ids).items():
                docs[tid].append(n)
                tfs[tid].append(count if count < 255 else 255)
            for tid in set(self._ids(TOKEN.findall(fold(article.title)))):
                self._title_docs.setdefault(tid, array(_U32)).append(n)
            self._stream += b"".join(map(self._codes.__getitem__, ids))
            self._starts.append(len(self._stream))
            self._lens.append(len(ids))
            self._total_len += len(ids)
            self._index_of[article.id] = n
            self._articles.append(article)
            return True

    def stats(self) -> dict:
        """Sizes, and the bytes held by the index's arrays (not the articles themselves)."""
        with self._lock:
            postings = sum(len(d) for d in self._docs)
            nbytes = (
                len(self._stream) + postings * 5 + sum(len(d) for d in self._title_docs.values()) * 4
                + len(self._lens) * 4 + len(self._starts) * 8
            )
            return {"articles": len(self._articles), "terms": len(self._terms), "postings": postings,
                    "tokens": self._total_len, "array_bytes": nbytes}

    # ------------------------------------------------------------------ matching

    def _length_norms(self) -> list[float]:
        """K1 * (1 - B + B * len / avglen) per article, refreshed when the average drifts."""
        n = len(self._articles)
        avg = self._total_len / n if n else 1.0
        avg = avg or 1.0
        if abs(avg - self._norm_avg) > 0.02 * avg:
            self._norm_avg = avg
            self._norm = [K1 * (1 - B + B * ln / avg) for ln in self._lens]
        elif len(self._norm) < n:
            avg = self._norm_avg
            self._norm.extend(K1 * (1 - B + B * ln / avg) for ln in self._lens[len(self._norm):])
        return self._norm

    def _expand(self, stem: str) -> list[int]:
        """Term ids of the words starting with `stem`, most frequent first, at most MAX_EXPANSIONS."""
        if self._unsorted_terms:
            self._sorted_terms.extend(self._unsorted_terms)
            self._sorted_terms.sort()
            self._unsorted_terms = []
        words = self._sorted_terms
        found = []
        i = bisect_left(words, stem)
        while i < len(words) and words[i].startswith(stem):
            found.append(self._vocab[words[i]])
            i += 1
        found.sort(key=lambda t: -len(self._docs[t]))
        return found[:MAX_EXPANSIONS]

    def _with_phrase(self, cands: list[int], pattern: bytes) -> list[int]:
        """The candidates whose token stream holds the phrase (`find` in each one's slice)."""
        st = self._starts
        begins = map(st.__getitem__, cands)
        ends = map(st.__getitem__, map((1).__add__, cands))
        at = map(self._stream.find, repeat(pattern), begins, ends)
        return list(compress(cands, map((-1).__lt__, at)))

    def _phrase_count(self, n: int, pattern: bytes) -> int:
        return self._stream.count(pattern, self._starts[n], self._starts[n + 1])

    def _adjacent_words(self, parsed: ParsedQuery) -> tuple[bytes, float] | None:
        """The plain words of the query as a phrase, and the bonus for articles holding it."""
        words = [t.tokens[0] for t in parsed.terms if not t.is_phrase and not t.prefix]
        if len(words) < 2:
            return None
        tids = [self._vocab.get(w) for w in words]
        if None in tids:
            return None
        return self._pattern(tids), ADJACENT_BOOST * sum(self._idf(t) for t in tids)

    def _pattern(self, tids: list[int]) -> bytes:
        return b"".join(map(self._codes.__getitem__, tids))

    def _match(self, parsed: ParsedQuery) -> _Match:
        """The articles matching every term (cached per query and corpus size)."""
        key = (parsed.terms, len(self._articles))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._compute_match(parsed)
            if len(self._cache) > 16:
                self._cache.pop(next(iter(self._cache)))
        return found

    def _compute_match(self, parsed: ParsedQuery) -> _Match:
        vocab, docs, title_docs = self._vocab, self._docs, self._title_docs
        match = _Match()
        sets: list = []  # per word: an array or set of the article numbers holding it
        for term in parsed.terms:
            if term.prefix:
                tids = self._expand(term.tokens[0])
                if not tids:
                    return _Match()
                union: set[int] = set()
                for tid in tids:
                    union.update(docs[tid])
                    if len(union) == len(self._articles):
                        break
                sets.append(union)
                exact = vocab.get(term.tokens[0])
                match.prefixed.extend((t, 1.0 if t == exact else PREFIX_OTHER_WEIGHT) for t in tids[:8])
                title = set().union(*(title_docs.get(t, ()) for t in tids))
                match.title_sets.append((title, self._idf(tids[0])))
                continue
            tids = [vocab.get(tok) for tok in term.tokens]
            if None in tids:
                return _Match()
            idf = sum(self._idf(t) for t in tids)  # a phrase weighs its words' idf together
            sets.extend(docs[t] for t in dict.fromkeys(tids))
            if term.is_phrase:
                match.phrases.append((self._pattern(tids), idf))
            else:
                match.words.append((tids[0], idf))
            in_title = [title_docs.get(t, ()) for t in tids]
            match.title_sets.append((set(min(in_title, key=len)).intersection(*in_title), idf))
        sets.sort(key=len)
        if len(sets) == 1 and isinstance(sets[0], array):
            cands = list(sets[0])  # already ascending
        else:
            found = set(sets[0])
            for more in sets[1:]:
                if not found:
                    break
                found.intersection_update(more)
            cands = sorted(found)
        for pattern, _ in match.phrases:
            cands = self._with_phrase(cands, pattern)
        match.cands = cands
        return match

    def _idf(self, tid: int) -> float:
        df = len(self._docs[tid])
        n = len(self._articles)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _scores(self, match: _Match) -> list[float]:
        """BM25 of each candidate: words, phrases (their occurrences), prefixes, title boosts."""
        if match.scores is not None:
            return match.scores
        cands = match.cands
        norm = self._length_norms()
        norms = list(map(norm.__getitem__, cands))
        scores = [0.0] * len(cands)
        k1p = K1 + 1

        def add(tf_of: Iterable[int], w: float) -> list[float]:
            return [s + w * tf / (tf + k) for s, tf, k in zip(scores, tf_of, norms)]

        for tid, idf in match.words:  # every candidate holds the word
            scores = add(self._tfs_of(tid, cands, 1), idf * k1p)
        for tid, weight in match.prefixed:  # some candidates hold this completion
            scores = add(self._tfs_of(tid, cands, 0), weight * self._idf(tid) * k1p)
        for _, idf in match.phrases:  # counted as once here; `_rerank` counts the best articles'
            scores = add(repeat(1), idf * k1p)
        for title, idf in match.title_sets:
            if title:
                boost = TITLE_BOOST * idf
                scores = [s + boost if n in title else s for s, n in zip(scores, cands)]
        match.scores = scores
        return scores

    def _rerank(self, parsed: ParsedQuery, match: _Match, best: list[tuple[float, int]]) -> list[tuple[float, int]]:
        """Second look at the best articles: how often each phrase occurs (the first pass counted
        it once), and a bonus where the plain words stand together in the query's order."""
        together = self._adjacent_words(parsed)
        if together is None and not match.phrases:
            return best
        norm = self._length_norms()
        out = []
        for score, n in best:
            for pattern, idf in match.phrases:
                tf, k = self._phrase_count(n, pattern), norm[n]
                score += idf * (K1 + 1) * (tf / (tf + k) - 1 / (1 + k))
            if together is not None and self._stream.find(together[0], self._starts[n], self._starts[n + 1]) != -1:
                score += together[1]
            out.append((score, n))
        out.sort(key=lambda sn: -sn[0])
        return out

    def _tfs_of(self, tid: int, cands: list[int], default: int) -> Iterable[int]:
        """Occurrences of the term in each candidate (`default` where the term is missing)."""
        docs, tfs = self._docs[tid], self._tfs[tid]
        if len(cands) == len(docs) and default:  # the candidates are exactly the term's articles
            return tfs
        if len(cands) * 16 < len(docs):
            out = []
            for n in cands:
                i = bisect_left(docs, n)
                out.append(tfs[i] if i < len(docs) and docs[i] == n else 0)
            return out
        lookup = dict(zip(docs, tfs))
        if default:
            return map(lookup.__getitem__, cands)
        return map(lookup.get, cands, repeat(0))

    # ------------------------------------------------------------------ public queries

    def matching_ids(self, query: str | ParsedQuery, *, prefix_last: bool = False) -> set[str]:
        """Ids of every article matching the query (for filters); empty for a query with no terms."""
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query, prefix_last=prefix_last)
        if parsed.empty:
            return set()
        with self._lock:
            return {self._articles[n].id for n in self._match(parsed).cands}

    def search(self, query: str | ParsedQuery, *, limit: int = 50, prefix_last: bool = False,
               snippets: int = 3) -> SearchResults:
        """The best `limit` articles for the query, with scores, snippets and all hit offsets."""
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query, prefix_last=prefix_last)
        if parsed.empty:
            return SearchResults(parsed, (), 0)
        with self._lock:
            match = self._match(parsed)
            cands, scores = match.cands, self._scores(match)
            limit = max(0, limit)
            best = heapq.nlargest(max(limit, RERANK_WINDOW) if limit else 0, range(len(cands)), key=scores.__getitem__)
            ranked = self._rerank(parsed, match, [(scores[i], cands[i]) for i in best])[:limit]
            chosen = [(self._articles[n], score) for score, n in ranked]
        pattern = _query_pattern(parsed)
        results = []
        for article, score in chosen:
            hits = _hits(article.text, pattern)
            results.append(SearchResult(
                id=article.id, title=article.title, date=article.date, file=str(article.path),
                score=score, snippets=make_snippets(article, hits, snippets), hits=tuple(hits), article=article,
            ))
        return SearchResults(parsed, tuple(results), len(cands))


def search_json(corpus_or_articles, query: str, limit: int = 20) -> dict:
    """`thads-tui search QUERY --json`: {"query", "error", "notes", "total", "results": [...]}.

    Accepts a SearchIndex, a Corpus (unread files are read first) or any iterable of Articles.
    Each result: file, id, title, date, score, snippets (plain strings), hits ([start, end] in
    the article's NFC text).
    """
    if isinstance(corpus_or_articles, SearchIndex):
        index = corpus_or_articles
    else:
        load = getattr(corpus_or_articles, "load", None)
        if callable(load):
            load()
        index = SearchIndex.build(corpus_or_articles)
    found = index.search(query, limit=limit)
    return {
        "query": query,
        "error": found.error,
        "notes": list(found.notes),
        "total": found.total,
        "results": [r.as_json() for r in found.results],
    }

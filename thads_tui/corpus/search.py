"""Full-text search over a corpus, ignoring accents and case: `dong nai` finds `Đồng Nai`.

Query language (see `parse_query`):

* words: every word must occur in the article (AND), matched as whole words;
* `"quoted phrases"`: the words in that order, next to each other (punctuation and line breaks
  between them do not matter: `"nghị quyết 96"` finds `Nghị quyết 96/NQ-CP` and `nghị quyết, 96`
  but not `nghị quyết số 96`);
* `word*`: any word starting with `word` (two characters at least; the MAX_EXPANSIONS most frequent
  such words); `search(..., prefix_last=True)` does this for the last word while the user is still
  typing it;
* an unclosed quote runs to the end of the query (`"thi hành án` is the phrase `thi hành án`);
* a query with no letters or digits searches nothing and says why (`SearchResults.error`);
  a very long query is cut to `MAX_QUERY_CHARS` characters and `MAX_TERMS` terms, with a note.

Index (`SearchIndex`): an inverted index over folded word tokens. Per term, the numbers of the
articles holding it (`array('I')`) and its BM25F weight in each (one byte); per article, its
tokens one after another in one `bytearray` (1-5 bytes each, see `_code`), so a phrase is checked with
`bytes.find` inside that article's slice (C speed, no per-position postings). Ranking: BM25
(k1=1.2, b=0.75) with title words counting more; a phrase counts as its rarest word; among the
best RERANK_WINDOW articles, those where the plain words of the query stand together in the
query's order (`thanh hoa` as in `Thanh Hóa`) get a bonus. Hit offsets are found afterwards, only
for the results shown, on the folded text of each article and mapped back to exact offsets in
`Article.text`.
"""
from __future__ import annotations

import heapq
import math
import re
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import add, mul
from typing import Iterable, Sequence

from .article import Article
from .fold import fold, fold_with_map

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
MAX_PHRASE_WORDS = 32
MIN_PREFIX = 2
MAX_EXPANSIONS = 256  # a prefix matches the words starting with it, the most frequent this many
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 2  # a word in the title counts as this many more occurrences (BM25F)
IMPACT_SCALE = (K1 + 1) / 255
ADJACENT_BOOST = 1.0  # plain words found next to each other, in the query's order
RERANK_WINDOW = 200  # how many of the best articles are checked for that
PREFIX_OTHER_WEIGHT = 0.5  # a word that only starts with the prefix counts half the exact word

TOKEN = re.compile(r"[a-z0-9]+")
_WORD_OR_STAR = re.compile(r"([a-z0-9]+)(\*?)")
_U32 = "I" if array("I").itemsize == 4 else "L"
MAX_TERM_ID = (1 << 30) - 1


def _code(tid: int) -> bytes:
    """A term id as 1-5 bytes in the article stream, 6 bits each; the two top bits say where the
    byte stands in its token (11: the whole token, 10: first, 00: middle, 01: last).

    So a run of codes found anywhere in the stream starts and ends at token boundaries (`find`
    needs no check), and the frequent words, which are met early and get small ids, take 1 or 2
    bytes: the stream stays small and quick to scan.
    """
    if tid < 64:
        return bytes((0xC0 | tid,))
    digits = []
    while tid:
        digits.append(tid & 0x3F)
        tid >>= 6
    digits.reverse()
    return bytes((0x80 | digits[0], *digits[1:-1], 0x40 | digits[-1]))


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


class QueryOutcome:
    """A search's error and notes are its parsed query's (the old index's and the catalogue's results)."""

    __slots__ = ()

    @property
    def error(self) -> str | None:
        return self.query.error

    @property
    def notes(self) -> tuple[str, ...]:
        return self.query.notes


@dataclass(frozen=True, slots=True)
class SearchResults(QueryOutcome):
    query: ParsedQuery
    results: tuple[SearchResult, ...]
    total: int  # how many articles match (the results are the best `limit` of them)



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


# --------------------------------------------------------------------------- index


@dataclass(slots=True)
class _Match:
    """Articles matching a query (ascending numbers) and what their scores are made of."""

    cands: list[int] = field(default_factory=list)
    scored: list[tuple[int, float, bool]] = field(default_factory=list)  # (term id, weight, all candidates hold it)
    scores: list[float] | None = None


class SearchIndex:
    """Inverted index over a growing set of articles; `add` may run in a worker while `search` runs.

    Per term: the numbers of the articles holding it (`array('I')`, ascending) and, for each, a
    BM25F impact in one byte: the term's BM25 weight in that article without idf (each occurrence in
    the title adds TITLE_WEIGHT occurrences; length is the article's characters against the
    average), scaled to 1..255. The average is the true one for `build(list)` and a running
    one for `add`, so articles added first to an empty index are weighed a little differently.
    """

    def __init__(self, *, average_length: float | None = None) -> None:
        self._articles: list[Article] = []
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._docs: list[array] = []  # term id -> article numbers, ascending
        self._impacts: list[array] = []  # term id -> its impact in each of those articles (1..255)
        self._codes: list[bytes] = []  # term id -> its 4 bytes in the stream
        self._stream = bytearray()  # every article's tokens (`_code`), one after another
        self._tokens = 0
        self._starts = array("Q", [0])  # article n's tokens are _stream[_starts[n]:_starts[n + 1]]
        self._total_chars = 0
        self._average_length = average_length
        self._sorted_terms: list[str] = []
        self._unsorted_terms: list[str] = []
        self._cache: dict[tuple, _Match] = {}
        self._lock = threading.RLock()

    @classmethod
    def build(cls, articles: Iterable[Article]) -> SearchIndex:
        articles = list(articles)
        average = sum(len(a.text) for a in articles) / len(articles) if articles else None
        index = cls(average_length=average)
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

    def _term_ids(self, tokens: list[str]) -> list[int]:
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
                        self._impacts.append(array("B"))
                        self._unsorted_terms.append(word)
                    ids[k] = tid
        return ids

    def add(self, article: Article) -> bool:
        """Index one article; False if an article with that id is already in."""
        with self._lock:
            if article.id in self._index_of:
                return False
            n = len(self._articles)
            ids = self._term_ids(TOKEN.findall(fold(article.text)))
            counts = Counter(ids)
            for tid in self._term_ids(TOKEN.findall(fold(article.title))):
                counts[tid] += TITLE_WEIGHT
            self._total_chars += len(article.text)
            average = self._average_length or self._total_chars / (n + 1)
            k = K1 * (1 - B + B * len(article.text) / max(average, 1.0))
            scale = [0] + [max(1, round(255 * tf / (tf + k))) for tf in range(1, 16)]
            docs, impacts = self._docs, self._impacts
            for tid, tf in counts.items():
                docs[tid].append(n)
                impacts[tid].append(scale[tf] if tf < 16 else max(1, round(255 * tf / (tf + k))))
            self._stream += b"".join(map(self._codes.__getitem__, ids))
            self._starts.append(len(self._stream))
            self._tokens += len(ids)
            self._index_of[article.id] = n
            self._ids.append(article.id)
            self._articles.append(article)
            return True

    def stats(self) -> dict:
        """Sizes, and the bytes held by the index's arrays (not the articles themselves)."""
        with self._lock:
            postings = sum(map(len, self._docs))
            nbytes = len(self._stream) + postings * 5 + len(self._starts) * 8 + sum(map(len, self._codes)) + len(self._codes) * 33
            return {"articles": len(self._articles), "terms": len(self._terms), "postings": postings,
                    "tokens": self._tokens, "array_bytes": nbytes}

    # ------------------------------------------------------------------ matching

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

    def _pattern(self, tids: list[int]) -> bytes:
        return b"".join(map(self._codes.__getitem__, tids))

    def _adjacent_words(self, parsed: ParsedQuery) -> tuple[bytes, float] | None:
        """The plain words of the query as a phrase, and the bonus for articles holding it."""
        words = [t.tokens[0] for t in parsed.terms if not t.is_phrase and not t.prefix]
        if len(words) < 2:
            return None
        tids = [self._vocab.get(w) for w in words]
        if None in tids:
            return None
        return self._pattern(tids), ADJACENT_BOOST * sum(map(self._idf, tids))

    def _idf(self, tid: int) -> float:
        df = len(self._docs[tid])
        n = len(self._articles)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

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
        vocab, docs = self._vocab, self._docs
        match = _Match()
        sets: list = []  # per word: an array or set of the article numbers holding it
        phrases: list[bytes] = []
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
                # ranked by the word itself if it is one, else by its most frequent completion
                exact = vocab.get(term.tokens[0])
                best = exact if exact is not None else tids[0]
                match.scored.append((best, self._idf(best) * (1.0 if exact is not None else PREFIX_OTHER_WEIGHT), False))
                continue
            tids = [vocab.get(tok) for tok in term.tokens]
            if None in tids:
                return _Match()
            # a phrase is checked in the stream anyway: its two rarest words narrow the candidates enough
            sets.extend(sorted((docs[t] for t in dict.fromkeys(tids)), key=len)[:2])
            if term.is_phrase:
                phrases.append(self._pattern(tids))
                # a phrase is ranked by its rarest word's weight in each article, with the idf of all its words
                rarest = min(tids, key=lambda t: len(docs[t]))
                match.scored.append((rarest, sum(map(self._idf, tids)), True))
            else:
                match.scored.append((tids[0], self._idf(tids[0]), True))
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
        for pattern in phrases:
            cands = self._with_phrase(cands, pattern)
        match.cands = cands
        return match

    def _scores(self, match: _Match) -> list[float]:
        """Sum over the query's terms of idf x impact, for every candidate."""
        if match.scores is None:
            cands = match.cands
            total: list[float] | None = None
            members: set[int] | None = None
            for tid, weight, everywhere in match.scored:
                if everywhere and members is None and len(cands) * 16 >= len(self._docs[tid]) > len(cands):
                    members = set(cands)
                impacts = self._impacts_of(tid, cands, everywhere, members)
                values = map(mul, impacts, repeat(weight * IMPACT_SCALE))
                total = list(values) if total is None else list(map(add, total, values))
            match.scores = total if total is not None else [0.0] * len(cands)
        return match.scores

    def _impacts_of(self, tid: int, cands: list[int], everywhere: bool, members: set[int] | None) -> Iterable[int]:
        """The term's impact in each candidate (0 where it is missing); `everywhere`: the term is in
        every candidate; `members`: the candidates as a set."""
        docs, impacts = self._docs[tid], self._impacts[tid]
        if everywhere and len(cands) == len(docs):  # the candidates are exactly the term's articles
            return impacts
        if len(cands) * 16 < len(docs):
            out = []
            for n in cands:
                i = bisect_left(docs, n)
                out.append(impacts[i] if i < len(docs) and docs[i] == n else 0)
            return out
        if everywhere and members is not None:  # both ascending: keep the term's entries for candidates
            return compress(impacts, map(members.__contains__, docs))
        return map(dict(zip(docs, impacts)).get, cands, repeat(0))

    def _rerank(self, parsed: ParsedQuery, best: list[tuple[float, int]]) -> list[tuple[float, int]]:
        """Second look at the best articles: a bonus where the plain words of the query stand
        together in the query's order (`thanh hoa` as in `Thanh Hóa`)."""
        together = self._adjacent_words(parsed)
        if together is None:
            return best
        pattern, bonus = together
        find, st = self._stream.find, self._starts
        out = [(score + bonus if find(pattern, st[n], st[n + 1]) != -1 else score, n) for score, n in best]
        out.sort(key=lambda sn: -sn[0])
        return out

    # ------------------------------------------------------------------ public queries

    def matching_ids(self, query: str | ParsedQuery, *, prefix_last: bool = False) -> set[str]:
        """Ids of every article matching the query (for filters); empty for a query with no terms."""
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query, prefix_last=prefix_last)
        if parsed.empty:
            return set()
        with self._lock:
            return set(map(self._ids.__getitem__, self._match(parsed).cands))

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
            ranked = self._rerank(parsed, [(scores[i], cands[i]) for i in best])[:limit]
            chosen = [(self._articles[n], score) for score, n in ranked]
        results = []
        for article, score in chosen:
            hits = find_hits(article.text, parsed)
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

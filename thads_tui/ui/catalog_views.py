"""The E, F and R views and the entity filter straight from the catalogue (SQL, no extraction).

`CatalogExploration` answers what the views ask an `explore.Exploration` (`entities()`,
`figures()`, `articles_mentioning()`), from the entity and figure rows the catalogue stored
with the current extractor's stamp: instant on a warm catalogue, whatever its size. Names
that differ only in case or spacing are one entity (explore.name_key), as in the in-memory
exploration, and a mention is one in the body (title and date lines apart), as in the panels.
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass

from ..corpus.catalog import Catalog
from ..corpus.catalog.db import unpack
from ..explore import EntityEntry, FigureRow, name_key


def _in_body(paragraphs: list, offset: int) -> bool:
    """corpus.Article.in_body on the stored paragraphs."""
    if not paragraphs:
        return True
    i = bisect_right(paragraphs, (offset, float("inf"))) - 1
    return i >= 0 and offset < paragraphs[i][1]


@dataclass(slots=True)
class CountedEntry(EntityEntry):
    """An entity with its article count from SQL (the ids are asked only when filtering)."""

    count: int = 0

    @property
    def article_count(self) -> int:
        return self.count

    def copy(self) -> "CountedEntry":
        return CountedEntry(self.key, self.name, self.type, set(), self.mentions, count=self.count)


class _Tally:
    """One entity's counts while the rows stream by (articles counted, not kept)."""

    __slots__ = ("name", "type", "mentions", "count", "last", "names", "types")

    def __init__(self, name: str, etype: str) -> None:
        self.name, self.type, self.mentions, self.count, self.last = name, etype, 0, 0, None
        self.names, self.types = Counter(), Counter()

    def add(self, n: int, canonical: str, etype: str) -> None:
        if n != self.last:
            self.count, self.last = self.count + 1, n
        self.mentions += 1
        self.names[canonical] += 1
        self.types[etype] += 1
        if self.names[canonical] > self.names[self.name]:
            self.name = canonical
        if self.types[etype] > self.types[self.type]:
            self.type = etype


_FIGURES_SQL = ("SELECT article, value, unit, qualifier, measure, of, start, end, metric, subject, period "
                "FROM figures")  # in their key's order: (article, seq)
_FIGURE_ARTICLES_SQL = ("SELECT a.n, a.id, a.title, a.date, a.source, f.path, a.key FROM articles a "
                        "JOIN files f ON f.id = a.file WHERE a.n IN (SELECT DISTINCT article FROM figures)")


class CatalogExploration:
    def __init__(self, cat: Catalog, lock: threading.RLock) -> None:
        self.cat, self.lock = cat, lock
        self.failed: dict[str, str] = {}
        self._keys: dict[str, list[str]] = {}  # entity key -> the canonical names it joins
        self._entities_done: list[EntityEntry] = []
        self._figures_done: list[FigureRow] = []

    def __len__(self) -> int:
        with self.lock:
            return self.cat.count()

    def prepare(self) -> None:
        """Read the views' rows (a worker: seconds on 100,000 articles); the views show them after."""
        self._refresh()  # once for both reads
        entities, figures = self._entities(), self._figures()
        self._entities_done, self._figures_done = entities, figures

    def entities(self) -> list[EntityEntry]:
        return list(self._entities_done)  # the views sort and filter copies of the list, never the entries

    def figures(self) -> list[FigureRow]:
        return list(self._figures_done)

    def _reader(self):
        """A connection of its own for the long reads (WAL: the open article does not wait), or the
        shared one, under the lock, for a catalogue in memory."""
        if self.cat.path is None:
            return self.cat.conn, self.lock
        return Catalog.open(self.cat.roots, path=self.cat.path).conn, threading.RLock()

    def _entities(self) -> list[EntityEntry]:
        """The mentions in the article bodies, grouped by name_key, named and typed as most often
        written: the in-memory exploration's definition, from the stored rows (streamed in article
        order; no article text is read)."""
        conn, lock = self._reader()
        entries: dict[str, _Tally] = {}
        keys: dict[str, str] = {}
        with lock:
            names = {i: (c, t) for i, c, t in conn.execute("SELECT id, canonical, type FROM names")}
            paras: list = []
            current = None
            for n, name, start in conn.execute("SELECT article, name, start FROM entities ORDER BY article"):
                if n != current:
                    (body,) = conn.execute("SELECT paragraphs FROM articles WHERE n = ?", (n,)).fetchone()
                    current, paras = n, [tuple(p) for p in json.loads(body)]
                if not _in_body(paras, start):
                    continue
                canonical, etype = names[name]
                key = keys.get(canonical) or keys.setdefault(canonical, name_key(canonical))
                entry = entries.get(key) or entries.setdefault(key, _Tally(canonical, etype))
                entry.add(n, canonical, etype)
        if conn is not self.cat.conn:
            conn.close()
        self._keys = {key: list(t.names) for key, t in entries.items()}
        return [CountedEntry(key, t.name, t.type, set(), t.mentions, count=t.count) for key, t in entries.items()]

    def articles_mentioning(self, key: str) -> set[str]:
        with self.lock:  # prepare() has brought the extraction up to date: no stale scan per filter change
            return {row.id for c in self._keys.get(name_key(key), [key])
                    for row in self.cat.mentioning(c, refresh=False)}

    def _refresh(self) -> None:
        """Analyse what the catalogue has not (a newer extractor, a build stopped early): on a
        connection of its own, so the open article never waits for it; in memory, under the lock."""
        if self.cat.path is None:
            with self.lock:
                self.cat.refresh_extraction()
            return
        own = Catalog.open(self.cat.roots, path=self.cat.path)
        try:
            own.refresh_extraction()
        finally:
            own.close()

    def _figures(self) -> list[FigureRow]:
        """Every figure in an article body, in date order. The figure rows are read in their own
        order (no sort of rows carrying article texts: that took 12 s at 100k), then each article
        holding figures is read once for its text and paragraphs."""
        from ..corpus.catalog import _label

        conn, lock = self._reader()
        out = []
        with lock:
            by_article: dict[int, list[tuple]] = {}
            for n, *rest in conn.execute(_FIGURES_SQL):
                by_article.setdefault(n, []).append(rest)
            meta = {n: rest for n, *rest in conn.execute(_FIGURE_ARTICLES_SQL)}
            order = sorted(by_article, key=lambda n: (meta[n][2] is not None, meta[n][2] or "", n))
            for n in order:
                aid, title, date, source, path, key = meta[n]
                ztext, body = conn.execute("SELECT ztext, paragraphs FROM articles WHERE n = ?", (n,)).fetchone()
                text, paras = unpack(ztext), [tuple(p) for p in json.loads(body)]
                label = _label(path, key)
                for value, unit, qualifier, measure, of, start, end, metric, subject, period in sorted(
                        by_article[n], key=lambda r: r[5]):
                    if _in_body(paras, start):
                        out.append(FigureRow(aid, title, date, source, label, text[start:end], value, unit,
                                             qualifier, measure, of, start, end, metric or "other", subject, period))
        if conn is not self.cat.conn:
            conn.close()
        return out

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


_FIGURES_SQL = (
    "SELECT a.n, a.id, a.title, a.date, a.source, f.path, a.key, a.ztext, g.value, g.unit, g.qualifier, g.measure, g.of, "
    "g.start, g.end, g.metric, g.subject, g.period FROM figures g JOIN articles a ON a.n = g.article "
    "JOIN files f ON f.id = a.file ORDER BY a.date, a.n, g.start")


class CatalogExploration:
    def __init__(self, cat: Catalog, lock: threading.RLock) -> None:
        self.cat, self.lock = cat, lock
        self.failed: dict[str, str] = {}
        self._by_key: dict[str, EntityEntry] = {}  # the entities, their articles by row number
        self._ids: dict[int, str] = {}
        self._entities_done: list[EntityEntry] = []
        self._figures_done: list[FigureRow] = []

    def __len__(self) -> int:
        with self.lock:
            return self.cat.count()

    def prepare(self) -> None:
        """Read the views' rows (a worker: seconds on 100,000 articles); the views show them after."""
        entities, figures = self._entities(), self._figures()
        self._entities_done, self._figures_done = entities, figures

    def entities(self) -> list[EntityEntry]:
        return list(self._entities_done)  # the views sort and filter copies of the list, never the entries

    def figures(self) -> list[FigureRow]:
        return list(self._figures_done)

    def _bodies(self) -> dict[int, tuple[str, list]]:
        """Each article's id and body paragraphs (no text is read)."""
        with self.lock:
            return {n: (aid, [tuple(p) for p in json.loads(paras)]) for n, aid, paras in
                    self.cat.conn.execute("SELECT n, id, paragraphs FROM articles")}

    def _entities(self) -> list[EntityEntry]:
        """The mentions in the article bodies, grouped by name_key, named and typed as most often
        written: the in-memory exploration's definition, from the stored rows."""
        self.cat.refresh_extraction()
        bodies = self._bodies()
        self._ids = {n: aid for n, (aid, _) in bodies.items()}
        with self.lock:
            names = {i: (c, t) for i, c, t in self.cat.conn.execute("SELECT id, canonical, type FROM names")}
            rows = self.cat.conn.execute("SELECT article, name, start FROM entities").fetchall()
        entries: dict[str, EntityEntry] = {}
        keys: dict[str, str] = {}
        for n, name, start in rows:
            if not _in_body(bodies[n][1], start):
                continue
            canonical, etype = names[name]
            key = keys.get(canonical) or keys.setdefault(canonical, name_key(canonical))
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = EntityEntry(key, canonical, etype)
            entry.articles.add(n)
            entry.mentions += 1
            entry.names[canonical] += 1
            entry.types[etype] += 1
            if entry.names[canonical] > entry.names[entry.name]:
                entry.name = canonical
            if entry.types[etype] > entry.types[entry.type]:
                entry.type = etype
        self._by_key = entries
        return [CountedEntry(e.key, e.name, e.type, set(), e.mentions, count=len(e.articles)) for e in entries.values()]

    def articles_mentioning(self, key: str) -> set[str]:
        entry = self._by_key.get(name_key(key))
        return {self._ids[n] for n in entry.articles} if entry is not None else set()

    def _figures(self) -> list[FigureRow]:
        from ..corpus.catalog import _label

        self.cat.refresh_extraction()
        bodies = self._bodies()
        out, last = [], (None, "")
        with self.lock:
            for n, aid, title, date, source, path, key, ztext, *values, start, end, metric, subject, period in \
                    self.cat.conn.execute(_FIGURES_SQL):
                if not _in_body(bodies[n][1], start):
                    continue
                if last[0] != aid:
                    last = (aid, unpack(ztext))
                value, unit, qualifier, measure, of = values
                out.append(FigureRow(aid, title, date, source, _label(path, key), last[1][start:end], value, unit,
                                     qualifier, measure, of, start, end, metric or "other", subject, period))
        return out

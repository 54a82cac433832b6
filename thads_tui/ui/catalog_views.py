"""The E, F and R views and the entity filter straight from the catalogue (SQL, no extraction).

`CatalogExploration` answers what the views ask an `explore.Exploration` (`entities()`,
`figures()`, `articles_mentioning()`), from the entity and figure rows the catalogue stored
with the current extractor's stamp: instant on a warm catalogue, whatever its size. Names
that differ only in case or spacing are one entity (explore.name_key), as in the in-memory
exploration; the counts are the stored extraction's (the whole file, title and date line too).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from ..corpus.catalog import Catalog
from ..corpus.catalog.db import unpack
from ..explore import EntityEntry, FigureRow, name_key


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
    "SELECT a.id, a.title, a.date, a.source, f.path, a.key, a.ztext, g.value, g.unit, g.qualifier, g.measure, g.of, "
    "g.start, g.end, g.metric, g.subject, g.period FROM figures g JOIN articles a ON a.n = g.article "
    "JOIN files f ON f.id = a.file ORDER BY a.date, a.n, g.start")


class CatalogExploration:
    def __init__(self, cat: Catalog, lock: threading.RLock) -> None:
        self.cat, self.lock = cat, lock
        self.failed: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}  # entity key -> the canonical names it joins
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
        return [e.copy() for e in self._entities_done]

    def figures(self) -> list[FigureRow]:
        return list(self._figures_done)

    def _entities(self) -> list[EntityEntry]:
        with self.lock:  # the stored extraction (a stale stamp is re-analysed first, once)
            rows = self.cat.entities()
        merged: dict[str, CountedEntry] = {}
        names: dict[str, list[str]] = {}
        for r in rows:
            key = name_key(r.canonical)
            entry = merged.get(key)
            if entry is None:
                merged[key] = CountedEntry(key, r.canonical, r.type, set(), r.mentions, count=r.articles)
            else:  # rows come most-mentioned first: the first name and type stay
                entry.mentions += r.mentions
                entry.count += r.articles
            names.setdefault(key, []).append(r.canonical)
        self._names = names
        return list(merged.values())

    def articles_mentioning(self, key: str) -> set[str]:
        if not self._names:
            self._entities()
        with self.lock:
            return {row.id for canonical in self._names.get(name_key(key), [key]) for row in self.cat.mentioning(canonical)}

    def _figures(self) -> list[FigureRow]:
        from ..corpus.catalog import _label

        self.cat.refresh_extraction()
        out, last = [], (None, "")
        with self.lock:
            for aid, title, date, source, path, key, ztext, *values, start, end, metric, subject, period in \
                    self.cat.conn.execute(_FIGURES_SQL):
                if last[0] != aid:
                    last = (aid, unpack(ztext))
                value, unit, qualifier, measure, of = values
                out.append(FigureRow(aid, title, date, source, _label(path, key), last[1][start:end], value, unit,
                                     qualifier, measure, of, start, end, metric or "other", subject, period))
        return out

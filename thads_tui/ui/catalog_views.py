"""The E, F and R views and the entity filter straight from the catalogue (SQL, no extraction).

`CatalogExploration` answers what the views ask an `explore.Exploration` (`entities()`,
`figures()`, `articles_mentioning()`), from the entity and figure rows the catalogue stored
with the current extractor's stamp: instant on a warm catalogue, whatever its size. Names
that differ only in case or spacing are one entity (explore.name_key), as in the in-memory
exploration, and a mention is one in the body (title and date lines apart), as in the panels.
"""
from __future__ import annotations

import bisect
import json
import threading
from typing import Iterator

from ..corpus.catalog import Catalog
from ..explore import (EntityEntry, FigurePage, FigureRow, SortedEntries, entity_order, figure_matcher,
                       figure_order_sql, name_key, result_metrics)
from .memory import gc_paused, keep


class CountedEntry:
    """An entity as the views read it (an explore.EntityEntry's fields), with its article count
    from SQL: the ids are asked only when filtering; no per-entry sets or counters (100,000s of
    entities on a large corpus)."""

    __slots__ = ("key", "name", "type", "mentions", "count", "folded")
    articles: frozenset = frozenset()

    def __init__(self, key: str, name: str, etype: str, mentions: int, count: int, folded: str) -> None:
        self.key, self.name, self.type, self.mentions, self.count = key, name, etype, mentions, count
        self.folded = folded  # fold(name), stored with the name

    @property
    def article_count(self) -> int:
        return self.count

    def copy(self) -> "CountedEntry":
        return CountedEntry(self.key, self.name, self.type, self.mentions, self.count, self.folded)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CountedEntry) and all(getattr(self, a) == getattr(other, a) for a in self.__slots__)

    def __repr__(self) -> str:
        return f"CountedEntry({self.name!r}, {self.type}, {self.mentions} mentions, {self.count} articles)"


def _most(rows: list[tuple], field: int) -> str:
    """Of body_name_stats rows, the canonical name (field 1) or type (field 2) most mentioned; a
    tie goes to the one an earlier article names."""
    totals: dict[str, list] = {}
    for row in rows:
        t = totals.setdefault(row[field], [0, row[5]])
        t[0] += row[3]
        t[1] = min(t[1], row[5])
    return min(totals, key=lambda k: (-totals[k][0], totals[k][1], k))


RESULT_SOURCES = 12  # sources the results table keeps per cell (its counts are of them all)
# the terms of the index figures_results (so it is used), then the results' metrics
_RESULT_FIGURE = (f"g.subject IS NOT NULL AND g.period IS NOT NULL"
                  f" AND g.metric IN ({', '.join(repr(c) for c in result_metrics())})")


class CatalogExploration:
    """The entities (read once E opens: 100,000s of rows, counted in SQL) and the figures (never
    held: the F view asks the catalogue for the page it shows, sorted and filtered in SQL)."""

    def __init__(self, cat: Catalog, lock: threading.RLock) -> None:
        self.cat, self.lock = cat, lock
        self.failed: dict[str, str] = {}
        self.entities_read = False
        self._read_state: tuple | None = None  # Catalog.state() when the entities were read
        self._figures_state: tuple | None = None  # Catalog.state() the figure views were told of
        self._wanted = {"entities": threading.Event(), "figures": threading.Event()}
        self._entities_done: list[EntityEntry] = SortedEntries()
        self._versions = {"entities": 0}
        self._view: Catalog | None = None  # the figure views' own connection (the UI thread's and page workers')
        self._view_lock = threading.RLock()
        self._pages_read = 0  # figure pages being read (interrupt_page stops them, and only them)
        self._result_counts: tuple[dict, dict] | None = None
        self._totals: tuple[tuple | None, int] = (None, 0)  # (state, figures in the bodies)

    def __len__(self) -> int:
        with self.lock:
            return self.cat.count()

    def prepare(self) -> None:
        """Read the views' rows (in a worker); the views show them after."""
        self.want("entities")
        self.want("figures")
        for _ in self.steps():
            pass

    def want(self, kind: str) -> None:
        """A view of `kind` ("entities", "figures") is shown: the entities (100,000s of rows,
        ~70 MB at 100,000 articles) are read for E only; the figures need the extraction up to date."""
        self._wanted[kind].set()

    def pending(self) -> bool:
        """Rows a view wants that are not read: steps() has work to do."""
        return ((self._wanted["entities"].is_set() and not self.entities_read)
                or (self._wanted["figures"].is_set() and self._figures_state is None))

    def ready(self, kind: str) -> bool:
        return self.entities_read if kind == "entities" else self._figures_state is not None

    def steps(self) -> Iterator[str]:
        """Brings the extraction up to date, then yields "figures" if a figure view is shown (it
        reads its page from the catalogue), "entities" once they are read (SQL counts: under a
        second at 100,000 articles) if E wants them, "done" at the end."""
        self._refresh()
        cat, lock = self._reader()
        try:
            with lock:
                state = cat.state()
            if self._wanted["figures"].is_set() and state != self._figures_state:
                self._figures_state = state
                yield "figures"
            wanted = self._wanted["entities"].is_set()
            if wanted and (not self.entities_read or state != self._read_state):  # not again for F after E
                self.entities_read = False
                with lock, gc_paused():
                    self._entities_done = self._entities(cat)
                self._versions["entities"] += 1
                self.entities_read, self._read_state = True, state
                keep()  # the rows live until read again: full collections need not walk them
                yield "entities"
        finally:
            if cat is not self.cat:
                cat.close()
        yield "done"

    def entities(self) -> list[EntityEntry]:  # the views sort and filter copies of the list, never the entries
        return SortedEntries(self._entities_done, getattr(self._entities_done, "sorted_by", None))

    def figures(self) -> list[FigureRow]:
        """Every figure of the bodies, newest article first (the views ask for pages instead)."""
        with self.lock:
            return [FigureRow(*r) for r in self.cat.body_figures()]

    def figure_page(self, by: str = "date", reverse: bool = False, text: str = "",
                    limit: int | None = None) -> FigurePage:
        """The first `limit` figures in sort_figures' order `by`, of those search_figures keeps
        for `text`, counted: from the catalogue (SQL sorts and filters; the page alone is held)."""
        match = figure_matcher(text)
        cat, lock = self._view_catalog()
        with lock:
            self._pages_read += 1
            try:
                rows = [FigureRow(*r) for r in cat.body_figures(figure_order_sql(by, reverse), match=match, limit=limit)]
                matched = None if match is not None and limit is not None and len(rows) == limit else len(rows)
                if matched is None:
                    matched = cat.count_body_figures(match=match)
            finally:
                self._pages_read -= 1
            state = cat.state()
            if self._totals[0] != state:
                self._totals = (state, cat.count_body_figures())
            total = self._totals[1]
        return FigurePage(rows, total if match is None else matched, total)

    def result_figures(self) -> list[FigureRow]:
        """The figures the results table reads (a column's metric, a subject and a period): the
        first RESULT_SOURCES of each cell (an archive of reports has 100,000s: the table held them
        all, 19 s and 1.2 GB for 100,000 generated reports), and (result_counts) the counts of all
        of them, in one pass over the cells' index."""
        cat, lock = self._view_catalog()
        kept: list[tuple[int, int]] = []
        cells: dict[tuple, tuple[int, int]] = {}
        rows: dict[tuple, set] = {}
        with lock:
            cell, n, articles, values = None, 0, set(), set()
            for s, p, m, a, q, v in cat.conn.execute(
                    "SELECT subject, period, metric, article, seq, value FROM figures g"
                    f" WHERE g.body AND {_RESULT_FIGURE} ORDER BY subject, period, metric, article, seq"):
                if (s, p, m) != cell:
                    if cell is not None:
                        cells[cell] = (len(articles), len(values))
                    cell, n, articles, values = (s, p, m), 0, set(), set()
                    row = rows.setdefault((s, p), set())
                n += 1
                if n <= RESULT_SOURCES:
                    kept.append((a, q))
                articles.add(a)
                values.add(v)
                row.add(a)
            if cell is not None:
                cells[cell] = (len(articles), len(values))
            # the kept (article, seq) pairs as one JSON parameter: nothing written (a temporary table
            # filled on this autocommit connection cost a transaction per row, 1.8 s for 55,000)
            found = [FigureRow(*r) for r in cat.body_figures(  # any order: the figures' own
                "g.article, g.seq", where="(g.article, g.seq) IN (SELECT value->>0, value->>1 FROM json_each(?))",
                args=(json.dumps(kept),))]
        self._result_counts = (cells, {k: len(v) for k, v in rows.items()})
        return found

    def result_figure_count(self) -> int:
        """How many figures the results table reads (counted on the cells' index)."""
        cat, lock = self._view_catalog()
        with lock:
            return cat.conn.execute(f"SELECT count(*) FROM figures g WHERE g.body AND {_RESULT_FIGURE}").fetchone()[0]

    def result_counts(self) -> tuple[dict, dict]:
        """({(subject, period, metric): (articles, distinct values)}, {(subject, period): articles})
        over every figure of the results table, as the last result_figures() counted them."""
        if self._result_counts is None:
            self.result_figures()
        return self._result_counts

    def version(self, kind: str) -> object:
        """Changes when the rows of `kind` ("entities", "figures") change: for the entities, how
        many times they were read; for the figures (asked afresh at each redraw), the catalogue's
        state (a view opened on a warm catalogue is not drawn again when steps() finds it so)."""
        if kind != "figures":
            return self._versions[kind]
        if self._figures_state is not None:
            return self._figures_state
        cat, lock = self._view_catalog()
        with lock:
            return cat.state()

    def interrupt_page(self) -> None:
        """Stop the page a worker is reading (a newer sort or filter was asked for); its worker
        gets an OperationalError. Nothing else runs on the figure views' connection meanwhile."""
        cat, _ = self._view_catalog()
        if self._pages_read:
            cat.conn.interrupt()

    def _view_catalog(self) -> tuple[Catalog, threading.RLock]:
        """The figure views' connection: of its own for a file (WAL: a build does not block it)."""
        if self.cat.path is None:
            return self.cat, self.lock
        if self._view is None:
            self._view = Catalog.open(self.cat.roots, path=self.cat.path)
        return self._view, self._view_lock

    def _reader(self) -> tuple[Catalog, threading.RLock]:
        """A connection of its own for the long reads (WAL: the open article does not wait), or the
        shared one, under the lock, for a catalogue in memory."""
        if self.cat.path is None:
            return self.cat, self.lock
        return Catalog.open(self.cat.roots, path=self.cat.path), threading.RLock()

    def _entities(self, cat: Catalog) -> SortedEntries:
        """The mentions in the article bodies, grouped by name_key, named and typed as most often
        written: the in-memory exploration's definition, from the catalogue's counts per name (a
        name written two ways asks how many articles hold either). In the E view's first order:
        the entities written one way come sorted from SQL, the few others are merged in."""
        single = [CountedEntry(*row) for row in cat.single_spelled_entities()]
        groups: dict[str, list[tuple]] = {}
        for row in cat.body_name_stats(several=True):
            groups.setdefault(row[6], []).append(row)
        several = cat.entity_articles()
        merged = []
        for key, rows in groups.items():
            name, etype = _most(rows, 1), _most(rows, 2)
            folded = next(r[7] for r in rows if r[1] == name)
            merged.append(CountedEntry(key, name, etype, sum(r[3] for r in rows), several[key], folded))
        merged.sort(key=entity_order)
        out, last = SortedEntries((), ("articles", False)), 0
        for entry in merged:  # a few thousand put in place: no key computed for the 100,000 others
            at = bisect.bisect_left(single, entity_order(entry), lo=last, key=entity_order)
            out.extend(single[last:at])
            out.append(entry)
            last = at
        out.extend(single[last:])
        return out

    def articles_mentioning(self, key: str) -> set[str]:
        with self.lock:  # prepare() has brought the extraction up to date: no stale scan per filter change
            return {row.id for c in self.cat.names_of(name_key(key)) or [key]
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

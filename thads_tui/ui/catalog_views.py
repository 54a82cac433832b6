"""The E, F and R views and the entity filter straight from the catalogue (SQL, no extraction).

`CatalogExploration` answers what the views ask an `explore.Exploration` (`entities()`,
`figures()`, `articles_mentioning()`), from the entity and figure rows the catalogue stored
with the current extractor's stamp: instant on a warm catalogue, whatever its size. Names
that differ only in case or spacing are one entity (explore.name_key), as in the in-memory
exploration, and a mention is one in the body (title and date lines apart), as in the panels.
"""
from __future__ import annotations

import itertools
import threading
from typing import Iterator

from ..corpus.catalog import Catalog
from ..explore import EntityEntry, FigureRow, name_key
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


FIGURES_FIRST = 5_000  # figure rows read before the F view first shows them; each step after reads
# as many as all before it (the view sorts what it has at each step: twice the rows in all, not 10x)


class CatalogExploration:
    def __init__(self, cat: Catalog, lock: threading.RLock) -> None:
        self.cat, self.lock = cat, lock
        self.failed: dict[str, str] = {}
        self.complete = False  # every row read (steps() went to its end)
        self.entities_read = False
        self._read_state: tuple | None = None  # Catalog.state() when the entities were read
        self._figures_wanted = threading.Event()  # the figures are read once a view shows them (F, R)
        self._entities_done: list[EntityEntry] = []
        self._figures_done: list[FigureRow] = []
        self._versions = {"entities": 0, "figures": 0}

    def __len__(self) -> int:
        with self.lock:
            return self.cat.count()

    def prepare(self) -> None:
        """Read the views' rows (in a worker); the views show them after."""
        self.want("figures")
        for _ in self.steps():
            pass

    def want(self, kind: str) -> None:
        """A view of `kind` ("entities", "figures") is shown: its rows are needed. The entities
        are always read; the figures (100,000s of rows, ~90 MB at 100,000 articles) only for F and R."""
        if kind == "figures":
            self._figures_wanted.set()

    def pending(self) -> bool:
        """Rows a view wants that are not read: steps() has work to do."""
        return not self.entities_read or (self._figures_wanted.is_set() and not self.complete)

    def ready(self, kind: str) -> bool:
        return self.complete if kind == "figures" else self.entities_read

    def steps(self) -> Iterator[str]:
        """prepare() a step at a time, so the views fill while the rest is read: yields "entities"
        once they are read (SQL counts: under a second at 100,000 articles); then, if the
        figures are wanted (else it ends there), "figures" after
        FIGURES_FIRST figures (the newest articles' first) and each time as many again; "done"
        at the end."""
        self._refresh()  # once for both reads
        self.complete = False
        cat, lock = self._reader()
        try:
            with lock:
                state = cat.state()
            if not self.entities_read or state != self._read_state:  # E read them already (F opens after E)
                self.entities_read = False
                with lock, gc_paused():
                    self._entities_done = self._entities(cat)
                self._versions["entities"] += 1
                self.entities_read, self._read_state = True, state
            yield "entities"
            if not self._figures_wanted.is_set():
                return  # E alone: F or R starts the reading again when it opens
            figures: list[FigureRow] = []
            rows = cat.body_figures()
            while True:
                step = max(FIGURES_FIRST, len(figures))
                with lock, gc_paused():
                    chunk = [FigureRow(*r) for r in itertools.islice(rows, step)]
                figures.extend(chunk)
                self._figures_done = list(figures)
                self._versions["figures"] += 1
                if len(chunk) < step:
                    break
                yield "figures"
        finally:
            if cat is not self.cat:
                cat.close()
        self.complete = True
        keep()  # the rows live until read again: full collections need not walk them
        yield "done"

    def entities(self) -> list[EntityEntry]:
        return list(self._entities_done)  # the views sort and filter copies of the list, never the entries

    def figures(self) -> list[FigureRow]:
        return list(self._figures_done)

    def version(self, kind: str) -> int:
        """How many times the rows of `kind` ("entities", "figures") were replaced."""
        return self._versions[kind]

    @property
    def figures_read(self) -> int:
        return len(self._figures_done)

    def _reader(self) -> tuple[Catalog, threading.RLock]:
        """A connection of its own for the long reads (WAL: the open article does not wait), or the
        shared one, under the lock, for a catalogue in memory."""
        if self.cat.path is None:
            return self.cat, self.lock
        return Catalog.open(self.cat.roots, path=self.cat.path), threading.RLock()

    def _entities(self, cat: Catalog) -> list[EntityEntry]:
        """The mentions in the article bodies, grouped by name_key, named and typed as most often
        written: the in-memory exploration's definition, from the catalogue's counts per name (a
        name written two ways asks how many articles hold either)."""
        groups: dict[str, list[tuple]] = {}
        for row in cat.body_name_stats():
            groups.setdefault(row[6], []).append(row)
        several = cat.entity_articles()
        out = []
        for key, rows in groups.items():
            if len(rows) == 1:
                _, name, etype, mentions, count, _, _, folded = rows[0]
            else:
                name, etype = _most(rows, 1), _most(rows, 2)
                mentions, count = sum(r[3] for r in rows), several[key]
                folded = next(r[7] for r in rows if r[1] == name)
            out.append(CountedEntry(key, name, etype, mentions, count, folded))
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

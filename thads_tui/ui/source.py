"""Where the reader's data comes from: the corpus catalogue (SQLite, corpus/catalog).

The reader screen talks to one `CorpusSource` and to nothing else of the corpus. At launch the
list's rows come straight from the catalogue (a warm launch reads no file), then `load` brings
the catalogue up to date in a worker (`Catalog.update`) and hands over the rows it added as it
commits them. The source keeps row metadata only (`articles`: id -> list row); the open
article's text comes from the catalogue when it is opened, its analysis from the stored
extraction when that carries the current extractor's stamp. Search is the catalogue's FTS5.
Nothing here touches the UI: `load`, `explore_all` run in the screen's thread workers.
"""
from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections import Counter
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterator

from .. import analysis
from ..corpus import Article
from ..corpus.catalog import Catalog, Found, _ROW_SQL, _label
from ..corpus.filecheck import Child
from ..corpus.loader import Problem, bundled_seeds, format_of
from ..corpus.query import parse_query
from ..explore import Exploration, FigureRow, write_figures_csv
from ..extract import Extraction
from .catalog_views import CatalogExploration
from .memory import gc_paused
from .widgets.article_list import Row

Extractor = Callable[[Article], Extraction]
LIMIT = 50  # corpus search results listed
FIRST_DETAIL = 10  # of which shown at once with their snippets (a screenful); the others just after
PROGRESS_EVERY = 0.3  # seconds between progress reports of the exploration
FIRST_ROWS = 100  # rows listed before the others (the first screen of a warm launch)
HEAD_WAIT = 1.0  # seconds the other rows wait for the first screen to be painted, at most
# (rows, errors, files done, files to read, finished, ids gone)
Post = Callable[[list, list, int, int, bool, list], None]
_KEY = attrgetter("key")


def grouped(n: int) -> str:
    """`100 000`: thousands grouped by a space."""
    return f"{n:,}".replace(",", " ")


def plural(n: int, noun: str) -> str:
    """`1 article`, `2 articles`, `100 000 articles` (thousands grouped by a space)."""
    return grouped(n) + f" {noun}{'' if n == 1 else 's'}"


def search_as_typed(search: Callable[..., Found], query: str, limit: int = LIMIT, detail: int = LIMIT,
                    exact_counts: bool = True) -> Found:
    """The query as typed so far: the articles holding its last word whole come first (`thanh hoa`
    puts Thanh Hóa before `thanh hoàn`), then those where it is only the start of a word."""
    exact = search(query, limit=limit, detail=detail, exact_counts=exact_counts)
    typed = parse_query(query, prefix_last=True)
    if typed.terms == exact.query.terms or exact.error or len(exact.results) >= limit:
        return exact  # a full page of whole-word matches: the prefix-only ones would not be listed
    more = search(typed, limit=limit, detail=detail, exact_counts=exact_counts)
    if not exact.results:
        return more
    whole = {r.id for r in exact.results}
    merged = exact.results + tuple(r for r in more.results if r.id not in whole)
    return dataclasses.replace(more, results=merged[:limit])


class CorpusSource:
    def __init__(self, paths: list[str] | None, extractor: Extractor | None = None, *,
                 no_cache: bool = False, catalog_path: Path | None = None) -> None:
        self.bundled = not paths
        self.roots = [Path(p) for p in paths] if paths else [bundled_seeds()]
        self.name = "bundled seeds" if self.bundled else ", ".join(p.name or str(p) for p in self.roots)
        self.extractor = extractor  # None: the catalogue's stored extraction (extract.extract)
        self.cat = Catalog.open(self.roots, no_cache=no_cache, path=catalog_path)
        self._lock = threading.RLock()  # one connection, several threads: one statement at a time
        self.articles: dict[str, Row] = {}  # row metadata only: no article text is held
        self.problems: list[Problem] = []
        self.total = self.loaded_files = 0
        # load_finished: the loading worker's (every row in self.articles); index_finished: the UI
        # thread's, when it handles the last Indexed (messages handled late must not undo either)
        self.load_finished = self.index_finished = False
        self.phase = "indexing"  # then "analysing" (entities and figures of the new articles)
        self.head_shown = threading.Event()  # set by the screen once the first rows are painted
        self._last_n = 0
        self._open: tuple[str, Article] | None = None
        # the views read the catalogue (SQL) unless a custom extractor must be run on every article
        self.exploration = Exploration() if extractor else CatalogExploration(self.cat, self._lock)
        self._explore_started = self._exploring = False
        self._explore_lock = threading.Lock()
        self.exploring_done = False
        self.explore_error = ""

    # --- the list (a worker thread) ---------------------------------------------------------------
    def _new_rows(self, cat: Catalog) -> list[Row]:
        """The rows added since the last call (the catalogue's row numbers only grow), sorted as
        the list shows them (the UI thread then merges them in one pass); a second copy of an
        article (same text) is a problem the user can see, not a second row."""
        rows = []
        with self._lock:  # the statement only: the open article must not wait for 100,000 rows
            found = cat.conn.execute(f"{_ROW_SQL} WHERE a.n > ? ORDER BY a.n", (self._last_n,)).fetchall()
        if not found:
            return rows
        articles, make = self.articles, Row.make
        with gc_paused():  # 100,000 new objects would set off several full collections
            for n, aid, title, date, source, path, key, fmt in found:
                listed = aid in articles
                if listed:
                    first = self._first_copy(cat, aid, n)
                    if first is not None:
                        where = os.fsdecode(bytes(first[0])) + (f" ({first[1]})" if first[1] else "")
                        self.problems.append(Problem(Path(os.fsdecode(bytes(path))), (f"{key}: " if key else "")
                                                     + f"same article as {where}"))
                        continue
                articles[aid] = row = make(aid, title, date, source, _label(path, key))
                if not listed:  # else a file read again (touched, renamed): listed already
                    rows.append(row)
            rows.sort(key=_KEY)
        self._last_n = found[-1][0]
        return rows

    def _first_copy(self, cat: Catalog, aid: str, n: int) -> tuple | None:
        with self._lock:
            return cat.conn.execute(
                "SELECT f.path, a.key FROM articles a JOIN files f ON f.id = a.file WHERE a.id = ? AND a.n < ? "
                "ORDER BY a.n LIMIT 1", (aid, n)).fetchone()

    @staticmethod
    def _row(n, aid, title, date, source, path, key, fmt) -> Row:
        return Row.make(aid, title, date, source, _label(path, key))

    def load(self, post: Post, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Post the catalogue's rows at once, then update it and post what the update adds.
        `cancelled()` (the app quits) stops the update at its next progress report: the batches
        committed stay, the one being written is rolled back, the worker ends at once. A large
        catalogue's files are checked by a child process meanwhile (filecheck.Child: one stat
        each, on the other core), so the list is complete as soon as both are done."""
        with self._lock:  # a screenful first (newest first, as the list shows them), then the rest
            head = [self._row(*r) for r in self.cat.conn.execute(
                f"{_ROW_SQL} WHERE a.date IS NOT NULL ORDER BY a.date DESC, a.title LIMIT ?", (FIRST_ROWS,))]
            self.articles.update((r.id, r) for r in head)
        post(head, self._notices(), 0, 0, False, [])
        checker = Child.start(self.cat.path, self.roots) if self.cat.path else None
        try:
            self._load_rest(post, cancelled, checker)
        finally:
            if checker is not None:
                checker.stop()

    def _load_rest(self, post: Post, cancelled: Callable[[], bool], checker: Child | None) -> None:
        # the first screen first: building the other rows holds the GIL against the UI's first paint
        self.head_shown.wait(HEAD_WAIT)
        post(self._new_rows(self.cat), [], 0, 0, False, [])
        updater = Catalog.open(self.roots, path=self.cat.path) if self.cat.path else self.cat
        last = time.monotonic()

        def progress(done: int, total: int) -> None:
            nonlocal last
            if cancelled():
                raise _Stopped
            self.loaded_files, self.total = done, total
            if done < total and time.monotonic() - last < 0.1:
                return
            last = time.monotonic()
            post(self._new_rows(updater), [], done, total, False, [])

        def extracting(done: int, total: int) -> None:  # the second phase: entities and figures
            if cancelled():
                raise _Stopped
            self.phase = "analysing"
            post([], [], done, total, False, [])

        try:
            changes = checker.result(cancelled) if checker is not None and updater.path == self.cat.path else None
            if cancelled():
                raise _Stopped
            report = updater.update(progress=progress, extract_progress=extracting, changes=changes)
            self.problems.extend(report.problems)
            if updater is not self.cat and updater.path is None:  # the file failed: memory from now on
                self.cat, updater = updater, self.cat
                if isinstance(self.exploration, CatalogExploration):
                    self.exploration.cat = self.cat
            gone = self._gone(self.cat) if report.dropped or report.read else []
            errors = self._notices(updater)
        except _Stopped:  # the app quits
            return
        except Exception as err:  # the list keeps what it has; the reason is shown
            gone, errors = [], self._notices(updater) + [f"could not update the catalogue: {err}"]
        finally:
            if updater is not self.cat:
                updater.close()
        rows = self._new_rows(self.cat)
        self.load_finished = True  # every row is in self.articles: the exploring worker may stop waiting
        post(rows, errors, self.loaded_files, self.total, True, gone)

    def _notices(self, cat: Catalog | None = None) -> list[str]:
        cat = cat or self.cat
        fresh = [n for n in cat.notices if n not in getattr(self, "_said", set())]
        self._said = getattr(self, "_said", set()) | set(fresh)
        return fresh

    def _gone(self, cat: Catalog) -> list[str]:
        with self._lock:
            present = {aid for (aid,) in cat.conn.execute("SELECT id FROM articles")}
        gone = [aid for aid in self.articles if aid not in present]
        for aid in gone:
            del self.articles[aid]
        return gone

    def add(self, rows: list[Row], done: int, total: int, finished: bool) -> None:
        """A batch arrived (UI thread): the list has its rows; the exploration goes on. (The
        loading worker says when loading is finished: a batch handled late must not undo that.)"""
        self.loaded_files, self.total = done, total

    def get(self, article_id: str | None) -> Article | None:
        if not article_id or article_id not in self.articles:
            return None
        if self._open is None or self._open[0] != article_id:
            with self._lock:
                article = self.cat.article(article_id)
            if article is None:
                return None
            self._open = (article_id, article)  # the one article shown: the only text held
        return self._open[1]

    def __len__(self) -> int:
        return len(self.articles)

    def close(self) -> None:
        with self._lock:
            self.cat.close()

    @property
    def formats(self) -> dict[str, tuple[int, int]]:
        """{format: (articles read, files skipped)} for the problems screen."""
        with self._lock:
            read = dict(self.cat.conn.execute("SELECT format, count(*) FROM articles GROUP BY format"))
        skipped = Counter(format_of(p.path) for p in self.problems)
        return {f: (read.get(f, 0), skipped[f]) for f in sorted(set(read) | set(skipped))}

    # --- analysis of one article (worker thread) ------------------------------------------------
    def analyse(self, article: Article) -> Extraction:
        """What the article view can highlight and scroll to: the body's entities and figures
        (the title and date lines are drawn apart), so the panels' counts and `]`/`[` stay honest."""
        stored = None
        if self.extractor is None:
            with self._lock:
                stored = self.cat.stored_extraction(article.id)
        extraction = Extraction(*stored) if stored else (self.extractor or analysis.analyse)(article)
        return analysis.in_body(article, extraction)

    # --- search (the search screen's worker) ------------------------------------------------------
    def search(self, query: str) -> Found:
        """What the search screen shows at once: the order of every result, the first screenful's
        snippets, counts up to a cap; `complete` then counts and details the rest."""
        with self._lock:
            return search_as_typed(self.cat.search, query, detail=FIRST_DETAIL, exact_counts=False)

    def complete(self, found: Found) -> Found:
        with self._lock:
            return self.cat.complete(found)

    def hits(self, article_id: str, query: str) -> list[tuple[int, int]]:
        with self._lock:
            return self.cat.hits(article_id, parse_query(query, prefix_last=True))

    def index_status(self) -> str:
        if self.index_finished or self.phase == "analysing":  # the second phase: every file is searchable
            return ""
        return f"indexed {grouped(self.loaded_files)} of {plural(self.total, 'file')} so far"

    # --- exploration ----------------------------------------------------------------------------
    def start_exploring(self) -> bool:
        """Start the corpus-wide exploration if it has not started (the catalogue's: if it is not
        running and a view wants rows not read yet); True if the caller must now run
        `explore_all` in a worker."""
        with self._explore_lock:
            again = isinstance(self.exploration, CatalogExploration) and self.exploration.pending()
            if self._explore_started and (self._exploring or not again):
                return False
            self._explore_started = self._exploring = True
            return True

    def explore_all(self, cancelled: Callable[[], bool]) -> Iterator[int]:
        """Every listed article's stored extraction (extracted only when stale or asked by a
        custom extractor), article by article, so the views fill while it runs."""
        if isinstance(self.exploration, CatalogExploration):
            yield from self._read_views(cancelled)
            return
        last, seen = time.monotonic(), 0
        while not cancelled():
            finished = self.load_finished  # read before the rows: the worker lists them, then says so
            ids = [aid for aid in list(self.articles)[seen:]]
            seen += len(ids)
            for aid in ids:
                if cancelled():
                    return
                with self._lock:
                    article = self.cat.article(aid)
                if article is None:
                    continue
                try:  # counted as the panels count: the body's mentions (title and date line apart)
                    self.exploration.add(article, self.analyse(article))
                except Exception as err:  # counted as analysed; the views say how many failed
                    self.exploration.add_failure(article, str(err))
                if time.monotonic() - last >= PROGRESS_EVERY:
                    last = time.monotonic()
                    yield len(self.exploration)
            if not ids and finished:
                break
            if not ids:
                time.sleep(0.05)
        yield len(self.exploration)

    def _read_views(self, cancelled: Callable[[], bool]) -> Iterator[int]:
        """The views' rows from the catalogue, step by step (the entities, then the figures as they
        are read). A warm catalogue (every article analysed) is read at once, while the files are
        checked, and again if the check changed it; a catalogue being built, once it is complete."""
        with self._lock:
            count, _, analysed = self.cat.state()
        if not (count and analysed == count):
            while not self.load_finished and not cancelled():
                time.sleep(0.05)
        try:
            yield from self._read_views_until_done(cancelled)
        finally:
            self._exploring = False

    def _read_views_until_done(self, cancelled: Callable[[], bool]) -> Iterator[int]:
        while not cancelled():
            with self._lock:
                before = self.cat.state()
            try:
                for _ in self.exploration.steps():
                    if cancelled():
                        return
                    yield len(self.exploration)
            except Exception as err:  # the views say so; the reader goes on (never a trace)
                self.explore_error = f"could not read the catalogue's entities and figures: {err}"
                yield len(self.exploration)
                return
            while not self.load_finished and not cancelled():
                time.sleep(0.05)
            with self._lock:
                changed = self.cat.state() != before
            with self._explore_lock:  # a view wanting more meanwhile found this worker running
                if not changed and not self.exploration.pending():
                    self._exploring = False
                    return

    def mentioning(self, entity_key: str | None) -> frozenset[str] | None:
        return frozenset(self.exploration.articles_mentioning(entity_key)) if entity_key else None

    def want(self, kind: str) -> None:
        """A view of `kind` ("entities", "figures") opens: the exploration reads its rows."""
        if isinstance(self.exploration, CatalogExploration):
            self.exploration.want(kind)

    def exploration_status(self, kind: str = "figures") -> str:
        """What the views say of the corpus-wide rows of `kind` they show."""
        if isinstance(self.exploration, CatalogExploration):
            if self.explore_error:
                return self.explore_error
            if self.exploration.ready(kind):
                return "read from the catalogue"
            return f"reading the catalogue's {kind}…"
        text = f"analysed {len(self.exploration)} of {len(self.articles)} articles"
        if not self.exploring_done:
            text += " (still going…)"
        failed = len(self.exploration.failed)
        if failed:
            text += f", {failed} failed"
        return text

    def export_figures(self, rows: list[FigureRow], folders: list[Path]) -> Path:
        """Write the rows as CSV in the first folder that takes them; raises the last OSError."""
        return self.export_to(lambda folder: write_figures_csv(rows, folder), folders)

    def export_to(self, write: Callable[[Path], Path], folders: list[Path]) -> Path:
        """`write(folder)` in the first folder that takes it; raises the last OSError."""
        error: OSError | None = None
        for folder in folders:
            try:
                return write(folder)
            except OSError as err:
                error = err
        raise error or OSError("no folder to write to")


class _Stopped(Exception):
    """The update was stopped (the app quits)."""

"""Where the reader's data comes from: the articles, the search index over them and the
corpus-wide exploration (entities and figures of every article).

The reader screen talks to one `CorpusSource` and to nothing else of the corpus: listing,
searching and exploring go through it, so a persistent catalogue (SQLite) replaces the
in-memory corpus and index here, in one place. Nothing here touches the UI: the methods that
take long (`batches`, `index_all`, `explore_all`) are generators the screen's thread workers
iterate, posting a message for what each yields.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterator

from .. import analysis
from ..corpus import Article, Corpus
from ..corpus.search import SearchIndex, SearchResults, parse_query
from ..explore import Exploration, FigureRow, write_figures_csv
from ..extract import Extraction
from .backlog import Backlog

Extractor = Callable[[Article], Extraction]
LIMIT = 50  # corpus search results listed
PROGRESS_EVERY = 0.3  # seconds between progress reports of the index and the exploration


def plural(n: int, noun: str) -> str:
    """`1 article`, `2 articles`, `100 000 articles` (thousands grouped by a space)."""
    return f"{n:,}".replace(",", " ") + f" {noun}{'' if n == 1 else 's'}"


def search_as_typed(index: SearchIndex, query: str, limit: int = LIMIT) -> SearchResults:
    """The query as typed so far: the articles holding its last word whole come first (`thanh hoa`
    puts Thanh Hóa before `thanh hoàn`), then those where it is only the start of a word.

    Hits and snippets cost ~2 ms per result, ranking almost nothing: results are made only once."""
    exact = index.search(query, limit=limit)
    typed = parse_query(query, prefix_last=True)
    if typed.terms == exact.query.terms:
        return exact
    if len(exact.results) >= limit:  # the prefix-only articles would not be listed anyway
        return SearchResults(typed, exact.results, len(index.matching_ids(typed)))
    more = index.search(typed, limit=limit)
    if not exact.results:
        return more
    whole = {r.id for r in exact.results}
    merged = exact.results + tuple(r for r in more.results if r.id not in whole)
    return SearchResults(typed, merged[:limit], more.total)


class CorpusSource:
    def __init__(self, corpus: Corpus, extractor: Extractor | None = None, batch_seconds: float = 0.1) -> None:
        self.corpus = corpus
        self.extractor = extractor or analysis.analyse
        self.batch_seconds = batch_seconds
        self.articles: dict[str, Article] = {}
        self.total = len(getattr(corpus, "paths", ()))
        self.loaded_files = 0
        self.load_finished = False
        self.search_index = SearchIndex()
        self._index_backlog = Backlog()
        self.index_finished = False
        self.exploration = Exploration()
        self._explore_backlog: Backlog | None = None  # started the first time a view needs it
        self.exploring_done = False

    @property
    def name(self) -> str:
        return self.corpus.name

    @property
    def problems(self) -> list:
        return self.corpus.problems

    # --- loading (worker thread) --------------------------------------------------------------
    def batches(self) -> Iterator[tuple[list[Article], list[str], int, int, bool]]:
        """(articles, errors, files done, files in all, finished), a batch every so often."""
        paths = list(getattr(self.corpus, "paths", ()))
        batch, errors = list(self.corpus), []  # anything the caller already loaded
        last, interval, total = time.monotonic(), 0.02, len(paths)
        for i, path in enumerate(paths, 1):
            try:
                article = self.corpus.load_one(path)
            except Exception as err:  # a reader bug must not take the app down
                errors.append(f"could not read {path}: {err}")
                continue
            if article is not None:
                batch.append(article)
            if batch and time.monotonic() - last >= interval:
                yield batch, errors, i, total, False
                # merging a batch costs O(list size) on the UI thread: merge less often as it grows
                batch, errors, last = [], [], time.monotonic()
                interval = self.batch_seconds * (1 + i / 20_000)
        yield batch, errors, total, total, True

    def add(self, articles: list[Article], done: int, total: int, finished: bool) -> None:
        """A batch arrived (UI thread): keep it and hand it to the index and the exploration."""
        for a in articles:
            self.articles[a.id] = a
        self.loaded_files, self.total, self.load_finished = done, total, finished
        for backlog in (self._index_backlog, self._explore_backlog):
            if backlog is not None:
                backlog.put(articles)
                if finished:
                    backlog.close()

    def get(self, article_id: str | None) -> Article | None:
        return self.articles.get(article_id) if article_id else None

    def __len__(self) -> int:
        return len(self.articles)

    # --- analysis of one article (worker thread) ------------------------------------------------
    def analyse(self, article: Article) -> Extraction:
        """What the article view can highlight and scroll to: the body's entities and figures
        (the title and date lines are drawn apart), so the panels' counts and `]`/`[` stay honest."""
        return analysis.in_body(article, self.extractor(article))

    # --- search -------------------------------------------------------------------------------
    def index_all(self, cancelled: Callable[[], bool]) -> Iterator[int]:
        """Index the articles as they load; yields how many are indexed, every so often."""
        last = time.monotonic()
        for article in self._index_backlog.drain(cancelled):
            self.search_index.add(article)
            if time.monotonic() - last >= PROGRESS_EVERY:
                last = time.monotonic()
                yield len(self.search_index)
        yield len(self.search_index)

    def search(self, query: str) -> SearchResults:
        return search_as_typed(self.search_index, query)

    def index_status(self) -> str:
        if self.index_finished:
            return ""
        return f"indexed {len(self.search_index)} of {len(self.articles)} articles so far"

    # --- exploration ----------------------------------------------------------------------------
    def start_exploring(self) -> bool:
        """Start the corpus-wide analysis if it has not started; True if the caller must now
        run `explore_all` in a worker."""
        if self._explore_backlog is not None:
            return False
        self._explore_backlog = Backlog()
        self._explore_backlog.put(list(self.articles.values()))
        if self.load_finished:
            self._explore_backlog.close()
        return True

    def explore_all(self, cancelled: Callable[[], bool]) -> Iterator[int]:
        last = time.monotonic()
        for article in self._explore_backlog.drain(cancelled):
            try:  # counted as the panels count: the body's mentions (title and date line apart)
                self.exploration.add(article, self.analyse(article))
            except Exception as err:  # counted as analysed; the views say how many failed
                self.exploration.add_failure(article, str(err))
            if time.monotonic() - last >= PROGRESS_EVERY:
                last = time.monotonic()
                yield len(self.exploration)
        yield len(self.exploration)

    def mentioning(self, entity_key: str | None) -> frozenset[str] | None:
        return frozenset(self.exploration.articles_mentioning(entity_key)) if entity_key else None

    def exploration_status(self) -> str:
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

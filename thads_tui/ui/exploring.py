"""Mixed into ReaderApp: corpus-wide extraction in a background worker, and the entities and
figures views that show what it has found so far.

The extraction starts the first time a view (or the entity filter) needs it, runs over every
loaded article (and those still loading), and reports progress; the views and an active
"mentions X" filter refresh as it goes.
"""
from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ..corpus import Article
from ..explore import EntityEntry, Exploration, FigureRow, write_figures_csv
from .backlog import Backlog
from .entities_view import EntitiesScreen
from .figures_view import FiguresScreen
from .sidebar import ArticleList

PROGRESS_EVERY = 0.5  # seconds between progress reports (each one refreshes the open view)


class Explored(Message):
    def __init__(self, done: int, finished: bool) -> None:
        super().__init__()
        self.done, self.finished = done, finished


class Exploring:
    # handlers go by name (on_explored): Textual ignores @on in classes that are not widgets
    exploration: Exploration
    explore_backlog: Backlog | None = None
    exploring_done = False
    export_dir: Path | None = None  # where CSV exports go (None: the current directory)

    def start_exploring(self) -> None:
        if self.explore_backlog is not None:
            return
        self.explore_backlog = Backlog()
        self.explore_backlog.put(list(self.articles.values()))
        if self.load_finished:
            self.explore_backlog.close()
        self.explore_corpus()

    def feed_exploration(self, articles: list[Article], finished: bool) -> None:
        if self.explore_backlog is not None:
            self.explore_backlog.put(articles)
            if finished:
                self.explore_backlog.close()

    @work(thread=True, group="explore")
    def explore_corpus(self) -> None:
        worker = get_current_worker()

        def progress() -> None:
            self.post_message(Explored(len(self.exploration), False))

        for article in self.explore_backlog.drain(lambda: worker.is_cancelled, progress, PROGRESS_EVERY):
            try:
                self.exploration.add(article, self.extractor(article))
            except Exception as err:  # counted as analysed; the views say how many failed
                self.exploration.add_failure(article, str(err))
        self.post_message(Explored(len(self.exploration), True))

    def on_explored(self, message: Explored) -> None:
        self.exploring_done = message.finished
        if self.filters.entity:
            self.refilter()
        if isinstance(self.screen, (EntitiesScreen, FiguresScreen)):
            self.screen.refresh_data()

    def exploration_status(self) -> str:
        done, total = len(self.exploration), len(self.articles)
        text = f"analysed {done} of {total} articles"
        if not self.exploring_done:
            text += " (still going…)"
        failed = len(self.exploration.failed)
        if failed:
            text += f", {failed} failed"
        return text

    # --- the views ------------------------------------------------------------------------------
    def action_entities_view(self) -> None:
        self.start_exploring()
        self.push_screen(EntitiesScreen(self.exploration, self.exploration_status), self.list_mentioning)

    def list_mentioning(self, entry: EntityEntry | None) -> None:
        if entry is None:
            return
        self.filter_by_entity(entry.key, entry.name)
        if not self.visible("sidebar"):
            self.action_toggle_panel("sidebar")
        self.sidebar.focus()
        n = len(self.sidebar.shown)
        self.notify(f"{n} article{'s' if n != 1 else ''} mention “{entry.name}”.", timeout=3)

    def action_figures_view(self) -> None:
        self.start_exploring()
        self.push_screen(FiguresScreen(self.exploration, self.exploration_status, self.export_figures),
                         self.open_figure)

    def open_figure(self, row: FigureRow | None) -> None:
        if row is None or row.article_id not in self.articles:
            return
        self.sidebar.select_id(row.article_id)
        self.on_selected(ArticleList.Selected(row.article_id))
        self.chosen_key = None
        self.view.set_marks([(row.start, row.end)])
        self.view.step_mark(1)

    def export_figures(self, rows: list[FigureRow]) -> Path | None:
        """Write the rows as CSV in the export folder (else the current directory, else next to the
        annotations file); tells the user where."""
        folders = [self.export_dir] if self.export_dir is not None else [Path.cwd(), self.ann.path.parent]
        error = None
        for folder in folders:
            try:
                path = write_figures_csv(rows, folder)
            except OSError as err:
                error = err
                continue
            self.notify(f"{len(rows)} figures written to {path}", timeout=10)
            return path
        self.report(f"Figures not exported: {error}")
        return None

"""The main screen: the article list, the article, the panels.

The screen owns the reader's state as reactives (the open article, its note and analysis, the
list filters, the markers, the layout) and hands it down with `data_bind`; widgets tell it what
happened with messages. Workers (loading, analysing, indexing, exploring, saving) only post
messages. Data comes from one `CorpusSource`, writes go through the `Notebook` as save jobs.
"""
from __future__ import annotations

from dataclasses import replace

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header

from ...corpus import Article
from .. import actions, flows
from ..debounce import Debounce
from ..messages import Analysed, Loaded
from ..notebook import Notebook
from ..passages import Passages
from ..source import CorpusSource
from ..state import PANELS, SIDE_PANELS, Analysis, Filters, History, Layout, Markers, header_counts
from ..widgets.article_list import ArticleList
from ..widgets.article_pane import ArticlePane
from ..widgets.article_view import ArticleView
from ..widgets.background import Feed, Saver
from ..widgets.notes_panel import NotesPanel
from ..widgets.panels import EntityPanel, FigurePanel


class ReaderScreen(Screen):
    BINDINGS = actions.bindings("app")

    article: reactive[Article | None] = reactive(None, init=False)
    note = reactive("", init=False)
    analysis = reactive(Analysis(), init=False)
    filters = reactive(Filters(), init=False)
    markers = reactive(Markers(), init=False, always_update=True)
    mentioning: reactive[frozenset[str] | None] = reactive(None, init=False)
    panes = reactive(Layout(), init=False)
    listed = reactive((0, 0), init=False)  # rows shown, rows in all
    progress = reactive((0, 0, False), init=False)  # files done, files in all, finished
    waiting = reactive(False, init=False)  # a save waits for another window
    counts = reactive("")  # the header's second line, computed from all of the above

    def __init__(self, source: CorpusSource, notebook: Notebook, layout: Layout) -> None:
        super().__init__()
        self.source, self.notebook = source, notebook
        self.history = History()
        self.passages = Passages(self)
        self.feed, self.saver = Feed(source), Saver()  # background work: loading, indexing, saving
        self.pending_restore = notebook.last_article
        self.user_moved = False  # until then the cursor follows the top of the list while it loads
        self._save_reading = Debounce(self, 0.5, self.save_reading)
        self.set_reactive(ReaderScreen.panes, layout)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleList(id="sidebar").data_bind(ReaderScreen.markers, ReaderScreen.filters,
                                                      ReaderScreen.mentioning)
            yield ArticlePane(self.notebook.positions, id="reader").data_bind(
                ReaderScreen.note, ReaderScreen.article, ReaderScreen.analysis, ReaderScreen.markers)
            with Horizontal(id="panels"):
                yield EntityPanel(self.type_style, id="entities").data_bind(ReaderScreen.analysis)
                yield FigurePanel(self.type_style, id="figures").data_bind(ReaderScreen.analysis)
                yield NotesPanel(id="notes")
        yield Footer()
        yield self.feed
        yield self.saver

    def on_mount(self) -> None:
        self.title = f"THADS reader — {self.source.name}"
        self.reread()
        self.panes = self.panes.resized(self.app.size.width)
        self.sidebar.focus()
        if self.notebook.problem:
            self.notify(f"{self.notebook.problem} Press l for details, ctrl+r to start a fresh file.",
                        severity="error", timeout=10)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.call_after_refresh(self.repaint))
        self.feed.start()

    def reread(self) -> None:
        """Take the bookmarks and notes from the file again (another window or the CLI may have
        changed it): the markers, the counts and the open note follow."""
        self.markers = Markers.of(self.notebook.ann)
        self.notebook.forget_notes()
        if self.article is not None:
            self.note = self.notebook.note_of(self.article.id)

    def repaint(self) -> None:
        """Styled text (panels, legend) holds the old theme's colours: paint it again."""
        self.analysis = self.analysis.repainted()
        self.pane.show_legend(self.analysis.status)

    # --- widgets ---------------------------------------------------------------------------------
    sidebar: ArticleList = property(lambda self: self.query_one(ArticleList))  # type: ignore[assignment]
    pane: ArticlePane = property(lambda self: self.query_one(ArticlePane))  # type: ignore[assignment]
    view: ArticleView = property(lambda self: self.query_one(ArticleView))  # type: ignore[assignment]
    current = property(lambda self: self.article)  # the open article

    def type_style(self, etype: str):
        return self.pane.type_style(etype)

    # --- the header: never stale, computed from the reactives ---------------------------------
    def compute_counts(self) -> str:
        return header_counts(len(self.source), self.markers, self.progress, self.filters, self.listed,
                             read_only=self.notebook.read_only, waiting=self.waiting, unread=self.passages.reading.unread(),
                             phase=getattr(self.source, "phase", "indexing"), here=self.source.articles)

    def watch_counts(self, counts: str) -> None:
        self.sub_title = counts

    @on(ArticleList.Refiltered)
    def refiltered(self, message: ArticleList.Refiltered) -> None:
        self.listed = (message.shown, message.total)

    # --- layout ------------------------------------------------------------------------------------
    def watch_panes(self, layout: Layout) -> None:
        self.set_class(layout.cls != "wide", "-compact")
        self.set_class(layout.cls == "narrow", "-narrow")
        show = {name: layout.visible(name) for name in PANELS}  # each panel's id is its name
        show["notes"] = show["notes"] and self.passages.has_notes  # only with notes to show
        for name in PANELS:
            self.query_one(f"#{name}").display = show[name]
        self.pane.display = not layout.only_list
        self.query_one("#panels").display = any(show[p] for p in SIDE_PANELS) and not layout.only_list
        focused = self.focused
        if focused is not None and (not focused.display or not focused.parent.display):
            (self.sidebar if show["sidebar"] else self.view).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.panes = self.panes.resized(event.size.width)

    def action_toggle_panel(self, name: str) -> None:
        self.panes = self.panes.toggled(name)
        if name == "sidebar" and self.panes.visible(name):
            self.sidebar.focus()
        self.saver.save(self.notebook.state_job("panels", self.panes.to_state()))

    def action_back(self) -> None:
        if not self.panes.visible("sidebar"):
            self.action_toggle_panel("sidebar")
        self.sidebar.focus()

    # --- loading -------------------------------------------------------------------------------------
    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        for error in message.errors:
            self.notebook.problems.append(error)
            self.notify(error, severity="error")
        self.source.add(message.rows, message.done, message.total, message.finished)
        self.sidebar.add_rows(message.rows)
        if message.gone:
            self.sidebar.drop_rows(message.gone)
        if self.pending_restore in self.source.articles:
            self.sidebar.select_id(self.pending_restore)
            self.open(self.pending_restore)
            self.pending_restore, self.user_moved = None, True
        elif not self.user_moved and self.sidebar.rows and (message.finished or not self.pending_restore):
            self.sidebar.move_to(0, announce=False)
            if self.article is None or self.article.id != self.sidebar.current_id:
                self.open(self.sidebar.current_id)
        if message.finished:
            flows.loading_finished(self)
        self.progress = (message.done, message.total, message.finished)
        self.call_after_refresh(self.source.head_shown.set)  # painted: the worker lists the other rows

    @on(Feed.Grew)
    def grew(self, message: Feed.Grew) -> None:
        if message.what == "explore":
            self.mentioning = self.source.mentioning(self.filters.entity)
        if hasattr(self.app.screen, "source_grew"):
            self.app.screen.source_grew(message.what)

    # --- the open article --------------------------------------------------------------------------
    @on(ArticleList.Highlighted)
    def highlighted(self, message: ArticleList.Highlighted) -> None:
        self.user_moved = True
        if isinstance(message, ArticleList.Selected):
            if self.article is None or self.article.id != message.article_id:
                self.open(message.article_id)
            if self.panes.cls == "narrow":
                self.panes = self.panes.with_panel("sidebar", False)  # one pane at a time
            self.view.focus()
        else:
            self.open(message.article_id)

    def open(self, article_id: str | None, *, remember: bool = True) -> None:
        article = self.source.get(article_id)
        if article is None:
            return
        self.note = self.notebook.note_of(article.id)  # first: the article comes with its note
        self.article = article
        self.analysis = Analysis(article.id)
        self.feed.analyse(article)
        if remember:
            self.history.visit(article.id)
        self._save_reading.poke()  # debounced: holding j writes the file once, when the cursor rests
        self.passages.opened()
        self.call_after_refresh(self.passages.paint)

    # --- passages: selection, highlights, copy, read mark (see passages.py) ----------------------------
    def action_passage(self, method: str, *args) -> None:
        """`passage('highlight')`: selection, highlights, read marks are `Passages`' (and its `Reading`'s) business."""
        getattr(self.passages.reading if hasattr(self.passages.reading, method) else self.passages, method)(*args)

    def watch_note(self, note: str) -> None:
        if self.article is not None:
            self.call_after_refresh(self.passages.paint)

    @on(Analysed)
    def analysed(self, message: Analysed) -> None:
        if message.error:
            self.report(message.error)
        if self.article is not None and message.article_id == self.article.id:
            self.analysis = Analysis(message.article_id, message.extraction, failed=bool(message.error))

    def action_history(self, delta: int) -> None:
        article_id = self.history.step(delta)
        if article_id is None:
            return self.notify("No article further back." if delta < 0 else "No article to go forward to.", timeout=2)
        self.sidebar.select_id(article_id)
        self.open(article_id, remember=False)

    @on(ArticleView.Dragged)
    def dragged(self, message: ArticleView.Dragged) -> None:
        self.passages.dragged(message.start, message.end, message.finished)

    @on(ArticleView.Scrolled)
    def scrolled(self, message: ArticleView.Scrolled) -> None:
        self.notebook.moved(message.article_id, message.offset)
        self._save_reading.poke()

    @on(EntityPanel.Chosen)
    def chosen(self, message: EntityPanel.Chosen) -> None:
        self.passages.chose(message.key)
        self.pane.chosen(message)

    def action_pane(self, method: str, *args) -> None:
        """`pane('next_match', 1)`: what happens inside the article is the pane's business."""
        getattr(self.pane, method)(*args)

    # --- saving ----------------------------------------------------------------------------------------
    @on(Saver.Waiting)
    def save_waits(self, message: Saver.Waiting) -> None:
        self.waiting = message.waiting
        flows.editor_waiting(self, message.waiting)

    @on(Saver.Saved)
    def saved(self, message: Saver.Saved) -> None:
        self.waiting = False
        if message.error:
            self.report(message.error)

    def save_reading(self) -> None:
        for job in self.notebook.reading_jobs(self.article.id if self.article else None):
            self.saver.save(job)

    def on_unmount(self) -> None:
        self._save_reading.cancel()
        self.passages.reading.stop()
        self.saver.finish(self.notebook.reading_jobs(self.article.id if self.article else None))

    def notify(self, message: str, *, markup: bool = False, **kw) -> None:
        """Titles, paths and errors: plain text (Widget.notify would parse them as markup)."""
        self.app.notify(message, markup=markup, **kw)

    def report(self, problem: str) -> None:
        self.notebook.problems.append(problem)
        self.notify(problem, severity="error", timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return self.filters.active  # shown in the footer only while there is something to clear
        return True

    # --- everything else opens a dialog or a view: see flows.py --------------------------------------
    def action_flow(self, name: str) -> None:
        """`flow('edit_note')`: run flows.edit_note(self) (bookmark, note, filters, views, problems)."""
        getattr(flows, name)(self)

    def action_toggle_filter(self, name: str) -> None:
        self.filters = replace(self.filters, **{name: not getattr(self.filters, name)})

    def action_clear_filters(self) -> None:
        if self.filters.active:
            self.filters = Filters()
            self.notify("Filters cleared: every article is listed.", timeout=2)

    def watch_filters(self, filters: Filters) -> None:
        self.mentioning = self.source.mentioning(filters.entity)
        self.refresh_bindings()  # the footer shows "clear filters" only while there are some

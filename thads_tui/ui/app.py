"""The reader app and its factory, shared by the CLI and the tests.

Workers (loading the corpus, analysing an article) only post messages; the handlers here own
all state. Widgets lay out and paint what they are given.
"""
from __future__ import annotations

import gc
import time
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Mapping

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from .. import analysis
from ..corpus import Article, Corpus
from ..explore import Exploration
from ..extract import Extraction
from ..store import Annotations
from .debounce import Debounce
from . import actions
from .cleantext import printable
from .article_view import LEGEND_NAMES, TYPE_CLASS, ArticleView
from .annotating import Annotating
from .corpus_search import CorpusSearching
from .exploring import Exploring
from .filters import Filtering, Filters
from .help import HelpScreen
from .messages import Analysed, Loaded
from .panels import Chosen, EntityPanel, FigurePanel
from .search import SearchActions, SearchInput
from .sidebar import ArticleList

Extractor = Callable[[Article], Extraction]
PANELS = ("sidebar", "entities", "figures")
WIDE, NARROW = 130, 80  # below WIDE the panels fold under the article; below NARROW the list folds


class ReaderApp(CorpusSearching, Exploring, Filtering, SearchActions, Annotating, App):
    CSS_PATH = "app.tcss"
    TITLE = "THADS reader"
    BINDINGS = actions.bindings("app")

    def __init__(self, corpus: Corpus, annotations: Annotations, *, extractor: Extractor | None = None,
                 keymap: Mapping[str, str] | None = None, batch_seconds: float = 0.1,
                 close_annotations: bool = False) -> None:
        super().__init__()
        self.corpus, self.ann = corpus, annotations
        self.extractor = extractor or analysis.analyse
        self.user_keymap = dict(keymap or {})
        self.batch_seconds = batch_seconds
        self.close_annotations = close_annotations
        self.articles: dict[str, Article] = {}
        self.current: Article | None = None
        self.extraction: Extraction | None = None
        self.problems: list[str] = []  # runtime problems (failed saves, failed analyses)
        saved = self.ann.get_state("panels", {}) or {}
        self.prefs = {name: bool(saved.get(name, True)) for name in PANELS}
        self.unfolded: set[str] = set()
        self.terminal_width = 0  # of the terminal, as of the last resize
        self.loading = (0, len(getattr(corpus, "paths", ())))
        self.load_finished = False
        self.pending_restore: str | None = self.ann.get_state("last_article")
        self.chosen_key: str | None = None
        self.user_moved = False  # until then the cursor follows the top of the list while it loads
        self._saved_last: str | None = self.pending_restore
        self._save_last = Debounce(self, 0.5, self.save_last_article)  # one save of the open article's id
        self._notes: dict[str, str] = {}  # article id -> note, as last read or saved here
        self.filters = Filters()
        self.exploration = Exploration()  # corpus-wide entities and figures, filled on demand

    # --- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleList(id="sidebar")
            with Vertical(id="reader"):
                yield Static(id="legend")
                yield ArticleView(id="article")
                yield SearchInput(placeholder="search in this article (accents optional)", id="search", compact=True)
            with Horizontal(id="panels"):
                yield EntityPanel(self.type_style, id="entities")
                yield FigurePanel(self.type_style, id="figures")
        yield Footer()

    def on_mount(self) -> None:
        self.terminal_width = self.size.width
        self.title = printable(f"THADS reader — {self.corpus.name}")
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self.query_one("#search").display = False
        self.sidebar.set_markers(self.ann.bookmarked_ids(), self.ann.annotated_ids())
        self.apply_layout()
        self.sidebar.focus()
        self.show_legend("")
        self.refresh_counts()
        problem = getattr(self.ann, "problem", None)
        if problem:
            self.notify(f"{problem} Press l for details, ctrl+r to start a fresh file.", severity="error", timeout=10)
        self.theme_changed_signal.subscribe(self, self.on_theme_changed)
        self.start_indexing()
        self.load_corpus()

    def on_theme_changed(self, _theme) -> None:
        """Panels and legend hold styled text: repaint them in the new theme's colours."""
        if self.current is not None and self.extraction is not None:
            self.call_after_refresh(self.show_analysis, self.extraction, "")
        else:
            self.call_after_refresh(self.show_legend, "")

    @property
    def sidebar(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def type_style(self, etype: str) -> Style:
        return self.view.get_component_rich_style(TYPE_CLASS[etype], partial=True)

    def visible(self, name: str) -> bool:
        folded = self.terminal_width < (NARROW if name == "sidebar" else WIDE) and name not in self.unfolded
        return self.prefs[name] and not folded

    def apply_layout(self) -> None:
        width = self.terminal_width
        self.set_class(width < WIDE, "-compact")
        self.set_class(width < NARROW, "-narrow")
        show = {name: self.visible(name) for name in PANELS}
        only_list = width < NARROW and show["sidebar"]
        self.sidebar.display = show["sidebar"]
        self.query_one("#reader").display = not only_list
        self.query_one("#entities").display = show["entities"]
        self.query_one("#figures").display = show["figures"]
        self.query_one("#panels").display = (show["entities"] or show["figures"]) and not only_list
        focused = self.focused
        if focused is not None and not focused.display or focused is not None and not focused.parent.display:
            (self.sidebar if show["sidebar"] else self.view).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.terminal_width = event.size.width
        self.apply_layout()

    def action_toggle_panel(self, name: str) -> None:
        if self.visible(name):
            self.prefs[name] = False
            self.unfolded.discard(name)
        else:
            self.prefs[name] = True
            self.unfolded.add(name)
        self.apply_layout()
        if name == "sidebar" and self.visible(name):
            self.sidebar.focus()
        self.save_state("panels", dict(self.prefs))

    # --- loading ----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        paths = list(getattr(self.corpus, "paths", ()))
        batch = list(self.corpus)  # anything the caller already loaded
        last, interval, total = time.monotonic(), 0.02, len(paths)
        for i, path in enumerate(paths, 1):
            try:
                article = self.corpus.load_one(path)
            except Exception as err:  # a reader bug must not take the app down
                self.post_message(Analysed("", None, f"could not read {path}: {err}"))
                continue
            if article is not None:
                batch.append(article)
            if batch and time.monotonic() - last >= interval:
                self.post_message(Loaded(batch, i, total, False))
                # merging a batch costs O(list size) on the UI thread: merge less often as it grows
                batch, last, interval = [], time.monotonic(), self.batch_seconds * (1 + i / 20_000)
        self.post_message(Loaded(batch, total, total, True))

    @on(Loaded)
    def on_loaded(self, message: Loaded) -> None:
        for a in message.articles:
            self.articles[a.id] = a
        self.sidebar.add_rows(message.rows)
        self.feed_index(message.articles, message.finished)
        self.feed_exploration(message.articles, message.finished)
        self.loading, self.load_finished = (message.done, message.total), message.finished
        if self.pending_restore in self.articles:
            self.sidebar.select_id(self.pending_restore)
            self.open(self.pending_restore)
            self.pending_restore, self.user_moved = None, True
        elif not self.user_moved and self.sidebar.rows and (message.finished or not self.pending_restore):
            self.sidebar.move_to(0, announce=False)
            if self.current is None or self.current.id != self.sidebar.current_id:
                self.open(self.sidebar.current_id)
        if message.finished:
            # 100,000 articles are long-lived objects: keep the cyclic GC from rescanning them on
            # every full collection (tens of ms per key otherwise)
            gc.freeze()
            self.pending_restore = None
            if not self.articles:
                self.sidebar.empty_text = "No articles."
                self.sidebar.refresh()
                self.view.empty_text = "No articles to read. Press l to see why."
                self.view.refresh()
            skipped = len(self.corpus.problems)
            if skipped:
                self.notify(f"{skipped} file{'s' if skipped > 1 else ''} skipped. Press l to see why.",
                            severity="warning", timeout=8)
        self.refresh_counts()

    def refresh_counts(self) -> None:
        done, total = self.loading
        counts = [f"{len(self.articles):,} articles".replace(",", " "),
                  f"{len(self.sidebar.bookmarked)} ★", f"{len(self.sidebar.annotated)} ✎"]
        if not self.load_finished:
            counts.insert(0, f"loading {done}/{total}…")
        if self.ann.read_only:
            counts.append("read-only")
        if self.filters.active:
            counts.append(self.filter_status())
        self.sub_title = printable(" · ".join(counts))

    # --- the open article ---------------------------------------------------------------------
    @on(ArticleList.Highlighted)
    def on_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.user_moved = True
        self.open(message.article_id)

    @on(ArticleList.Selected)
    def on_selected(self, message: ArticleList.Selected) -> None:
        self.user_moved = True
        if self.current is None or self.current.id != message.article_id:
            self.open(message.article_id)
        if self.terminal_width < NARROW:
            self.unfolded.discard("sidebar")  # one pane at a time: the article replaces the list
        self.apply_layout()
        self.view.focus()

    def open(self, article_id: str) -> None:
        article = self.articles.get(article_id)
        if article is None:
            return
        self.current, self.extraction, self.chosen_key = article, None, None
        self.corpus_query = ""
        self.view.show(article, self.note_of(article.id))
        self.show_analysis(None, "analysing…")
        self.analyse(article)
        search = self.query_one(SearchInput)
        if search.display and search.value:
            self.run_search(search.value)
        # debounced: holding j writes the file once, when the cursor rests (and on quit)
        self._save_last.poke()

    @work(thread=True, exclusive=True, group="analyse")
    def analyse(self, article: Article) -> None:
        try:
            self.post_message(Analysed(article.id, self.extractor(article)))
        except Exception as err:  # shown to the user, never a stack trace
            self.post_message(Analysed(article.id, None, f"could not analyse “{article.title}”: {err}"))

    @on(Analysed)
    def on_analysed(self, message: Analysed) -> None:
        if message.error:
            self.problems.append(message.error)
            self.notify(message.error, severity="error")
        if self.current is None or message.article_id != self.current.id:
            return
        self.extraction = self.in_body(message.extraction)
        self.show_analysis(self.extraction, "analysis failed" if message.error else "")

    def in_body(self, extraction: Extraction | None) -> Extraction | None:
        """What the article view can highlight and scroll to: the body's entities and figures (the
        title and date lines are drawn apart), so the panels' counts and `]`/`[` stay honest."""
        return None if extraction is None else analysis.in_body(self.current, extraction)

    def show_analysis(self, extraction: Extraction | None, status: str) -> None:
        spans = []
        if extraction is not None:
            spans = [(e.start, e.end, e.type) for e in extraction.entities]
            spans += [(f.start, f.end, "FIGURE") for f in extraction.figures]
            status = f"{len(extraction.entities)} ent. · {len(extraction.figures)} fig."
        self.view.set_highlights(spans)
        self.query_one(EntityPanel).show(extraction, status)
        self.query_one(FigurePanel).show(extraction, status)
        self.show_legend(status)

    def legend(self) -> Text:
        return Text("  ").join(Text(f"■ {name}", style=self.type_style(t)) for t, name in LEGEND_NAMES.items())

    def show_legend(self, status: str) -> None:
        """What the analysis found (or that it is running), then the colour key."""
        head = Text(status + "  │  ", style="italic dim") if status else Text()
        self.query_one("#legend", Static).update(Text.assemble(head, self.legend()))

    @on(Chosen)
    def on_chosen(self, message: Chosen) -> None:
        if message.key != self.chosen_key:
            self.chosen_key = message.key
            self.view.set_marks(message.occurrences)
        self.action_next_mark(1)

    def action_next_mark(self, delta: int) -> None:
        i = self.view.step_mark(delta)
        if i >= 0:
            self.notify(f"occurrence {i + 1} of {len(self.view.marks)}", timeout=2)

    def on_unmount(self) -> None:
        self.save_last_article()
        if self.close_annotations:
            self.ann.close()

    # --- dialogs, palette, focus --------------------------------------------------------------
    def notify(self, message: str, *, markup: bool = False, **kw) -> None:
        """Notifications carry titles, paths and error messages: plain text unless asked."""
        super().notify(message if markup else printable(message), markup=markup, **kw)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.user_keymap, self.legend()))

    def action_back(self) -> None:
        if not self.visible("sidebar"):
            self.action_toggle_panel("sidebar")
        self.sidebar.focus()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for a in actions.palette_actions():
            keys = actions.display_keys(a, self.user_keymap)
            yield SystemCommand(a.label, escape(f"{a.help} (key: {keys})"), partial(self.run_action, a.action))


def create_app(paths: list[str] | None, db_path: Path, *, read_only: bool = False, **kw) -> ReaderApp:
    """The app on these files/folders (None: the bundled seeds) with annotations in db_path."""
    return ReaderApp(Corpus(paths or None), Annotations(db_path, read_only=read_only), close_annotations=True, **kw)

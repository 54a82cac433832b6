"""The reading column: the legend (analysis status and colour key), the article, the search box.

Its state comes down from the reader screen by `data_bind`: the open article, its note and its
analysis. It owns what happens inside the article: the in-article search, the matches of a
corpus search, and the occurrences of what a panel chose.
"""
from __future__ import annotations

from typing import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Input, Static

from ...corpus import Article
from ..cleantext import printable
from ..state import Analysis
from ..textsearch import find_all
from .article_view import TYPE_CLASS, TYPE_NAMES, ArticleView
from .panels import Chosen
from .search_box import SearchInput


class ArticlePane(Vertical):
    article: reactive[Article | None] = reactive(None, init=False)
    note = reactive("", init=False)
    analysis: reactive[Analysis] = reactive(Analysis(), init=False)
    markers = reactive(None, init=False, always_update=True)  # state.Markers: ★ ✎ and tags in the header

    def __init__(self, positions: Mapping[str, int], **kw) -> None:
        super().__init__(**kw)
        self.positions = positions  # article id -> text offset of the first line read
        self.corpus_query = ""  # the corpus search whose hits are marked (none: "")
        self.chosen_key: str | None = None
        self.chosen_label: str | None = None  # its name, for `]`'s "“Gia Lai”: occurrence 2 of 5"

    def compose(self) -> ComposeResult:
        yield Static(id="legend")
        yield ArticleView(id="article")
        yield SearchInput(placeholder="search in this article (accents optional)", id="search", compact=True)

    def on_mount(self) -> None:
        self.search_box.display = False
        self.show_legend("")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def search_box(self) -> SearchInput:
        return self.query_one(SearchInput)

    # --- state from the screen ------------------------------------------------------------------
    def watch_note(self, note: str) -> None:
        if self.view.article is self.article:
            self.view.set_note(note)

    def watch_article(self, article: Article | None) -> None:
        self.chosen_key, self.corpus_query = None, ""
        self.view.badges = self.badges()  # laid out once, with the article
        self.view.show(article, self.note, self.positions.get(article.id, 0) if article else 0)
        if self.search_box.display and self.search_box.value:
            self.run_search(self.search_box.value)

    def watch_markers(self) -> None:
        if self.view.article is self.article:
            self.view.set_badges(self.badges())

    def badges(self) -> str:
        """★ bookmarked · ✎ noted · # its tags (T edits them) · its highlights' tags apart: "" when none."""
        m, a = self.markers, self.article
        if m is None or a is None:
            return ""
        marks = ["★ bookmarked" if a.id in m.bookmarked else "", "✎ noted" if a.id in m.annotated else ""]
        own = m.own_tags.get(a.id, [])
        if own:
            marks.append("# " + ", ".join(own))
        passages = [t for t in m.tags.get(a.id, []) if t not in own]
        if passages:
            marks.append("highlights # " + ", ".join(passages))
        return " · ".join(x for x in marks if x)

    def watch_analysis(self, analysis: Analysis) -> None:
        x = analysis.extraction
        if self.article is None or analysis.article_id != self.article.id:
            return
        spans = [] if x is None else [(e.start, e.end, e.type) for e in x.entities]
        spans += [] if x is None else [(f.start, f.end, "FIGURE") for f in x.figures]
        self.view.set_highlights(spans)
        self.show_legend(analysis.status)

    def type_style(self, etype: str):
        return self.view.get_component_rich_style(TYPE_CLASS[etype], partial=True)

    def legend(self) -> Text:
        """The colour key, in the words the panels use."""
        return Text("  ").join(Text(f"■ {name}", style=self.type_style(t)) for t, name in TYPE_NAMES.items())

    def show_legend(self, status: str) -> None:
        """What the analysis found (or that it is running), then the colour key."""
        head = Text(status + "  │  ", style="italic dim") if status else Text()
        self.query_one("#legend", Static).update(Text.assemble(head, self.legend()))

    # --- panels: occurrences of the chosen entity or figure ------------------------------------
    def chosen(self, message: Chosen) -> None:
        """A panel chose an entity or figure (the screen passes it on): mark and go to it."""
        if message.key != self.chosen_key:
            self.chosen_key = message.key
            self.chosen_label = message.label
            self.view.set_marks(message.occurrences)
        self.next_mark(1)

    def mark(self, start: int, end: int) -> None:
        """Mark one span (a figure chosen in the figures view) and go to it."""
        self.chosen_key = self.chosen_label = None
        self.view.set_marks([(start, end)])
        self.view.step_mark(1)

    def next_mark(self, delta: int) -> None:
        i = self.view.step_mark(delta)
        label = printable(self.chosen_label or "")
        of = f"“{label if len(label) <= 40 else label[:39] + '…'}”: " if label else ""
        self.notify(f"{of}occurrence {i + 1} of {len(self.view.marks)}" if i >= 0 else
                    "Choose an entity or a figure in a panel first (e, f): ] and [ step through it.", timeout=2)

    # --- search in the article ------------------------------------------------------------------
    def open_search(self) -> None:
        self.search_box.display = True
        self.search_box.focus()

    @on(Input.Changed, "#search")
    def typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        hits = find_all(self.article.text, query) if self.article else []
        self.view.set_search([(s, e) for s, e in hits if self.article.in_body(s)])
        self.next_match(1) if self.view.search_hits else self.show_match_status()

    def show_corpus_hits(self, query: str, hits: list[tuple[int, int]]) -> bool:
        """Mark a corpus search's hits in the body; False if they are all in the title."""
        hits = [h for h in hits if self.article is not None and self.article.in_body(h[0])]
        self.corpus_query = query
        self.view.set_search(hits)
        if hits:
            self.next_match(1)
        return bool(hits)

    @on(SearchInput.Step)
    def step(self, message: SearchInput.Step) -> None:
        self.next_match(message.delta)

    def next_match(self, delta: int) -> None:
        if not (self.search_box.value.strip() or self.corpus_query):
            self.notify("No search yet: / searches this article, ctrl+f every article.", timeout=2)
            return
        self.view.step_search(delta)
        self.show_match_status()

    def show_match_status(self) -> None:
        query = self.search_box.value.strip() or self.corpus_query
        hits, i = self.view.search_hits, self.view.search_index
        status = (f"match {i + 1} of {len(hits)}" if hits else "no match") if query else ""
        self.search_box.border_title = status
        self.show_legend(printable(f"“{query}”: {status}") if query else self.analysis.status)

    @on(SearchInput.Close)
    def close_search(self) -> None:
        self.search_box.value = ""
        self.search_box.display = False
        self.corpus_query = ""
        self.view.set_search([])
        self.view.focus()

"""Searching every article: the catalogue's full-text index (brought up to date in the
background at launch), and the search screen (results as you type, each with title, date and snippets with the hits highlighted).

Opening a result shows the article scrolled to its first hit with every hit marked; F3 and
shift+F3 step through them like through in-article matches.
"""
from __future__ import annotations

import time
from typing import Callable

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.worker import get_current_worker
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...corpus.catalog import Found as SearchResults
from ...corpus.catalog.search import Hit as SearchResult
from .. import actions
from ..cleantext import printable
from ..debounce import Debounce
from ..source import LIMIT

DEBOUNCE = 0.15  # seconds of quiet typing before a search runs


class ResultList(OptionList):
    COMPONENT_CLASSES = {"result-list--hit", "result-list--meta"}

    def prompt(self, n: int, result: SearchResult) -> Group:
        """Number, title and date, then the snippets indented under them (wrapped lines too)."""
        meta = self.get_component_rich_style("result-list--meta", partial=True)
        head = Text.assemble((f"{n:>2}. ", meta), (printable(result.title), "bold"),
                             ("  " + printable(result.date or "no date"), meta))
        return Group(head, Padding(self.snippets(result), (0, 0, 0, 4)))

    def snippets(self, result: SearchResult) -> Text:
        hit = self.get_component_rich_style("result-list--hit", partial=True)
        lines = []
        for s in result.snippets:
            line = Text("…" if s.cut_before else "")
            body = Text(printable(s.text))  # same length: the hits stay on their words
            for a, b in s.hits:
                body.stylize(hit, a, b)
            line.append_text(body)
            if s.cut_after:
                line.append("…")
            lines.append(line)
        return Text("\n").join(lines)


class CorpusSearchScreen(ModalScreen["tuple[str, SearchResult] | None"]):
    """Type to search every article; enter (or a click) opens the highlighted result."""

    BINDINGS = actions.bindings("corpus_search")

    class Found(Message):
        def __init__(self, query: str, results: SearchResults | None, seconds: float, open_it: bool) -> None:
            super().__init__()
            self.query, self.results, self.seconds, self.open_it = query, results, seconds, open_it

    def __init__(self, search: Callable[[str], SearchResults], status: Callable[[], str], query: str = "",
                 complete: Callable[[SearchResults], SearchResults] | None = None) -> None:
        super().__init__(classes="view-screen")
        self.run_search, self.index_status, self.initial = search, status, query
        self.complete = complete  # counts and details what `search` showed at once
        self.results: tuple[SearchResult, ...] = ()
        self.shown_query: str | None = None
        self.last_seconds = 0.0
        self._typing = Debounce(self, DEBOUNCE, self.run_query)

    def compose(self) -> ComposeResult:
        with Vertical(id="corpus-search", classes="view"):
            yield Static("Search all articles  [dim]enter opens the highlighted result at its first hit · ↑/↓ choose · esc back[/]", classes="dialog-title")
            yield Input(placeholder="words, \"a phrase\", prefix*  (accents and case optional)",
                        id="corpus-query", select_on_focus=False)
            yield Static(id="corpus-status", markup=False)
            yield ResultList(id="corpus-results")
            yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#corpus-query", Input)
        box.value = self.initial
        box.cursor_position = len(self.initial)
        box.focus()
        self.show_status()

    @property
    def query_text(self) -> str:
        return self.query_one("#corpus-query", Input).value

    @on(Input.Changed, "#corpus-query")
    def typed(self, event: Input.Changed) -> None:
        self._typing.poke()

    def run_query(self) -> None:
        query = self.query_text
        if not query.strip():
            self.show([], "")
            return
        self.search(query)

    def source_grew(self, what: str) -> None:
        if what == "index":
            self.index_grew()

    def index_grew(self) -> None:
        """More articles were indexed: the same query may find more."""
        if self.query_text.strip() and not self._typing.pending:
            self.search(self.query_text)
        else:
            self.show_status()

    @work(thread=True, exclusive=True, group="corpus-search")
    def search(self, query: str, open_it: bool = False) -> None:
        started = time.perf_counter()
        try:
            found = self.run_search(query)
        except Exception as err:  # the engine promises not to raise; the screen must not die if it does
            self.post_message(self.Found(query, None, 0.0, False))
            self.app.call_from_thread(self.app.notify, f"search failed: {err}", severity="error")
            return
        seconds = time.perf_counter() - started  # what the user waited for: the results on screen
        self.post_message(self.Found(query, found, seconds, open_it))
        if self.complete is not None and not found.is_complete and not get_current_worker().is_cancelled:
            try:  # the first results are on screen: now the exact counts and the other snippets
                found = self.complete(found)
            except Exception:  # noqa: BLE001 - the results shown stay; their snippets come on opening
                return
            if not get_current_worker().is_cancelled:
                self.post_message(self.Found(query, found, seconds, False))

    @on(Found)
    def found(self, message: Found) -> None:
        if message.query != self.query_text:
            return  # the user typed on meanwhile
        self.last_seconds = message.seconds
        self.show(message.results.results if message.results else [], message.query, message.results)
        if message.open_it:
            self.action_open()

    def show(self, results, query: str, found: SearchResults | None = None) -> None:
        # the same query's second step keeps a result the user moved to; otherwise the best is highlighted
        moved = query == self.shown_query and bool(self.query_one(ResultList).highlighted)
        keep = self.current_result() if moved else None
        self.results = tuple(results)
        self.shown_query = query
        listing = self.query_one(ResultList)
        listing.clear_options()
        listing.add_options(Option(listing.prompt(n, r), id=r.id) for n, r in enumerate(self.results, 1))
        if self.results:
            ids = [r.id for r in self.results]
            listing.highlighted = ids.index(keep.id) if keep is not None and keep.id in ids else 0
        self.show_status(found)

    def show_status(self, found: SearchResults | None = None) -> None:
        parts = []
        query = self.query_text.strip()
        if not query:
            parts.append("Type words to find the articles holding all of them; \"quotes\" for a phrase.")
        elif found is not None:
            if found.error:
                parts.append(found.error)
            elif found.total:
                parts.append(found.summary if found.total <= LIMIT else f"{found.summary}, the best {LIMIT} listed")
            else:
                parts.append("no article holds all of these words")
            parts.extend(found.notes)
            if not found.error:
                parts.append(f"{self.last_seconds * 1000:.0f} ms")
        status = self.index_status()
        if status:
            parts.append(status)
        self.query_one("#corpus-status", Static).update(printable(" · ".join(parts)))

    def current_result(self) -> SearchResult | None:
        i = self.query_one(ResultList).highlighted
        return self.results[i] if i is not None and 0 <= i < len(self.results) else None

    # --- keys -----------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        listing = self.query_one(ResultList)
        if self.results:
            i = listing.highlighted if listing.highlighted is not None else -1
            listing.highlighted = max(0, min(len(self.results) - 1, i + delta))

    @on(Input.Submitted, "#corpus-query")
    def action_open(self) -> None:
        if self._typing.pending:  # enter before the debounce ran: search now (in the worker), open after
            self._typing.cancel()
            if self.query_text.strip():
                self.search(self.query_text, open_it=True)
            return
        result = self.current_result()
        if result is not None:
            self.dismiss((self.shown_query or "", result))

    @on(OptionList.OptionSelected, "#corpus-results")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((self.shown_query or "", self.results[event.option_index]))

    def action_close(self) -> None:
        self.dismiss(None)

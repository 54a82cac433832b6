"""Searching inside the open article: the search box and the app's search actions."""
from __future__ import annotations

from textual.widgets import Input

from . import actions
from .textsearch import find_all


class SearchInput(Input):
    BINDINGS = actions.bindings("search")

    def action_next_match(self, delta: int) -> None:
        self.app.action_next_match(delta)

    def action_close_search(self) -> None:
        self.app.action_close_search()


class SearchActions:
    """Mixed into ReaderApp: `/` opens the box, typing highlights matches (accents optional),
    enter/F3 and shift+F3/up step through them, escape closes the box."""

    corpus_query = ""  # the corpus search whose hits are marked in the open article (none: "")

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.display = True
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.run_search(event.value)

    def run_search(self, query: str) -> None:
        hits = find_all(self.current.text, query) if self.current else []
        self.view.set_search([(s, e) for s, e in hits if self._in_body(s)])
        self.action_next_match(1) if self.view.search_hits else self.show_match_status()

    def _in_body(self, offset: int) -> bool:
        return self.current.in_body(offset)

    def action_next_match(self, delta: int) -> None:
        self.view.step_search(delta)
        self.show_match_status()

    def show_match_status(self) -> None:
        query = self.query_one(SearchInput).value.strip() or self.corpus_query
        hits, i = self.view.search_hits, self.view.search_index
        status = (f"match {i + 1} of {len(hits)}" if hits else "no match") if query else ""
        self.query_one(SearchInput).border_title = status
        self.show_legend(f"“{query}”: {status}" if query else "")

    def action_close_search(self) -> None:
        search = self.query_one(SearchInput)
        search.value = ""
        search.display = False
        self.corpus_query = ""
        self.view.set_search([])
        self.view.focus()

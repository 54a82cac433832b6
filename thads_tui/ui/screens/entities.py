"""Every entity of the corpus: its type and how many articles (and mentions) name it.

Filter as you type (accents optional), sort by any column; enter lists the articles that
mention the highlighted entity (the app filters the article list by it).
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from ...explore import EntityEntry, filter_entities, sort_entities
from .. import actions
from ..widgets.article_view import TYPE_NAMES
from ..debounce import Debounce
from .table import TableScreen, clip

DEBOUNCE = 0.15  # seconds of quiet typing before the table is filtered again


class EntitiesScreen(TableScreen):
    BINDINGS = actions.bindings("entities_view")
    COLUMNS = (("name", "Entity"), ("type", "Type"), ("articles", "Articles"), ("mentions", "Mentions"))
    DEFAULT_SORT = "articles"
    DESCENDING = frozenset({"articles", "mentions"})  # the most first
    NOUN = "entities"
    KIND = "entities"

    def compose(self) -> ComposeResult:
        with Vertical(id="entities-view", classes="view"):
            yield Static("Entities in all articles  [dim]type to filter · ↑/↓ choose · enter lists the articles that mention it · click a header to sort[/]", classes="dialog-title")
            yield Input(placeholder="filter: part of a name or a type (accents optional)", id="entities-filter")
            yield Static(classes="view-status", markup=False)
            yield DataTable(id="entities-table", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:  # after TableScreen.on_mount (Textual calls both)
        self._typing = Debounce(self, DEBOUNCE, lambda: self.redraw())  # looked up when it fires
        self.table.can_focus = False  # typing always goes to the filter box; its arrows move the table
        self.query_one("#entities-filter", Input).focus()

    def extra_status(self) -> str:
        return "mentions: in the bodies, as in the panel (titles and date lines not counted)"

    def fetch(self) -> list[EntityEntry]:
        return self.exploration.entities()

    def order_rows(self, rows: list[EntityEntry]) -> list[EntityEntry]:
        text = self.query_one("#entities-filter", Input).value
        return sort_entities(filter_entities(rows, text), self.sort_by, self.reverse)

    def identity(self, row: EntityEntry) -> str:
        return row.key

    def cells(self, row: EntityEntry) -> tuple:
        # the name takes what the type (15), the counts (2 × 9) and the paddings leave: all four fit
        name = max(12, min(80, self.spare(46)))
        return Text(clip(row.name, name)), Text(TYPE_NAMES.get(row.type, row.type.lower())), row.article_count, row.mentions

    @on(Input.Changed, "#entities-filter")
    def typed(self) -> None:
        # up to MAX_ROWS rows re-filtered, re-sorted and rebuilt: once typing pauses, not per key
        self._typing.poke()

    @on(Input.Submitted, "#entities-filter")
    def submitted(self) -> None:
        self._typing.flush()  # enter before the debounce ran: filter now, then choose
        self.action_choose()

"""The filters dialog: bookmarked, with a note, unread, year, source, tag, mentions an entity.

They combine (all must hold); every change applies at once (the screen's `filters` reactive),
shows in the header and clears with one key.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Select, Static

from .. import actions
from ..cleantext import printable
from ..state import Filters, choices
from ..widgets.article_list import Row


class FilterScreen(ModalScreen[None]):
    """Choose the filters; every change applies at once (escape closes)."""

    BINDINGS = actions.bindings("filters")

    def __init__(self, filters: Filters, rows: list[Row], apply: Callable[[Filters], None], *, tags=None) -> None:
        super().__init__(classes="dialog-screen")
        self.filters, self.apply = filters, apply
        self.years, self.sources = choices(rows)
        self.store = tags  # the annotations: tags in use and the articles carrying one
        try:
            self.tags = tags.all_tags() if tags is not None else []
        except Exception:  # a damaged file: no tag filter, never a trace
            self.tags = []

    def compose(self) -> ComposeResult:
        f = self.filters
        with Vertical(id="filters", classes="dialog"):
            yield Static("Filter the article list", classes="dialog-title")
            yield Checkbox("Bookmarked only ★", f.bookmarked, id="filter-bookmarked")
            yield Checkbox("With a note only ✎", f.annotated, id="filter-annotated")
            yield Checkbox("Unread only", f.unread, id="filter-unread")
            with Horizontal(classes="filter-row"):
                yield Static("Year", classes="filter-label")
                yield Select([(Text(y), y) for y in self.years], prompt="any year", value=f.year or Select.NULL,
                             id="filter-year")
            with Horizontal(classes="filter-row"):
                yield Static("Source", classes="filter-label")
                yield Select([(Text(printable(s)), s) for s in self.sources], prompt="any source", value=f.source or Select.NULL,
                             id="filter-source")
            with Horizontal(classes="filter-row"):
                yield Static("Tag", classes="filter-label")
                yield Select([(Text(printable(t)), t) for t in self.tags], prompt="any tag", value=f.tag or Select.NULL,
                             id="filter-tag")
            with Horizontal(classes="filter-row"):
                yield Static("Mentions", classes="filter-label")
                yield Static(self._entity_text(), id="filter-entity", markup=False)
                yield Button("Any", id="filter-entity-clear", compact=True, disabled=not f.entity)
            with Horizontal(classes="buttons"):
                yield Button("Clear all", id="filter-clear", compact=True)
                yield Button("Close", id="filter-close", variant="primary", compact=True)
            yield Footer()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < 80, "-narrow")  # labels above their controls

    def _entity_text(self) -> str:
        if self.filters.entity:
            return printable(f"“{self.filters.entity_name or self.filters.entity}”")
        keys = actions.display_keys(actions.BY_ID["reader.entities_view"], getattr(self.app, "user_keymap", None))
        return f"any entity (choose one in the entities view, key {keys})"

    def change(self, **kw) -> None:
        new = replace(self.filters, **kw)
        if new != self.filters:
            self.filters = new
            self.apply(new)

    @on(Checkbox.Changed)
    def on_checkbox(self, event: Checkbox.Changed) -> None:
        name = event.checkbox.id.removeprefix("filter-")
        if name == "unread":  # the articles read now: one read meanwhile stays listed
            read = frozenset(self.store.read_ids()) if event.value and self.store is not None else frozenset()
            self.change(unread=event.value, read_ids=read)
            return
        self.change(**{name: event.value})

    @on(Select.Changed)
    def on_select(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        name = event.select.id.removeprefix("filter-")
        if name == "tag":
            ids = frozenset(self.store.tagged_ids(value)) if value and self.store is not None else frozenset()
            self.change(tag=value, tag_ids=ids)
            return
        self.change(**{name: value})

    @on(Button.Pressed, "#filter-entity-clear")
    def clear_entity(self) -> None:
        self.change(entity=None, entity_name=None)
        self.query_one("#filter-entity", Static).update(self._entity_text())
        self.query_one("#filter-entity-clear", Button).disabled = True

    @on(Button.Pressed, "#filter-clear")
    def action_clear_all(self) -> None:
        self.change(bookmarked=False, annotated=False, year=None, source=None, entity=None, entity_name=None,
                    tag=None, tag_ids=frozenset(), unread=False, read_ids=frozenset())
        with self.prevent(Checkbox.Changed, Select.Changed):
            self.query_one("#filter-bookmarked", Checkbox).value = False
            self.query_one("#filter-annotated", Checkbox).value = False
            self.query_one("#filter-unread", Checkbox).value = False
            self.query_one("#filter-year", Select).clear()
            self.query_one("#filter-source", Select).clear()
            self.query_one("#filter-tag", Select).clear()
        self.query_one("#filter-entity", Static).update(self._entity_text())
        self.query_one("#filter-entity-clear", Button).disabled = True

    @on(Button.Pressed, "#filter-close")
    def action_close(self) -> None:
        self.dismiss(None)

"""Filters on the article list: bookmarked, with a note, year, source, mentions an entity.

They combine (all must hold), show in the header and clear with one key. The list filters by
building the sub-list of rows it shows (`ArticleList.set_filter`), never by rebuilding widgets.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import reduce
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Select, Static

from . import actions
from .cleantext import printable
from .sidebar import Row


@dataclass(frozen=True, slots=True)
class Filters:
    bookmarked: bool = False
    annotated: bool = False
    year: str | None = None
    source: str | None = None
    entity: str | None = None  # the entity's key (explore.name_key of its canonical name)
    entity_name: str | None = None

    @property
    def active(self) -> bool:
        return self != Filters()

    def labels(self) -> list[str]:
        out = []
        if self.bookmarked:
            out.append("★")
        if self.annotated:
            out.append("✎")
        if self.year:
            out.append(self.year)
        if self.source:
            out.append(f"source “{self.source}”")
        if self.entity:
            out.append(f"mentions “{self.entity_name or self.entity}”")
        return out

    def accept(self, bookmarked: set[str], annotated: set[str],
               mentioning: set[str] | None) -> Callable[[Row], bool] | None:
        """The row test for ArticleList.set_filter (None: no filter). `mentioning`: the ids of the
        articles mentioning the entity, as far as the corpus has been analysed."""
        tests: list[Callable[[Row], bool]] = []
        if self.bookmarked:
            tests.append(lambda r: r.id in bookmarked)
        if self.annotated:
            tests.append(lambda r: r.id in annotated)
        if self.year:
            year = self.year
            tests.append(lambda r: (r.date or "")[:4] == year)
        if self.source:
            source = self.source
            tests.append(lambda r: r.source == source)
        if self.entity:
            ids = mentioning or set()
            tests.append(lambda r: r.id in ids)
        return reduce(_both, tests) if tests else None


def _both(first: Callable[[Row], bool], then: Callable[[Row], bool]) -> Callable[[Row], bool]:
    return lambda r: first(r) and then(r)  # no generator per row: 100,000 rows in ~20 ms


def choices(rows: list[Row]) -> tuple[list[str], list[str]]:
    """The years (newest first) and sources (A to Z) found in the rows."""
    years = {r.date[:4] for r in rows if r.date}
    sources = {r.source for r in rows if r.source}
    return sorted(years, reverse=True), sorted(sources, key=str.casefold)


class FilterScreen(ModalScreen[None]):
    """Choose the filters; every change applies at once (escape closes)."""

    BINDINGS = actions.bindings("filters")

    def __init__(self, filters: Filters, rows: list[Row], apply: Callable[[Filters], None]) -> None:
        super().__init__(classes="dialog-screen")
        self.filters, self.apply = filters, apply
        self.years, self.sources = choices(rows)

    def compose(self) -> ComposeResult:
        f = self.filters
        with Vertical(id="filters", classes="dialog"):
            yield Static("Filter the article list", classes="dialog-title")
            yield Checkbox("Bookmarked only ★", f.bookmarked, id="filter-bookmarked")
            yield Checkbox("With a note only ✎", f.annotated, id="filter-annotated")
            with Horizontal(classes="filter-row"):
                yield Static("Year", classes="filter-label")
                yield Select([(Text(y), y) for y in self.years], prompt="any year", value=f.year or Select.NULL,
                             id="filter-year")
            with Horizontal(classes="filter-row"):
                yield Static("Source", classes="filter-label")
                yield Select([(Text(printable(s)), s) for s in self.sources], prompt="any source", value=f.source or Select.NULL,
                             id="filter-source")
            with Horizontal(classes="filter-row"):
                yield Static("Mentions", classes="filter-label")
                yield Static(self._entity_text(), id="filter-entity", markup=False)
                yield Button("Any", id="filter-entity-clear", compact=True, disabled=not f.entity)
            with Horizontal(classes="buttons"):
                yield Button("Clear all", id="filter-clear", compact=True)
                yield Button("Close", id="filter-close", variant="primary", compact=True)
            yield Footer()

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
        self.change(**{event.checkbox.id.removeprefix("filter-"): event.value})

    @on(Select.Changed)
    def on_select(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        self.change(**{event.select.id.removeprefix("filter-"): value})

    @on(Button.Pressed, "#filter-entity-clear")
    def clear_entity(self) -> None:
        self.change(entity=None, entity_name=None)
        self.query_one("#filter-entity", Static).update(self._entity_text())
        self.query_one("#filter-entity-clear", Button).disabled = True

    @on(Button.Pressed, "#filter-clear")
    def action_clear_all(self) -> None:
        self.change(bookmarked=False, annotated=False, year=None, source=None, entity=None, entity_name=None)
        with self.prevent(Checkbox.Changed, Select.Changed):
            self.query_one("#filter-bookmarked", Checkbox).value = False
            self.query_one("#filter-annotated", Checkbox).value = False
            self.query_one("#filter-year", Select).clear()
            self.query_one("#filter-source", Select).clear()
        self.query_one("#filter-entity", Static).update(self._entity_text())
        self.query_one("#filter-entity-clear", Button).disabled = True

    @on(Button.Pressed, "#filter-close")
    def action_close(self) -> None:
        self.dismiss(None)


class Filtering:
    """Mixed into ReaderApp: the list's filters, their keys, and the header text."""

    filters: Filters = Filters()

    def action_filters(self) -> None:
        self.push_screen(FilterScreen(self.filters, self.sidebar.rows, self.set_filters))

    def action_toggle_filter(self, name: str) -> None:
        self.set_filters(replace(self.filters, **{name: not getattr(self.filters, name)}))

    def action_clear_filters(self) -> None:
        if self.filters.active:
            self.set_filters(Filters())
            self.notify("Filters cleared: every article is listed.", timeout=2)

    def filter_by_entity(self, key: str, name: str) -> None:
        self.set_filters(replace(self.filters, entity=key, entity_name=name))

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.refilter()
        self.refresh_bindings()  # the footer shows "clear filters" only while there are some

    def refilter(self) -> None:
        """Apply the filters to the list again (they changed, or what they test did)."""
        f = self.filters
        mentioning = self.exploration.articles_mentioning(f.entity) if f.entity else None
        kept = self.sidebar.set_filter(f.accept(self.sidebar.bookmarked, self.sidebar.annotated, mentioning))
        if not kept and self.sidebar.shown and self.sidebar.current_id != getattr(self.current, "id", None):
            self.open(self.sidebar.current_id)
        self.refresh_counts()

    def filter_status(self) -> str:
        """For the header: what the list is filtered by and how many rows that leaves."""
        if not self.filters.active:
            return ""
        shown, total = len(self.sidebar.shown), len(self.sidebar.rows)
        return f"filter: {' + '.join(self.filters.labels())} ({shown} of {total})"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return self.filters.active  # shown in the footer only while there is something to clear
        return True

"""Every note of the annotations file in one table (issue 11): each article note and each highlight,
with its article, date, quote, note, tags and when it last changed.

Type to filter (accents optional; every word must match, `#tag` too); ↑/↓ choose; enter opens the
article at the passage; ctrl+s / ctrl+r sort; F5 / F6 / F7 write what is listed as a Markdown
research log, JSON or CSV (a new file, never over one).
"""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from .. import actions
from ..notes_index import NoteRow, filter_rows, note_rows, sort_rows
from ..source import plural
from .table import MAX_ROWS, FilteredTableScreen, clip


def _when(iso: str) -> str:
    return iso[:16].replace("T", " ")


class NotesScreen(FilteredTableScreen):
    BINDINGS = actions.bindings("notes_view")
    COLUMNS = (("title", "Article"), ("date", "Date"), ("quote", "Quote"), ("note", "Note"), ("tags", "Tags"),
               ("updated", "Updated"))
    DEFAULT_SORT = "updated"
    NOUN = "notes"

    def __init__(self, ann, export: Callable[[list[NoteRow], str], object], query: str = "") -> None:
        super().__init__(None, lambda: "")
        self.ann, self.export, self.initial_filter = ann, export, query
        self.reverse = True  # the latest first

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-view", classes="view"):
            yield Static("Notes and highlights  [dim]type to filter (#tag) · ↑/↓ choose · enter opens the article "
                         "at the passage · F5/F6/F7 export md/json/csv[/]", classes="dialog-title")
            yield Input(self.initial_filter, placeholder="filter: article, quote, note, #tag (accents optional)",
                        id="notes-filter", classes="view-filter")
            yield Static(classes="view-status", markup=False)
            yield DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:  # after FilteredTableScreen.on_mount
        self.table.can_focus = False  # typing always goes to the filter box; its arrows move the table
        self.query_one("#notes-filter", Input).focus()

    def fetch(self) -> list[NoteRow]:
        return note_rows(self.ann)

    def order_rows(self, rows: list[NoteRow]) -> list[NoteRow]:
        return sort_rows(filter_rows(rows, self.filter_text), self.sort_by, self.reverse)

    def identity(self, row: NoteRow) -> tuple:
        return row.key

    def cells(self, row: NoteRow) -> tuple:
        quote = clip(row.quote, 36) if row.kind == "highlight" else "✎ article note"
        return (Text(clip(row.title, 30)), Text(clip(row.date, 10)), Text(quote, style="" if row.quote else "dim"),
                Text(clip(row.note, 36)), Text(clip(", ".join(row.tags), 18)), Text(_when(row.updated)))

    def show_status(self) -> None:
        n, total = len(self.listed), len(self.everything)
        marked = sum(r.kind == "highlight" for r in self.listed)
        shown = plural(n, "note") if n == total else f"{n} of {plural(total, 'note')}"
        self.query_one(".view-status", Static).update(
            f"{shown}: {plural(marked, 'highlight')}, {plural(n - marked, 'article note')} · "
            f"F5/F6/F7 write what is listed{f' (the first {MAX_ROWS} shown)' if n > MAX_ROWS else ''}")

    def filter_done(self) -> None:
        self.action_choose()  # the box keeps the focus: enter opens the row

    def action_export(self, fmt: str) -> None:
        self.export(self.listed, fmt)

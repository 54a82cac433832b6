"""What the entities and figures views share: a full-screen table of corpus-wide rows, sortable
by any column (click its header, or ctrl+s / ctrl+r), refreshed as the corpus-wide analysis goes
on, and closed with escape, giving back the chosen row (enter or a click) or None."""
from __future__ import annotations

import sqlite3
from functools import partial
from typing import Any, Callable, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from ...explore import Exploration
from ..cleantext import clip, printable  # noqa: F401 - clip: the views import it from here
from ..source import grouped

T = TypeVar("T")
MAX_ROWS = 2000  # rows put in the table at once (sorting and filtering see them all)


class TableScreen(ModalScreen[Any], Generic[T]):
    COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = ()  # (sort key, header label)
    DEFAULT_SORT: ClassVar[str] = ""
    NOUN: ClassVar[str] = "rows"
    DESCENDING: ClassVar[frozenset[str]] = frozenset()  # columns whose first order is the largest/newest first
    KIND: ClassVar[str] = ""  # the exploration's rows it shows: "entities", "figures" (see data_version)

    def __init__(self, exploration: Exploration, status: Callable[[], str]) -> None:
        super().__init__(classes="view-screen")
        self.exploration, self.status = exploration, status
        self.sort_by, self.reverse = self.DEFAULT_SORT, False
        self.everything: list[T] = []  # all rows known so far
        self.listed: list[T] = []  # sorted (and filtered), the first MAX_ROWS are in the table
        self.matched = self.total = 0  # rows the filter keeps, rows in all (page())
        self._version: object = None  # data_version() of the rows in `everything`
        # the cursor follows its row through a refresh or a new sort only once the user has moved
        # it: untouched, it stays on the first row (rows read later would drag it down the list)
        self._placed, self._moved = 0, False
        self._drawn_width = 0  # the terminal's width at the last redraw
        self._request = 0  # the rows asked for last: a worker's answer to an older request is dropped
        self._reading = ""  # what the status says while a worker reads them

    # subclasses: the rows, their identity, their cells, their order
    def fetch(self) -> list[T]:
        raise NotImplementedError

    def order_rows(self, rows: list[T]) -> list[T]:
        raise NotImplementedError

    def identity(self, row: T) -> object:
        raise NotImplementedError

    def cells(self, row: T) -> tuple:
        raise NotImplementedError

    def extra_status(self) -> str:
        return self._reading

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def spare(self, used: int) -> int:
        """Columns of the screen left over when the table's cells take `used`: what wide
        terminals give the long columns (the widths fit 120 columns at least)."""
        return max(0, self.app.size.width - used)

    def on_resize(self) -> None:
        if self.table.columns and self.app.size.width != self._drawn_width:
            self.redraw()  # the long columns take the new width (the first resize, at mount, changes none)

    def on_mount(self) -> None:
        for key, label in self.COLUMNS:  # room for the sort mark: a column never grows for it
            self.table.add_column(label + " ", key=key)
        self.refresh_data()

    def source_grew(self, what: str) -> None:
        """The corpus-wide analysis went on: show what it found. The status only when this view's
        rows did not change (the figures read in steps re-sorted 100,000 entities each time) or
        when the view has rows and more are being read (each redraw of 2,000 rows costs ~0.5 s of
        the UI thread, and the newest rows, read first, are the ones shown)."""
        if what == "explore" and self.table.columns:
            unchanged = self._version is not None and self._version == self.data_version()
            ready = getattr(self.exploration, "ready", None)
            reading = self.everything and self.KIND and ready is not None and not ready(self.KIND)
            if unchanged or reading:  # rows still being read are shown once they are all there
                self.show_status()
            else:
                self.refresh_data()

    def data_version(self) -> object:
        """Changes when the exploration's rows of this view's KIND change; None: unknown (always
        take the rows again)."""
        version = getattr(self.exploration, "version", None)
        return version(self.KIND) if version and self.KIND else None

    def refresh_data(self) -> None:
        """Take the latest rows from the corpus-wide analysis."""
        self._version = self.data_version()
        self.everything = self.fetch()
        self.redraw()

    def redraw(self) -> None:
        self.show_page(*self.page())

    def show_page(self, listed: list[T], matched: int, total: int) -> None:
        """Put the rows of page() in the table (the cursor's row kept if the user moved it)."""
        table = self.table
        keep = self.current() if self._moved else None
        keep_id = self.identity(keep) if keep is not None else None
        self.listed, self.matched, self.total = listed, matched, total
        table.clear()
        table.add_rows(self.cells(r) for r in self.listed[:MAX_ROWS])
        for key, label in self.COLUMNS:
            # ▲ ascending (A to Z, oldest, smallest first), ▼ descending, in every view
            mark = ("▼" if (key in self.DESCENDING) != self.reverse else "▲") if key == self.sort_by else " "
            table.columns[key].label = Text(label + mark, style="bold" if mark.strip() else "")
        if keep_id is not None:
            for i, row in enumerate(self.listed[:MAX_ROWS]):
                if self.identity(row) == keep_id:
                    table.move_cursor(row=i, animate=False)
                    break
        self._placed, self._drawn_width = table.cursor_row, self.app.size.width
        table.refresh()
        self.show_status()

    # --- rows read by a worker (a large catalogue) ---------------------------------------------------
    class Read(Message):
        """A worker's answer to request number `request`: the rows read, or why they were not."""

        def __init__(self, request: int, value: Any, error: str = "") -> None:
            super().__init__()
            self.request, self.value, self.error = request, value, error

    def newer_request(self) -> int:
        """Rows are asked for again: any worker's answer to an earlier request will be dropped."""
        self._request += 1
        self._reading = ""
        return self._request

    def read_behind(self, status: str, group: str, reader: Callable[..., None], *args: Any) -> None:
        """`reader(request, *args)` in a worker thread (it calls `answer`), the status saying `status`."""
        request = self.newer_request()
        self._reading = status
        self.show_status()
        self.run_worker(partial(reader, request, *args), thread=True, exclusive=True, group=group,
                        exit_on_error=False)

    def answer(self, request: int, read: Callable[[], Any]) -> None:
        """In the worker: `read()`'s value, or its error, to the screen (an interruption by a newer
        request says nothing: that request's own answer comes)."""
        try:
            value = read()
        except sqlite3.Error as err:
            if "interrupt" not in str(err):
                self.post_message(self.Read(request, None, str(err)))
            return
        self.post_message(self.Read(request, value))

    @on(Read)
    def _answered(self, message: Read) -> None:
        if message.request != self._request:  # an older answer is dropped
            return
        if message.error:  # the table keeps the rows it had
            self._reading = f"could not read the figures ({message.error})"
            self.show_status()
            return
        self._reading = ""
        self.show_read(message.value)

    def show_read(self, value: Any) -> None:
        """Show what a worker read (subclasses that read behind)."""
        raise NotImplementedError

    def page(self) -> tuple[list[T], int, int]:
        """The rows to list, sorted and filtered (the first MAX_ROWS go in the table), how many
        the filter keeps and how many there are: here, of all the rows held in `everything`."""
        listed = self.order_rows(self.everything)
        return listed, len(listed), len(self.everything)

    def show_status(self) -> None:
        n, total = self.matched, self.total
        parts = [f"{grouped(n)} {self.NOUN}" if n == total else f"{grouped(n)} of {grouped(total)} {self.NOUN}"]
        shown = min(len(self.listed), MAX_ROWS)
        if n > shown:
            parts.append(f"the first {grouped(shown)} listed")
        extra = self.extra_status()
        if extra:
            parts.append(extra)
        parts.append(self.status())
        self.query_one(".view-status", Static).update(" · ".join(parts))

    def current(self) -> T | None:
        i = self.table.cursor_row
        return self.listed[i] if self.table.row_count and 0 <= i < min(len(self.listed), MAX_ROWS) else None

    # --- keys and clicks -------------------------------------------------------------------------
    @on(DataTable.HeaderSelected)
    def header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key.value
        self.reverse = not self.reverse if key == self.sort_by else False
        self.sort_by = key
        self.redraw()

    def action_sort_next(self) -> None:
        keys = [k for k, _ in self.COLUMNS]
        self.sort_by = keys[(keys.index(self.sort_by) + 1) % len(keys)]
        self.reverse = False
        self.redraw()

    def action_sort_reverse(self) -> None:
        self.reverse = not self.reverse
        self.redraw()

    def action_move(self, delta: int) -> None:
        table = self.table
        if table.row_count:
            self._moved = True
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)), animate=False)

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row != self._placed:  # a key or a click, not a redraw
            self._moved = True

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        row = self.current()
        if row is not None:
            self.dismiss(row)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_switch(self, view: str) -> None:
        """`R` in F, `F` in R: this view closes and the other opens over the reader."""
        self.dismiss(None)
        self.app.call_later(self.app.reader.action_flow, view)


class FilteredTableScreen(TableScreen[T]):
    """A table with a filter box (an `Input` of class `view-filter`): typing refilters once it
    pauses, enter in the box moves to the table, `filter` (a key) goes back to the box."""

    DEBOUNCE: ClassVar[float] = 0.15

    def on_mount(self) -> None:  # after TableScreen.on_mount
        from ..debounce import Debounce

        self._typing = Debounce(self, self.DEBOUNCE, lambda: self.redraw())

    @property
    def filter_text(self) -> str:
        return self.query_one(".view-filter", Input).value

    def action_filter(self) -> None:
        self.query_one(".view-filter").focus()

    @on(Input.Changed, ".view-filter")
    def typed(self) -> None:
        self._typing.poke()

    @on(Input.Submitted, ".view-filter")
    def submitted(self) -> None:
        self._typing.flush()
        self.filter_done()

    def filter_done(self) -> None:
        """Enter in the filter box: to the table (a view whose box keeps the focus opens the row)."""
        self.table.focus()

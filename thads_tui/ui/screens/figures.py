"""Every figure of the corpus in one table: what it measures (metric), of whom (subject), when
(period), with its value, unit and the extractor's readable gloss.

Sort by any column; `/` filters by metric, subject, period (accents optional; enter goes back to
the table); enter opens the article at that figure; a key writes the table (sorted and filtered
as shown, every row) to a CSV file. The comparable rates per subject and period are in the
results view (R); the old chart that averaged unrelated percentages is gone.
"""
from __future__ import annotations

import sqlite3
from functools import partial
from typing import Callable

from rich.text import Text
from textual import on
from textual.message import Message
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from ...explore import FigurePage, FigureRow
from ...labels import metric_label, period_label, short_value
from .. import actions
from .table import MAX_ROWS, FilteredTableScreen, clip

SLOW_FIGURES = 20_000  # figures above which a sort by a text column or a filter is read by a worker


class FiguresScreen(FilteredTableScreen):
    BINDINGS = actions.bindings("figures_view")
    # Fits 120 columns: the figure's text carries its qualifier (`hơn 300.000 việc`) and the
    # value its unit, so neither has a column of its own.
    COLUMNS = (("title", "Article"), ("date", "Date"), ("text", "Figure"), ("value", "Value"),
               ("metric", "Metric"), ("subject", "Subject"), ("period", "Period"), ("measure", "Measure"))
    DEFAULT_SORT = "date"
    NOUN = "figures"
    KIND = "figures"

    def __init__(self, exploration, status: Callable[[], str], export: Callable[[list[FigureRow]], object]) -> None:
        super().__init__(exploration, status)
        self.export = export
        self._request = 0  # the page asked for last (a worker's older answer is dropped)
        self._reading = ""  # what the status says while a worker reads the page

    def compose(self) -> ComposeResult:
        with Vertical(id="figures-view", classes="view"):
            yield Static("Figures in all articles  [dim]enter opens the article at the figure · / filter by metric, "
                         "subject, period · s/r sort · R: the results table[/]", classes="dialog-title")
            yield Input(placeholder="/ filter: metric, subject, period (accents optional)", id="figures-filter", classes="view-filter")
            yield Static(classes="view-status", markup=False)
            yield DataTable(id="figures-table", cursor_type="row", zebra_stripes=True)
            yield Footer()

    def on_mount(self) -> None:  # after TableScreen.on_mount (Textual calls both)
        self.table.focus()

    class PageRead(Message):
        """A worker read the page asked for (request number `request`)."""

        def __init__(self, request: int, page: FigurePage | None, error: str = "") -> None:
            super().__init__()
            self.request, self.page, self.error = request, page, error

    def refresh_data(self) -> None:
        self._version = self.data_version()
        self.redraw()  # the rows are never all held: the exploration gives the page shown

    def page(self) -> tuple[list[FigureRow], int, int]:
        page = self.exploration.figure_page(self.sort_by, self.reverse, self.filter_text, MAX_ROWS)
        return page.rows, page.matched, page.total

    def redraw(self) -> None:
        """The page, read here when it is quick (the newest first, or a small catalogue), else by a
        worker: a sort by a text column or a filter folds every figure of a large catalogue (1-2 s
        at 100,000 articles), and typing on must not wait for it. A newer request stops the older."""
        interrupt = getattr(self.exploration, "interrupt_page", None)
        quick = self.sort_by == self.DEFAULT_SORT and not self.reverse and not self.filter_text
        self._request += 1  # newer than any page a worker still reads: that one stops, its answer is dropped
        if interrupt is not None:
            interrupt()
        if interrupt is None or quick or self.total <= SLOW_FIGURES:
            self._reading = ""
            super().redraw()
            return
        self._reading = "filtering…" if self.filter_text else "sorting…"
        self.show_status()
        self.run_worker(partial(self._read_page, self._request, self.sort_by, self.reverse, self.filter_text),
                        thread=True, exclusive=True, group="figures-page", exit_on_error=False)

    def _read_page(self, request: int, by: str, reverse: bool, text: str) -> None:
        try:
            page = self.exploration.figure_page(by, reverse, text, MAX_ROWS)
        except sqlite3.Error as err:
            if "interrupt" not in str(err):  # else a newer request stopped it: its own answer comes
                self.post_message(self.PageRead(request, None, str(err)))
            return
        self.post_message(self.PageRead(request, page))

    @on(PageRead)
    def page_read(self, message: PageRead) -> None:
        if message.request != self._request:  # an older answer is dropped
            return
        if message.page is None:  # the table keeps the rows it had
            self._reading = f"could not read the figures ({message.error})"
            self.show_status()
            return
        self._reading = ""
        self.show_page(message.page.rows, message.page.matched, message.page.total)

    def extra_status(self) -> str:
        return self._reading

    def identity(self, row: FigureRow) -> tuple:
        return row.article_id, row.start

    def cells(self, row: FigureRow) -> tuple:
        # fits 120 columns; a wider terminal gives the title, metric and measure more room
        more = self.spare(120) // 3
        return tuple(map(Text, (clip(row.title, 14 + more), clip(row.date, 10), clip(row.text, 14), short_value(row),
                                clip(metric_label(row.metric), 18 + more), clip(row.subject, 12),
                                clip(period_label(row.period), 12),
                                clip(row.measure, 9 + more))))

    def action_export(self) -> None:  # every row the filter keeps, in the order shown
        self.export(self.exploration.figure_page(self.sort_by, self.reverse, self.filter_text).rows)

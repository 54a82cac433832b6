"""Every figure of the corpus in one table: what it measures (metric), of whom (subject), when
(period), with its value, unit and the extractor's readable gloss.

Sort by any column; `/` filters by metric, subject, period (accents optional; enter goes back to
the table); enter opens the article at that figure; a key writes the table (sorted and filtered
as shown, every row) to a CSV file. The comparable rates per subject and period are in the
results view (R); the old chart that averaged unrelated percentages is gone.
"""
from __future__ import annotations

from typing import Callable

from rich.text import Text
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
    DESCENDING = frozenset({"date"})  # the newest first
    NOUN = "figures"
    KIND = "figures"

    def __init__(self, exploration, status: Callable[[], str], export: Callable[[list[FigureRow]], object]) -> None:
        super().__init__(exploration, status)
        self.export = export

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
        if interrupt is not None:
            interrupt()  # the page a worker still reads stops (its answer would be dropped)
        if interrupt is None or quick or self.total <= SLOW_FIGURES:
            self.newer_request()
            super().redraw()
            return
        self.read_behind("filtering…" if self.filter_text else "sorting…", "figures-page",
                         self._read_page, self.sort_by, self.reverse, self.filter_text)

    def _read_page(self, request: int, by: str, reverse: bool, text: str) -> None:
        self.answer(request, lambda: self.exploration.figure_page(by, reverse, text, MAX_ROWS))

    def show_read(self, page: FigurePage) -> None:
        self.show_page(page.rows, page.matched, page.total)

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

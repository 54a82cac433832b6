"""The results table: for each (subject, period) the rates về việc and về tiền, the cases and
money done, their changes, each cell with the number of articles behind it. Two articles giving
one cell different values are flagged (`⚠ 47,28 / 45,1`), never averaged.

Type to filter (part of a subject, accents optional, and/or a year); enter in the box moves to the
table; there enter opens the article at the highlighted cell's figure. `s`/`r` sort, `c` shows the
chart, `w` writes the table (every value with its source article) as CSV.
"""
from __future__ import annotations

import re
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Input, Static

from ...explore import results_of_rows
from ...extract.display import exact_number
from ...labels import period_label
from ...results import ALL_COLUMNS, Cell, ResultsTable, Row
from .. import actions
from ..widgets.results_chart import ResultsChart
from .table import FilteredTableScreen, clip

NO_RESULTS = ("no article here reports enforcement results (a rate, cases or money done by a province "
              "or the nation over a period); F lists every figure")
SLOW_RESULTS = 20_000  # results figures above which the table is read by a worker

# Short labels, so that the ten columns fit 120 terminal columns: rates in % (the header says
# so, the cells do not repeat it), cases done in việc, money done in đồng (tỷ when that large).
HEADERS = {"cases.rate": "% việc", "money.rate": "% tiền", "cases.done": "Việc xong",
           "money.done": "Tiền xong", "cases.rate.change": "Δ% việc", "money.rate.change": "Δ% tiền",
           "cases.done.change": "Δ việc", "money.done.change": "Δ tiền"}


def show_value(metric: str, value: float) -> str:
    """Vietnamese notation: `47,28` (a rate, in %), `1.234`, money in tỷ đồng (`970,33 tỷ`) when
    that large."""
    if metric.startswith("money.done") and abs(value) >= 1e9:
        return exact_number(round(value / 1e9, 2)) + " tỷ"
    return exact_number(value)


def cell_text(cell: Cell | None) -> Text:
    """The value, and `×n` after it when n > 1 articles report it (one article: no mark)."""
    if cell is None:
        return Text("")
    count = Text(f" ×{cell.articles}", style="dim") if cell.articles > 1 else Text("")
    if cell.conflict:
        more = f" / +{cell.more_values}" if cell.more_values else ""
        return Text("⚠ " + " / ".join(show_value(cell.metric, v) for v in cell.values) + more, style="bold red") + count
    return Text(show_value(cell.metric, cell.value)) + count


def parse_filter(text: str) -> tuple[str, int | None]:
    """`gia lai 2022` -> ('gia lai', 2022): a four-digit word is the year, the rest the subject."""
    year = None
    words = []
    for word in text.split():
        if re.fullmatch(r"(19|20)\d\d", word):
            year = int(word)
        else:
            words.append(word)
    return " ".join(words), year


class ResultsScreen(FilteredTableScreen):
    BINDINGS = actions.bindings("results_view")
    COLUMNS = (("subject", "Subject"), ("period", "Period")) + tuple((c, HEADERS[c]) for c in ALL_COLUMNS) + (
        ("articles", "Art."),)
    DEFAULT_SORT = "period"
    NOUN = "rows"
    KIND = "figures"
    DEFAULT_CSS = """
    #results-chart-box { height: auto; max-height: 50%; border-top: hkey $foreground 20%; }
    """

    def __init__(self, exploration, status: Callable[[], str], export: Callable[[ResultsTable], object]) -> None:
        super().__init__(exploration, status)
        self.export = export
        self.results = ResultsTable()

    def compose(self) -> ComposeResult:
        with Vertical(id="results-view", classes="view"):
            yield Static("Results by subject and period  [dim]rates in % · ×n: n articles report the value · "
                         "type to filter · enter opens the article at the figure · s/r sort · c chart · "
                         "w CSV[/]", classes="dialog-title")
            yield Input(placeholder="filter: part of a subject (accents optional) and/or a year", id="results-filter", classes="view-filter")
            yield Static(classes="view-status", markup=False)
            yield DataTable(id="results-table", cursor_type="cell", zebra_stripes=True)
            with VerticalScroll(id="results-chart-box"):
                yield ResultsChart(id="results-chart")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results-chart-box").display = False
        self.query_one("#results-filter", Input).focus()

    def refresh_data(self) -> None:
        """The table, read here when the catalogue's results figures are few, else by a worker (an
        archive of reports has 100,000s: 1.4 s per 10,000 generated reports), the status saying so."""
        count = getattr(self.exploration, "result_figure_count", None)
        if count is None or count() <= SLOW_RESULTS:
            super().refresh_data()
            return
        self._version = self.data_version()
        self.read_behind("reading the figures…", "results-read", self._read_table)

    def _read_table(self, request: int) -> None:
        self.answer(request, self._table)

    def show_read(self, table: ResultsTable) -> None:
        self.results = table
        self.everything = table.rows
        self.redraw()

    def _table(self) -> ResultsTable:
        counts = getattr(self.exploration, "result_counts", None)  # a catalogue keeps a few sources per cell
        return results_of_rows(self.exploration.result_figures(), counts() if counts else None)

    def fetch(self) -> list[Row]:
        self.results = self._table()
        return self.results.rows

    def order_rows(self, rows: list[Row]) -> list[Row]:
        subject, year = parse_filter(self.filter_text)
        shown = ResultsTable(rows).filter(subject=subject, year=year)
        return shown.sorted(self.sort_by, self.reverse).rows

    def identity(self, row: Row) -> tuple:
        return row.subject, row.period

    def cells(self, row: Row) -> tuple:
        return (Text(clip(row.subject, 16)), Text(clip(period_label(row.period), 13)), *(cell_text(row.cells.get(c)) for c in ALL_COLUMNS),
                row.articles)

    def extra_status(self) -> str:
        conflicts = sum(1 for r in self.listed if r.conflicts)
        parts = [f"{conflicts} with conflicting values (⚠)"] if conflicts else []
        if not self.total and not self._reading:
            parts.append(NO_RESULTS)
        return " · ".join(parts + ([self._reading] if self._reading else []))

    def redraw(self) -> None:
        super().redraw()
        self.draw_chart()

    def current_cell(self) -> Cell | None:
        row = self.current()
        column = self.table.cursor_column - 2
        if row is None or not 0 <= column < len(ALL_COLUMNS):
            return None
        return row.cells.get(ALL_COLUMNS[column])

    def draw_chart(self) -> None:
        box = self.query_one("#results-chart-box")
        if box.display:
            row = self.current()
            self.query_one(ResultsChart).draw(ResultsTable(self.listed), row.subject if row else None,
                                              row.period if row else None)

    @on(DataTable.CellHighlighted)
    def highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self.draw_chart()
        cell = self.current_cell()
        self.table.border_subtitle = Text(" · ".join(
            f"“{clip(s.text, 30)}” in {clip(s.title, 40)}" for s in cell.sources[:2]) if cell else "")

    @on(DataTable.CellSelected)
    def cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        cell = self.current_cell()
        if cell is not None and cell.sources:
            self.dismiss(cell.sources[0])
        elif cell is None and self.current() is not None:
            self.notify("Choose a cell with a value to open its article.", timeout=3)

    def action_chart(self) -> None:
        box = self.query_one("#results-chart-box")
        box.display = not box.display
        self.draw_chart()

    def action_export(self) -> None:
        self.export(ResultsTable(self.listed))

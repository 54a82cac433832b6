"""Every figure of the corpus in one table: what it measures (metric), of whom (subject), when
(period), with its value, unit and the extractor's readable gloss.

Sort by any column; `/` filters by metric, subject, period (accents optional; enter goes back to
the table); enter opens the article at that figure; a key writes the table (sorted and filtered
as shown, every row) to a CSV file. The comparable rates per subject and period are in the
results view (R); the old chart that averaged unrelated percentages is gone.
"""
from __future__ import annotations

import re
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from ...explore import FigureRow, search_figures, sort_figures
from .. import actions
from ...extract.display import exact_number
from .table import FilteredTableScreen, clip

_UNIT = {"percent": "%", "case": "việc", "area": "m²", "rank": ""}
# The unit as written after the number (and its magnitude words): `8 tháng`, `47 Chấp hành viên`.
_WRITTEN_UNIT = re.compile(r"[\d.,/]+(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))*\s*(.*)$")


def table_value(row: FigureRow) -> str:
    """The value, short and exact, in Vietnamese notation: `61,12 %`, `216/897 việc`,
    `62.000 tỷ đ` (đ: đồng), `1,2 triệu USD`, `3/63`."""
    value = row.value
    if row.unit in ("VND", "USD"):
        currency = "đ" if row.unit == "VND" else "USD"
        for size, word in ((1e9, "tỷ"), (1e6, "triệu")):
            if abs(value) >= size:
                return f"{exact_number(round(value / size, 9))} {word} {currency}"
        return f"{exact_number(value)} {currency}"
    number = exact_number(value) + (f"/{exact_number(row.of)}" if row.of is not None else "")
    if row.metric == "judgments":
        word = "bản án"
    elif row.unit in _UNIT:
        word = _UNIT[row.unit]
    else:  # durations and counts: the unit word of the text (`1 năm`: `1 năm`, never `1`)
        m = _WRITTEN_UNIT.search(row.text)
        word = m[1] if m else ""
    return f"{number} {word}".rstrip()



class FiguresScreen(FilteredTableScreen):
    BINDINGS = actions.bindings("figures_view")
    # Fits 120 columns: the figure's text carries its qualifier (`hơn 300.000 việc`) and the
    # value its unit, so neither has a column of its own.
    COLUMNS = (("title", "Article"), ("date", "Date"), ("text", "Figure"), ("value", "Value"),
               ("metric", "Metric"), ("subject", "Subject"), ("period", "Period"), ("measure", "Measure"))
    DEFAULT_SORT = "date"
    NOUN = "figures"

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

    def fetch(self) -> list[FigureRow]:
        return self.exploration.figures()

    def order_rows(self, rows: list[FigureRow]) -> list[FigureRow]:
        text = self.filter_text
        return sort_figures(search_figures(rows, text), self.sort_by, self.reverse)

    def identity(self, row: FigureRow) -> tuple:
        return row.article_id, row.start

    def cells(self, row: FigureRow) -> tuple:
        return tuple(map(Text, (clip(row.title, 14), clip(row.date, 10), clip(row.text, 14), table_value(row),
                                clip(row.metric, 18), clip(row.subject, 12), clip(row.period, 9),
                                clip(row.measure, 12))))

    def action_export(self) -> None:
        self.export(self.listed)

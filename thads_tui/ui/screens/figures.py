"""Every figure of the corpus in one table, and the percentages over time as a bar chart.

Sort by any column; enter opens the article at that figure; a key writes the table (sorted as
shown, every row) to a CSV file. The chart averages the percentage figures per year and measure
(`về việc`, `về tiền`, other; see `explore.classify_percent`).
"""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from ...explore import FigureRow, bar_chart, percent_series, sort_figures
from .. import actions
from ..widgets.panels import format_value
from .table import TableScreen, clip

BAR_WIDTH = 40


class Chart(Static):
    COMPONENT_CLASSES = {"chart--series", "chart--bar-0", "chart--bar-1", "chart--bar-2", "chart--label"}

    def draw(self, rows: list[FigureRow]) -> None:
        series = percent_series(rows)
        if not series:
            self.update(Text("No dated percentage yet.", style="italic"))
            return
        style = self.get_component_rich_style
        names = list(series)
        text = Text("Percentages by year (mean per year; changes such as “tăng 2%” count as other)\n",
                    style=style("chart--label"))
        bar_style = style("chart--bar-0")
        for name, year, bar, label in bar_chart(series, BAR_WIDTH):
            if name:  # the first year of a series
                bar_style = style(f"chart--bar-{min(names.index(name), 2)}")
            text.append(f"{name:<9}", style=style("chart--series"))
            text.append(f" {year}  ")
            text.append(f"{bar:<{BAR_WIDTH}}", style=bar_style)
            text.append(f"  {label}\n", style=style("chart--label"))
        text.rstrip()
        self.update(text)


class FiguresScreen(TableScreen):
    BINDINGS = actions.bindings("figures_view")
    COLUMNS = (("title", "Article"), ("date", "Date"), ("text", "Figure"), ("value", "Value"), ("unit", "Unit"),
               ("qualifier", "Qualifier"), ("measure", "Measure"))
    DEFAULT_SORT = "date"
    NOUN = "figures"

    def __init__(self, exploration, status: Callable[[], str], export: Callable[[list[FigureRow]], object]) -> None:
        super().__init__(exploration, status)
        self.export = export

    def compose(self) -> ComposeResult:
        with Vertical(id="figures-view", classes="view"):
            yield Static("Figures in all articles  [dim]enter opens the article at the figure · click a header to sort[/]",
                         classes="dialog-title")
            yield Static(classes="view-status", markup=False)
            yield DataTable(id="figures-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="figures-chart-box"):
                yield Chart(id="figures-chart")
            yield Footer()

    def on_mount(self) -> None:  # after TableScreen.on_mount (Textual calls both)
        self.table.focus()

    def refresh_data(self) -> None:
        super().refresh_data()
        self.query_one(Chart).draw(self.everything)

    def fetch(self) -> list[FigureRow]:
        return self.exploration.figures()

    def order_rows(self, rows: list[FigureRow]) -> list[FigureRow]:
        return sort_figures(rows, self.sort_by, self.reverse)

    def identity(self, row: FigureRow) -> tuple:
        return row.article_id, row.start

    def cells(self, row: FigureRow) -> tuple:
        return tuple(map(Text, (clip(row.title, 28), clip(row.date, 10), clip(row.text, 20), format_value(row), clip(row.unit, 12),
                                clip(row.qualifier, 12), clip(row.measure, 24))))

    def action_export(self) -> None:
        self.export(self.listed)

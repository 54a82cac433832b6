"""The results chart, drawn with block characters: one subject's rates (về việc, về tiền) over
its periods, and every subject's rates for one period. Conflicting cells are left out (never
averaged); values come from `ResultsTable.chart_series` / `compare`."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...extract.display import exact_number
from ...labels import period_label
from ...results import ResultsTable, period_key

WIDTH = 40
RATES = (("cases.rate", "về việc", "green"), ("money.rate", "về tiền", "cyan"))


def bar(value: float, top: float, width: int = WIDTH) -> str:
    """A bar of `value` out of `top` in eighths of a cell."""
    eighths = round(max(0.0, value) / top * width * 8) if top > 0 else 0
    full, part = divmod(min(eighths, width * 8), 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


def chart_text(table: ResultsTable, subject: str | None, period: str | None, width: int = WIDTH) -> Text:
    text = Text()
    if subject:
        series = {m: dict(table.chart_series(subject, m)) for m, _, _ in RATES}
        periods = sorted({p for s in series.values() for p in s}, key=period_key)  # the table's period order
        text.append(f"{subject}: rates over periods\n", style="bold")
        _bars(text, [(period_label(p), [series[m].get(p) for m, _, _ in RATES]) for p in periods], width)
    if period:
        compare = {m: dict(table.compare(period, m)) for m, _, _ in RATES}
        subjects = sorted({s for c in compare.values() for s in c}, key=lambda s: -max(
            (c.get(s, -1) for c in compare.values())))
        text.append(f"\nSubjects compared, {period_label(period)}\n", style="bold")  # as the table says it
        _bars(text, [(s, [compare[m].get(s) for m, _, _ in RATES]) for s in subjects], width)
    if not text.plain.strip():
        return Text("No rate to chart yet.", style="italic")
    text.rstrip()
    return text


def _bars(text: Text, groups: list[tuple[str, list[float | None]]], width: int) -> None:
    if not groups:
        text.append("  no rate reported\n", style="italic")
        return
    top = max([100.0] + [v for _, vs in groups for v in vs if v is not None])
    label_w = min(18, max(len(g) for g, _ in groups))
    for name, values in groups:
        for i, ((_, label, colour), value) in enumerate(zip(RATES, values)):
            text.append(f"{(name if i == 0 else ''):<{label_w}.{label_w}} {label} ")
            if value is None:
                text.append("—\n", style="dim")
                continue
            text.append(f"{bar(value, top, width):<{width}}", style=colour)
            text.append(f" {exact_number(value)} %\n")


class ResultsChart(Static):
    def draw(self, table: ResultsTable, subject: str | None, period: str | None) -> None:
        self.update(chart_text(table, subject, period))

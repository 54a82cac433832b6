"""Side panels: the entities of the open article grouped by type, and its figures as a table.

Choosing a row posts `Chosen` with every occurrence's offsets; the app marks them in the
article and scrolls to the first (choosing it again goes to the next).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from ...explore import name_key
from ...extract import ENTITY_TYPES, Extraction, Figure
from ...labels import fact_label, metric_label, period_label, short_value
from .article_view import TYPE_NAMES
from ..cleantext import clip, printable
from ..state import Analysis

StyleFor = Callable[[str], Style]


@dataclass(slots=True)
class Group:
    key: str
    type: str
    text: str
    canonical: str
    role: str | None = None
    occurrences: list[tuple[int, int]] = field(default_factory=list)


def group_entities(extraction: Extraction) -> list[Group]:
    """One group per entity as the entities view counts them (explore.name_key of the canonical
    name; its type the most frequent of its mentions), in ENTITY_TYPES order, most frequent first.
    A mention is one occurrence in the body: the reader is given the body's entities only."""
    groups: dict[str, Group] = {}
    types: dict[str, Counter] = {}
    for e in extraction.entities:
        name = e.canonical or e.text
        key = name_key(name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(f"e{len(groups)}", e.type, e.text, name, e.role)
            types[key] = Counter()
        g.role = g.role or e.role
        g.occurrences.append((e.start, e.end))
        types[key][e.type] += 1
        if types[key][e.type] > types[key][g.type]:
            g.type = e.type
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    return sorted(groups.values(), key=lambda g: (order.get(g.type, 99), -len(g.occurrences), g.canonical.casefold()))


def group_figures(extraction: Extraction) -> list[tuple[Figure, list[tuple[int, int]]]]:
    groups: dict[tuple, tuple[Figure, list[tuple[int, int]]]] = {}
    for f in extraction.figures:
        key = (f.text, f.value, f.unit, f.qualifier, f.measure, f.metric, f.subject, f.period)
        groups.setdefault(key, (f, []))[1].append((f.start, f.end))
    return list(groups.values())


class Chosen(Message):
    """The user picked an entity or figure: mark these spans in the article."""

    def __init__(self, key: str, label: str, occurrences: list[tuple[int, int]]) -> None:
        super().__init__()
        self.key, self.label, self.occurrences = key, label, occurrences


PENDING_SHOWN_AFTER = 0.25  # seconds an analysis must be pending before the panels say so


class _FollowsAnalysis:
    """A panel that shows the open article's analysis. "analysing…" is shown only when the
    analysis takes a while: a key held down in the list opens an article per key and its stored
    analysis comes a few milliseconds later, so the panels were rebuilt twice per key (placeholder,
    then the result: two layout passes and repaints of the screen); now once."""

    analysis: reactive[Analysis] = reactive(Analysis(), init=False)  # bound to the reader screen's
    _pending = None  # the timer that will show "analysing…"

    def watch_analysis(self, analysis: Analysis) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if analysis.extraction is None and analysis.article_id is not None and not analysis.failed:
            self._pending = self.set_timer(PENDING_SHOWN_AFTER, lambda: self._still_pending(analysis))
            return
        self.show(analysis.extraction, analysis.status)

    def _still_pending(self, analysis: Analysis) -> None:
        """The timer fired: "analysing…" unless the analysis came meanwhile (a timer stopped
        after it fired still runs: under load the panel said "analysing…" over the result)."""
        if self.analysis is analysis:
            self.show(None, analysis.status)

    def show(self, extraction: Extraction | None, status: str = "") -> None:
        raise NotImplementedError


class EntityPanel(_FollowsAnalysis, OptionList):
    Chosen = Chosen

    def __init__(self, style_for: StyleFor, **kw) -> None:
        super().__init__(**kw)
        self.style_for = style_for
        self.groups: dict[str, Group] = {}
        self.border_title = "Entities"

    def show(self, extraction: Extraction | None, status: str = "") -> None:
        self.clear_options()
        self.groups = {}
        if extraction is None:
            self.border_title = "Entities"
            self.add_option(Option(Text(status, style="italic"), disabled=True))
            return
        groups = group_entities(extraction)
        self.groups = {g.key: g for g in groups}
        self.border_title = f"Entities ({len(groups)} · {len(extraction.entities)} mentions)"
        self.border_subtitle = "mentions in the body"
        if not groups:
            self.add_option(Option(Text("none found", style="italic"), disabled=True))
        options: list[Option | None] = []
        for etype in ENTITY_TYPES:
            members = [g for g in groups if g.type == etype]
            if not members:
                continue
            total = sum(len(g.occurrences) for g in members)
            heading = Text.assemble(("■ ", self.style_for(etype)), (f"{TYPE_NAMES[etype].upper()}", "bold"),
                                    (f"  {total} mention{'s' if total > 1 else ''}", "dim"))
            options.append(Option(heading, id=f"h-{etype}", disabled=True))
            for g in members:
                options.append(Option(self._prompt(g), id=g.key))
        self.add_options(options)

    def _prompt(self, g: Group) -> Text:
        # One line per field, cut with an ellipsis: wrapped lines would lose their indent.
        name, canonical = printable(g.text), printable(g.canonical)
        text = Text.assemble("  ", (name, self.style_for(g.type)), no_wrap=True, overflow="ellipsis")
        if g.type == "ACRONYM" and g.canonical != g.text:
            text.append(f" = {canonical}")
        elif g.canonical != g.text and not g.canonical.startswith("--"):  # `--09-24`: no year, says nothing new
            text.append(f" → {canonical}", style="dim")
        if len(g.occurrences) > 1:
            text.append(f" ×{len(g.occurrences)}", style="dim")
        if g.role:
            text.append(f"\n    {printable(g.role)}", style="italic dim")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        g = self.groups.get(event.option_id or "")
        if g is not None:
            self.post_message(Chosen(g.key, g.canonical, g.occurrences))


def _figure_width(f: Figure, occ: list) -> int:
    """The cells a figure's first column needs: its text (and `×n`), its value below it."""
    more = len(f" ×{len(occ)}") if len(occ) > 1 else 0
    return max(cell_len(f.text) + more, cell_len(short_value(f)))


class FigurePanel(_FollowsAnalysis, DataTable):
    Chosen = Chosen

    def __init__(self, style_for: StyleFor, **kw) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self.style_for = style_for
        self.figures: dict[str, tuple[Figure, list[tuple[int, int]]]] = {}
        self.border_title = "Figures"

    # Two lines a figure or more: the figure as written (with its qualifier: `hơn 300.000 việc`)
    # over its normalised value; what it measures over whose and when (`% việc xong` / `Gia Lai ·
    # 5 tháng 2022`), wrapped in the panel's width (a wider table was cut at the panel's edge:
    # `toàn quốc · 8 tháng 2` at 140 columns, the year gone).
    FIGURE_WIDTH = 14  # `hơn 300.000 v…` over `300.000 việc`: the facts beside it need the room

    def show(self, extraction: Extraction | None, status: str = "") -> None:
        self._shown = (extraction, status, self.size.width)
        self.clear(columns=True)
        groups = group_figures(extraction) if extraction is not None else []
        first = min(self.FIGURE_WIDTH, max((_figure_width(f, occ) for f, occ in groups), default=6))
        facts = self.size.width - first - 2 * 2 * self.cell_padding - self.styles.scrollbar_size_vertical
        self.add_column("Figure", width=first)
        self.add_column("What · whose · when", width=max(12, facts))
        self.figures = {}
        self.border_subtitle = ""
        if extraction is None:
            self.border_title = f"Figures — {status}" if status else "Figures"
            return
        style = self.style_for("FIGURE")
        self.border_title = f"Figures ({len(extraction.figures)})"
        for i, (f, occ) in enumerate(groups):
            key = f"f{i}"
            self.figures[key] = (f, occ)
            more = f" ×{len(occ)}" if len(occ) > 1 else ""
            figure = Text(clip(f.text, first - len(more)), style, no_wrap=True, overflow="ellipsis")
            figure.append(more, style="dim")  # the text is in the article; the facts need the room
            figure.append("\n" + short_value(f), style="dim")  # as F writes it: `62.000 tỷ đ`
            what = Text(metric_label(f.metric)) if f.metric != "other" else Text(printable(f.measure or ""), "dim")
            what.append("\n" + printable(" · ".join(x for x in (f.subject, period_label(f.period)) if x)), "dim")
            self.add_row(figure, what, key=key, height=None)

    def on_resize(self) -> None:
        shown = getattr(self, "_shown", None)
        if shown is not None and shown[2] != self.size.width:  # the facts wrap anew in the new width
            self.show(shown[0], shown[1])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The table is narrow: the highlighted figure's facts and the extractor's gloss, in full, below it."""
        f, _ = self.figures.get(event.row_key.value, (None, None))
        parts = ((f.qualifier if f.qualifier and f.qualifier not in f.text else None),
                 fact_label(f.metric, f.subject, f.period), f.measure) if f else ()
        self.border_subtitle = Text(printable(" · ".join(x for x in parts if x)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key in self.figures:
            f, occ = self.figures[key]
            self.post_message(Chosen(key, f.text, occ))

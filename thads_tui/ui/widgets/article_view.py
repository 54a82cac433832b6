"""The open article: title, date, source, body with highlights, and the note underneath.

A Line-API view: the text is word-wrapped into lines that remember their offsets into
`article.text`, so entity, figure and search spans (all offsets into `article.text`) land
exactly, and any offset can be scrolled into view. Only the visible lines are styled.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...corpus import Article
from .. import actions
from ..cleantext import printable
from .drag_select import DragSelect
from .wrapping import wrap  # noqa: F401  (tests import it from here)

MAX_MEASURE = 96  # a readable line length, however wide the terminal
GUTTER = 2  # the left margin (the CSS has no left padding): '▌' beside a highlighted line
MARGIN_MARK = "▌ "

# One style per entity type; the same component styles paint the legend and the panels.
TYPE_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "LOCATION": "location",
    "LEGAL_REF": "legal reference",
    "DATE": "date",
    "ACRONYM": "acronym",
    "FIGURE": "figure",
}
LEGEND_NAMES = {"PERSON": "person", "ORG": "org", "LOCATION": "place", "LEGAL_REF": "law", "DATE": "date",
                "ACRONYM": "acronym", "FIGURE": "figure"}
TYPE_CLASS = {t: "article--" + t.lower().replace("_", "-") for t in TYPE_NAMES}
# Markdown styles (Article.styles kinds) as the component classes of the "markdown" layer;
# list items are drawn with a bullet or an indent instead (see `_list_prefix`).
MARKDOWN_CLASS = {**{f"heading{n}": "article--md-heading" for n in range(1, 7)},
                  "bold": "article--md-bold", "italic": "article--md-italic"}
_NUMBERED = re.compile(r"\d{1,3}[.)] ")


@dataclass(frozen=True, slots=True)
class _Line:
    source: str  # the string the line is a slice of
    start: int
    end: int
    kind: str  # title, meta, body, heading, note, blank
    prefix: str = ""  # drawn before the text, not part of it: a list item's bullet or indent

    @property
    def text(self) -> str:
        return self.source[self.start:self.end]


class ArticleView(DragSelect, ScrollView, can_focus=True):
    """Shows one article. The screen hands it the article and the spans to paint; the view lays
    out, paints, scrolls, and says where the reader is (`Scrolled`)."""

    BINDINGS = actions.bindings("article")
    COMPONENT_CLASSES = {
        "article--title", "article--meta", "article--badges", "article--heading", "article--note", "article--empty",
        "article--search", "article--selected", "article--highlight", "article--selection", "article--margin",
        *TYPE_CLASS.values(), *MARKDOWN_CLASS.values(),
    }
    DEFAULT_CSS = """
    ArticleView > .article--md-heading { text-style: bold underline; color: $accent; }
    ArticleView > .article--md-bold { text-style: bold; }
    ArticleView > .article--md-italic { text-style: italic; }
    ArticleView > .article--badges { text-style: bold; color: $text-warning; }
    """

    class Scrolled(Message):
        """The reader moved: `offset` is the text offset of the first line on screen."""

        def __init__(self, article_id: str, offset: int) -> None:
            super().__init__()
            self.article_id, self.offset = article_id, offset

    empty_text = reactive("No article open.")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.note = ""
        self.badges = ""  # under the date line: ★ bookmarked, ✎ noted, the tags (none: no line)
        # Named style layers over the text, painted in LAYERS order (later wins): entity types,
        # then anything a feature adds (highlights, Markdown styles), then search and marks.
        self.span_layers: dict[str, list[tuple[int, int, str]]] = {}
        self.search_hits: list[tuple[int, int]] = []
        self.search_index = -1
        self.marks: list[tuple[int, int]] = []  # occurrences of what a panel selected
        self.mark_index = -1
        self._lines: list[_Line] = []
        self._body_starts: list[int] = []  # start offset of each body line, in line order
        self._body_rows: list[int] = []  # the line index of each of those
        self._cache: dict[int, Strip] = {}
        self._laid_out_width = -1
        self._spans: list[tuple[int, int, str]] | None = None
        self._anchor = 0  # text offset of the first line read

    # --- state from the screen --------------------------------------------------------------
    def show(self, article: Article | None, note: str = "", top: int = 0) -> None:
        """Show an article, its first screen line at text offset `top` (0: the title)."""
        self.article, self.note = article, note
        self.span_layers, self.search_hits, self.marks = {}, [], []
        self.search_index = self.mark_index = -1
        styles = getattr(article, "styles", ()) or ()
        if styles:  # the bottom layer: entities, highlights and search paint over it
            self.span_layers["markdown"] = [(s, e, MARKDOWN_CLASS[k]) for s, e, k in styles if k in MARKDOWN_CLASS]
        self._relayout()
        self._anchor = top  # kept until the reader scrolls: the view may not have its size yet
        y = self.line_of_offset(top) if top > 0 else 0
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def set_note(self, note: str) -> None:
        if note != self.note:
            self.note = note
            self._relayout()

    def set_badges(self, badges: str) -> None:
        if badges != self.badges:
            self.badges = badges
            self._relayout()
            if self._anchor > 0:  # a line more or less above: the reader keeps their place
                self.scroll_to(y=self.line_of_offset(self._anchor), animate=False, immediate=True, force=True)

    @property
    def highlights(self) -> list[tuple[int, int, str]]:
        """The entity and figure spans, as (start, end, type)."""
        return [(s, e, t) for s, e, t in self.span_layers.get("entities", ())]

    def set_highlights(self, spans: list[tuple[int, int, str]]) -> None:
        # Longest first, so an inner span (a LOCATION inside an ORG) is painted last and wins.
        spans = sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0]))
        self.set_layer("entities", [(s, e, t) for s, e, t in spans])

    def set_layer(self, name: str, spans: list[tuple[int, int, str]]) -> None:
        """Paint (start, end, type-or-component-class) spans over the body as layer `name`."""
        self.span_layers[name] = list(spans)
        self._repaint()

    def set_search(self, hits: list[tuple[int, int]]) -> None:
        self.search_hits, self.search_index = hits, -1
        self._repaint()

    def set_marks(self, occurrences: list[tuple[int, int]]) -> None:
        self.marks, self.mark_index = sorted(occurrences), -1
        self._repaint()

    def step_search(self, delta: int) -> int:
        """Go to the next (delta=1) or previous match; returns its index or -1."""
        self.search_index = self._step(self.search_hits, self.search_index, delta)
        return self.search_index

    def step_mark(self, delta: int) -> int:
        self.mark_index = self._step(self.marks, self.mark_index, delta)
        return self.mark_index

    def _step(self, spans: list[tuple[int, int]], index: int, delta: int) -> int:
        if not spans:
            return -1
        index = (index + delta) % len(spans) if index >= 0 else (0 if delta > 0 else len(spans) - 1)
        self.scroll_to_offset(spans[index][0])
        self._repaint()
        return index

    # --- reading keys (as in less): never animated, so End shows the last line at once ------
    def _scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=max(0, min(self.max_scroll_y, self.scroll_offset.y + lines)), animate=False, immediate=True, force=True)

    def action_line(self, delta: int) -> None:
        self._scroll_lines(delta)

    def action_page(self, fraction: float) -> None:
        height = max(1, self.scrollable_content_region.height)
        self._scroll_lines(int(fraction * height) or (1 if fraction > 0 else -1))

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.article is not None and round(old) != round(new):
            self._anchor = self.top_offset()
            self.post_message(self.Scrolled(self.article.id, self.top_offset()))

    def top_offset(self) -> int:
        """The text offset of the first body line on screen (0 above the body)."""
        y = self.scroll_offset.y
        i = bisect_right(self._body_rows, y) - 1
        return self._body_starts[i] if i >= 0 and y > 0 else 0

    # --- geometry -----------------------------------------------------------------------------
    def line_of_offset(self, offset: int) -> int:
        """Index of the screen line showing article.text[offset]."""
        i = bisect_right(self._body_starts, offset) - 1
        return self._body_rows[max(i, 0)] if self._body_rows else 0

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under content cell (x, y), for a mouse drag: the nearest body line's
        (above the body: its start), the character under x (past the end: the line's end)."""
        if not self._body_rows:
            return None
        index = max(0, min(len(self._lines) - 1, round(self.scroll_y) + y))
        k = bisect_right(self._body_rows, index) - 1
        if k < 0:
            return self._body_starts[0]
        line = self._lines[self._body_rows[k]]
        if self._body_rows[k] != index:  # below a paragraph's last line (a blank, the note): its end
            return line.end
        col, pos, cells = x - GUTTER - len(line.prefix), line.start, 0
        while pos < line.end and cells + get_character_cell_size(line.source[pos]) <= col:
            cells += get_character_cell_size(line.source[pos])
            pos += 1
        return pos

    def scroll_to_note(self) -> None:
        """Show the note under the article (its heading at the top, as far as the view scrolls)."""
        row = next((i for i, line in enumerate(self._lines) if line.kind == "heading"), None)
        if row is not None:
            self.scroll_to(y=min(row, self.max_scroll_y), animate=False, immediate=True, force=True)

    def line_end(self, offset: int, delta: int) -> int:
        """The end of the body line `delta` lines after (before) the one showing text[offset]."""
        k = max(0, bisect_right(self._body_starts, offset) - 1)
        k = max(0, min(len(self._body_rows) - 1, k + delta))
        return self._lines[self._body_rows[k]].end if self._body_rows else offset

    def scroll_to_offset(self, offset: int) -> None:
        line = self.line_of_offset(offset)
        height = self.scrollable_content_region.height
        if not (self.scroll_y <= line < self.scroll_y + height - 1):
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True, force=True)

    @property
    def measure(self) -> int:
        return max(10, min(self.scrollable_content_region.width - GUTTER, MAX_MEASURE))

    def on_resize(self, event: events.Resize) -> None:
        if self.measure != self._laid_out_width:
            top = self._anchor  # the reader keeps their place when a panel shows or hides
            self._relayout()
            if top > 0:
                self.scroll_to(y=self.line_of_offset(top), animate=False, immediate=True, force=True)

    def _relayout(self) -> None:
        width = self.measure
        self._laid_out_width = width
        lines: list[_Line] = []
        self._body_starts, self._body_rows = [], []
        a = self.article
        if a is not None:
            def add(source: str, start: int, end: int, kind: str, prefix: str = "") -> None:
                for n, (s, e) in enumerate(wrap(source, start, end, width - len(prefix))):
                    if kind == "body":
                        self._body_starts.append(s)
                        self._body_rows.append(len(lines))
                    lines.append(_Line(source, s, e, kind, prefix if n == 0 else " " * len(prefix)))

            # every line is a slice of a printable copy: control characters are spaces, offsets unchanged
            title = printable(a.title)
            add(title, 0, len(title), "title")
            meta = printable(" · ".join(x for x in (a.date or "no date", a.source, a.file) if x))
            add(meta, 0, len(meta), "meta")
            if self.badges:
                badges = printable(self.badges)
                add(badges, 0, len(badges), "badges")
            text = printable(a.text)
            items = {s for s, _, k in getattr(a, "styles", ()) or () if k == "list_item"}
            for start, end in a.paragraphs or ((0, len(a.text)),):
                lines.append(_Line("", 0, 0, "blank"))
                add(text, start, end, "body", _list_prefix(text, start) if start in items else "")
            if self.note:
                lines.append(_Line("", 0, 0, "blank"))
                heading = "✎ Note " + "─" * max(0, width - 7)
                lines.append(_Line(heading, 0, len(heading), "heading"))
                note = printable(self.note)
                add(note, 0, len(note), "note")
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        self._repaint()

    def _repaint(self) -> None:
        self._spans = None
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """A theme or focus change restyles: drop the painted lines."""
        super().notify_style_update()
        self._cache.clear()

    # --- reading back (tests, copy) ---------------------------------------------------------
    def rendered_text(self) -> str:
        return "\n".join(line.prefix + line.text for line in self._lines)

    def styles_at(self, offset: int) -> list[str]:
        """Names of the highlight layers covering article.text[offset], bottom to top."""
        names = [name for s, e, name in self._layered() if s <= offset < e and name not in
                 ("article--search", "article--selected")]
        names += ["article--search" for s, e in self.search_hits if s <= offset < e]
        names += ["article--selected" for s, e in self._selected() if s <= offset < e]
        return names

    def _layered(self) -> list[tuple[int, int, str]]:
        """Every span to paint, bottom to top, as (start, end, component class)."""
        if self._spans is not None:
            return self._spans
        spans = [(s, e, TYPE_CLASS.get(t, t)) for layer in self.span_layers.values() for s, e, t in layer]
        spans += [(s, e, "article--search") for s, e in self.search_hits]
        self._spans = spans + [(s, e, "article--selected") for s, e in self._selected()]
        return self._spans

    def _selected(self) -> list[tuple[int, int]]:
        chosen = list(self.marks)
        if 0 <= self.search_index < len(self.search_hits):
            chosen.append(self.search_hits[self.search_index])
        return chosen

    # --- painting -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._lines:
            if y == 1:
                style = base + self.get_component_rich_style("article--empty")
                return Strip([Segment(" " * GUTTER, base), Segment(self.empty_text, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            line = self._lines[index]
            strip = self._cache[index] = Strip.join([self._margin(line, base), self._paint(line, base)])
        return strip.crop_extend(0, width, base)

    def marked_lines(self) -> list[int]:
        """The lines with a margin marker: those showing part of a highlight (tests, the notes panel)."""
        return [i for i, line in enumerate(self._lines) if self._highlighted(line)]

    def _highlighted(self, line: _Line) -> bool:
        return line.kind == "body" and any(s < line.end and e > line.start
                                           for s, e, name in self.span_layers.get("highlights", ())
                                           if name == "article--highlight")

    def _margin(self, line: _Line, base: Style) -> Strip:
        if self._highlighted(line):
            return Strip([Segment(MARGIN_MARK, base + self.get_component_rich_style("article--margin"))], GUTTER)
        return Strip([Segment(" " * GUTTER, base)], GUTTER)

    def _paint(self, line: _Line, base: Style) -> Strip:
        style = self.get_component_rich_style
        kind_style = {"title": "article--title", "meta": "article--meta", "badges": "article--badges",
                      "heading": "article--heading",
                      "note": "article--note"}.get(line.kind)
        text = Text(line.prefix + line.text, end="")
        if line.kind == "body":
            s0, e0, shift = line.start, line.end, len(line.prefix)
            for s, e, name in self._layered():
                if s < e0 and e > s0:
                    text.stylize(style(name, partial=True), max(s, s0) - s0 + shift, min(e, e0) - s0 + shift)
        line_style = base + style(kind_style) if kind_style else base
        return Strip(list(Segment.apply_style(text.render(self.app.console), line_style)))


def _list_prefix(text: str, start: int) -> str:
    """A list item's lead: its own number stays in the text (`1. `), so only an indent; else a bullet."""
    return "  " if _NUMBERED.match(text, start) else "  • "

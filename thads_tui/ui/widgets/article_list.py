"""The article list: a Line-API view that renders only the rows on screen.

Instant at 100,000 articles (an OptionList or DataTable builds every row up front). Each
article takes two lines: markers and title, then date and source. A filter (`set_filter`) keeps
the rows it accepts in `shown`, a sorted sub-list of `rows`; the cursor moves over `shown`.

The markers (★ ✎) and the filters are reactives bound to the reader screen's (`data_bind`): the
list repaints and refilters itself when they change. When the open article leaves the list, the
list announces the row its cursor moved to.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from operator import attrgetter
from typing import Callable, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from textual.reactive import reactive

from .. import actions
from ..cleantext import printable

ROW_HEIGHT = 2
_KEY, _ID, _TITLE = attrgetter("key"), attrgetter("id"), attrgetter("title")
BOOKMARK = "★"
NOTE = "✎"
_DESC = str.maketrans("0123456789", "9876543210")


class Row(NamedTuple):
    """One article of the list. A named tuple: 100,000 of them are made at every launch, and a
    tuple is made three times faster than a frozen dataclass (and the cyclic GC stops tracking it)."""

    id: str
    title: str
    date: str | None
    source: str | None
    key: str = ""  # the sort key, computed once (by the loading worker, off the UI thread)
    file: str = ""

    @classmethod
    def of(cls, article) -> "Row":
        return cls.make(article.id, article.title, article.date, article.source, article.file)

    @classmethod
    def make(cls, id: str, title: str, date: str | None, source: str | None, file: str) -> "Row":
        """The order of corpus.newest_first: newest date first, undated last, then title. The key
        is one string (compared in one go: 100,000 rows sort three times faster than by a tuple):
        dated or not, the date's digits inverted and closed by `~` (above the digits and `-`, so a
        year alone follows its full dates), the folded title, NUL (below any character of a title),
        the id."""
        if date:
            return cls(id, title, date, source, f"0{date.translate(_DESC)}~{title.casefold()}\0{id}", file)
        return cls(id, title, date, source, f"1~{title.casefold()}\0{id}", file)


def _fit(text: str, width: int) -> str:
    """Exactly `width` cells; an ellipsis marks a cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ArticleList(ScrollView, can_focus=True):
    """Rows of articles with a cursor. Posts Highlighted when the cursor moves, Selected on enter/click."""

    BINDINGS = actions.bindings("list")
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--meta",
        "article-list--bookmark",
        "article-list--note",
        "article-list--empty",
    }

    class Highlighted(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Selected(Highlighted):
        pass

    class Refiltered(Message):
        """The rows shown changed: how many are shown, of how many."""

        def __init__(self, shown: int, total: int) -> None:
            super().__init__()
            self.shown, self.total = shown, total

    markers = reactive(None, init=False, always_update=True)  # state.Markers
    filters = reactive(None, init=False)  # state.Filters
    mentioning: reactive[frozenset[str] | None] = reactive(None, init=False)  # ids naming the filter's entity
    empty_text = reactive("Loading articles…")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []  # every article, sorted
        self.shown: list[Row] = self.rows  # the rows the filter accepts (the same list when none)
        self.accept: Callable[[Row], bool] | None = None
        self.by_id: dict[str, Row] = {}
        self._titles: Counter[str] = Counter()  # how many rows carry each title
        self.cursor = 0

    @property
    def bookmarked(self) -> frozenset[str]:
        return self.markers.bookmarked if self.markers is not None else frozenset()

    @property
    def annotated(self) -> frozenset[str]:
        return self.markers.annotated if self.markers is not None else frozenset()

    def watch_markers(self, old, new) -> None:
        f = self.filters
        if f is not None and (f.bookmarked or f.annotated) and old != new:
            self._refilter()
        self.refresh()

    def watch_filters(self) -> None:
        self._refilter()

    def watch_mentioning(self) -> None:
        if self.filters is not None and self.filters.entity:
            self._refilter()

    def _refilter(self) -> None:
        f = self.filters
        accept = f.accept(set(self.bookmarked), set(self.annotated), self.mentioning) if f is not None else None
        before = self.current_id
        self.set_filter(accept)
        if self.shown and self.current_id != before:
            self.post_message(self.Highlighted(self.current_id))

    # --- data -------------------------------------------------------------------------------
    def add_rows(self, new: list[Row]) -> None:
        """Merge new rows into the sorted list; the cursor stays on its article."""
        if not new:
            return
        current = self.shown[self.cursor] if self.shown else None
        new.sort(key=_KEY)
        if self.rows and new[0].key < self.rows[-1].key:
            self.rows.extend(new)
            self.rows.sort(key=_KEY)  # two sorted runs: timsort merges them in one pass
        else:
            self.rows.extend(new)
        self.by_id.update(zip(map(_ID, new), new))
        self._titles.update(map(_TITLE, new))
        if self.accept is not None:
            self.shown = list(filter(self.accept, self.rows))
        self._reshown(current)

    def drop_rows(self, ids: list[str]) -> None:
        """Forget the rows of articles the corpus no longer holds; the cursor stays if it can."""
        current = self.shown[self.cursor] if self.shown else None
        gone = set(ids)
        for aid in gone & self.by_id.keys():
            title = self.by_id.pop(aid).title
            self._titles[title] -= 1
        self.rows = [r for r in self.rows if r.id not in gone]
        self.shown = self.rows if self.accept is None else [r for r in self.shown if r.id not in gone]
        self._reshown(current if current is not None and current.id not in gone else None)

    def set_filter(self, accept: Callable[[Row], bool] | None) -> bool:
        """Show only the rows `accept` takes (None: all). The cursor stays on its article if that
        is still shown; returns False when it is not (the cursor is then on the first row)."""
        current = self.shown[self.cursor] if self.shown else None
        self.accept = accept
        self.shown = self.rows if accept is None else list(filter(accept, self.rows))
        self._reshown(current)
        return current is not None and self.shown[self.cursor:self.cursor + 1] == [current]

    _parked: Row | None = None  # the cursor's article while a filter showed nothing

    def _reshown(self, current: Row | None) -> None:
        self.virtual_size = Size(self.size.width, len(self.shown) * ROW_HEIGHT)
        self.cursor = 0
        # A filter that passes through nothing on its way (the entity filter cleared: the list of
        # articles mentioning it empties a moment before the filter goes) must not lose the
        # cursor's article: it was on the first row after `x`, and that article opened.
        current = current if current is not None else self._parked
        self._parked = current if not self.shown else None
        if current is not None and self.shown:
            i = self.index_of(current)
            self.cursor = i if i < len(self.shown) and self.shown[i] is current else 0
        self._scroll_to_cursor(animate=False)
        self.refresh()
        self.post_message(self.Refiltered(len(self.shown), len(self.rows)))

    def index_of(self, row: Row) -> int:
        """Where the row is, or would be, in `shown`."""
        return bisect_left(self.shown, row.key, key=_KEY)

    def shows(self, article_id: str) -> bool:
        row = self.by_id.get(article_id)
        if row is None:
            return False
        i = self.index_of(row)
        return i < len(self.shown) and self.shown[i] is row

    @property
    def current_id(self) -> str | None:
        return self.shown[self.cursor].id if self.shown else None

    def row_text(self, i: int) -> str:
        """What shown row i shows, as plain text (for tests and screen readers)."""
        return "\n".join(self._line_text(i, part, 60) for part in range(ROW_HEIGHT))

    # --- cursor -----------------------------------------------------------------------------
    def move_to(self, index: int, *, announce: bool = True) -> None:
        if not self.shown:
            return
        index = max(0, min(index, len(self.shown) - 1))
        changed = index != self.cursor
        old = self.cursor
        self.cursor = index
        self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        self._scroll_to_cursor()
        if announce and changed:
            self.post_message(self.Highlighted(self.shown[index].id))

    def select_id(self, article_id: str, *, announce: bool = False) -> bool:
        if not self.shows(article_id):
            return False
        row = self.by_id[article_id]
        self.move_to(self.index_of(row), announce=announce)
        return True

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        top = self.cursor * ROW_HEIGHT
        height = self.scrollable_content_region.height or ROW_HEIGHT
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=animate, immediate=True)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=animate, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * self._page())

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.shown) - 1)

    def action_open(self) -> None:
        if self.shown:
            self.post_message(self.Selected(self.shown[self.cursor].id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= index < len(self.shown):
            self.move_to(index)
            self.post_message(self.Selected(self.shown[index].id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.shown) * ROW_HEIGHT)

    def on_focus(self) -> None:
        self.refresh_lines(self.cursor * ROW_HEIGHT, ROW_HEIGHT)

    on_blur = on_focus

    # --- rendering --------------------------------------------------------------------------
    def _line_text(self, index: int, part: int, width: int) -> str:
        row = self.shown[index]
        if part == 0:
            marks = (BOOKMARK if row.id in self.bookmarked else " ") + (NOTE if row.id in self.annotated else " ")
            return marks + " " + _fit(printable(row.title), width - 3)
        # two articles with one title: the file name tells them apart
        file = row.file if self._titles.get(row.title, 0) > 1 else None
        tags = self.markers.tags.get(row.id) if self.markers is not None else None
        tagged = " ".join(f"#{t}" for t in tags) if tags else None
        meta = " · ".join(x for x in (row.date or "no date", row.source, file, tagged) if x)
        return "   " + _fit(printable(meta), width - 3)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        base = self.rich_style
        style = self.get_component_rich_style
        if not self.shown:
            empty = self.empty_text if not self.rows else "No article matches the filters."
            text = _fit(" " + empty, width) if y == 1 else ""
            return Strip([Segment(text, base + style("article-list--empty"))]).crop_extend(0, width, base)
        if index >= len(self.shown):
            return Strip.blank(width, base)
        if index == self.cursor:
            base = base + style("article-list--cursor" if self.has_focus else "article-list--cursor-blurred")
        text = self._line_text(index, part, width)
        if part == 0:
            segments = [
                Segment(text[0], base + style("article-list--bookmark")),
                Segment(text[1], base + style("article-list--note")),
                Segment(text[2:], base),
            ]
        else:
            segments = [Segment(text, base + style("article-list--meta"))]
        return Strip(segments).crop_extend(0, width, base)

"""The reader's state as immutable values: the list filters and the layout.

The reader screen holds one of each in a reactive; a change is a new value (`replace`), so the
watchers and the widgets bound to them always see a whole, consistent state.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import reduce
from types import MappingProxyType
from typing import Callable, Container, Mapping

from ..explore import name_key
from .source import grouped, plural
from .widgets.article_list import Row

# Panels the user shows and hides, by widget id. A new one (a notes panel) is one more name here,
# one more widget in the reader screen's #panels and one more `toggle_panel('name')` key.
PANELS = ("sidebar", "entities", "figures", "notes")
SIDE_PANELS = PANELS[1:]  # in the #panels column (the list is apart, on the left)
WIDE, NARROW = 130, 80  # below WIDE the panels fold under the article; below NARROW the list folds


def width_class(width: int) -> str:
    return "wide" if width >= WIDE else "compact" if width >= NARROW else "narrow"


# What each width class shows until the user says otherwise (narrow: the article alone).
DEFAULT_PANELS: Mapping[str, frozenset[str]] = MappingProxyType({
    "wide": frozenset(PANELS),
    "compact": frozenset({"sidebar"}),
    "narrow": frozenset(),
})


@dataclass(frozen=True, slots=True)
class Layout:
    """Which panels show, remembered per width class: hiding the list at 60 columns leaves it
    shown at 140. `width` is the terminal's; `shown` maps each width class to its panels."""

    width: int = 0
    shown: Mapping[str, frozenset[str]] = field(default_factory=lambda: DEFAULT_PANELS)

    @property
    def cls(self) -> str:
        return width_class(self.width)

    def visible(self, name: str) -> bool:
        return name in self.shown.get(self.cls, DEFAULT_PANELS[self.cls])

    @property
    def only_list(self) -> bool:
        """Narrow terminals show one pane at a time: the list replaces the article."""
        return self.cls == "narrow" and self.visible("sidebar")

    def toggled(self, name: str) -> "Layout":
        return self.with_panel(name, not self.visible(name))

    def with_panel(self, name: str, on: bool) -> "Layout":
        now = set(self.shown.get(self.cls, DEFAULT_PANELS[self.cls]))
        (now.add if on else now.discard)(name)
        return replace(self, shown=MappingProxyType({**self.shown, self.cls: frozenset(now)}))

    def resized(self, width: int) -> "Layout":
        return replace(self, width=width)

    def to_state(self) -> dict:
        return {cls: {name: name in panels for name in PANELS} for cls, panels in self.shown.items()}

    @classmethod
    def from_state(cls, saved, defaults: Mapping[str, frozenset[str]] = DEFAULT_PANELS) -> "Layout":
        """From the saved state; anything missing or malformed takes the default."""
        shown = dict(defaults)
        if isinstance(saved, dict):
            for name, flags in saved.items():
                if name in DEFAULT_PANELS and isinstance(flags, dict):
                    shown[name] = frozenset(p for p in PANELS if flags.get(p, p in defaults[name]) is True)
        return cls(0, MappingProxyType(shown))


@dataclass(frozen=True, slots=True)
class Filters:
    bookmarked: bool = False
    annotated: bool = False
    year: str | None = None
    source: str | None = None
    entity: str | None = None  # the entity's key (explore.name_key of its canonical name)
    entity_name: str | None = None
    tag: str | None = None  # on the article or one of its highlights
    tag_ids: frozenset[str] = frozenset()  # the articles carrying `tag` when it was chosen
    unread: bool = False
    read_ids: frozenset[str] = frozenset()  # the articles read when `unread` was chosen

    @property
    def active(self) -> bool:
        return self != Filters()

    def labels(self) -> list[str]:
        out = []
        if self.bookmarked:
            out.append("★")
        if self.annotated:
            out.append("✎")
        if self.year:
            out.append(self.year)
        if self.source:
            out.append(f"source “{self.source}”")
        if self.entity:
            out.append(f"mentions “{self.entity_name or self.entity}”")
        if self.tag:
            out.append(f"#{self.tag}")
        if self.unread:
            out.append("unread")
        return out

    def accept(self, bookmarked: set[str], annotated: set[str],
               mentioning: set[str] | None) -> Callable[[Row], bool] | None:
        """The row test for ArticleList (None: no filter). `mentioning`: the ids of the articles
        mentioning the entity, as far as the corpus has been analysed."""
        tests: list[Callable[[Row], bool]] = []
        if self.bookmarked:
            tests.append(lambda r: r.id in bookmarked)
        if self.annotated:
            tests.append(lambda r: r.id in annotated)
        if self.year:
            year = self.year
            tests.append(lambda r: (r.date or "")[:4] == year)
        if self.source:
            source = self.source
            tests.append(lambda r: r.source == source)
        if self.entity:
            ids = mentioning or set()
            tests.append(lambda r: r.id in ids)
        if self.tag:
            tagged = self.tag_ids
            tests.append(lambda r: r.id in tagged)
        if self.unread:
            read = self.read_ids
            tests.append(lambda r: r.id not in read)
        return reduce(_both, tests) if tests else None


def _both(first: Callable[[Row], bool], then: Callable[[Row], bool]) -> Callable[[Row], bool]:
    return lambda r: first(r) and then(r)  # no generator per row: 100,000 rows in ~20 ms


def choices(rows: list[Row]) -> tuple[list[str], list[str]]:
    """The years (newest first) and sources (A to Z) found in the rows."""
    years = {r.date[:4] for r in rows if r.date}
    sources = {r.source for r in rows if r.source}
    return sorted(years, reverse=True), sorted(sources, key=str.casefold)


@dataclass(frozen=True, slots=True)
class Markers:
    """The articles with a bookmark and with a note, as the annotations file last said."""

    bookmarked: frozenset[str] = frozenset()
    annotated: frozenset[str] = frozenset()
    tags: Mapping[str, list[str]] = field(default_factory=dict)  # article id -> its tags and its highlights'
    read: frozenset[str] = frozenset()
    own_tags: Mapping[str, list[str]] = field(default_factory=dict)  # article id -> its own tags (T edits them)

    @classmethod
    def of(cls, ann) -> "Markers":
        """As the annotations file says now."""
        return cls(frozenset(ann.bookmarked_ids()), frozenset(ann.annotated_ids()), ann.tags_by_article(),
                   frozenset(ann.read_ids()), ann.tags_by_article(own=True))

    def with_mark(self, kind: str, article_id: str, on: bool) -> "Markers":
        ids = set(getattr(self, kind))
        (ids.add if on else ids.discard)(article_id)
        return replace(self, **{kind: frozenset(ids)})


@dataclass(frozen=True, slots=True)
class Analysis:
    """The open article's analysis: pending (None extraction, not failed), done, or failed.
    `generation` grows when the same analysis must be painted again (a new theme)."""

    article_id: str | None = None
    extraction: object | None = None  # extract.Extraction
    failed: bool = False
    generation: int = 0

    @property
    def status(self) -> str:
        if self.article_id is None:
            return ""
        if self.extraction is None:
            return "analysis failed" if self.failed else "analysing…"
        # entities as the panel and the E view count them (one per name), figures as they occur
        names = len({name_key(e.canonical or e.text) for e in self.extraction.entities})
        return f"{names} ent. · {len(self.extraction.figures)} fig."

    def repainted(self) -> "Analysis":
        return replace(self, generation=self.generation + 1)


class History:
    """The articles opened, in order, for back and forward (as a browser's)."""

    def __init__(self, limit: int = 200) -> None:
        self.ids: list[str] = []
        self.at = -1
        self.limit = limit

    def visit(self, article_id: str) -> None:
        """Add the article after the current one (what was ahead of it is forgotten)."""
        if 0 <= self.at < len(self.ids) and self.ids[self.at] == article_id:
            return
        del self.ids[self.at + 1:]
        self.ids.append(article_id)
        if len(self.ids) > self.limit:
            del self.ids[0]
        self.at = len(self.ids) - 1

    def step(self, delta: int) -> str | None:
        """The article `delta` steps away (None at either end); moves there."""
        at = self.at + delta
        if not 0 <= at < len(self.ids):
            return None
        self.at = at
        return self.ids[at]


def header_counts(articles: int, markers: Markers, progress: tuple[int, int, bool], filters: Filters,
                  listed: tuple[int, int], *, read_only: bool, waiting: bool, unread: int | None = None,
                  phase: str = "indexing", here: Container[str] | None = None) -> str:
    """The header's second line: what changes what the list shows first (the filter, the file's
    state, the catalogue's progress: a narrow terminal cuts the end), then the articles, ★ and ✎
    counts (of the articles `here`, the ones open: the annotations file keeps other folders' too)
    and the unread ones."""
    done, total, finished = progress
    first = []
    if filters.active:
        first.append(f"filter: {' + '.join(filters.labels())} ({grouped(listed[0])} of {grouped(listed[1])})")
    if read_only:
        first.append("read-only")
    if waiting:
        first.append("waiting for another window…")
    if not finished:
        if phase == "analysing":
            first.append(f"entities and figures: {grouped(done)} of {plural(total, 'article')}…")
        else:
            first.append(f"indexing {grouped(done)} of {plural(total, 'file')}…" if total
                         else "checking the files…")
    def among(ids: frozenset[str]) -> int:
        return len(ids) if here is None else sum(1 for i in ids if i in here)

    counts = [plural(articles, "article"), f"{grouped(among(markers.bookmarked))} ★",
              f"{grouped(among(markers.annotated))} ✎"]
    if unread is not None:
        counts.append(f"{grouped(unread)} unread")
    return " · ".join(first + counts)

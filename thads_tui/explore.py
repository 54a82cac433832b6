"""Corpus-wide views of what the extractor found, without any UI.

* `Exploration`: a thread-safe accumulator fed one (article, extraction) at a time (the reader
  feeds it from a background worker): an entity index by canonical name (one entry per name,
  whatever its spellings: `Tổng cục THADS` and `Tổng cục Thi hành án dân sự` share the
  extractor's canonical name), with its type, the articles that mention it and the number of
  mentions; and every figure as a `FigureRow`.
* `write_figures_csv`: the figure table as CSV (UTF-8 with a BOM, so spreadsheets read the accents).
"""
from __future__ import annotations

import csv
import io
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from .corpus import Article
from .corpus.fold import fold, folded
from .corpus.keys import name_key  # noqa: F401 - the views import it from here
from .extract import Extraction, Figure
from .labels import metric_label, period_label
from .textsafe import csv_cell

SERIES = ("về việc", "về tiền", "other")
# A percentage whose measure says it is a change (not a rate) goes to "other", even if it
# mentions về việc/về tiền: "tăng 0,18% về việc" is not a completion rate of 0.18 %.
_CHANGE_WORDS = ("tang", "giam", "cao hon", "thap hon", "vuot", "so voi", "chenh")


@dataclass(slots=True)
class EntityEntry:
    key: str
    name: str  # the canonical name as most often written (a tie: the one written first)
    type: str  # the type it is most often given
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    names: Counter = field(default_factory=Counter, repr=False)
    types: Counter = field(default_factory=Counter, repr=False)

    @property
    def article_count(self) -> int:
        return len(self.articles)

    def copy(self) -> "EntityEntry":
        return EntityEntry(self.key, self.name, self.type, set(self.articles), self.mentions)

    @property
    def folded(self) -> str:
        """fold(name): what sorting by name and filtering read."""
        return _folded(self.name)


class FigureRow(NamedTuple):
    """One figure of one article, as the F and R views list it. A named tuple, not a frozen
    dataclass: the F view makes 100,000s of them (5 us each as a dataclass, 0.4 us as a tuple)."""

    article_id: str
    title: str
    date: str | None
    source: str | None
    file: str
    text: str
    value: float
    unit: str
    qualifier: str | None
    measure: str | None
    of: float | None
    start: int
    end: int
    metric: str = "other"  # what it measures, of whom, when (../shared/gold/README.md, schema 2)
    subject: str | None = None
    period: str | None = None

    @classmethod
    def of_figure(cls, article: Article, f: Figure) -> "FigureRow":
        return cls(article.id, article.title, article.date, article.source, article.file, f.text, f.value, f.unit,
                   f.qualifier, f.measure, f.of, f.start, f.end, f.metric, f.subject, f.period)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None

    @property
    def series(self) -> str | None:
        """For percentages: which rate it is (see `classify_percent`); None for other units."""
        return classify_percent(self.measure, self.qualifier) if self.unit == "percent" else None


def classify_percent(measure: str | None, qualifier: str | None = None) -> str:
    """`về việc`, `về tiền` or `other`, from the figure's measure and qualifier (accents optional)."""
    context = fold(" ".join(x for x in (qualifier, measure) if x))
    words = f" {' '.join(context.split())} "
    if any(f" {w} " in words for w in _CHANGE_WORDS):
        return "other"
    if " ve viec " in words:
        return "về việc"
    if " ve tien " in words:
        return "về tiền"
    return "other"


class Exploration:
    """Entities and figures of every article added so far; `add` may run in a worker while the
    UI reads snapshots (`entities()`, `figures()`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entities: dict[str, EntityEntry] = {}
        self._figures: list[FigureRow] = []
        self._done: set[str] = set()
        self.failed: dict[str, str] = {}  # article id -> why its extraction failed

    def __len__(self) -> int:
        return len(self._done)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._done

    def add(self, article: Article, extraction: Extraction) -> bool:
        """Count one article's entities and figures; False if it was already counted."""
        rows = [FigureRow.of_figure(article, f) for f in extraction.figures]
        with self._lock:
            if article.id in self._done:
                return False
            self._done.add(article.id)
            for e in extraction.entities:
                canonical = e.canonical or e.text
                key = name_key(canonical)
                entry = self._entities.get(key)
                if entry is None:
                    entry = self._entities[key] = EntityEntry(key, canonical, e.type)
                entry.articles.add(article.id)
                entry.mentions += 1
                entry.names[canonical] += 1
                entry.types[e.type] += 1
                if canonical != entry.name and entry.names[canonical] >= entry.names[entry.name]:
                    entry.name = max(entry.names, key=entry.names.__getitem__)  # a tie: the earliest seen
                if e.type != entry.type and entry.types[e.type] >= entry.types[entry.type]:
                    entry.type = max(entry.types, key=entry.types.__getitem__)
            self._figures.extend(rows)
            return True

    def add_failure(self, article: Article, error: str) -> None:
        with self._lock:
            self._done.add(article.id)
            self.failed[article.id] = error

    def entities(self) -> list[EntityEntry]:
        """A snapshot: copies the caller may keep and sort."""
        with self._lock:
            return [e.copy() for e in self._entities.values()]

    def entity(self, key: str) -> EntityEntry | None:
        with self._lock:
            entry = self._entities.get(key)
            return entry.copy() if entry is not None else None

    def articles_mentioning(self, key: str) -> set[str]:
        with self._lock:
            entry = self._entities.get(name_key(key))
            return set(entry.articles) if entry is not None else set()

    def figures(self) -> list[FigureRow]:
        with self._lock:
            return list(self._figures)

    def figure_page(self, by: str = "date", reverse: bool = False, text: str = "",
                    limit: int | None = None) -> FigurePage:
        """The rows the figures view shows (see CatalogExploration.figure_page, the same in SQL)."""
        rows = self.figures()
        matched = sort_figures(search_figures(rows, text), by, reverse)
        return FigurePage(matched[:limit] if limit is not None else matched, len(matched), len(rows))

    def result_figures(self) -> list[FigureRow]:
        """The figures the results table reads (a column's metric, a subject and a period)."""
        return [r for r in self.figures() if r.metric in result_metrics() and r.subject and r.period]


def explore(articles: Iterable[Article], extractor: Callable[[Article], Extraction]) -> Exploration:
    """Every article through the extractor, at once (the reader does this in a worker)."""
    found = Exploration()
    for article in articles:
        try:
            found.add(article, extractor(article))
        except Exception as err:  # one bad article does not stop the rest
            found.add_failure(article, str(err))
    return found


# --------------------------------------------------------------------------- sorting, filtering

_folded = folded  # fold, remembered: the views sort and filter 100,000s of names, titles and figures


@lru_cache(maxsize=1 << 17)  # 21,000 (metric, subject, period) at 100,000 articles: none pushed out
def _facts_folded(metric: str, subject: str | None, period: str | None) -> str:
    """What a figure row's filter reads besides its text: the ids and the words shown for them."""
    return _folded(f"{metric} {metric_label(metric)} {subject or ''} {period or ''} {period_label(period)}")


ENTITY_SORTS = ("articles", "mentions", "name", "type")


class SortedEntries(list):
    """Entities already in one of sort_entities' orders (`sorted_by`: (by, reverse)): the
    catalogue gives them in the first order, so the E view opens without sorting 100,000s."""

    def __init__(self, entries: Iterable = (), sorted_by: tuple[str, bool] | None = None) -> None:
        super().__init__(entries)
        self.sorted_by = sorted_by


def entity_order(e: EntityEntry) -> tuple:
    """sort_entities' first order ("articles") as one key."""
    return -e.article_count, -e.mentions, e.folded, e.name


def sort_entities(entries: list[EntityEntry], by: str = "articles", reverse: bool = False) -> list[EntityEntry]:
    """By article count (most first), mentions (most first), name or type (A to Z); `reverse` flips."""
    if getattr(entries, "sorted_by", None) == (by, reverse):
        return list(entries)
    # by name first, then (a stable sort) by the counts: two quick sorts, not one of nested tuples
    # (0.34 s for 109k entities, most of them tied at one article and one mention)
    keys = {
        "articles": lambda e: (-e.article_count, -e.mentions),
        "mentions": lambda e: (-e.mentions, -e.article_count),
        "type": lambda e: (e.type, -e.article_count),
    }
    by_name = sorted(entries, key=lambda e: (e.folded, e.name), reverse=reverse and by not in keys)
    return sorted(by_name, key=keys[by], reverse=reverse) if by in keys else by_name


def filter_entities(entries: Iterable[EntityEntry], text: str) -> list[EntityEntry]:
    """Entries whose name (or type) holds every word of `text`, ignoring case and accents."""
    words = fold(text).split()
    if not words:
        return entries if isinstance(entries, SortedEntries) else list(entries)  # its order known
    return [e for e in entries if all(w in f"{e.folded} {e.type.lower()}" for w in words)]


def figure_matcher(text: str) -> Callable[[str, str | None, str | None, str], bool] | None:
    """What search_figures keeps, as a test of (metric, subject, period, text): the catalogue's
    SQL calls it per row. None: no words, every row."""
    words = fold(text).split()
    if not words:
        return None
    facts, folded_text = _facts_folded, _folded  # a word (no spaces) held by the joined fields lies within one
    if len(words) == 1:  # called for 100,000s of rows: the usual case without a generator
        word = words[0]
        return lambda metric, subject, period, figure: word in facts(metric, subject, period) or word in folded_text(figure)
    return lambda metric, subject, period, figure: all(
        w in facts(metric, subject, period) or w in folded_text(figure) for w in words)


def search_figures(rows: Iterable[FigureRow], text: str) -> list[FigureRow]:
    """Rows whose metric, subject or period (as ids or as shown: `cases.rate`, `% việc xong`,
    `2022:5m`, `5 tháng 2022`) or figure text hold every word of `text`, ignoring case and
    accents: `cases.rate gia lai 2022`, `viec xong gia lai`."""
    match = figure_matcher(text)
    return list(rows) if match is None else [r for r in rows if match(r.metric, r.subject, r.period, r.text)]


FIGURE_COLUMNS = ("title", "date", "text", "value", "unit", "qualifier", "measure")
FACT_COLUMNS = ("metric", "subject", "period")


def filter_figures(rows: Iterable[FigureRow], metric: str | None = None, subject: str | None = None,
                   period: str | None = None) -> list[FigureRow]:
    """Rows whose metric starts with `metric` (`cases` matches `cases.rate`), whose subject
    contains `subject` (accents and case ignored) and whose period starts with `period`
    (`2023` matches `2023:8m`)."""
    out = []
    needle = fold(subject).strip() if subject else ""
    for r in rows:
        if metric and not (r.metric == metric or r.metric.startswith(metric + ".")):
            continue
        if needle and needle not in fold(r.subject or ""):
            continue
        if period and not (r.period or "").startswith(period):
            continue
        out.append(r)
    return out


def sort_figures(rows: list[FigureRow], by: str = "date", reverse: bool = False) -> list[FigureRow]:
    """By any column; dates newest first (undated last, one date's articles by title from Z, an
    article's figures in its order: the catalogue's index order), numbers and text ascending."""
    text = lambda v: _folded(v or "")  # noqa: E731
    if by == "date":  # stable: an article's figures keep their order either way
        return sorted(rows, key=lambda r: (r.date is not None, r.date or "", r.title), reverse=not reverse)
    keys = {
        "title": lambda r: (text(r.title), r.start),
        "text": lambda r: (text(r.text), r.value),
        "value": lambda r: (r.unit, r.value),
        "unit": lambda r: (r.unit, r.value),
        "qualifier": lambda r: (r.qualifier is None, text(r.qualifier), r.value),
        "measure": lambda r: (r.measure is None, text(r.measure), r.value),
        "metric": lambda r: (r.metric == "other", r.metric, r.value),
        "subject": lambda r: (r.subject is None, text(r.subject), r.value),
        "period": lambda r: (r.period is None, r.period or "", text(r.subject)),
    }
    return sorted(rows, key=keys[by], reverse=reverse)


# The same orders in the catalogue's SQL (a: the article, g: the figure; fold() is registered on
# every connection): (expression, descending); `reverse` flips each term.
_SQL_ORDERS = {
    "title": (("fold(a.title)", False), ("g.start", False)),
    "date": (("a.date", True), ("a.title", True)),  # the covering index's order, read backwards
    "text": (("fold(g.text)", False), ("g.value", False)),
    "value": (("g.unit", False), ("g.value", False)),
    "unit": (("g.unit", False), ("g.value", False)),
    "qualifier": (("g.qualifier IS NULL", False), ("fold(g.qualifier)", False), ("g.value", False)),
    "measure": (("g.measure IS NULL", False), ("fold(g.measure)", False), ("g.value", False)),
    "metric": (("coalesce(g.metric, 'other') = 'other'", False), ("coalesce(g.metric, 'other')", False),
               ("g.value", False)),
    "subject": (("g.subject IS NULL", False), ("fold(g.subject)", False), ("g.value", False)),
    "period": (("g.period IS NULL", False), ("coalesce(g.period, '')", False), ("fold(g.subject)", False)),
}


def figure_order_sql(by: str = "date", reverse: bool = False) -> str:
    """sort_figures' order as an SQL ORDER BY list (Catalog.body_figures)."""
    return ", ".join(f"{expr} {'DESC' if desc != reverse else 'ASC'}" for expr, desc in _SQL_ORDERS[by])


class FigurePage(NamedTuple):
    """What a figures view shows: the first rows of the order asked, how many rows match the
    filter, how many there are."""

    rows: list[FigureRow]
    matched: int
    total: int


# --------------------------------------------------------------------------- CSV

CSV_HEADER = ("article_id", "title", "date", "source", "file", "figure", "value", "unit", "qualifier", "measure",
              "of", "series", "start", "end", "metric", "subject", "period", "metric_label", "period_label")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def figures_csv(rows: Iterable[FigureRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow([csv_cell(v) for v in (
            r.article_id, r.title, r.date or "", r.source or "", r.file, r.text, _number(r.value), r.unit,
            r.qualifier or "", r.measure or "", _number(r.of), r.series or "", r.start, r.end,
            r.metric, r.subject or "", r.period or "", metric_label(r.metric), period_label(r.period))])
    return out.getvalue()


def csv_name(now: datetime | None = None, prefix: str = "thads-figures") -> str:
    return f"{prefix}-{(now or datetime.now()):%Y%m%d-%H%M%S}.csv"


def write_csv(text: str, folder: Path, prefix: str, now: datetime | None = None) -> Path:
    """Write `text` to `folder/PREFIX-YYYYMMDD-HHMMSS.csv` (UTF-8 with BOM); returns the path.
    Never overwrites: a second export in the same second gets a `-2` suffix."""
    name = csv_name(now, prefix)
    path = Path(folder) / name
    n = 2
    while path.exists():
        path = path.with_name(f"{name[:-4]}-{n}.csv")
        n += 1
    with open(path, "x", encoding="utf-8-sig", newline="") as fh:
        fh.write(text)
    return path


def write_figures_csv(rows: Iterable[FigureRow], folder: Path, now: datetime | None = None) -> Path:
    """The figure table as `folder/thads-figures-YYYYMMDD-HHMMSS.csv` (see `write_csv`)."""
    return write_csv(figures_csv(rows), folder, "thads-figures", now)


# --------------------------------------------------------------------------- results

def result_metrics() -> tuple[str, ...]:
    """The metrics the results table has columns for (results.ALL_COLUMNS, imported when asked)."""
    from .results import ALL_COLUMNS

    return ALL_COLUMNS


def results_of_rows(rows: Iterable[FigureRow], counts: tuple[dict, dict] | None = None):
    """The results table (`thads_tui.results`) from figure rows, one source per occurrence;
    `counts`: (cells, rows) counts of every figure when the rows are a few per cell (results.with_counts)."""
    from .results import build_results, with_counts

    columns = result_metrics()
    records: dict[str, dict] = {}
    for r in rows:
        if r.metric not in columns or not r.subject or not r.period:
            continue  # what build_results leaves out, left out before a dict is made for it
        rec = records.get(r.article_id)
        if rec is None:
            rec = records[r.article_id] = {"id": r.article_id, "title": r.title, "file": r.file, "date": r.date,
                                           "figures": []}
        rec["figures"].append({"metric": r.metric, "subject": r.subject, "period": r.period, "value": r.value,
                               "text": r.text, "start": r.start, "end": r.end})
    table = build_results(records.values())
    return with_counts(table, *counts) if counts is not None else table

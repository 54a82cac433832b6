"""The results table: for each (subject, period), the enforcement rates and results the news
reports, comparable across articles and years. Pure model, no UI.

    table = build_results(records)           # records: `thads-tui extract --json` articles
    for row in table.sorted("cases.rate", reverse=True).filter(year=2023).rows:
        cell = row.cells["cases.rate"]        # cell.value, cell.conflict, cell.sources

A cell holds every figure that reports it, each with its source (article id, title, file, the
figure's offsets). Two different values for one cell are a conflict: the cell shows no value
(never an average) and lists them all. Only figures with a subject and a period count.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Iterable

from unidecode import unidecode

from .labels import metric_label, period_label

COLUMNS = ("cases.rate", "money.rate", "cases.done", "money.done")
CHANGES = tuple(c + ".change" for c in COLUMNS)
ALL_COLUMNS = COLUMNS + CHANGES


@dataclass(frozen=True, slots=True)
class Source:
    """Where one value was read: the article and the figure's character offsets in it."""

    article_id: str
    title: str
    file: str
    date: str | None
    text: str
    value: float
    start: int
    end: int


@dataclass(slots=True)
class Cell:
    metric: str
    sources: list[Source] = field(default_factory=list)
    # a catalogue keeps a few sources per cell (a dense archive has 100,000s): the cell's own counts
    reported: int | None = None  # articles reporting it
    distinct: int | None = None  # distinct values reported

    @property
    def values(self) -> list[float]:
        """The distinct values reported, in the order first seen."""
        out: list[float] = []
        for s in self.sources:
            if not any(_same(s.value, v) for v in out):
                out.append(s.value)
        return out

    @property
    def conflict(self) -> bool:
        return (self.distinct or len(self.values)) > 1

    @property
    def value(self) -> float | None:
        """The value all its sources agree on; None when they disagree (see `values`)."""
        values = self.values
        return values[0] if len(values) == 1 and not self.conflict else None

    @property
    def more_values(self) -> int:
        """Values reported that `values` does not hold (its sources were cut)."""
        return max(0, (self.distinct or 0) - len(self.values))

    @property
    def articles(self) -> int:
        return self.reported if self.reported is not None else len({s.article_id for s in self.sources})


@dataclass(slots=True)
class Row:
    subject: str
    period: str
    cells: dict[str, Cell] = field(default_factory=dict)
    reported: int | None = None  # articles reporting any of its cells (a catalogue's count)

    @property
    def year(self) -> int | None:
        """The (THADS) year the period belongs to: `2022:5m` -> 2022, `2020-Q3` -> 2020."""
        m = re.match(r"\d{4}", self.period)
        return int(m.group()) if m else None

    @property
    def conflicts(self) -> list[str]:
        return [k for k, c in self.cells.items() if c.conflict]

    @property
    def articles(self) -> int:
        if self.reported is not None:
            return self.reported
        return len({s.article_id for c in self.cells.values() for s in c.sources})

    def value(self, metric: str) -> float | None:
        cell = self.cells.get(metric)
        return cell.value if cell else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _fold(s: str) -> str:
    return unidecode(s).casefold()


def period_key(period: str) -> tuple:
    """Chronological order: a year, then its parts (`2022:5m`, quarters, months, intervals)."""
    m = re.match(r"(\d{4})(.*)", period)
    if not m:
        return (9999, 9, period)
    year, rest = int(m[1]), m[2]
    if not rest:
        return (year, 9, 0)
    if m2 := re.fullmatch(r":(\d+)m", rest):
        return (year, 5, int(m2[1]))
    return (year, 7, rest)


@dataclass(slots=True)
class ResultsTable:
    rows: list[Row] = field(default_factory=list)
    columns: tuple[str, ...] = ALL_COLUMNS

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, subject: str, period: str) -> Row | None:
        return next((r for r in self.rows if r.subject == subject and r.period == period), None)

    @property
    def subjects(self) -> list[str]:
        return sorted({r.subject for r in self.rows}, key=_fold)

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.rows if r.year is not None})

    def filter(self, subject: str | None = None, year: int | None = None) -> "ResultsTable":
        """Rows whose subject contains `subject` (accents and case ignored) and of `year`."""
        rows = self.rows
        if subject:
            needle = _fold(subject.strip())
            rows = [r for r in rows if needle in _fold(r.subject)]
        if year is not None:
            rows = [r for r in rows if r.year == year]
        return ResultsTable(list(rows), self.columns)

    def sorted(self, by: str = "period", reverse: bool = False) -> "ResultsTable":
        """By `subject`, `period`, `articles` or a column; empty and conflicting cells last."""
        if by == "subject":
            key = lambda r: (_fold(r.subject), period_key(r.period))  # noqa: E731
        elif by == "period":
            key = lambda r: (period_key(r.period), _fold(r.subject))  # noqa: E731
        elif by == "articles":
            key = lambda r: (r.articles, _fold(r.subject))  # noqa: E731
        elif by in self.columns:
            present = [r for r in self.rows if r.value(by) is not None]
            absent = [r for r in self.rows if r.value(by) is None]
            present.sort(key=lambda r: r.value(by), reverse=reverse)
            return ResultsTable(present + absent, self.columns)
        else:
            raise ValueError(f"cannot sort by {by!r}")
        return ResultsTable(sorted(self.rows, key=key, reverse=reverse), self.columns)

    def chart_series(self, subject: str, metric: str = "cases.rate") -> list[tuple[str, float]]:
        """A subject's values over periods (conflicting cells left out), oldest first."""
        rows = sorted((r for r in self.rows if r.subject == subject), key=lambda r: period_key(r.period))
        return [(r.period, r.value(metric)) for r in rows if r.value(metric) is not None]

    def compare(self, period: str, metric: str = "cases.rate") -> list[tuple[str, float]]:
        """The subjects' values for one period, highest first."""
        pairs = [(r.subject, r.value(metric)) for r in self.rows if r.period == period]
        return sorted(((s, v) for s, v in pairs if v is not None), key=lambda p: -p[1])

    def to_csv(self) -> str:
        """One line per value and source article: subject, period, metric, value, whether the cell
        is in conflict, how many articles report it, and where (article id, title, file, offsets)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for r in self.rows:
            for metric in self.columns:
                cell = r.cells.get(metric)
                if cell is None:
                    continue
                for s in cell.sources:
                    writer.writerow([_safe(r.subject), r.period, metric, _number(s.value),
                                     "yes" if cell.conflict else "", cell.articles, _safe(s.article_id),
                                     _safe(s.title), s.date or "", _safe(s.file), _safe(s.text),
                                     s.start, s.end, period_label(r.period), metric_label(metric)])
        return out.getvalue()


# the ids first (for a script), the words the screen uses last (`8 tháng 2023`, `% việc xong`)
CSV_HEADER = ("subject", "period", "metric", "value", "conflict", "articles", "article_id", "title",
              "date", "file", "figure", "start", "end", "period_label", "metric_label")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _safe(text: str) -> str:
    """Spreadsheet formula injection (OWASP): a cell starting with = + - @ (or a tab/CR) is
    prefixed with a quote so it is read as text."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _occurrences(f: dict):
    """(metric, subject, period, start, end) of each occurrence of a figure record."""
    if f.get("readings"):
        return [(r.get("metric"), r.get("subject"), r.get("period"), r["start"], r["end"]) for r in f["readings"]]
    reading = (f.get("metric"), f.get("subject"), f.get("period"))
    return [(*reading, start, end) for start, end in f.get("occurrences") or [[f["start"], f["end"]]]]


def build_results(records: Iterable[dict], columns: tuple[str, ...] = ALL_COLUMNS) -> ResultsTable:
    """The results table from article records (the `thads-tui extract --json` shape: `id`,
    `title`, `file`, `date`, `figures` with `metric`, `subject`, `period`, `value`, offsets).

    Every occurrence of a figure counts as a source (`occurrences` when present), with its own
    reading where the record has `readings`."""
    rows: dict[tuple[str, str], Row] = {}
    for rec in records:
        for f in rec.get("figures", ()):
            for metric, subject, period, start, end in _occurrences(f):
                if metric not in columns or not subject or not period:
                    continue
                row = rows.get((subject, period))
                if row is None:
                    row = rows[(subject, period)] = Row(subject, period)
                cell = row.cells.get(metric)
                if cell is None:
                    cell = row.cells[metric] = Cell(metric)
                cell.sources.append(Source(str(rec.get("id", "")), rec.get("title") or "",
                                           str(rec.get("file", "")), rec.get("date"), f["text"],
                                           float(f["value"]), start, end))
    table = ResultsTable(list(rows.values()), columns)
    return table.sorted("period")


def with_counts(table: ResultsTable, cells: dict[tuple[str, str, str], tuple[int, int]],
                rows: dict[tuple[str, str], int]) -> ResultsTable:
    """The table built from a few sources per cell, given the counts of all of them: `cells`
    {(subject, period, metric): (articles, distinct values)}, `rows` {(subject, period): articles}."""
    for row in table.rows:
        row.reported = rows.get((row.subject, row.period))
        for metric, cell in row.cells.items():
            cell.reported, cell.distinct = cells.get((row.subject, row.period, metric), (None, None))
    return table


def results_of(pairs) -> ResultsTable:
    """From (Article, Extraction) pairs, as the reader holds them."""
    from .analysis import article_record

    return build_results(article_record(a, x) for a, x in pairs)

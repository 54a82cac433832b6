"""A persistent catalogue of a corpus: SQLite (WAL) in the user cache folder, derived data only.

    cat = Catalog.open(paths, no_cache=False, notice=print)   # never raises for a bad catalogue
    cat.update(progress=callback)     # list files (no reads), read new/changed ones, drop deleted,
                                      # then extract entities/figures (second phase)
    cat.update_in_background(done=cb) # the same in a thread (own connection): show rows at once
    cat.extraction_done()             # (analysed, articles): how far the second phase is
    cat.notices                       # the one-line notices (rebuilt, in memory, ...)

What the UI reads instead of holding articles (all straight from SQL):
    cat.count(year=, source=, entity=)                  how many articles (with the filters)
    cat.rows(order="date"|"title", year=, source=, entity=, limit=, offset=)
                                                        [Row(n, id, title, date, source, file, format)]
    cat.years() / cat.sources()                         [(value, count)] for the filters
    cat.article(id) -> Article | None                   text, paragraphs, styles... of one article
    cat.text(id) -> str | None
    cat.search(query, limit=, offset=, prefix_last=, detail=20, exact_counts=True)
    cat.complete(found)                                 exact counts, every result's hits and snippets
                                        -> search.Found (results, total, together, summary, error,
                                           notes); the first `detail` results carry hits + snippets
    cat.hits(id, query) -> [(start, end)]               hit offsets in one article's NFC text
    cat.entities(type=None) -> [EntityRow(canonical, type, mentions, articles)]   the E view
    cat.figures(limit=None) -> [FigureRow(id, title, date, text, value, unit, qualifier, of, measure, start, end)]
                                                        the F view
    cat.mentioning(canonical, type=None) -> [Row]       articles mentioning an entity
    cat.extraction(id) -> (entities, figures)           one article's, as extract.Entity/Figure

Files are keyed by their path as bytes (os.fsencode: lossless, even for names that are not
UTF-8), with size and mtime_ns; articles by (file, record key), since one .jsonl file holds
many. The entity and figure rows carry extract.EXTRACTOR_VERSION; rows with another stamp (or
none) are re-analysed before the entity and figure queries answer (`refresh_extraction`).
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from sys import intern
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ...extract import Entity, Figure
from ..article import Article
from ..filecheck import Changes
from . import db, update as _update
from .search import Found, _label, complete as _complete, hits_of, search as _search
from .update import UpdateReport

FigureMatch = Callable[[str, "str | None", "str | None", str], bool]

__all__ = ["Catalog", "EntityRow", "FigureRow", "Found", "Row", "UpdateReport"]


@dataclass(frozen=True, slots=True)
class Row:
    n: int
    id: str
    title: str
    date: str | None
    source: str | None
    file: str  # the label the list shows: file name, with the record for a many-article file
    format: str


@dataclass(frozen=True, slots=True)
class EntityRow:
    canonical: str
    type: str
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: str
    title: str
    date: str | None
    text: str
    value: float
    unit: str
    qualifier: str | None
    of: float | None
    measure: str | None
    start: int
    end: int


_ROW_SQL = ("SELECT a.n, a.id, a.title, a.date, a.source, f.path, a.key, a.format "
            "FROM articles a JOIN files f ON f.id = a.file")


class Catalog:
    def __init__(self, conn: sqlite3.Connection, roots: list[Path], path: Path | None, notices: list[str]) -> None:
        self.conn = conn
        self.roots = roots
        self.path = path  # None: in memory
        self.notices = notices
        self._notice_cb: Callable[[str], None] | None = None

    @classmethod
    def open(cls, roots: Iterable[str | Path], *, no_cache: bool = False, path: str | Path | None = None,
             notice: Callable[[str], None] | None = None) -> "Catalog":
        roots = [Path(r) for r in roots]
        notices: list[str] = []

        def say(message: str) -> None:
            notices.append(message)
            if notice:
                notice(message)

        if no_cache:
            return cls(db.open_memory(), roots, None, notices)
        file = Path(path) if path else db.default_path(roots)
        conn = db.open_file(file, say)
        in_memory = conn.execute("PRAGMA database_list").fetchone()[2] == ""
        cat = cls(conn, roots, None if in_memory else file, notices)
        cat._notice_cb = say
        return cat

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ building

    def update(self, *, progress: _update.Progress | None = None, workers: int | None = None,
               analyse: bool = True, extract_progress: _update.Progress | None = None,
               changes: Changes | None = None) -> UpdateReport:
        """Bring the catalogue up to date, in two phases: rows, text and search index of the new
        and changed files first (each batch committed: the list and search are usable while it
        runs), then the entities and figures of the articles not yet analysed (analyse=False
        leaves them for later; `extract_progress` follows this phase). `changes`: what a check of
        this catalogue's files found (filecheck.Child), else they are checked here. A full disk
        moves the catalogue to memory (with a notice) and goes on."""
        try:
            return self._update(self.conn, progress, workers, analyse, extract_progress, changes)
        except sqlite3.DatabaseError as err:
            if self.path is None:
                raise
            if db.is_disk_full(err):
                self._say(f"The disk is full ({err}): the catalogue is kept in memory for this session.")
            else:
                self._say(f"The catalogue was damaged ({err}); it is rebuilt in memory for this session.")
            self.conn.close()
            self.conn = db.open_memory()
            self.path = None
            return self._update(self.conn, progress, workers, analyse, extract_progress)

    def _update(self, conn, progress, workers, analyse, extract_progress, changes=None) -> UpdateReport:
        report = _update.update(conn, self.roots, progress=progress, workers=workers, analyse=False, changes=changes)
        if analyse:
            _update.refresh_extraction(conn, progress=extract_progress, workers=workers)
            if not _update.stats_fresh(conn):  # counting every entity again takes 0.6 s at 100k
                _update.refresh_stats(conn)
        return report

    def update_in_background(self, *, done: Callable[[UpdateReport | BaseException], None] | None = None,
                             **kw) -> threading.Thread:
        """update(**kw) in a thread, on a connection of its own when the catalogue is a file, so
        a launch shows the catalogued rows at once and checks the files (a stat each) meanwhile;
        `done` gets the report (or the error) when it ends: refresh the list then."""
        def run() -> None:
            try:
                if self.path is None:
                    result: UpdateReport | BaseException = self.update(**kw)
                else:
                    conn = db.connect(self.path)
                    try:
                        result = self._update(conn, kw.get("progress"), kw.get("workers"), kw.get("analyse", True),
                                              kw.get("extract_progress"))
                    finally:
                        conn.close()
            except (sqlite3.Error, OSError) as err:
                self._say(f"The catalogue could not be brought up to date ({err}).")
                result = err
            if done:
                done(result)

        thread = threading.Thread(target=run, name="catalogue-update", daemon=True)
        thread.start()
        return thread

    def state(self) -> tuple[int, int, int]:
        """(articles, highest article number, articles analysed by this extractor): changes when
        an update adds, changes or drops an article, or analyses one (numbers are never reused)."""
        return self.conn.execute("SELECT count(*), coalesce(max(n), 0), count(*) FILTER (WHERE extractor = ?)"
                                 " FROM articles", (_update._extract.EXTRACTOR_VERSION,)).fetchone()

    def extraction_done(self) -> tuple[int, int]:
        """(articles whose entities and figures are extracted, articles): the second phase's progress."""
        return _update.extraction_done(self.conn)

    def _say(self, message: str) -> None:
        if self._notice_cb:
            self._notice_cb(message)
        else:
            self.notices.append(message)

    def refresh_extraction(self, **kw) -> int:
        return _update.refresh_extraction(self.conn, **kw)

    # ------------------------------------------------------------------ list and filters

    @staticmethod
    def _where(year: int | None, source: str | None, entity: str | None) -> tuple[str, list]:
        clauses, args = [], []
        if year is not None:
            clauses.append("a.year = ?")
            args.append(year)
        if source is not None:
            clauses.append("a.source = ?")
            args.append(source)
        if entity is not None:
            clauses.append("a.n IN (SELECT e.article FROM entities e JOIN names m ON m.id = e.name WHERE m.canonical = ?)")
            args.append(entity)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def count(self, *, year: int | None = None, source: str | None = None, entity: str | None = None) -> int:
        where, args = self._where(year, source, entity)
        return self.conn.execute(f"SELECT count(*) FROM articles a{where}", args).fetchone()[0]

    def rows(self, *, order: str = "date", year: int | None = None, source: str | None = None,
             entity: str | None = None, limit: int | None = None, offset: int = 0) -> list[Row]:
        where, args = self._where(year, source, entity)
        by = "a.title, a.n" if order == "title" else "a.date IS NULL, a.date, a.title, a.n"
        sql = f"{_ROW_SQL}{where} ORDER BY {by} LIMIT ? OFFSET ?"
        return [Row(n, i, t, d, s, _label(p, k), fm) for n, i, t, d, s, p, k, fm in
                self.conn.execute(sql, [*args, -1 if limit is None else limit, offset])]

    def years(self) -> list[tuple[int, int]]:
        return list(self.conn.execute(
            "SELECT year, count(*) FROM articles WHERE year IS NOT NULL GROUP BY year ORDER BY year"))

    def sources(self) -> list[tuple[str, int]]:
        return list(self.conn.execute(
            "SELECT source, count(*) FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC, source"))

    # ------------------------------------------------------------------ one article

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT a.id, f.path, t.ztext, a.title, a.date, a.source, t.paragraphs, a.format, t.styles, a.key "
            "FROM articles a JOIN files f ON f.id = a.file JOIN texts t ON t.n = a.n WHERE a.id = ? ORDER BY a.n LIMIT 1",
            (article_id,)).fetchone()
        if row is None:
            return None
        aid, path, text, title, date, source, paras, fmt, styles, key = row
        return Article(id=aid, path=Path(os.fsdecode(bytes(path))), text=db.unpack(text), title=title, date=date, source=source,
                       paragraphs=tuple(tuple(p) for p in json.loads(paras)), format=fmt,
                       styles=tuple(tuple(s) for s in json.loads(styles)), key=key or None)

    def holds(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ? LIMIT 1", (article_id,)).fetchone() is not None

    def id_of_file(self, path: str | Path) -> str | None:
        """The id of the article read from the file at `path`, if the catalogue holds it and the
        file holds that one article only (a record of a .jsonl dump is not told apart by its file:
        notes must not move to another record)."""
        row = self.conn.execute("SELECT min(a.id), count(*) FROM articles a JOIN files f ON f.id = a.file "
                                "WHERE f.path = ?", (os.fsencode(str(path)),)).fetchone()
        return row[0] if row and row[1] == 1 else None

    def text(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT t.ztext FROM articles a JOIN texts t ON t.n = a.n WHERE a.id = ? LIMIT 1",
                                (article_id,)).fetchone()
        return db.unpack(row[0]) if row else None

    # ------------------------------------------------------------------ search

    def search(self, query: str, **kw) -> Found:
        return _search(self.conn, query, **kw)

    def complete(self, found: Found) -> Found:
        """A search shown at once (exact_counts=False, a few results detailed), counted and detailed."""
        return _complete(self.conn, found)

    def hits(self, article_id: str, query: str, **kw) -> list[tuple[int, int]]:
        return hits_of(self.conn, article_id, query, **kw)

    # ------------------------------------------------------------------ entities and figures

    def entities(self, type: str | None = None) -> list[EntityRow]:
        self._fresh_stats()
        where, args = ("WHERE m.type = ?", [type]) if type else ("", [])
        return [EntityRow(*r) for r in self.conn.execute(
            "SELECT m.canonical, m.type, c.mentions, c.articles FROM name_stats c JOIN names m ON m.id = c.name "
            f"{where} ORDER BY c.articles DESC, c.mentions DESC, m.canonical", args)]

    def figures(self, limit: int | None = None) -> list[FigureRow]:
        self.refresh_extraction()
        out, last = [], (None, "")
        for aid, title, date, ztext, *rest, start, end in self.conn.execute(
                "SELECT a.id, a.title, a.date, t.ztext, g.value, g.unit, g.qualifier, g.of, g.measure, g.start, g.end "
                "FROM figures g JOIN articles a ON a.n = g.article JOIN texts t ON t.n = a.n"
                " ORDER BY a.date, a.n, g.start LIMIT ?",
                (-1 if limit is None else limit,)):
            if last[0] != aid:
                last = (aid, db.unpack(ztext))
            out.append(FigureRow(aid, title, date, last[1][start:end], *rest, start, end))
        return out

    def body_name_stats(self, several: bool = False) -> list[tuple[int, str, str, int, int, int, str, str]]:
        """(name id, canonical, type, mentions, articles, first mention, entity key, folded) of every name
        the article bodies mention (titles and date lines apart: what the panels and the E view
        count); `first` orders the first mentions (article, then place in its extraction).
        `several`: only the names of entities written several ways (key_stats)."""
        self._fresh_stats()
        return self.conn.execute(
            "SELECT c.name, m.canonical, m.type, c.body_mentions, c.body_articles, c.first, m.key, m.folded FROM name_stats c"
            " JOIN names m ON m.id = c.name WHERE c.body_mentions > 0"
            + (" AND m.key IN (SELECT key FROM key_stats)" if several else "")).fetchall()

    def single_spelled_entities(self) -> list[tuple[str, str, str, int, int, str]]:
        """(entity key, canonical, type, body mentions, body articles, folded) of every entity the
        bodies name one way only (nearly all: the others are in body_name_stats(several=True)),
        most articles first, then most mentions, then by folded name (the E view's first order)."""
        self._fresh_stats()
        return self.conn.execute(
            "SELECT m.key, m.canonical, m.type, c.body_mentions, c.body_articles, m.folded FROM name_stats c"
            " JOIN names m ON m.id = c.name WHERE c.body_mentions > 0 AND m.key NOT IN (SELECT key FROM key_stats)"
            " ORDER BY c.body_articles DESC, c.body_mentions DESC, m.folded, m.canonical").fetchall()

    def entity_articles(self) -> dict[str, int]:
        """For each entity key written several ways, how many articles' bodies name it any way."""
        self._fresh_stats()
        return dict(self.conn.execute("SELECT key, articles FROM key_stats"))

    def names_of(self, key: str) -> list[str]:
        """The canonical names an entity key joins (see corpus.keys.name_key)."""
        return sorted({c for (c,) in self.conn.execute("SELECT canonical FROM names WHERE key = ?", (key,))})

    def _fresh_stats(self) -> None:
        self.refresh_extraction()
        if not _update.stats_fresh(self.conn):
            _update.refresh_stats(self.conn)

    def body_figures(self, order: str = "a.date DESC, a.title DESC", where: str = "",
                     match: FigureMatch | None = None, limit: int | None = None, args: tuple = ()) -> Iterator[tuple]:
        """The figures in the article bodies, in `order` (SQL over `a` the article, `g` the figure;
        by default newest article first, undated last, an article's in the extractor's order: the
        index's order, so the first rows come at once), those `where` (SQL) and `match` say, at
        most `limit` (`args`: the parameters of `where`): (article id, title, date, source, file
        label, text, value, unit, qualifier, measure, of, start, end, metric, subject, period). An
        article's rows share its strings."""
        last, head = None, ()
        where = self._figure_filter(where, match)
        for n, aid, title, date, source, path, key, text, value, unit, qualifier, measure, *rest in self.conn.execute(
                "SELECT a.n, a.id, a.title, a.date, a.source, f.path, a.key, g.text, g.value, g.unit, g.qualifier,"
                " g.measure, g.of, g.start, g.end, coalesce(g.metric, 'other'), g.subject, g.period FROM articles a"
                f" JOIN figures g ON g.article = a.n JOIN files f ON f.id = a.file WHERE g.body{where}"
                f" ORDER BY {order} LIMIT ?", (*args, -1 if limit is None else limit)):
            if n != last:
                last, head = n, (aid, title, date, source, _label(path, key))
            of, start, end, metric, subject, period = rest  # the words many rows repeat are kept once
            yield (*head, text, value, intern(unit), qualifier and intern(qualifier), measure and intern(measure),
                   of, start, end, intern(metric), subject and intern(subject), period and intern(period))

    def count_body_figures(self, where: str = "", match: FigureMatch | None = None) -> int:
        """How many figures body_figures(where=, match=) gives."""
        return self.conn.execute("SELECT count(*) FROM figures g WHERE g.body"
                                 + self._figure_filter(where, match)).fetchone()[0]

    def _figure_filter(self, where: str, match: FigureMatch | None) -> str:
        if match is None:
            return f" AND ({where})" if where else ""
        self.conn.create_function("figure_match", 4, match)  # called with (metric, subject, period, text)
        test = "figure_match(coalesce(g.metric, 'other'), g.subject, g.period, g.text)"
        return f" AND ({where}) AND {test}" if where else f" AND {test}"

    def mentioning(self, canonical: str, type: str | None = None, *, refresh: bool = True) -> list[Row]:
        """The articles whose stored extraction names `canonical`; `refresh=False` asks the rows
        as they are (a caller that has brought the extraction up to date already)."""
        if refresh:
            self.refresh_extraction()
        clause, args = ("m.canonical = ?", [canonical]) if type is None else ("m.canonical = ? AND m.type = ?", [canonical, type])
        sql = (f"{_ROW_SQL} WHERE a.n IN (SELECT e.article FROM entities e JOIN names m ON m.id = e.name WHERE {clause}) "
               "ORDER BY a.date IS NULL, a.date, a.title")
        return [Row(n, i, t, d, s, _label(p, k), fm) for n, i, t, d, s, p, k, fm in self.conn.execute(sql, args)]

    def extraction(self, article_id: str) -> tuple[list[Entity], list[Figure]]:
        self.refresh_extraction()
        return self.stored_extraction(article_id) or ([], [])

    def stored_extraction(self, article_id: str) -> tuple[list[Entity], list[Figure]] | None:
        """One article's extraction as stored, without re-analysing anything: None when the
        article is unknown or its rows carry another extractor's stamp (the caller extracts)."""
        row = self.conn.execute("SELECT a.n, t.ztext, a.extractor FROM articles a JOIN texts t ON t.n = a.n"
                                " WHERE a.id = ? ORDER BY a.n LIMIT 1", (article_id,)).fetchone()
        if row is None or row[2] != _update._extract.EXTRACTOR_VERSION:
            return None
        n, text = row[0], db.unpack(row[1])
        ents = [Entity(type=t, text=text[s:e], start=s, end=e, canonical=c, role=r) for t, c, s, e, r in self.conn.execute(
            "SELECT m.type, m.canonical, e.start, e.end, e.role FROM entities e JOIN names m ON m.id = e.name "
            "WHERE e.article = ? ORDER BY e.start, e.seq", (n,))]
        figs = [Figure(text[s:e], s, e, *rest) for s, e, *rest in self.conn.execute(
            "SELECT start, end, value, unit, qualifier, of, measure, metric, subject, period, unit_word "
            "FROM figures WHERE article = ? ORDER BY start, seq", (n,))]
        return ents, figs

"""Bringing the catalogue up to date with the files: list (no reads), read only what changed.

A launch lists the corpus files (scandir), compares each file's size and mtime_ns with the
catalogue, reads new and changed files in a process pool (read, decode, lay out, fold and
extract are all done there; the results are plain picklable tuples) and writes them from the
calling thread in batched transactions. Deleted files are dropped. The entities and figures
are a second phase (`refresh_extraction`, batches committed as they go), so a first build
makes the list and search usable long before the extraction ends. Article ids are content
hashes, so a renamed or moved file keeps its id (and the notes on it).
"""
from __future__ import annotations

import json
import os
from bisect import bisect_right
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ... import extract as _extract
from .. import filecheck, formats, loader
from ..metadata import reference_year
from ..keys import name_key
from ..fold import fold
from .db import building, pack, unpack

Progress = Callable[[int, int], None]
BATCH_FILES = 1024  # files written per transaction (~1 s of a build: each commit also flushes a search
# index segment, and 256 made the merging of 4x more segments a quarter of the first phase's main CPU)
FIRST_BATCH = 128  # ... but the first rows of a first build are committed (shown) after this many files
POOL_THRESHOLD = 64  # fewer changed files than this are read in this process
EXTRACT_BATCH = 1024  # articles analysed per transaction in the second phase


@dataclass
class UpdateReport:
    listed: int = 0
    read: int = 0  # files read (new or changed)
    dropped: int = 0  # files no longer there
    articles: int = 0  # articles written
    bytes_read: int = 0
    problems: list = field(default_factory=list)  # loader.Problem


def extraction_rows(text: str, date: str | None = None, paragraphs=()) -> tuple[list[tuple], list[tuple]]:
    """An article's entity and figure rows as stored: each says whether it is in the body (the
    views and panels count body mentions only), figures carry their text."""
    found = _extract.extract(text, date or reference_year(text))  # the date completes yearless dates and periods
    body = _body_test(paragraphs)
    ents = [(e.canonical, e.type, e.start, e.end, e.role, body(e.start)) for e in found.entities]
    figs = [(f.start, f.end, f.value, f.unit, f.qualifier, f.of, f.measure, f.metric, f.subject, f.period,
             f.unit_word, text[f.start:f.end], body(f.start)) for f in found.figures]
    return ents, figs


def _body_test(paragraphs) -> Callable[[int], bool]:
    """in_body(paragraphs, offset) for many offsets of one article (the paragraphs' starts and
    ends taken apart once: ~30 entities an article, 100,000s of articles in a build)."""
    if not paragraphs:
        return lambda offset: True
    starts = [p[0] for p in paragraphs]
    ends = [p[1] for p in paragraphs]

    def body(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]
    return body


def read_one(path: Path, analyse: bool = True) -> tuple[list[dict], list]:
    """Every article of one file as catalogue rows (runs in a worker process)."""
    articles, problems = loader.read_file(path)
    rows = []
    for a in articles:
        row = {
            "key": a.key or "", "id": a.id, "title": a.title, "date": a.date, "source": a.source,
            "format": a.format, "paragraphs": json.dumps(a.paragraphs), "styles": json.dumps(a.styles),
            "ztext": pack(a.text), "ftitle": fold(a.title), "fbody": fold(a.text),
        }
        if analyse:
            row["entities"], row["figures"] = extraction_rows(a.text, a.date, a.paragraphs)
        rows.append(row)
    return rows, problems


def _read_task(args: tuple[Path, bool]) -> tuple[list[dict], list]:
    return read_one(*args)


@contextmanager
def _mapped(fn, tasks: list, workers: int | None):
    """fn over tasks, in order: in a process pool when there are many, here otherwise."""
    if len(tasks) < POOL_THRESHOLD or workers == 1:
        yield map(fn, tasks)
        return
    pool = ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    try:
        yield pool.map(fn, tasks, chunksize=16)
    finally:
        pool.shutdown(cancel_futures=True)


@contextmanager
def _transaction_guard(conn: sqlite3.Connection):
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _drop_file(conn: sqlite3.Connection, file_id: int) -> None:
    for n, title, ztext in conn.execute("SELECT a.n, a.title, t.ztext FROM articles a JOIN texts t ON t.n = a.n"
                                        " WHERE a.file=?", (file_id,)).fetchall():
        conn.execute("INSERT INTO fts(fts, rowid, title, body) VALUES('delete', ?, ?, ?)",
                     (n, fold(title), fold(unpack(ztext))))
    conn.execute("DELETE FROM files WHERE id=?", (file_id,))


def _write_file(conn: sqlite3.Connection, path_key: bytes, size: int, mtime: int, rows: list[dict], analysed: bool,
                names: dict | None = None) -> None:
    cur = conn.execute("INSERT INTO files(path, size, mtime_ns) VALUES (?,?,?)", (path_key, size, mtime))
    file_id = cur.lastrowid
    stamp = _extract.EXTRACTOR_VERSION if analysed else None
    for r in rows:
        n = conn.execute(
            "INSERT INTO articles(file,key,id,title,date,year,source,format,extractor) VALUES (?,?,?,?,?,?,?,?,?)",
            (file_id, r["key"], r["id"], r["title"], r["date"], _year(r["date"]), r["source"], r["format"],
             stamp)).lastrowid
        conn.execute("INSERT INTO texts(n, paragraphs, styles, ztext) VALUES (?,?,?,?)",
                     (n, r["paragraphs"], r["styles"], r["ztext"]))
        conn.execute("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", (n, r["ftitle"], r["fbody"]))
        if analysed:
            write_extraction(conn, n, r["entities"], r["figures"], names)


def write_extraction(conn: sqlite3.Connection, n: int, ents: list[tuple], figs: list[tuple],
                     names: dict | None = None) -> None:
    """An article's entity and figure rows; `names` caches name ids (they are never removed)."""
    write_extractions(conn, [(n, ents, figs)], names)


def write_extractions(conn: sqlite3.Connection, analysed: Iterable[tuple[int, list, list]],
                      names: dict | None = None) -> None:
    """Several articles' entity and figure rows, two statements in all (the entity rows in the
    name index's order)."""
    names = {} if names is None else names
    ent_rows, fig_rows = [], []
    for n, ents, figs in analysed:
        for seq, (canonical, type_, start, end, role, body) in enumerate(ents):
            name = names.get((canonical, type_))
            if name is None:
                name = names[canonical, type_] = _name_id(conn, canonical, type_)
            ent_rows.append((n, seq, name, start, end, role, body))
        fig_rows.extend((n, i, *f) for i, f in enumerate(figs))
    ent_rows.sort(key=_by_name)
    conn.executemany("INSERT INTO entities(article, seq, name, start, end, role, body) VALUES (?,?,?,?,?,?,?)",
                     ent_rows)
    conn.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", fig_rows)


def _by_name(row: tuple):
    return row[2], row[6]


def _name_id(conn: sqlite3.Connection, canonical: str, type_: str) -> int:
    row = conn.execute("SELECT id FROM names WHERE canonical=? AND type=?", (canonical, type_)).fetchone()
    if row:
        return row[0]
    return conn.execute("INSERT INTO names(canonical, type, key, folded) VALUES (?,?,?,?)",
                        (canonical, type_, name_key(canonical), fold(canonical))).lastrowid


def update(conn: sqlite3.Connection, roots: Iterable[str | Path], *, progress: Progress | None = None,
           workers: int | None = None, analyse: bool = True, changes: filecheck.Changes | None = None) -> UpdateReport:
    """Make the catalogue match the files under `roots`; returns what was done. `changes`: what a
    check of this catalogue found already (filecheck.Child), else the files are checked here."""
    found = changes if changes is not None else filecheck.changes(conn, roots)
    report = UpdateReport(listed=found.listed, problems=list(found.problems))
    todo, gone = found.todo, found.gone
    total = len(todo)
    if gone:
        with _transaction_guard(conn):
            conn.execute("BEGIN IMMEDIATE")
            for key in gone:  # asked inside the transaction: another process may have dropped it
                row = conn.execute("SELECT id FROM files WHERE path = ?", (key,)).fetchone()
                if row:
                    _drop_file(conn, row[0])
            mark_stats_stale(conn)
            conn.execute("COMMIT")
            report.dropped = len(gone)
    if progress:
        progress(0, total)
    if not todo:
        return report
    tasks = [(Path(os.fsdecode(key)), analyse) for key, _, _ in todo]
    names: dict = {}
    with building(conn), _mapped(_read_task, tasks, workers) as results, _transaction_guard(conn):
        done = 0
        in_tx = False
        for (key, size, mtime), (rows, file_problems) in zip(todo, results):
            if not in_tx:
                conn.execute("BEGIN IMMEDIATE")
                mark_stats_stale(conn)
                in_tx = True
            # asked inside the transaction: another process may have written this file meanwhile
            old = conn.execute("SELECT id FROM files WHERE path = ?", (key,)).fetchone()
            if old:
                _drop_file(conn, old[0])
            _write_file(conn, key, size, mtime, rows, analyse, names)
            report.problems.extend(file_problems)
            report.read += 1
            report.articles += len(rows)
            report.bytes_read += size
            done += 1
            if done % BATCH_FILES == 0 or done == FIRST_BATCH:  # a first build lists its first rows soon
                conn.execute("COMMIT")
                in_tx = False
                if progress:
                    progress(done, total)
        if in_tx:
            conn.execute("COMMIT")
    if analyse:
        refresh_stats(conn)
    if progress:
        progress(total, total)
    return report


def refresh_stats(conn: sqlite3.Connection) -> None:
    """The entity view's counts per name, kept in a table (recomputed after a change)."""
    with _transaction_guard(conn):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE IF NOT EXISTS name_stats (name INTEGER PRIMARY KEY, mentions INTEGER NOT NULL,"
                     " articles INTEGER NOT NULL, body_mentions INTEGER NOT NULL, body_articles INTEGER NOT NULL,"
                     " first INTEGER)")  # first: article * 2**20 + seq of the first body mention
        conn.execute("DELETE FROM name_stats")
        conn.execute("INSERT INTO name_stats SELECT name, count(*), count(DISTINCT article), sum(body),"
                     " count(DISTINCT CASE WHEN body THEN article END), min(CASE WHEN body THEN article * 1048576 + seq END)"
                     " FROM entities GROUP BY name")
        conn.execute("CREATE TABLE IF NOT EXISTS key_stats (key TEXT PRIMARY KEY, articles INTEGER NOT NULL)")
        conn.execute("DELETE FROM key_stats")  # the entities written several ways: articles naming any way
        conn.execute("INSERT INTO key_stats SELECT m.key, count(DISTINCT e.article) FROM names m"
                     " JOIN entities e ON e.name = m.id AND e.body"
                     " WHERE m.key IN (SELECT key FROM names GROUP BY key HAVING count(*) > 1) GROUP BY m.key")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('stats', 'fresh')")
        conn.execute("COMMIT")


def mark_stats_stale(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('stats', 'stale')")


def stats_fresh(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = 'stats'").fetchone()
    return row is not None and row[0] == "fresh"


def stale_articles(conn: sqlite3.Connection) -> list[int]:
    return [n for (n,) in conn.execute(
        "SELECT n FROM articles WHERE extractor IS NULL OR extractor != ?", (_extract.EXTRACTOR_VERSION,))]


def _analyse_task(args: tuple[int, bytes, str | None, str]) -> tuple[int, list, list]:
    """One article's entity and figure rows; an article the extractor fails on gets none (and is
    stamped all the same: one bad text must not stop the others, nor be tried at every launch)."""
    n, ztext, date, paragraphs = args
    try:
        return (n, *extraction_rows(unpack(ztext), date, json.loads(paragraphs)))
    except Exception:  # noqa: BLE001 - any extractor bug: this article shows no entities or figures
        return n, [], []


def refresh_extraction(conn: sqlite3.Connection, *, progress: Progress | None = None,
                       workers: int | None = None) -> int:
    """Analyse the articles whose extraction is missing or stamped by another extractor version
    (the second phase of a build, and lazily before the entity and figure queries answer), in
    batches of EXTRACT_BATCH articles, each committed: the E and F views can show how far it
    is (`extraction_done`). Returns how many were analysed."""
    stale = stale_articles(conn)
    if not stale:
        return 0
    names: dict = {}
    pool = None
    if len(stale) >= POOL_THRESHOLD and workers != 1:
        # the extractor's ~150 patterns compiled here once (0.4 s), not in each worker: forked, they inherit them
        _extract.extract("Ngày 1/10/2023, Cục THADS tỉnh Gia Lai thu 1,5 tỷ đồng, đạt 47,28% về việc.")
        pool = ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    def submit(start: int):
        batch = stale[start:start + EXTRACT_BATCH]
        tasks = conn.execute(f"SELECT a.n, t.ztext, a.date, t.paragraphs FROM articles a JOIN texts t ON t.n = a.n"
                             f" WHERE a.n IN ({','.join('?' * len(batch))})", batch).fetchall()
        return pool.map(_analyse_task, tasks, chunksize=16) if pool else map(_analyse_task, tasks)

    with building(conn):
        try:
            starts = range(0, len(stale), EXTRACT_BATCH)
            pending = submit(0)
            for start in starts:
                # the next batch is handed to the workers before this one is written
                following = submit(start + EXTRACT_BATCH) if pool and start + EXTRACT_BATCH < len(stale) else None
                results = list(pending)
                with _transaction_guard(conn):
                    conn.execute("BEGIN IMMEDIATE")
                    # asked in the transaction: another process may have analysed an article meanwhile
                    # (its rows are dropped first: an older extractor's too) or dropped it (a file read
                    # again, deleted): no rows for it then. An article analysed the first time has none.
                    ns = [n for n, _, _ in results]
                    stamps = dict(conn.execute(
                        f"SELECT n, extractor FROM articles WHERE n IN ({','.join('?' * len(ns))})", ns))
                    results = [r for r in results if r[0] in stamps]
                    analysed_before = [n for n, stamp in stamps.items() if stamp is not None]
                    for n in analysed_before:
                        conn.execute("DELETE FROM entities WHERE article=?", (n,))
                        conn.execute("DELETE FROM figures WHERE article=?", (n,))
                    write_extractions(conn, results, names)
                    conn.executemany("UPDATE articles SET extractor=? WHERE n=?",
                                     [(_extract.EXTRACTOR_VERSION, n) for n, _, _ in results])
                    mark_stats_stale(conn)
                    conn.execute("COMMIT")
                if progress:
                    progress(min(start + EXTRACT_BATCH, len(stale)), len(stale))
                pending = following if following is not None else (
                    submit(start + EXTRACT_BATCH) if start + EXTRACT_BATCH < len(stale) else ())
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
    return len(stale)


def extraction_done(conn: sqlite3.Connection) -> tuple[int, int]:
    """(articles analysed by this extractor, articles): how far the second phase is."""
    return conn.execute("SELECT count(*) FILTER (WHERE extractor = ?), count(*) FROM articles",
                        (_extract.EXTRACTOR_VERSION,)).fetchone()

"""The catalogue's SQLite file: where it lives, its schema, and what to do when it is damaged.

Everything in it is derived from the corpus files, so every bad state is answered by a rebuild
(in the file, or in memory when the file cannot be used) with a one-line notice, never a crash.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable

from ..fold import folded

SCHEMA_VERSION = 9  # 3: figures carry metric, subject, period, unit_word; 4: entities/figures keyed by (article, seq), 16 KiB pages;
# 5: article numbers never reused (AUTOINCREMENT: the list takes the rows numbered above the last it saw);
# 6: an index on the extractor stamp (finding stale rows read every article row: 145 ms at 100k), and the
#    files read again (an inferred date is never after the year it is read in);
# 7: entity and figure rows say whether they are in the body (title and date lines apart) and figures carry
#    their text, so the E/F/R views are SQL reads (they decompressed 67k articles and read 1.6 M paragraphs
#    lookups at 100k: 20 s); names carry their entity key; name_stats counts body mentions, key_stats the
#    articles of an entity written several ways;
# 8: the texts (compressed text, paragraphs, styles) in a table of their own: the list's rows, read at every
#    launch, were spread over the 180 MB the texts made of the articles table at 100k (0.80 s to read them
#    with the file cache cold, 0.35 s now);
#    no index on titles (nothing asked it: 9.6 MB, 2% of the catalogue, at 100k); the figures with a subject
#    and a period indexed by cell (the results table read every source: 19 s, 1.2 GB at 100k reports)
# 9: the files read again: a year the text mentions is no longer an article's date (only a date line or
#    the lead's day is)
PAGE_SIZE = 16_384  # rows of ~2 KB (compressed text + layout) pack far better than in 4 KiB pages
BUSY_TIMEOUT_MS = 15_000
BUSY_OPEN_WAIT = 1.5  # seconds an open waits for another process creating the catalogue
MEMORY = ":memory:"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE articles (
    n INTEGER PRIMARY KEY AUTOINCREMENT,  -- also the FTS rowid; never reused
    file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    key TEXT NOT NULL DEFAULT '',         -- the record in a many-article file; '' for one article
    id TEXT NOT NULL,                     -- content id (notes follow it across renames)
    title TEXT NOT NULL, date TEXT, year INTEGER, source TEXT, format TEXT NOT NULL,
    extractor INTEGER,                    -- EXTRACTOR_VERSION of the entity/figure rows, NULL: none
    UNIQUE (file, key));
CREATE TABLE texts (                      -- an article's text, read only when it is shown, searched or analysed
    n INTEGER PRIMARY KEY REFERENCES articles(n) ON DELETE CASCADE,
    paragraphs TEXT NOT NULL, styles TEXT NOT NULL,
    ztext BLOB NOT NULL                   -- the NFC text, UTF-8, zlib-compressed (see pack/unpack)
    );
CREATE INDEX articles_id ON articles(id);
-- articles_date covers the list's first screen (newest first) and the F view's articles
CREATE INDEX articles_date ON articles(date, title, id, source, file, key);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_extractor ON articles(extractor);
CREATE TABLE names (id INTEGER PRIMARY KEY, canonical TEXT NOT NULL, type TEXT NOT NULL,
    key TEXT NOT NULL,                    -- corpus.keys.name_key(canonical): one entity in the views
    folded TEXT NOT NULL,                 -- fold(canonical): what the E view sorts and filters by
    UNIQUE (canonical, type));
CREATE INDEX names_key ON names(key);
CREATE TABLE entities (                   -- an entity's text is the article's text[start:end]
    article INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                 -- its place in the extractor's output
    name INTEGER NOT NULL REFERENCES names(id), start INTEGER NOT NULL, end INTEGER NOT NULL, role TEXT,
    body INTEGER NOT NULL DEFAULT 1,      -- 1: in the body the reader shows (Article.in_body)
    PRIMARY KEY (article, seq)) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name, body);
CREATE TABLE figures (
    article INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, value REAL NOT NULL,
    unit TEXT NOT NULL, qualifier TEXT, of REAL, measure TEXT,
    metric TEXT, subject TEXT, period TEXT, unit_word TEXT,
    text TEXT NOT NULL DEFAULT '',        -- the article's text[start:end]
    body INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (article, seq)) WITHOUT ROWID;
-- the results table's cells in order (subject, period, metric), read in one pass: no sort of 100,000s
CREATE INDEX figures_results ON figures(subject, period, metric, article, seq, value)
    WHERE body AND subject IS NOT NULL AND period IS NOT NULL;
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 0');
"""


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


class CatalogueUnusable(Exception):
    """The file cannot serve as a catalogue (damaged, newer, unwritable); the message says why."""


def cache_dir() -> Path:
    import platformdirs

    return Path(os.environ.get("THADS_TUI_CACHE") or platformdirs.user_cache_dir("thads-tui"))


def default_path(roots: Iterable[str | Path]) -> Path:
    """One catalogue per corpus (the set of folders and files given), in the user cache folder."""
    keys = sorted(os.fsencode(os.path.realpath(r)) for r in roots)
    digest = hashlib.sha256(b"\0".join(keys)).hexdigest()[:16]
    return cache_dir() / f"catalog-{digest}.sqlite3"


def _fold_sql(text: str | None) -> str | None:
    return folded(text) if text else text


def connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA page_size={PAGE_SIZE}")  # only takes on a new, empty file
    conn.execute("PRAGMA foreign_keys=ON")
    # fold() in SQL: the F view sorts by folded titles, texts and subjects (accents ignored)
    conn.create_function("fold", 1, _fold_sql, deterministic=True)
    if str(path) != MEMORY:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    return conn


BUILD_CACHE_KIB = 131_072  # page cache while building: the entity index's random inserts stay in memory


@contextmanager
def building(conn: sqlite3.Connection):
    """A large page cache for a build's writes (with the default 2 MB the entity name index's
    inserts read pages back: the second phase's main CPU at 30,000 real articles 9.1 -> 7.6 s),
    back to the connection's own size after, so a reader's memory stays small."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size={before}")


def _version(conn: sqlite3.Connection) -> int | None:
    """The file's schema version; None for an empty file; raises DatabaseError if damaged."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return None
    if "meta" not in tables:
        raise sqlite3.DatabaseError("not a thads-tui catalogue")
    row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    if row is None:
        raise sqlite3.DatabaseError("no schema version")
    return int(row[0])


def create(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if _version(conn) is None:  # another process may have created it meanwhile
            for statement in SCHEMA.split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_memory() -> sqlite3.Connection:
    conn = connect(MEMORY)
    create(conn)
    return conn


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def open_file(path: Path, notice: Callable[[str], None]) -> sqlite3.Connection:
    """The catalogue at `path`, created or rebuilt as needed; in memory (with a notice) when the
    file or its folder cannot be used. Never raises for a bad catalogue."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise PermissionError("not writable")
    except OSError as err:
        notice(f"The catalogue folder {path.parent} cannot be written ({_reason(err)}): "
               "the catalogue is kept in memory for this session.")
        return open_memory()
    attempt, waited, tries = 0, 0.0, 0
    while attempt < 2:
        try:
            conn = connect(path)
            version = _version(conn)
            if version is None:
                create(conn)
            elif version > SCHEMA_VERSION:
                conn.close()
                notice(f"The catalogue {path.name} was made by a newer thads-tui: "
                       "a catalogue in memory is used for this session and the file is left as it is.")
                return open_memory()
            elif version < SCHEMA_VERSION:
                conn.close()
                notice(f"The catalogue {path.name} is in an older format; it is rebuilt from the corpus.")
                _remove(path)
                attempt += 1
                continue
            return conn
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                _close_quietly(locals().get("conn"))
                # another process creating the file or switching it to WAL answers "locked" at once,
                # whatever the busy timeout: wait for it a little before giving up the file
                if waited < BUSY_OPEN_WAIT:
                    pause = min(0.05 * 2 ** tries, 0.4)
                    time.sleep(pause)
                    waited, tries = waited + pause, tries + 1
                    continue
                notice("The catalogue is busy in another window: a catalogue in memory is used.")
                return open_memory()
            if attempt or not _damaged(err):
                notice(f"The catalogue cannot be used ({err}): it is kept in memory for this session.")
                return open_memory()
            notice(f"The catalogue {path.name} was damaged ({err}); it is rebuilt from the corpus.")
            _close_quietly(conn)
            _remove(path)
            attempt += 1
        except sqlite3.DatabaseError as err:
            _close_quietly(locals().get("conn"))
            if attempt:
                notice(f"The catalogue cannot be used ({err}): it is kept in memory for this session.")
                return open_memory()
            notice(f"The catalogue {path.name} was damaged ({err}); it is rebuilt from the corpus.")
            _remove(path)
            attempt += 1
        except OSError as err:
            notice(f"The catalogue cannot be used ({_reason(err)}): it is kept in memory for this session.")
            return open_memory()
    return open_memory()  # pragma: no cover - the loop always returns


def _damaged(err: sqlite3.Error) -> bool:
    text = str(err)
    return "malformed" in text or "not a database" in text


def _close_quietly(conn) -> None:
    try:
        if conn is not None:
            conn.close()
    except sqlite3.Error:
        pass


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def is_disk_full(err: BaseException) -> bool:
    return isinstance(err, sqlite3.OperationalError) and ("full" in str(err) or "disk I/O" in str(err))

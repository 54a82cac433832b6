"""A TinyDB storage that does not lose data on a crash, a full disk or a second running copy.

`DurableStorage` keeps TinyDB's storage interface (whole-database `read()` / `write()`), but:

* **Atomic, durable writes.** Each commit serialises the data, writes it to a temporary file
  in the same folder, fsyncs it, `os.replace`s it over the database file and fsyncs the
  folder. A crash at any moment leaves either the old complete file or the new complete file,
  never a half-written one. If the write fails (read-only folder, full disk) the temporary file
  is removed and the database file is exactly as it was.

* **An inter-process lock around read-modify-write.** TinyDB updates a table by calling
  `read()`, changing the returned dict and calling `write()`. If another process writes in
  between, one of the two changes is lost. `with storage.locked():` takes an exclusive lock on
  a separate ``<file>.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) and
  opens a *transaction*: the first `read()` inside it loads the file as it is now, later
  `read()`s return the transaction's working copy, `write()`s only update that working copy,
  and the outermost `locked()` block commits once when it exits (or discards everything if the
  block raises). The lock is re-entrant within a thread, so operations compose.

  We chose an explicit lock context over "lock in read(), unlock in write()" because TinyDB
  also calls `read()` for pure queries that are never followed by a `write()`: such a lock
  would stay held while the reader sits idle and block every other process.

  A bare `write()` outside `locked()` still takes the lock for the commit itself (so the file is
  never corrupted), but the read before it is not covered: with the stock `TinyDB` and several
  processes, wrap each operation in `db.storage.locked()`, or use `DurableTinyDB`, whose tables
  do that for every write operation.

* **No stale cache.** Outside a transaction each `read()` checks whether the file on disk is
  still the one last parsed and re-reads it if not. Every write replaces the file (new inode),
  and while we keep the old one open its inode number cannot be reused, so "same inode, size
  and mtime" reliably means "same content" (on Windows, where an open file cannot be replaced,
  the bytes are compared instead). TinyDB's own per-table caches (query results and the next
  document id) are reset by `DurableTable` before every operation.

* **Nothing outside can change the cached data.** `read()` returns a deep copy (as fresh as
  JSONStorage's re-parse, and cheaper); `write()` takes ownership of the dict it is given, like
  TinyDB's MemoryStorage; `read_shared()` returns the data itself for callers that only look.
  `DurableTable` queries through `read_shared()` and deep-copies the documents it returns or
  changes. If a transaction fails (an exception, a failed save) the cache is dropped and the
  file re-read. This is what lets a commit re-use the JSON text of unchanged documents (see
  `_serialize`): a save with 5,000 notes in the file takes ~10-20 ms instead of ~45 ms.
"""
from __future__ import annotations

import copy
import errno
import json
import os
import stat
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

__all__ = ["DatabaseDamaged", "DurableStorage", "DurableTable", "DurableTinyDB", "LockTimeout", "NotRegularFile",
           "parse_json", "too_deep", "write_atomically"]

_WINDOWS = sys.platform == "win32"

if _WINDOWS:  # pragma: no cover - exercised on Windows only
    import msvcrt

    fcntl = None
else:
    import fcntl

    msvcrt = None


class LockTimeout(TimeoutError):
    """Another process held the database lock for longer than the timeout."""


class DatabaseDamaged(ValueError):
    """The database file is not valid JSON text holding an object."""


class NotRegularFile(OSError):
    """The database path names a folder, a device, a FIFO...: never read (it may block) nor replaced."""


def _not_regular(path: str | os.PathLike) -> NotRegularFile:
    return NotRegularFile(errno.EINVAL, "not a regular file", str(path))


def check_regular(path: str | os.PathLike) -> None:
    """Raise NotRegularFile if `path` exists and is not a regular file (symlinks are followed)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path)


def _deep(value: Any) -> Any:
    """A copy of JSON-like data: new dicts and lists all the way down, shared immutable leaves."""
    kind = type(value)
    if kind is dict:
        return {k: (_deep(v) if type(v) in _CONTAINERS else v) for k, v in value.items()}
    if kind is list:
        return [(_deep(v) if type(v) in _CONTAINERS else v) for v in value]
    if isinstance(value, (dict, list)):  # a subclass: keep its type
        return copy.deepcopy(value)
    return value


_CONTAINERS = frozenset({dict, list})

#: Deeper JSON than this is damage, not data: the app's records are 4 levels deep, and much
#: deeper structures make copying and saving run out of stack (RecursionError).
MAX_DEPTH = 64


class DuplicateKey(ValueError):
    """A JSON object names the same key twice (the parser would silently keep only the last)."""


def _unique_keys(pairs: list) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise DuplicateKey(f"the key {dup!r} appears twice in one object")
    return obj


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON-like data nests dicts/lists more than `limit` levels (checked without recursion)."""
    if type(value) not in _CONTAINERS:
        return False
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if type(node) is dict else node
        stack.extend((child, depth + 1) for child in children if type(child) in _CONTAINERS)
    return False


def parse_json(raw: bytes, encoding: str, path: str | os.PathLike) -> Any:
    """JSON text to data; DatabaseDamaged for anything a parser would refuse, silently drop or
    choke on: invalid text or JSON, a key given twice, nesting deeper than MAX_DEPTH."""
    try:
        data = json.loads(raw.decode(encoding), object_pairs_hook=_unique_keys)
    except DuplicateKey as exc:
        raise DatabaseDamaged(f"{path} is not valid: {exc}") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise DatabaseDamaged(f"{path} is not valid JSON: {exc}") from exc
    except RecursionError:
        raise DatabaseDamaged(f"{path} nests too deeply to be read") from None
    if too_deep(data):
        raise DatabaseDamaged(f"{path} nests more than {MAX_DEPTH} levels deep")
    return data


class _FileLock:
    """An exclusive lock on a small side file, shared by all processes that use it.

    The side file exists only while someone holds the lock: the holder removes it before
    unlocking. A process that was waiting on the removed file (or opened it just before) finds,
    once it has the lock, that the name no longer leads to the file it locked, and starts over
    on the new one, so two processes never both think they hold it. (On Windows, where an open
    file cannot be removed, the side file stays.)
    """

    def __init__(self, path: Path, timeout: float | None) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        delay = 0.0005
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if self._try_lock(fd):
                    if self._still_ours(fd):
                        self._fd = fd
                        return
                    os.close(fd)  # the holder removed it after we opened it: the lock is a new file now
                    continue
                if deadline is not None and time.monotonic() >= deadline:
                    raise LockTimeout(f"{self.path} is locked by another process")
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
            time.sleep(delay)
            delay = min(delay * 2, 0.02)

    def _still_ours(self, fd: int) -> bool:
        if _WINDOWS:  # pragma: no cover - the file is never removed there
            return True
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)

    @staticmethod
    def _try_lock(fd: int) -> bool:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if fcntl is not None:
                try:  # still holding the lock: nobody else can be using this name right now
                    os.unlink(self.path)
                except OSError:
                    pass
                fcntl.flock(fd, fcntl.LOCK_UN)
            else:  # pragma: no cover - Windows
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)


class _Transaction:
    __slots__ = ("loaded", "data", "dirty")

    def __init__(self) -> None:
        self.loaded = False
        self.data: dict | None = None
        self.dirty = False


class DurableStorage(Storage):
    """Drop-in replacement for `tinydb.storages.JSONStorage` with crash-safe, locked writes.

    `path`, `create_dirs`, `encoding` (default UTF-8), `access_mode` ("r+" or "r") and the
    extra keyword arguments for `json.dumps` mean what they mean for `JSONStorage`.
    `lock_timeout` (seconds, None = wait forever) bounds the wait for another process.
    Unlike `JSONStorage`, the file is only created by the first write.
    """

    def __init__(self, path: str | os.PathLike, create_dirs: bool = False, encoding: str | None = None,
                 access_mode: str = "r+", *, lock_timeout: float | None = 10.0, **kwargs: Any) -> None:
        super().__init__()
        if access_mode not in ("r", "rb", "r+", "rb+"):
            raise ValueError(f"unsupported access_mode {access_mode!r}: use 'r' or 'r+'")
        self.path = Path(path)
        real = Path(os.path.realpath(self.path))  # one lock per file, whatever name it is opened by
        self.lock_path = real.with_name(real.name + ".lock")
        self.encoding = encoding or "utf-8"
        self.writable = "+" in access_mode
        self.kwargs = kwargs
        self._fast = set(kwargs) <= {"ensure_ascii", "allow_nan"}
        self._dumps = json.JSONEncoder(**kwargs).encode if self._fast else None
        self._fragments: dict[str, dict[str, tuple[dict | None, bytes]]] = {}
        if create_dirs and self.writable:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._flock = _FileLock(self.lock_path, lock_timeout)
        self._mutex = threading.RLock()  # one transaction at a time in this process
        self._state = threading.RLock()  # guards the cache and the file descriptor we hold
        self._depth = 0
        self._owner: int | None = None
        self._txn: _Transaction | None = None
        # what we last read or wrote: the parsed data, the exact bytes, the file's identity
        self._cached: dict | None = None
        self._cached_bytes: bytes | None = None
        self._cached_sig: tuple | None = None
        self._held_fd: int | None = None

    # -- locking / transactions ----------------------------------------------------------------
    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the inter-process lock; nested uses join the outermost one.

        Writes inside are committed once, when the outermost block exits without an exception;
        if it raises, they are discarded and the file is left as it was.
        """
        with self._mutex:
            outermost = self._depth == 0
            if outermost:
                self._flock.acquire()
                self._owner = threading.get_ident()
                self._txn = _Transaction()
            self._depth += 1
            try:
                yield
                if outermost and self._txn.dirty:
                    self._commit(self._txn.data)
            except BaseException:
                if outermost:  # whatever was changed in memory is not on disk: re-read next time
                    self._forget()
                raise
            finally:
                self._depth -= 1
                if outermost:
                    self._txn = None
                    self._owner = None
                    self._flock.release()

    def _active_txn(self) -> _Transaction | None:
        txn = self._txn
        if txn is not None and self._owner == threading.get_ident():
            return txn
        return None

    # -- the Storage interface -----------------------------------------------------------------
    def read(self) -> dict | None:
        """The database (inside `locked()`: as this transaction has it), as a copy the caller may change."""
        return _deep(self.read_shared())

    def read_shared(self) -> dict | None:
        """Like `read()` without the copy: the caller must not change what it gets."""
        txn = self._active_txn()
        if txn is None:
            return self._load()
        if not txn.loaded:
            txn.data, txn.loaded = self._load(), True
        return txn.data

    def write(self, data: dict) -> None:
        """Save `data` (inside `locked()`: when the outermost block ends).

        Like TinyDB's MemoryStorage, the storage keeps `data` itself: do not change it afterwards.
        """
        if not self.writable:
            raise IOError(f'Cannot write to the database. Access mode is "r"')
        txn = self._active_txn()
        if txn is None:
            with self.locked():
                self.write(data)
            return
        txn.data, txn.loaded, txn.dirty = data, True, True

    def close(self) -> None:
        self._forget()

    def last_read(self) -> dict | None:
        """A copy of the data last read or written successfully (what to show if the file breaks)."""
        return _deep(self._cached)

    # -- disk ----------------------------------------------------------------------------------
    def _forget(self) -> None:
        with self._state:
            self._forget_unlocked()

    def _forget_unlocked(self) -> None:
        if self._held_fd is not None:
            os.close(self._held_fd)
        self._held_fd = None
        self._cached = self._cached_bytes = self._cached_sig = None

    @staticmethod
    def _signature(st: os.stat_result) -> tuple:
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def _load(self) -> dict | None:
        """The file's current content (the cached parse when the file has not changed)."""
        with self._state:
            return self._load_unlocked()

    def _load_unlocked(self) -> dict | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._forget()
            return None
        if not stat.S_ISREG(st.st_mode):  # opening a FIFO would block, a device is no database
            raise _not_regular(self.path)
        if not _WINDOWS and self._cached_sig is not None and self._signature(st) == self._cached_sig:
            return self._cached
        try:  # O_NONBLOCK: should a FIFO replace the file right now, open() still returns
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            self._forget()
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _not_regular(self.path)
            with open(fd, "rb", closefd=False) as f:
                raw = f.read()
            sig = self._signature(os.fstat(fd))
            if raw == self._cached_bytes and self._cached_bytes is not None:
                parsed = self._cached
            else:
                parsed = parse_json(raw, self.encoding, self.path) if raw.strip() else None
                if parsed is not None and not isinstance(parsed, dict):
                    raise DatabaseDamaged(f"{self.path} does not hold a JSON object")
        except BaseException:
            os.close(fd)
            raise
        self._remember(parsed, raw, sig, fd)
        return parsed

    def _remember(self, parsed: dict | None, raw: bytes, sig: tuple, fd: int) -> None:
        self._forget()
        self._cached, self._cached_bytes = parsed, raw
        if _WINDOWS:  # pragma: no cover - an open file could not be replaced on Windows
            os.close(fd)
        else:
            self._cached_sig, self._held_fd = sig, fd

    def _serialize(self, data: dict) -> bytes:
        """`json.dumps(data, **kwargs)` encoded, re-using the text of documents that did not change.

        Serialising a 3 MB database takes ~30 ms, most of a save, though a save usually changes
        one document. The text of each document written is kept with the document object itself;
        the next commit re-uses it for the very same object. That is safe because a document the
        storage holds is never changed in place: `read()` hands out deep copies, `DurableTable`
        deep-copies what it changes and what it returns, and `write()` takes ownership of its data
        (see `read_shared()` for the one exception, which callers must not change). Only the plain
        output format (no indent, separators, sort_keys, default or cls) takes this path; its
        output is byte for byte what json.dumps gives.
        """
        if not self._fast:
            return self._dump_all(data)
        dumps, enc = self._dumps, self.encoding
        previous, kept = self._fragments, {}
        tables = []
        try:
            for name, table in data.items():
                if type(name) is not str or type(table) is not dict:
                    raise _Fallback
                old, new, parts = previous.get(name, {}), {}, []
                for doc_id, doc in table.items():
                    hit = old.get(doc_id)
                    if hit is None or hit[0] is not doc:
                        if type(doc_id) is not str or type(doc) is not dict:
                            raise _Fallback
                        hit = (doc, _encoded(dumps(doc_id) + ": " + dumps(doc), enc, doc_id, doc))
                    new[doc_id] = hit
                    parts.append(hit[1])
                kept[name] = new
                tables.append((dumps(name) + ": {").encode(enc) + b", ".join(parts) + b"}")
        except _Fallback:
            self._fragments = {}
            return self._dump_all(data)
        self._fragments = kept
        return b"{" + b", ".join(tables) + b"}"

    def _dump_all(self, data: dict) -> bytes:
        text = json.dumps(data, **self.kwargs)
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError:  # a lone surrogate: written as a \\udxxx escape, losslessly
            return json.dumps(data, **{**self.kwargs, "ensure_ascii": True}).encode(self.encoding)

    def _commit(self, data: dict | None) -> None:
        raw = self._serialize(data if data is not None else {})
        target = Path(os.path.realpath(self.path))
        folder = target.parent
        check_regular(target)  # os.replace would put our file in place of a device or a FIFO
        _sweep_temp(folder, target.name)
        try:  # keep the permissions of the file we replace (a new file stays private: 0600)
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = None
        fd = write_atomically(target, raw, mode=mode, sync_folder=False)
        with self._state:
            if _WINDOWS:  # pragma: no cover
                os.close(fd)
                self._forget()
                self._cached, self._cached_bytes = data, raw
            else:
                self._remember(data, raw, self._signature(os.fstat(fd)), fd)
        _fsync_dir(folder)


def write_atomically(target: Path, raw: bytes, *, mode: int | None = None, overwrite: bool = True,
                     sync_folder: bool = True) -> int:
    """Put `raw` at `target` all at once: written to a temporary file in the same folder, fsynced,
    then renamed over `target` (or, with overwrite=False, linked there: FileExistsError if
    something appeared meanwhile). A failure at any point leaves `target` as it was and no
    temporary file behind. `mode` (default: 0600) is the new file's permission bits. Returns the
    new file's open descriptor; the caller closes it.
    """
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    done = False
    try:
        _write_all(fd, raw)
        os.fsync(fd)
        if mode is not None:
            os.chmod(tmp, mode)
        if overwrite:
            _replace(tmp, target)
        else:
            _link_new(tmp, target)
        done = True
    finally:
        if not done:
            os.close(fd)
        if not (done and overwrite):
            try:
                os.unlink(tmp)
            except OSError:
                pass
    if sync_folder:
        _fsync_dir(folder)
    return fd


def _link_new(tmp: str, target: Path) -> None:
    """Give the finished temporary file its name, never replacing anything already there."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this filesystem (FAT, some network shares)
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        _replace(tmp, target)


class _Fallback(Exception):
    """The data is not a plain tables -> documents dict: serialise it in one go."""


def _encoded(text: str, encoding: str, doc_id: str, doc: dict) -> bytes:
    """One document's JSON text as bytes; a string holding a lone surrogate (a JSON file may
    legally say "\\ud800") cannot be UTF-8, so that document is written with \\u escapes."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return (json.dumps(doc_id) + ": " + json.dumps(doc, ensure_ascii=True)).encode(encoding)




def _sweep_temp(folder: Path, name: str) -> None:
    """Remove temporary files left by writers that died mid-write.

    Called under the lock: every live writer holds the lock while its temporary file exists,
    so any temporary file seen now belongs to a dead one.
    """
    try:
        leftovers = [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp")]
    except OSError:
        return
    for leftover in leftovers:
        try:
            leftover.unlink()
        except OSError:
            pass


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace(src: str, dst: Path) -> None:
    if not _WINDOWS:
        os.replace(src, dst)
        return
    for attempt in range(50):  # pragma: no cover - a reader may hold the file open briefly
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == 49:
                raise
            time.sleep(0.01)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible or needed on Windows."""
    if _WINDOWS:  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems cannot fsync a directory
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


class DurableTable(Table):
    """A TinyDB table whose writes are atomic across processes and whose reads are never stale.

    Each write operation runs inside `storage.locked()` (when the storage offers it) with the
    next-id counter and the query cache reset, so ids are computed from the file as it is now.
    """

    def _fresh(self):
        locked = getattr(self._storage, "locked", None)
        self._next_id = None
        self.clear_cache()
        return locked() if locked is not None else _nothing()

    def search(self, cond):
        self.clear_cache()  # another process may have changed the file since the last search
        return [_detached(doc) for doc in super().search(cond)]

    def get(self, *args, **kwargs):
        found = super().get(*args, **kwargs)
        return [_detached(doc) for doc in found] if isinstance(found, list) else _detached(found)

    def __iter__(self):
        return (_detached(doc) for doc in super().__iter__())

    def _read_table(self) -> dict:
        # Queries only look (TinyDB wraps each result in a new Document), so skip read()'s copy.
        shared = getattr(self._storage, "read_shared", None)
        if shared is None:
            return super()._read_table()
        return (shared() or {}).get(self.name, {})

    def _update_table(self, updater) -> None:
        """Table._update_table, copying only the documents the update looks at, not the database."""
        shared = getattr(self._storage, "read_shared", None)
        if shared is None:
            return super()._update_table(updater)
        tables = dict(shared() or {})
        table = _CopyOnRead((self.document_id_class(doc_id), doc) for doc_id, doc in tables.get(self.name, {}).items())
        updater(table)
        tables[self.name] = {str(doc_id): doc for doc_id, doc in dict.items(table)}
        self._storage.write(tables)
        self.clear_cache()


def _detached(doc):
    """A result Document (a new dict already) with its nested dicts and lists copied as well."""
    if doc is not None:
        for key, value in doc.items():
            if type(value) in _CONTAINERS:
                doc[key] = _deep(value)
    return doc


class _CopyOnRead(dict):
    """A table for TinyDB's updaters: a document is deep-copied the first time it is looked up,
    so changing it never changes the storage's cached original. (Updaters look documents up with
    `table[doc_id]`; `get`, `values` and `items` copy too, for safety.)"""

    __slots__ = ("_own",)

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._own: set = set()

    def __getitem__(self, key):
        doc = dict.__getitem__(self, key)
        if key not in self._own:
            doc = _deep(doc)
            dict.__setitem__(self, key, doc)
            self._own.add(key)
        return doc

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self, key, value)
        self._own.add(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def values(self):
        return [self[key] for key in self]

    def items(self):
        return [(key, self[key]) for key in self]


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _locked_method(name: str):
    base = getattr(Table, name)

    def method(self, *args, **kwargs):
        with self._fresh():
            try:
                return base(self, *args, **kwargs)
            finally:
                self._next_id = None
                self.clear_cache()

    method.__name__ = name
    method.__qualname__ = f"DurableTable.{name}"
    method.__doc__ = base.__doc__
    return method


for _name in ("insert", "insert_multiple", "update", "update_multiple", "upsert", "remove", "truncate"):
    setattr(DurableTable, _name, _locked_method(_name))


class DurableTinyDB(TinyDB):
    """`TinyDB` on `DurableStorage` with `DurableTable`s."""

    table_class = DurableTable
    default_storage_class = DurableStorage

    def drop_table(self, name: str) -> None:
        with self._locked():
            super().drop_table(name)

    def drop_tables(self) -> None:
        with self._locked():
            super().drop_tables()

    def _locked(self):
        locked = getattr(self.storage, "locked", None)
        return locked() if locked is not None else _nothing()

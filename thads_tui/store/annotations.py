"""The reader's own data: the only thing in this app that cannot be rebuilt from the articles.

Bookmarks, one note per article, notes on quoted passages, tags and the reader's state, all
keyed by the stable article id, kept in one TinyDB file on `DurableStorage` (atomic, fsynced,
locked against other running copies; see `durable.py`).

The file carries its format version in a ``_meta`` table. Older versions are migrated (after a
backup copy); a newer version, a damaged or an unreadable file is never written to: the instance
opens read-only, says why in `problem`, and `start_fresh()` is the only way to a new file.
Every write either completes or raises `AnnotationsError` with a sentence for the user and leaves
the file as it was.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import unicodedata
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import quote, unquote_to_bytes

from tinydb import where
from unidecode import unidecode
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from ..textsafe import has_surrogates, printable
from .anchor import locate_passage
from .durable import _deep, DatabaseDamaged, DurableStorage, DurableTinyDB, LockTimeout, NotRegularFile, check_regular

SCHEMA = 2
META = "_meta"
TABLES = ("bookmarks", "notes", "passages", "tags", "state", "reads")
_KEY_FIELD = {"bookmarks": "article_id", "notes": "article_id", "passages": "id",
              "tags": "article_id", "state": "key", "reads": "article_id"}
_UNSET: Any = object()


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two regular files hold the same bytes (size first, then a hash)."""
    try:
        sa, sb = a.stat(), b.stat()
        if not (stat.S_ISREG(sa.st_mode) and stat.S_ISREG(sb.st_mode)) or sa.st_size != sb.st_size:
            return False
        return _digest(a) == _digest(b)
    except OSError:
        return False


class AnnotationsError(Exception):
    """A problem with the annotations file, phrased for the user."""


def _now() -> str:
    """ISO 8601 UTC with milliseconds, so records made in the same second still sort in order."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# -- format versions ---------------------------------------------------------------------------
def _v0_to_v1(data: dict) -> dict:
    """v0: the first releases' file (no `_meta`); v1 adds `updated` to bookmarks, NFC note text."""
    for doc in data.get("bookmarks", {}).values():
        doc.setdefault("updated", doc.get("created") or _now())
        doc.setdefault("citation", {})
    for doc in data.get("notes", {}).values():
        doc["text"] = nfc(doc.get("text", ""))
        doc.setdefault("citation", {})
    return data


def _v1_to_v2(data: dict) -> dict:
    """v2: passage notes (highlights) carry their own `tags` and a `start`/`end` position in the
    text (a hint next to quote + prefix/suffix); a `reads` table holds read/unread state."""
    for doc in data.get("passages", {}).values():
        doc.setdefault("tags", [])
        doc.setdefault("start", None)
        doc.setdefault("end", None)
    return data


#: MIGRATIONS[v] turns a version-v database into a version-(v+1) one.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2}


def _meta_doc(version: int = SCHEMA) -> dict:
    return {"1": {"schema": version}}


def schema_version(data: dict | None) -> int:
    """The format version recorded in a database dict (0 when it predates versioning)."""
    if not data or META not in data:
        return 0
    docs = list(data[META].values()) if isinstance(data[META], dict) else []
    version = docs[0].get("schema") if docs and isinstance(docs[0], dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValueError("the format version is missing or not a number")
    return version


def migrate(data: dict, version: int) -> dict:
    while version < SCHEMA:
        data = MIGRATIONS[version](data)
        version += 1
    data[META] = _meta_doc()
    return data


def merge_text(old: str, new: str) -> str | None:
    """`old` and `new` joined so neither loses a word, or None when `old` already contains `new`."""
    if new in old:
        return None
    if old in new:
        return new
    return f"{old.rstrip()}\n\n{new.lstrip()}"


def _valid_doc(table: str, doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    key = doc.get(_KEY_FIELD[table])
    if not isinstance(key, str) or not key:
        return False
    if table in ("notes", "passages") and not isinstance(doc.get("text", ""), str):
        return False
    if table == "passages" and not (isinstance(doc.get("article_id"), str) and isinstance(doc.get("quote"), str)):
        return False
    if table == "tags" and not (isinstance(doc.get("tags"), list) and all(isinstance(t, str) for t in doc["tags"])):
        return False
    if table == "passages" and not (isinstance(doc.get("tags", []), list)
                                    and all(isinstance(t, str) for t in doc.get("tags", []))):
        return False
    if "citation" in doc and not isinstance(doc["citation"], dict):
        return False
    return True


def salvage(data: Any) -> tuple[dict, bool]:
    """What can safely be shown from a database dict, and whether it was entirely sound."""
    if not isinstance(data, dict):
        return {}, False
    sound, kept = True, {}
    for name, table in data.items():
        if not isinstance(table, dict):
            sound = False
            continue
        if name not in _KEY_FIELD:
            continue
        docs = {k: d for k, d in table.items() if _valid_doc(name, d) and str(k).isdigit()}
        sound = sound and len(docs) == len(table)
        kept[name] = docs
    return kept, sound


# -- user sentences ----------------------------------------------------------------------------
def _not_regular_sentence(path: Path) -> str:
    return f"Your annotations file {path} is not a regular file; choose another --db."


def _no_upgrade_backup(path: Path, why: str | None = None) -> str:
    why = f" ({why})" if why else ""
    return (f"Your annotations file {path} is in an older format and could not be backed up before "
            f"upgrading{why}, so it was left untouched and notes are read-only for now.")


def _save_failed(exc: BaseException, path: Path) -> str:
    folder = path.parent
    if isinstance(exc, NotRegularFile):
        return f"Your change was not saved because {exc.filename} is not a regular file; choose another --db."
    if isinstance(exc, LockTimeout):
        return ("Your change was not saved because another running copy of thads-tui kept the "
                "annotations file busy; please try again.")
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ("Your change was not saved because the disk is full; your annotations file was left "
                "as it was, so free some space and try again.")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        replacing = getattr(exc, "filename2", None) is not None  # os.replace(temp, file) failed
        if code != errno.EROFS and replacing and _writable_folder(folder):
            return (f"Your change was not saved because the file {path} cannot be replaced (it is "
                    "protected, e.g. marked immutable); it was left as it was.")
        return (f"Your change was not saved because the folder {folder} cannot be written to; your "
                "annotations file was left as it was.")
    if isinstance(exc, (OSError, LockTimeout)):
        reason = getattr(exc, "strerror", None) or str(exc)
    else:  # data that cannot be written as it is: a bug, but the reader's text must not vanish
        reason = f"{type(exc).__name__}: {exc}"
    return f"Your change was not saved ({reason}); your annotations file was left as it was."


def _writable_folder(folder: Path) -> bool:
    try:
        return os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        return False


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    return (exc.strerror or str(exc)).lower()


def safe_citation(citation: dict | None) -> dict:
    """A citation that can be saved as UTF-8 JSON and shown: a file name that is not valid UTF-8
    (Python holds its bytes as lone surrogates) is kept exactly in `file_bytes` (percent-encoded
    bytes, see `citation_path`) and shown in `file` with U+FFFD for each bad byte."""
    clean = {}
    for key, value in (citation or {}).items():
        if isinstance(value, str) and has_surrogates(value):
            if key == "file":
                clean["file_bytes"] = quote(_path_bytes(value), safe="/ ")
            value = printable(value)
        clean[key] = value
    return clean


def _path_bytes(text: str) -> bytes:
    try:
        return os.fsencode(text)
    except UnicodeError:  # a surrogate that no byte decoded to ("\ud800"): keep it as UTF-8 bytes
        return text.encode("utf-8", "surrogatepass")


def citation_path(citation: dict) -> Path | None:
    """The exact path a citation recorded (`file_bytes` when the name is not UTF-8), or None."""
    raw = citation.get("file_bytes")
    if isinstance(raw, str):
        return Path(os.fsdecode(unquote_to_bytes(raw)))
    return Path(citation["file"]) if isinstance(citation.get("file"), str) and citation["file"] else None


class Annotations:
    """Bookmarks, notes, passage notes, tags and reader state in one durable file.

    Public attributes: `path`, `read_only`, `problem` (None, or one sentence saying why the file
    could not be used and the instance is read-only) and `backup_path` (the copy made of a damaged
    file, or of an old-format file before it was upgraded).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_timeout: float | None = 10.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.problem: str | None = None
        self.backup_path: Path | None = None
        self.backup_error: str | None = None  # why the last backup copy could not be made
        self._asked_read_only = read_only
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # the first save will say what is wrong
        self._durable = DurableTinyDB(self.path, storage=DurableStorage, encoding="utf-8",
                                      access_mode="r" if read_only else "r+",
                                      lock_timeout=lock_timeout, ensure_ascii=False)
        self._storage: DurableStorage = self._durable.storage
        self._db = self._durable
        self._open()

    # -- opening, problems, starting fresh ---------------------------------------------------------
    def _open(self) -> None:
        try:
            data = self._storage.read()
        except OSError as exc:
            self._unreadable(exc, {})
            return
        except DatabaseDamaged:
            self._damaged({})
            return
        if data is None:  # no file yet (or an empty one): the first save creates it
            return
        kept, sound = salvage(data)
        try:
            version = schema_version(data) if sound else None
        except ValueError:
            version = None
        if version is None:
            self._damaged(kept)
        elif version > SCHEMA:
            self._unusable(f"Your annotations file {self.path} was written by a newer version of "
                           f"thads-tui (format {version}; this version reads up to {SCHEMA}), so it "
                           "was left untouched and notes are read-only until you update thads-tui.",
                           kept)
        elif version < SCHEMA and data:
            self._upgrade(data, version)

    def _upgrade(self, data: dict, version: int) -> None:
        if self.read_only:
            self._show(migrate(data, version))
            return
        try:
            with self._storage.locked():
                current = self._storage.read()
                now_version = schema_version(current)
                if current and now_version < SCHEMA:
                    backup = self._backup(f"v{now_version}")
                    if backup is None:  # never upgrade without a copy of the old file
                        self._unusable(_no_upgrade_backup(self.path, self.backup_error), migrate(current, now_version))
                        return
                    self.backup_path = backup
                    self._storage.write(migrate(current, now_version))
        except (OSError, LockTimeout) as exc:
            reason = getattr(exc, "strerror", None) or "another copy of thads-tui kept it busy"
            self._unusable(f"Your annotations file {self.path} is in an older format and could not be "
                           f"upgraded ({reason}); it was left untouched and notes are read-only for now.",
                           migrate(data, version))
        except DatabaseDamaged:
            self._damaged({})

    def _damaged(self, kept: dict) -> None:
        if self._asked_read_only:  # only looking (an export): make no copies, mention one made before
            self.backup_path = self._existing_backup("corrupt")
        else:
            self.backup_path = self._backup("corrupt")
        if self.backup_path is not None:
            where_ = f"a copy was saved as {self.backup_path.name}"
        elif self._asked_read_only:
            where_ = "no backup copy was made because it was opened read-only"
        else:
            where_ = "no backup copy could be made" + (f" ({self.backup_error})" if self.backup_error else "")
        self._unusable(f"Your annotations file {self.path} is damaged and could not be read fully; it "
                       f"was left untouched, {where_}, and notes are read-only until you choose to "
                       "start fresh.", kept)

    def _unreadable(self, exc: OSError, shown: dict) -> None:
        if isinstance(exc, NotRegularFile):
            self._unusable(_not_regular_sentence(self.path), shown)
            return
        self._unusable(f"Your annotations file {self.path} could not be read ({exc.strerror or exc}); "
                       "it was left untouched and notes are read-only for now.", shown)

    def _unusable(self, sentence: str, shown: dict) -> None:
        self.problem = sentence
        self._show(shown)

    def _show(self, data: dict) -> None:
        """Serve `data` from memory, read-only (the file is left alone)."""
        self.read_only = True
        memory = DurableTinyDB(storage=MemoryStorage)
        memory.storage.write(data)
        self._db = memory

    def _backup(self, label: str) -> Path | None:
        """A copy of the file as it is now: an existing backup holding the same bytes if there is
        one (so reopening a damaged file does not pile up copies), else a new one; None if the
        copy failed."""
        existing = self._existing_backup(label)
        if existing is not None:
            return existing
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        for n in range(1000):
            suffix = f"-{n}" if n else ""
            target = self.path.with_name(f"{self.path.name}.{label}-{stamp}{suffix}.bak")
            if not target.exists():
                break
        try:
            shutil.copy2(self.path, target)
        except OSError as exc:
            self.backup_error = _os_reason(exc)
            try:  # a full disk leaves a partial copy: it is no backup, so it must not look like one
                target.unlink()
            except OSError:
                pass
            return None
        self.backup_error = None
        return target

    def _existing_backup(self, label: str) -> Path | None:
        """`backup_path`, or the newest `<file>.<label>-*.bak` or `<file>.corrupt-*.bak`, if it holds
        exactly the file's current bytes (same size, same SHA-256)."""
        candidates = [self.backup_path] if self.backup_path is not None else []
        for kind in dict.fromkeys((label, "corrupt")):
            newest = self._newest_backup(kind)
            if newest is not None and newest not in candidates:
                candidates.append(newest)
        return next((c for c in candidates if _same_bytes(c, self.path)), None)

    def _newest_backup(self, label: str) -> Path | None:
        prefix = f"{self.path.name}.{label}-"
        found = []
        try:
            for entry in self.path.parent.iterdir():
                name = entry.name
                if name.startswith(prefix) and name.endswith(".bak"):
                    stamp, _, n = name[len(prefix):-4].partition("-")
                    found.append(((stamp, int(n) if n.isdigit() else 0), entry))
        except OSError:
            return None
        return max(found, key=lambda item: item[0])[1] if found else None

    def start_fresh(self) -> Path | None:
        """After a `problem`, replace the unusable file with a new empty one.

        Nothing is destroyed: under the file lock, the file is looked at again. If it is sound and
        current now (another running copy started it afresh meanwhile), it is simply used, not
        replaced. Otherwise its current bytes are copied to `backup_path` first (if they cannot
        be copied, nothing happens and AnnotationsError says so). Returns `backup_path` (the copy
        of the file that could not be used), or None when there was no problem and so nothing
        was done.
        """
        if self.problem is None:
            return None
        if self._asked_read_only:
            raise AnnotationsError("The annotations were opened read-only, so they cannot be started afresh.")
        if self.path.is_symlink():  # replacing would put an empty file in place of whatever it points to
            target = os.path.realpath(self.path)
            raise AnnotationsError(f"A fresh annotations file was not started because {self.path} is a "
                                   f"symbolic link to {target}, which is left as it is; pass --db with the "
                                   "file you mean.")
        try:
            check_regular(self.path)  # before the lock: no <file>.lock is made next to a device
            with self._storage.locked():
                check_regular(self.path)  # a folder, device or FIFO is neither backed up nor replaced
                if not self._sound_and_current():
                    if self.path.exists():
                        backup = self._backup("replaced")
                        if backup is None:
                            why = f" ({self.backup_error})" if self.backup_error else ""
                            raise AnnotationsError(f"A fresh annotations file was not started because {self.path} "
                                                   f"could not be copied to a backup first{why}; it was left as it was.")
                        self.backup_path = backup
                    self._storage.write({META: _meta_doc()})
        except NotRegularFile:
            raise AnnotationsError(_not_regular_sentence(self.path)) from None
        except (OSError, LockTimeout) as exc:
            raise AnnotationsError(_save_failed(exc, self.path)) from exc
        if self._db is not self._durable:
            self._db.close()
        self._db, self.problem, self.read_only = self._durable, None, False
        return self.backup_path

    def _sound_and_current(self) -> bool:
        """Whether the file, read now (under the lock), is whole and in this version's format."""
        try:
            data = self._storage.read_shared()
            return data is not None and salvage(data)[1] and schema_version(data) == SCHEMA
        except (OSError, ValueError):  # unreadable, DatabaseDamaged, a broken _meta table
            return False

    def close(self) -> None:
        if self._db is not self._durable:
            self._db.close()
        self._durable.close()

    def __enter__(self) -> "Annotations":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- read and write plumbing -------------------------------------------------------------------
    def _table(self, name: str):
        return self._db.table(name)

    def _read(self, fn: Callable[[], Any]) -> Any:
        """Run a query; if the file has become unreadable since opening, keep showing what was read."""
        try:
            return fn()
        except (OSError, DatabaseDamaged) as exc:
            if self._db is not self._durable:
                raise
            kept, _ = salvage(self._storage.last_read())
            if isinstance(exc, DatabaseDamaged):
                self._damaged(kept)
            else:
                self._unreadable(exc, kept)
            return fn()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One atomic change: under the file lock, on the file's current content, committed once."""
        if self.read_only:
            raise AnnotationsError(self.problem or "The annotations are open read-only, so changes cannot be saved.")
        try:
            with self._storage.locked():
                self._check_current()
                yield
        except AnnotationsError:
            raise
        except Exception as exc:  # OSError, LockTimeout, or data the file cannot hold: never a trace
            raise AnnotationsError(_save_failed(exc, self.path)) from exc

    def _check_current(self) -> None:
        try:
            data = self._storage.read_shared()
            version = schema_version(data)
        except NotRegularFile as exc:
            self._unreadable(exc, salvage(self._storage.last_read())[0])
            raise AnnotationsError(self.problem) from None
        except ValueError:  # DatabaseDamaged, or a broken _meta table
            kept, _ = salvage(self._storage.last_read())
            self._damaged(kept)
            raise AnnotationsError(self.problem) from None
        if version > SCHEMA:
            self._unusable(f"Your annotations file {self.path} was just changed by a newer version of "
                           "thads-tui, so this change was not saved and notes are read-only now.",
                           salvage(data)[0])
            raise AnnotationsError(self.problem)
        if data and version < SCHEMA:  # an older copy of thads-tui rewrote the file meanwhile
            backup = self._backup(f"v{version}")
            if backup is None:
                self._unusable(_no_upgrade_backup(self.path, self.backup_error), migrate(self._storage.read(), version))
                raise AnnotationsError(self.problem)
            self.backup_path = backup
        if not data or version < SCHEMA:
            self._storage.write(migrate(self._storage.read() or {}, version))

    @contextmanager
    def bulk(self) -> Iterator[dict]:
        """The whole database as a dict of tables, for many changes at once (one lock, one save).

        Used by import; change the dict in place. Nothing is saved if the block raises.
        """
        with self._writing():
            data = self._storage.read() or {}
            yield data
            self._storage.write(data)

    def records(self) -> dict[str, list[dict]]:
        """A snapshot of every annotation table as lists of plain dicts (for export)."""
        data = self._read(lambda: self._db.storage.read()) or {}
        return {name: [dict(doc) for _, doc in sorted(data.get(name, {}).items(), key=lambda kv: int(kv[0]))]
                for name in TABLES}

    @staticmethod
    def _find(table, field: str, value: Any) -> Document | None:
        """`table.get(where(field) == value)`, as a plain scan of the documents (a TinyDB query
        costs ~1 µs per document: with 10,000 notes each save paid ~10 ms per lookup)."""
        for doc_id, doc in table._read_table().items():
            if doc.get(field) == value:
                return Document(_deep(doc), table.document_id_class(doc_id))
        return None

    def _one(self, table: str, field: str, value: Any) -> dict | None:
        doc = self._read(lambda: self._find(self._table(table), field, value))
        return dict(doc) if doc is not None else None

    def _column(self, table: str, field: str) -> list:
        def column():
            storage = self._db.storage
            data = getattr(storage, "read_shared", storage.read)() or {}  # looked at, not changed
            return [d.get(field) for d in data.get(table, {}).values()]
        return self._read(column)

    # -- bookmarks -----------------------------------------------------------------------------
    def is_bookmarked(self, article_id: str) -> bool:
        return self._one("bookmarks", "article_id", article_id) is not None

    def set_bookmark(self, article_id: str, on: bool, *, citation: dict | None = None) -> None:
        """Bookmark (keeping the first bookmark's time) or un-bookmark an article."""
        self._save_record("bookmarks", article_id, {} if on else None, citation)

    def toggle_bookmark(self, article_id: str, *, citation: dict | None = None) -> bool:
        with self._writing():
            on = not self.is_bookmarked(article_id)
            self.set_bookmark(article_id, on, citation=citation)
        return on

    def bookmarked_ids(self) -> set[str]:
        return set(self._column("bookmarks", "article_id"))

    # -- article notes (one per article) -------------------------------------------------------
    def get_note(self, article_id: str) -> str:
        doc = self._one("notes", "article_id", article_id)
        return doc["text"] if doc else ""

    def note(self, article_id: str) -> dict | None:
        """The whole note record (text, created, updated, citation), or None."""
        return self._one("notes", "article_id", article_id)

    def set_note(self, article_id: str, text: str, *, citation: dict | None = None,
                 expected: str | None = None) -> str:
        """Save the article's note (stored NFC); blank text removes it. Returns the text saved
        (what `get_note` now gives: "" when the note was removed).

        `expected` is the note as the editor showed it when it opened. If the stored note is no
        longer that (another window saved it meanwhile), it is not overwritten: the stored text
        and `text` are merged (see `merge_text`; a blank `text` then removes nothing) and the
        merge is saved and returned. Without `expected` the last save wins.
        """
        text = nfc(text)
        with self._writing():
            if expected is not None:
                old = self._find(self._table("notes"), "article_id", article_id)
                current = old.get("text", "") if old is not None else ""
                if current != nfc(expected):
                    merged = merge_text(current, text)
                    text = current if merged is None else merged
            keep = bool(text.strip())
            self._save_record("notes", article_id, {"text": text} if keep else None, citation)
        return text if keep else ""

    def _save_record(self, table_name: str, article_id: str, fields: dict | None,
                     citation: dict | None) -> None:
        """Create or change the article's record in a per-article table, or remove it (fields None).

        `created` is kept from the first time; `updated` and the citation change only with the
        record (no citation given keeps the old one)."""
        with self._writing():
            table = self._table(table_name)
            old = self._find(table, "article_id", article_id)
            if fields is None:
                if old is not None:
                    table.remove(doc_ids=[old.doc_id])
                return
            now = _now()
            citation = safe_citation(citation)
            if old is None:
                table.insert({"article_id": article_id, **fields, "created": now, "updated": now,
                              "citation": citation})
            elif any(old.get(k) != v for k, v in fields.items()) or (citation and citation != old.get("citation")):
                table.update({**fields, "updated": now, "citation": citation or old.get("citation", {})},
                             doc_ids=[old.doc_id])

    def annotated_ids(self) -> set[str]:
        """Articles with a note or at least one passage note."""
        return set(self._column("notes", "article_id")) | set(self._column("passages", "article_id"))

    # -- passage notes ---------------------------------------------------------------------------
    def add_passage_note(self, article_id: str, quote: str, text: str, *, prefix: str = "",
                         suffix: str = "", paragraph: int | None = None,
                         citation: dict | None = None, start: int | None = None,
                         end: int | None = None, tags=()) -> str:
        """Attach a note (blank text = a plain highlight) to a quoted passage; returns the note id.

        The passage is found again by its quote plus a little of the text before (`prefix`) and
        after (`suffix`) it, see `anchor.locate_passage`; `paragraph` is only a hint.
        """
        quote = nfc(quote)
        if not quote.strip():
            raise AnnotationsError("Select the passage the note is about first.")
        note_id = uuid.uuid4().hex
        now = _now()
        with self._writing():
            self._table("passages").insert({
                "id": note_id, "article_id": article_id, "quote": quote, "prefix": nfc(prefix),
                "suffix": nfc(suffix), "paragraph": paragraph, "text": nfc(text),
                "start": start, "end": end, "tags": normalise_tags(tags),
                "created": now, "updated": now, "citation": safe_citation(citation),
            })
        return note_id

    def passage_note(self, note_id: str) -> dict | None:
        return self._one("passages", "id", note_id)

    def passage_notes(self, article_id: str) -> list[dict]:
        """The article's passage notes, by paragraph (unknown last), then oldest first."""
        docs = self._read(lambda: self._table("passages").search(where("article_id") == article_id))
        docs = sorted(docs, key=lambda d: (d.get("paragraph") is None, d.get("paragraph") or 0,
                                           d.get("created", ""), d.doc_id))
        return [dict(d) for d in docs]

    def update_passage_note(self, note_id: str, text: str | None = None, *, quote: str | None = None,
                            prefix: str | None = None, suffix: str | None = None,
                            paragraph: int | None = _UNSET, citation: dict | None = None,
                            expected: str | None = None, tags=None, expected_tags=None,
                            start: int | None = _UNSET, end: int | None = _UNSET) -> str:
        """Change a passage note's text and/or its anchor; fields left as None stay as they are.

        Returns the note's text as saved. `expected` works as for `set_note`: when the stored text
        is no longer `expected`, it is merged with `text` instead of being overwritten;
        `expected_tags` (the tags the editor showed) keeps tags added elsewhere meanwhile.
        """
        fields: dict[str, Any] = {}
        for name, value in (("text", text), ("quote", quote), ("prefix", prefix), ("suffix", suffix)):
            if value is not None:
                fields[name] = nfc(value)
        if "quote" in fields and not fields["quote"].strip():
            raise AnnotationsError("A passage note needs the passage it is about.")
        if paragraph is not _UNSET:
            fields["paragraph"] = paragraph
        if tags is not None:
            fields["tags"] = normalise_tags(tags)
        for name, value in (("start", start), ("end", end)):
            if value is not _UNSET:
                fields[name] = value
        if citation:
            fields["citation"] = safe_citation(citation)
        q = where("id") == note_id
        with self._writing():
            table = self._table("passages")
            old = table.get(q)
            if old is None:
                raise AnnotationsError("That passage note no longer exists; it may have been removed in another window.")
            current = old.get("text", "")
            if "text" in fields and expected is not None and current != nfc(expected):
                merged = merge_text(current, fields["text"])
                fields["text"] = current if merged is None else merged
            if "tags" in fields and expected_tags is not None:
                fields["tags"] = merge_tags(fields["tags"], old.get("tags") or [], expected_tags)
            if any(old.get(k) != v for k, v in fields.items()):
                table.update({**fields, "updated": _now()}, doc_ids=[old.doc_id])
            return fields.get("text", current)

    def remove_passage_note(self, note_id: str) -> bool:
        with self._writing():
            table = self._table("passages")
            old = table.get(where("id") == note_id)
            return old is not None and bool(table.remove(doc_ids=[old.doc_id]))

    def restore_passage_note(self, doc: dict) -> str:
        """Put back a passage note removed a moment ago (undo), with its id and dates."""
        with self._writing():
            table = self._table("passages")
            if table.get(where("id") == doc["id"]) is None:
                table.insert({k: v for k, v in doc.items() if k not in ("span", "detached")})
        return doc["id"]

    def anchored_passages(self, article_id: str, text: str) -> list[dict]:
        """The article's highlights in text order, each with `span` = (start, end) in `text` now,
        then the ones whose quote is no longer in the text with `detached` True (never dropped).

        A quote that moved is re-found by quote + prefix/suffix (the stored position breaks ties)
        and its stored position is updated when the file can be written.
        """
        placed, detached, moved = [], [], {}
        for doc in self.passage_notes(article_id):
            span = locate_passage(text, doc["quote"], doc.get("prefix", ""), doc.get("suffix", ""),
                                  position=doc.get("start"))
            if span is None:
                detached.append({**doc, "span": None, "detached": True})
                continue
            if (doc.get("start"), doc.get("end")) != span:
                moved[doc["id"]] = span
            placed.append({**doc, "span": span, "detached": False, "start": span[0], "end": span[1]})
        if moved and not self.read_only:
            try:
                with self._writing():
                    table = self._table("passages")
                    for d in table.all():
                        if d.get("id") in moved:
                            table.update({"start": moved[d["id"]][0], "end": moved[d["id"]][1]},
                                         doc_ids=[d.doc_id])
            except AnnotationsError:
                pass  # the position is only a hint; the quote still finds the passage
        placed.sort(key=lambda d: d["span"])
        return placed + detached

    def passage_tags(self) -> list[str]:
        return normalise_tags(t for tags in self._column("passages", "tags") for t in (tags or []))

    # -- read / unread -------------------------------------------------------------------------
    def is_read(self, article_id: str) -> bool:
        return self._one("reads", "article_id", article_id) is not None

    def set_read(self, article_id: str, on: bool = True, *, citation: dict | None = None) -> None:
        self._save_record("reads", article_id, {"read": True} if on else None, citation)

    def read_ids(self) -> set[str]:
        return set(self._column("reads", "article_id"))

    # -- tags ----------------------------------------------------------------------------------
    def get_tags(self, article_id: str) -> list[str]:
        doc = self._one("tags", "article_id", article_id)
        return list(doc["tags"]) if doc else []

    def set_tags(self, article_id: str, tags, *, citation: dict | None = None, expected=None) -> list[str]:
        """Replace the article's tags (see `normalise_tags`); an empty list removes them.
        Returns the tags as stored.

        `expected` is the tags as the editor showed them: a tag another window added meanwhile is
        kept (only the tags the editor showed can be removed by it)."""
        with self._writing():
            clean = normalise_tags(tags)
            if expected is not None:
                old = self._find(self._table("tags"), "article_id", article_id)
                clean = merge_tags(clean, (old or {}).get("tags", []), expected)
            self._save_record("tags", article_id, {"tags": clean} if clean else None, citation)
        return clean

    def all_tags(self) -> list[str]:
        """Every tag in use on articles and highlights, sorted ignoring case and diacritics."""
        return normalise_tags([*(t for tags in self._column("tags", "tags") for t in (tags or [])),
                               *self.passage_tags()])

    def tags_by_article(self, own: bool = False) -> dict[str, list[str]]:
        """Each article's tags, its own and its highlights' together (`own`: its own alone, the
        ones `T` edits)."""
        docs = self._read(lambda: [*self._table("tags").all(), *([] if own else self._table("passages").all())])
        out: dict[str, list[str]] = {}
        for d in docs:
            if d.get("tags"):
                out.setdefault(d["article_id"], []).extend(d["tags"])
        return {k: normalise_tags(v) for k, v in out.items()}

    def tagged_ids(self, tag: str) -> set[str]:
        """Articles carrying `tag` themselves or on one of their highlights."""
        key = nfc(tag).strip().casefold()
        docs = self._read(lambda: [*self._table("tags").all(), *self._table("passages").all()])
        return {d["article_id"] for d in docs if any(t.casefold() == key for t in d.get("tags", []) or [])}

    # -- reader state (last article, panel layout) ---------------------------------------------
    def get_state(self, key: str, default=None):
        doc = self._one("state", "key", key)
        return doc["value"] if doc else default

    def set_state(self, key: str, value) -> None:
        with self._writing():
            table = self._table("state")
            old = self._find(table, "key", key)
            if old is None:
                table.insert({"key": key, "value": value})
            elif old.get("value") != value:
                table.update({"value": value}, doc_ids=[old.doc_id])


def normalise_tags(tags) -> list[str]:
    """Trimmed, NFC, inner whitespace collapsed, the first spelling of each (case-insensitive) tag
    kept, sorted the way a Vietnamese reader expects (án before kế)."""
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(nfc(str(tag)).split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return sorted(seen.values(), key=lambda t: (unidecode(t).casefold(), t.casefold(), t))


def merge_tags(edited, stored, shown) -> list[str]:
    """The tags an editor saves when the stored ones may have changed since it showed `shown`:
    what it saves, plus what was added elsewhere meanwhile (a tag is removed only where seen)."""
    seen = {t.casefold() for t in normalise_tags(shown)}
    return normalise_tags([*edited, *(t for t in normalise_tags(stored) if t.casefold() not in seen)])

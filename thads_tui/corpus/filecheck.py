"""Which corpus files are new, changed or gone since the catalogue last saw them: no file is read.

    changes(conn, roots) -> Changes        here: a scan (one stat per file) against the files table
    Child.start(db_path, roots)            the same in a child process, on another core, while the
    child.result(cancelled) -> Changes     reader lists the catalogued rows (None: do it here)

A warm launch on 100,000 files spends about a second of CPU on this: half of it stats in the
kernel, the rest is Python that would hold the GIL against the thread listing the rows and the
UI painting them. The child (`python -m thads_tui.corpus.filecheck DB ROOT...`) imports the
loader only, reads the catalogue (never writes it) and prints a pickled `Changes`; the catalogue's
update then reads and writes only what it lists. The child's answer is a plain snapshot: a file
changed after it was stat'ed is found at the next launch, as with a check done here.
"""
from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .loader import Problem, scan_files

Key = tuple[bytes, int, int]  # (path as os.fsencode gives it, size, mtime_ns): the files table's row


@dataclass
class Changes:
    listed: int = 0  # files found
    todo: list[Key] = field(default_factory=list)  # new or changed, sorted by path
    gone: list[bytes] = field(default_factory=list)  # paths the catalogue holds and the disk no longer
    problems: list[Problem] = field(default_factory=list)


def changes(conn: sqlite3.Connection, roots: Iterable[str | Path]) -> Changes:
    """The scan against the files table: two sets of (path, size, mtime_ns) compared in C."""
    listed, problems = scan_files(roots, with_stat=True)
    encoding, errors = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()  # os.fsencode's
    on_disk = {(p.encode(encoding, errors), size, mtime) for p, size, mtime in listed}
    known = set(conn.execute("SELECT path, size, mtime_ns FROM files"))
    todo = sorted(on_disk - known)
    gone: list[bytes] = []
    if len(known) > len(on_disk) - len(todo):  # some catalogued (path, size, mtime) is not on disk
        fresh = {key for key, _, _ in todo}
        gone = sorted(key for key, _, _ in known - on_disk if key not in fresh)
    return Changes(len(listed), todo, gone, problems)


MIN_FILES = 5000  # a smaller catalogue is checked here (a child costs ~0.15 s of CPU to start)


class Child:
    """The check running in a child process."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc

    @classmethod
    def start(cls, db_path: str | Path, roots: Iterable[str | Path], *, min_files: int | None = None) -> "Child | None":
        """The child, or None when the catalogue is small or a process cannot be started."""
        try:
            conn = _read_only(db_path)
            try:
                catalogued = conn.execute("SELECT count(*) FROM files").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        if catalogued < (MIN_FILES if min_files is None else min_files) or not sys.executable:
            return None  # not worth a process, or an embedded interpreter: no python to start
        # -P: the folder the app runs in is not searched for modules; the roots go as given (the
        # catalogue keys files by the paths the scan gives, relative to this folder when they are)
        args = [sys.executable, "-P", "-m", __name__, os.path.abspath(db_path), *map(os.fspath, roots)]
        try:
            proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    env=_child_env(), creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except (OSError, ValueError):
            return None
        return cls(proc)

    def result(self, cancelled: Callable[[], bool] = lambda: False) -> Changes | None:
        """The child's answer; None if it failed (the caller checks here) or `cancelled()`."""
        while True:
            try:
                out, _ = self.proc.communicate(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                if cancelled():
                    self.stop()
                    return None
        if self.proc.returncode != 0:
            return None
        try:
            return Changes(*pickle.loads(out))
        except Exception:  # noqa: BLE001 - a broken answer: the check is done here instead
            return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def _child_env() -> dict[str, str]:
    """The child imports this package as the parent did (an editable install, PYTHONPATH, a
    source checkout run from elsewhere)."""
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([here, env["PYTHONPATH"]]) if env.get("PYTHONPATH") else here
    return env


def _read_only(db_path: str | Path) -> sqlite3.Connection:
    """A connection that never writes the catalogue (nor makes a file where there is none)."""
    return sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def _main(argv: list[str]) -> int:
    db_path, *roots = argv
    conn = _read_only(db_path)
    try:
        found = changes(conn, roots)
    finally:
        conn.close()
    # plain values (this module runs as __main__: its Changes is not the parent's)
    answer = (found.listed, found.todo, found.gone, found.problems)
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

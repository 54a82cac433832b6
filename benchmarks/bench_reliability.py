"""Reliability of the annotations store, rerun on demand (prints figures; no assertions).

    nice python benchmarks/bench_reliability.py [--kills N] [--writers N] [--notes N]

* kill: a writer process saves notes one after another, printing each acknowledged save; it is
  SIGKILLed at a random moment, N times. After each kill the file must parse, hold every
  acknowledged note, and no temporary or lock file may be left (counts of failures are printed).
* concurrency: W processes each save distinct notes and toggle one shared bookmark at once;
  every note must be there at the end (lost writes are printed).
* disk full: a process with RLIMIT_FSIZE just under the next save's size tries to save: the
  save must fail with a sentence, the file must stay byte for byte what it was, no temp file.
* note save latency with N notes already in the file (issue 14 asks for <= 50 ms at 10,000).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

WRITER = r"""
import sys
from thads_tui.store import Annotations
ann = Annotations(sys.argv[1])
prefix, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    ann.set_note(f"{prefix}-{i}", f"note {i} " + "chữ " * 20, citation={"title": f"T {i}", "file": "a.txt"})
    if len(sys.argv) > 4:
        ann.toggle_bookmark("shared")
    print(f"{prefix}-{i}", flush=True)
"""

FULL = r"""
import resource, signal, sys
from thads_tui.store import Annotations, AnnotationsError
ann = Annotations(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
try:
    ann.set_note("big", "x" * 200000)
    print("SAVED")
except AnnotationsError as err:
    print("REFUSED", err)
"""


def _python(code: str, *args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, **kw)


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".lock"))]


def _notes(db: Path) -> dict:
    if not db.exists():
        return {}
    data = json.loads(db.read_text(encoding="utf-8"))
    return {d["article_id"]: d for d in data.get("notes", {}).values()}


def bench_kill(kills: int) -> None:
    broken = lost = left = 0
    acked_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "annotations.json"
        for k in range(kills):
            proc = _python(WRITER, str(db), f"k{k}", "100000")
            time.sleep(random.uniform(0.3, 1.2))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
            acked = [line for line in out.splitlines() if line]
            acked_total += len(acked)
            try:
                have = _notes(db)
            except ValueError:
                broken += 1
                continue
            lost += sum(1 for a in acked if a not in have)
            # a kill may leave a temp (swept by the next writer) or a lock file (reused, then removed)
            left += bool(_leftovers(Path(tmp)))
        final = _python(WRITER, str(db), "after", "1")
        final.communicate()
        stale = _leftovers(Path(tmp))
    print(f"kill: {kills} SIGKILLs, {acked_total} acknowledged saves, {lost} lost, {broken} unreadable files, "
          f"{left} kills left a temp/lock file; after one more save: {len(stale)} left ({', '.join(stale) or 'none'})")


def bench_concurrency(writers: int, each: int = 40) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "annotations.json"
        start = time.perf_counter()
        procs = [_python(WRITER, str(db), f"w{w}", str(each), "bookmark") for w in range(writers)]
        errors = [p.communicate()[1] for p in procs]
        took = time.perf_counter() - start
        have = _notes(db)
        want = {f"w{w}-{i}" for w in range(writers) for i in range(each)}
        failed = sum(1 for e in errors if e.strip())
        print(f"concurrency: {writers} processes x {each} saves (+ a shared bookmark toggle each) in {took:.1f} s: "
              f"{len(want - set(have))} of {len(want)} notes lost, {failed} processes failed, "
              f"left: {_leftovers(Path(tmp)) or 'nothing'}")


def bench_disk_full() -> None:
    from thads_tui.store import Annotations

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "annotations.json"
        ann = Annotations(db)
        for i in range(50):
            ann.set_note(f"n{i}", "chữ " * 50)
        ann.close()
        before = db.read_bytes()
        proc = _python(FULL, str(db), str(len(before) + 1000))
        out, err = proc.communicate()
        same = db.read_bytes() == before
        print(f"disk full (RLIMIT_FSIZE): {out.strip()[:160]!r}; file unchanged: {same}; "
              f"left: {_leftovers(Path(tmp)) or 'nothing'}{'; stderr: ' + err.strip()[:200] if err.strip() else ''}")


def bench_latency(notes: int, saves: int = 40) -> None:
    from thads_tui.store import Annotations

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "annotations.json"
        ann = Annotations(db)
        with ann.bulk() as data:
            table = data.setdefault("notes", {})
            for i in range(notes):
                table[str(i + 1)] = {"article_id": f"a{i}", "text": f"ghi chú {i} " + "chữ " * 40,
                                     "created": "2026-01-01T00:00:00.000+00:00",
                                     "updated": "2026-01-01T00:00:00.000+00:00",
                                     "citation": {"title": f"Bài {i}", "file": f"/corpus/{i}.txt"}}
        size = db.stat().st_size
        times = []
        for k in range(saves):
            start = time.perf_counter()
            ann.set_note(f"a{random.randrange(notes)}", f"sửa lần {k}")
            times.append((time.perf_counter() - start) * 1000)
        first_open = time.perf_counter()
        Annotations(db).get_note("a1")
        open_ms = (time.perf_counter() - first_open) * 1000
        times.sort()
        print(f"note save with {notes} notes ({size / 1e6:.1f} MB file): median {statistics.median(times):.1f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms; opening and reading "
              f"one note in a new instance: {open_ms:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--notes", type=int, default=10_000)
    args = ap.parse_args()
    random.seed(14)
    bench_kill(args.kills)
    bench_concurrency(args.writers)
    bench_disk_full()
    bench_latency(args.notes)


if __name__ == "__main__":
    main()

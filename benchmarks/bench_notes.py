"""Notes overview and relink benchmark on real text: N highlights (a real sentence each, with a
note and a tag) in a fresh annotations file, then the overview's work (read every row, filter as
you type, sort) and the relink scan run once the corpus has loaded.

    nice python benchmarks/bench_notes.py CORPUS_DIR [--notes 5000] [--repeat 5]

Figures are printed (no pass/fail).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thads_tui.store import Annotations  # noqa: E402
from thads_tui.store.anchor import make_anchor  # noqa: E402
from thads_tui.store.relink import orphan_moves  # noqa: E402
from thads_tui.ui.notes_index import filter_rows, note_rows, sort_rows  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, object]:
    runs, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--notes", type=int, default=5000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    files = sorted(Path(args.corpus).rglob("*.txt"))
    tmp = Path(tempfile.mkdtemp())
    ann = Annotations(tmp / "db.json")
    made, t0 = 0, time.perf_counter()
    with ann.bulk() as data:
        table = data.setdefault("passages", {})
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            for s in range(0, max(0, len(text) - 200), 400):
                if made >= args.notes:
                    break
                e = s + 120
                a = make_anchor(text, s, e)
                made += 1
                table[str(made)] = {"id": f"n{made}", "article_id": f"a{hash(path) & 0xffffff:x}", "quote": a["quote"],
                                    "prefix": a["prefix"], "suffix": a["suffix"], "paragraph": None, "start": s,
                                    "end": e, "text": f"ghi chú {made}: cần đối chiếu số liệu",
                                    "tags": ["so-lieu" if made % 7 == 0 else "khac"], "created": "2026-12-02T00:00:00",
                                    "updated": f"2026-12-02T00:{made % 60:02d}:00",
                                    "citation": {"title": text.split("\n", 1)[0][:80], "file": str(path)}}
            if made >= args.notes:
                break
    print(f"{made} highlights from {len(files)} real files written in {time.perf_counter() - t0:.1f} s")
    ms, rows = timed(lambda: note_rows(ann), args.repeat)
    print(f"note_rows (read the file, build every row): {ms:.0f} ms for {len(rows)} rows")
    for query in ("so lieu", "#so-lieu", "đối chiếu", "thi hanh an", "zzz"):
        ms, got = timed(lambda: filter_rows(rows, query), args.repeat)
        print(f"filter {query!r}: {ms:.1f} ms -> {len(got)} rows")
    for key in ("updated", "title", "quote"):
        ms, _ = timed(lambda: sort_rows(rows, key), args.repeat)
        print(f"sort by {key}: {ms:.1f} ms")
    ms, moves = timed(lambda: orphan_moves(ann, set(), {}), args.repeat)
    print(f"relink scan (nothing to move): {ms:.0f} ms")


if __name__ == "__main__":
    main()

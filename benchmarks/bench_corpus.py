"""Listing and loading a big folder: prints seconds and files/s (no assertions).

    python benchmarks/bench_corpus.py [N]   # default 100000 files of ~2 KB
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from thads_tui.corpus import Corpus

PROVINCES = ["Gia Lai", "Thanh Hóa", "Tây Ninh", "Đồng Nai", "Nghệ An", "Cần Thơ", "Huế", "Lào Cai"]


def make_folder(root: Path, n: int) -> None:
    rng = random.Random(7)
    for i in range(n):
        folder = root / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir()
        p = rng.choice(PROVINCES)
        cases = f"{rng.randint(1000, 20000):,}".replace(",", ".")  # Vietnamese thousands
        sentence = (f"Trong năm, các cơ quan THADS tỉnh {p} đã giải quyết được {cases} vụ việc, "
                    f"đạt tỷ lệ {rng.randint(50, 95)},{rng.randint(0, 99):02d}% về việc.\n")
        body = (
            f"Cục Thi hành án dân sự tỉnh {p} tổng kết công tác số {i}\n\n"
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2025)}\n" + sentence * 12
        )
        (folder / f"{i:06d}.txt").write_text(body, encoding="utf-8")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        make_folder(root, n)
        print(f"wrote {n} files in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        corpus = Corpus([root])
        listed = time.perf_counter() - t
        print(f"list {len(corpus.paths)} files: {listed:.2f} s (nothing read)")
        t = time.perf_counter()
        corpus.load()
        loaded = time.perf_counter() - t
        print(f"read+decode+layout {len(corpus)} articles: {loaded:.1f} s, {len(corpus) / loaded:,.0f} articles/s")


if __name__ == "__main__":
    main()

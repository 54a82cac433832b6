"""Listing and loading a big folder: prints seconds and files/s (no assertions).

    python benchmarks/bench_corpus.py [N]              # default 100000 files of ~2 KB
    python benchmarks/bench_corpus.py --folder PATH    # list and load a real folder
    python benchmarks/bench_corpus.py --formats [N]    # N files of each format (default 200),
                                                       # a 100,000-record JSONL, a 5 MB hostile text
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


def list_and_load(root: Path) -> tuple[Corpus, float, float]:
    """The corpus of root, the seconds listing took and the seconds reading took."""
    t = time.perf_counter()
    corpus = Corpus([root])
    listed = time.perf_counter() - t
    t = time.perf_counter()
    corpus.load()
    return corpus, listed, time.perf_counter() - t


def timed_load(root: Path) -> None:
    corpus, listed, loaded = list_and_load(root)
    print(f"{root}: list {len(corpus.paths)} units {listed:.2f} s; read {len(corpus)} articles "
          f"in {loaded:.1f} s = {len(corpus.paths) / loaded:,.0f} units/s; {len(corpus.problems)} problems; "
          f"formats {corpus.formats}")


def bench_formats(n: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import json

    import test_formats_support as S  # the same article the format tests build

    from thads_tui.corpus import layout, read_article

    makers = {"txt": S.txt, "html": S.html, "docx": S.docx_bytes, "pdf": S.pdf_bytes}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, make in makers.items():
            folder = Path(tmp) / fmt
            folder.mkdir()
            data = make()
            for i in range(n):  # a different number in each, so none is a copy of another
                body = data.replace("1.234", f"{1000 + i:,}".replace(",", ".")) if isinstance(data, str) else data
                path = folder / f"{i:05d}.{fmt}"
                (path.write_text(body, encoding="utf-8") if isinstance(body, str) else path.write_bytes(body))
            t = time.perf_counter()
            for path in sorted(folder.iterdir()):
                read_article(path)
            took = time.perf_counter() - t
            print(f"{fmt:5} {n} files: {took:.2f} s = {n / took:,.0f} files/s ({took / n * 1000:.1f} ms each)")
        dump = Path(tmp) / "dump.jsonl"
        with open(dump, "w", encoding="utf-8") as fh:
            for i in range(100_000):
                fh.write(json.dumps({"title": f"Bài {i}", "content": S.PARAS[0] + f" Số {i}.\n" + S.PARAS[1],
                                     "published": "2021-10-21", "source": "TTXVN"}, ensure_ascii=False) + "\n")
        corpus, listed, took = list_and_load(dump)
        print(f"jsonl {dump.stat().st_size / 1e6:.0f} MB, {len(corpus.paths):,} records: listed in {listed:.2f} s, "
              f"read in {took:.1f} s = {len(corpus) / took:,.0f} records/s")
    hostile = "Tiêu đề\n" + "1" * 2_000_000 + "\n" + "1/2019/" * 300_000 + "\n" + "ảnh 1 " * 100_000
    t = time.perf_counter()
    layout(hostile)
    print(f"layout of {len(hostile) / 1e6:.1f} M hostile characters (digits, numbers, captions): "
          f"{time.perf_counter() - t:.2f} s")


def main() -> None:
    if sys.argv[1:2] == ["--folder"]:
        timed_load(Path(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--formats"]:
        bench_formats(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        make_folder(root, n)
        print(f"wrote {n} files in {time.perf_counter() - t:.1f} s")
        corpus, listed, loaded = list_and_load(root)
        print(f"list {len(corpus.paths)} files: {listed:.2f} s (nothing read)")
        print(f"read+decode+layout {len(corpus)} articles: {loaded:.1f} s, {len(corpus) / loaded:,.0f} articles/s")


if __name__ == "__main__":
    main()

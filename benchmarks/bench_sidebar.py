"""Time to first screen with 100,000 articles, headless.

A Corpus-like source builds its articles in memory (no files), so this measures the reader,
not the disk: the loading worker, the sidebar merging batches, and the first paint.

    python benchmarks/bench_sidebar.py [N]
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from thads_tui.corpus import Article
from thads_tui.extract import Extraction
from thads_tui.store import Annotations
from thads_tui.ui.app import ReaderApp

WORDS = ("thi hành án dân sự", "Cục", "Bộ Tư pháp", "kết quả", "năm", "tăng cường", "kiểm tra", "Hà Nội")


class MemoryCorpus:
    """Quacks like thads_tui.corpus.Corpus: `paths`, `problems`, `load_one`, iteration, `name`."""

    def __init__(self, n: int) -> None:
        self.name = f"{n:,} fake articles".replace(",", " ")
        self.paths = [Path(f"/fake/{i:06d}.txt") for i in range(n)]
        self.problems: list = []
        self.bundled = False

    def __iter__(self):
        return iter(())

    def load_one(self, path: Path) -> Article:
        i = int(path.stem)
        title = f"{WORDS[i % len(WORDS)].capitalize()} {WORDS[(i * 7) % len(WORDS)]} số {i}"
        text = f"{title}\n\n{'Nội dung bài viết về ' + WORDS[i % 5] + '. ' * 1}"
        date = f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        body = len(title) + 2
        return Article(f"{i:016x}", path, text, title, date, "PLVN", ((body, len(text)),))


async def measure(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        ann = Annotations(Path(tmp) / "db.json")
        app = ReaderApp(MemoryCorpus(n), ann, extractor=lambda a: Extraction(), close_annotations=True)
        t0 = time.perf_counter()
        async with app.run_test(size=(140, 45)) as pilot:
            while not app.reader.sidebar.rows or app.reader.current is None:
                await pilot.pause()
            first = time.perf_counter() - t0
            while not app.reader.source.load_finished:
                await pilot.pause(0.01)
            await pilot.pause()
            loaded = time.perf_counter() - t0
            rows = len(app.reader.sidebar.rows)
            await pilot.pause(0.6)  # let the post-load work (state save timer) finish first
            # CPU per key: pilot.press also waits for the app to go idle, which is not work
            t1 = time.process_time()
            await pilot.press("end")
            await pilot.pause()
            for _ in range(20):
                await pilot.press("pageup")
            await pilot.pause()
            keys = (time.process_time() - t1) / 21
            assert app.reader.sidebar.cursor < rows - 1
    return {"rows": rows, "first_screen_s": first, "all_loaded_s": loaded, "key_s": keys}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    r = asyncio.run(measure(n))
    print(f"{r['rows']:,} articles".replace(",", " "))
    print(f"time to first screen (rows listed, first article open): {r['first_screen_s']:.3f} s")
    print(f"all {n:,} listed and sorted: {r['all_loaded_s']:.3f} s".replace(",", " "))
    print(f"CPU per key (end, then page up at the far end of the list): {r['key_s'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""The reader's launch on a real corpus folder, headless: time to the first paint (rows and the first article painted), to "list
complete" (every row in the list and every file checked: the screen took the update's last batch), CPU per
key, peak RSS. No assertions.

    nice python benchmarks/bench_sidebar.py CORPUS_DIR [--no-cache] [--seeds]

The catalogue is the app's own (THADS_TUI_CACHE or the user cache folder): the first run on a
folder is the cold build, the next ones are warm launches. `--seeds` also times the launch on
the bundled seeds (the target: warm first paint <= 1.5x the seeds' launch).
"""
from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from thads_tui.extract import Extraction
from thads_tui.ui.app import create_app
from thads_tui.ui.widgets.article_list import ArticleList
from thads_tui.ui.widgets.article_view import ArticleView


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _painted(marks: dict, t0: list) -> None:
    """Record when the list first paints a row and the article view its text: the first paint
    (pilot.pause() returns only once the app is idle, long after, while the rows stream in)."""
    for cls, name in ((ArticleList, "list"), (ArticleView, "article")):
        def wrap(orig, name=name):
            def render_line(self, y):
                strip = orig(self, y)
                ready = self.rows if name == "list" else getattr(self.screen, "article", None)
                if name not in marks and ready and strip.text.strip():
                    marks[name] = time.perf_counter() - t0[0]
                return strip
            return render_line
        cls.render_line = wrap(cls.render_line)


async def measure(paths: list[str] | None, no_cache: bool) -> dict[str, float]:
    marks: dict[str, float] = {}
    t0 = [0.0]
    _painted(marks, t0)
    with tempfile.TemporaryDirectory() as tmp:
        t0[0], cpu0 = time.perf_counter(), time.process_time()
        app = create_app(paths, Path(tmp) / "db.json", extractor=None, no_cache=no_cache,
                         settings_file=Path(tmp) / "settings.toml")
        async with app.run_test(size=(140, 45)) as pilot:
            while len(marks) < 2:
                await pilot.pause(0.005)
            first = max(marks.values())
            while not app.reader.sidebar.rows or app.reader.current is None:
                await pilot.pause()
            # list complete as the user meets it: every row in the list and the files checked (the
            # screen has taken the last batch: the header no longer says "checking the files…")
            while not (app.reader.progress[2] and len(app.reader.sidebar.rows) == len(app.reader.source)):
                await pilot.pause(0.01)
            await pilot.pause()
            complete = time.perf_counter() - t0[0]
            complete_cpu = time.process_time() - cpu0
            rows = len(app.reader.sidebar.rows)
            await pilot.pause(0.6)  # let the post-load work (state save timer) finish first
            t1 = time.process_time()
            await pilot.press("end")
            await pilot.pause()
            for _ in range(20):
                await pilot.press("pageup")
            await pilot.pause()
            keys = (time.process_time() - t1) / 21
    return {"rows": rows, "first_s": first, "complete_s": complete, "complete_cpu_s": complete_cpu,
            "key_ms": keys * 1000, "rss_mb": peak_rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--seeds", action="store_true")
    args = ap.parse_args()
    if args.seeds:
        r = asyncio.run(measure(None, False))
        print(f"seeds: first paint (rows and article painted) {r['first_s']:.3f} s, "
              f"list complete {r['complete_s']:.3f} s")
    if args.corpus:
        r = asyncio.run(measure([args.corpus], args.no_cache))
        print(f"{r['rows']:,} articles".replace(",", " "))
        print(f"first paint (rows and the first article painted): {r['first_s']:.3f} s")
        print(f"list complete (every row listed, every file checked): {r['complete_s']:.3f} s, "
              f"CPU {r['complete_cpu_s']:.2f} s (both threads)")
        print(f"CPU per key (end, then page up): {r['key_ms']:.1f} ms")
        print(f"peak RSS: {r['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()

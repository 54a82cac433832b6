"""Catalogue benchmark: cold build, warm launch, search, E/F, RSS, size, re-index after touching 10 files.

    nice python benchmarks/bench_catalog.py CORPUS_DIR [--workers N] [--no-extract] [--compare-old]

Figures are printed (no pass/fail). Warm launch and peak RSS run in separate processes so each
figure is that of a fresh app. `--compare-old` also loads the corpus into the old in-memory
index (corpus.search.SearchIndex, deleted since; taken from git history, commit OLD_INDEX) and
times the same queries.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = [
    # single words, accent-less
    "thi", "tinh", "dong", "nai", "tien", "an",
    # with accents
    "thi hành án", "đồng nai", "Thanh Hóa", "Hà Nội", "quyết định", "tòa án",
    # phrases
    '"thanh pho ho chi minh"', '"ban chap hanh"', '"uy ban nhan dan"', '"ho chi minh"',
    # prefixes
    "thi*", "cong an*", "vi*", "ngh*",
    # rare
    "kleptocracy", "bitcoin", "covid", "xổ số",
    # common multi-word
    "dan su", "nguoi dan", "kinh te xa hoi", "tang truong",
    # no result
    "zzqxw", "qqqq vvvv",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def text_bytes(root: Path) -> tuple[int, int]:
    n = size = 0
    for dirpath, _, names in os.walk(root):
        for name in names:
            n += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return n, size


def warm(corpus: str, db: str) -> dict:
    """Runs in a fresh process: open, list, first rows, list complete, search, E, F, RSS. The
    times start once the modules are imported (the app imports them before it lists anything;
    bench_sidebar.py times the whole app from its start)."""
    from thads_tui.corpus.filecheck import Child
    from thads_tui.ui.source import CorpusSource

    t0 = time.perf_counter()
    source = CorpusSource([corpus], catalog_path=db)
    cat = source.cat
    checker = Child.start(cat.path, [corpus])  # as the app: a child process checks the files meanwhile
    first = cat.rows(limit=60)  # the app paints the catalogued rows at once
    t_first = time.perf_counter() - t0
    rows = source._new_rows(cat)  # every catalogued row, made and sorted as the app's list takes them
    t_all = time.perf_counter() - t0
    changes = checker.result() if checker else None
    report = cat.update(changes=changes)  # the list is complete: every row listed, every file checked
    t_updated = time.perf_counter() - t0
    cpu_updated = time.process_time()  # this process's CPU from its start (the child's apart)
    child_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    from thads_tui.ui.source import FIRST_DETAIL, LIMIT, search_as_typed

    times, typed_times, complete_times, cpu_times, cpu_complete = [], [], [], [], []
    totals = {}
    for q in QUERIES:
        # the search screen's two steps: the results on screen (the order of all 50, the first
        # screenful's snippets, counts up to a cap), then the exact counts and the other snippets
        s, c = time.perf_counter(), time.process_time()
        quick = search_as_typed(cat.search, q, LIMIT, detail=FIRST_DETAIL, exact_counts=False)
        times.append((time.perf_counter() - s) * 1000)
        cpu_times.append((time.process_time() - c) * 1000)
        found = cat.complete(quick)
        complete_times.append((time.perf_counter() - s) * 1000)
        cpu_complete.append((time.process_time() - c) * 1000)
        totals[q] = (found.total, found.together)
        s = time.perf_counter()
        cat.search(q, limit=50)  # one full search: exact counts, 20 results with snippets
        typed_times.append((time.perf_counter() - s) * 1000)
    typed_times.sort()
    complete_times.sort()
    views = app_views(cat)
    times.sort()
    cpu_times.sort()
    cpu_complete.sort()
    return {"first_rows_s": t_first, "updated_s": t_updated, "rows_s": t_all, "rows": len(rows), "first": len(first),
            "updated_cpu_s": cpu_updated, "child_cpu_s": child_cpu.ru_utime + child_cpu.ru_stime, "in_child": changes is not None,
            "reread": report.read, "search_ms": times, "whole_ms": typed_times, "complete_ms": complete_times,
            "search_cpu_ms": cpu_times, "complete_cpu_ms": cpu_complete,
            "totals": totals, **views, "rss_mb": rss_mb()}


def app_views(cat) -> dict:
    """What the app runs for F, E and R on a catalogue, in that order: F brings the extraction up
    to date and asks the catalogue for the page it shows (newest first, the first MAX_ROWS rows,
    counted); E reads the entities (SQL counts) and sorts them; R reads the results' figures.
    Then a new sort of each (E by name, F by title: SQL over every figure) and a filter of F."""
    import threading

    from thads_tui.explore import results_of_rows, sort_entities
    from thads_tui.ui.catalog_views import CatalogExploration
    from thads_tui.ui.screens.table import MAX_ROWS

    views, out = CatalogExploration(cat, threading.RLock()), {}
    s = time.perf_counter()
    views.want("figures")
    for _ in views.steps():
        pass
    page = views.figure_page(limit=MAX_ROWS)
    out["F_s"], out["figures"] = time.perf_counter() - s, page.total
    s = time.perf_counter()
    views.want("entities")
    for _ in views.steps():
        pass
    sort_entities(views.entities())
    out["E_s"] = time.perf_counter() - s
    r = time.perf_counter()
    out["R_rows"] = len(results_of_rows(views.result_figures()).rows)
    out["R_s"] = time.perf_counter() - r
    r = time.perf_counter()
    sort_entities(views.entities(), "name")
    out["resort_E_s"] = time.perf_counter() - r
    r = time.perf_counter()
    views.figure_page("title", limit=MAX_ROWS)
    out["resort_F_s"] = time.perf_counter() - r
    r = time.perf_counter()
    out["F_filtered"] = views.figure_page(text="ty dong", limit=MAX_ROWS).matched
    out["filter_F_s"] = time.perf_counter() - r
    out["entities"] = len(views.entities())
    return out


def seeds_launch() -> float:
    code = ("import time,sys;from thads_tui.corpus.catalog import Catalog;"  # imports apart, as in warm()
            "from thads_tui.corpus.loader import bundled_seeds;t=time.perf_counter();c=Catalog.open([bundled_seeds()],no_cache=True);"
            "c.update(workers=1);c.rows(limit=60);print(time.perf_counter()-t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--no-extract", action="store_true")
    ap.add_argument("--compare-old", action="store_true")
    ap.add_argument("--warm-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.warm_child:
        print(json.dumps(warm(*args.warm_child)))
        return 0
    from thads_tui.corpus.catalog import Catalog

    corpus = Path(args.corpus)
    files, size = text_bytes(corpus)
    tmp = tempfile.mkdtemp(prefix="bench-catalog-")
    db = os.path.join(tmp, "catalog.sqlite3")
    print(f"corpus {corpus}: {files} files, {size / 1e6:.1f} MB; workers {args.workers}; extract {not args.no_extract}")
    t = time.perf_counter()
    cat = Catalog.open([corpus], path=db)
    report = cat.update(workers=args.workers, analyse=False)
    searchable = time.perf_counter() - t
    analysed = 0 if args.no_extract else cat.refresh_extraction(workers=args.workers)
    build = time.perf_counter() - t
    cat.close()
    arts = report.articles
    mb = size / 1e6
    print(f"cold build, phase 1 (rows, text, search index: list and search usable): {searchable:.1f} s, "
          f"{mb / searchable:.2f} MB/s, {arts / searchable:.0f} articles/s, {mb / searchable / args.workers:.2f} MB/s per core")
    print(f"cold build, phase 2 (entities and figures of {analysed} articles): {build - searchable:.1f} s; "
          f"fully extracted at {build:.1f} s = {mb / build:.2f} MB/s, {arts / build:.0f} articles/s, "
          f"{mb / build / args.workers:.2f} MB/s per core; {arts} articles; "
          f"peak RSS main {rss_mb():.0f} MB, worker {child_rss_mb():.0f} MB")
    on_disk = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
    print(f"catalogue size: {on_disk / 1e6:.1f} MB = {on_disk / size:.2f}x the text")
    seeds = seeds_launch()
    launches = [json.loads(subprocess.run([sys.executable, __file__, "x", "--warm-child", str(corpus), db],
                                          capture_output=True, text=True, check=True).stdout) for _ in range(2)]
    first_launch, w = launches  # the first launch after the build meets its writes still being flushed
    ms = w["search_ms"]
    print(f"first launch after the build: first rows {first_launch['first_rows_s']:.2f} s, list complete "
          f"{first_launch['updated_s']:.2f} s (rows listed by {first_launch['rows_s']:.2f} s)")
    print("warm launch (the next one), the catalogue alone, imports apart (the app's first titles and list: "
          "benchmarks/bench_sidebar.py):")
    print(f"  first rows {w['first_rows_s']:.2f} s (a cold in-memory seeds catalogue {seeds:.2f} s: "
          f"{w['first_rows_s'] / seeds:.2f}x); list complete (every row listed, every file checked) "
          f"{w['updated_s']:.2f} s: {w['rows']} rows listed by {w['rows_s']:.2f} s, the files checked "
          f"{'by a child process' if w['in_child'] else 'here'} meanwhile ({w['child_cpu_s']:.2f} s CPU there, "
          f"{w['updated_cpu_s']:.2f} s here from the process start), files re-read {w['reread']}")
    for label, ms, cpu in (("as typed, results on screen (first step)", ms, w["search_cpu_ms"]),
                           ("as typed, counted and every snippet (both steps)", w["complete_ms"], w["complete_cpu_ms"]),
                           ("one full search (exact counts, 20 snippets)", w["whole_ms"], None)):
        # CPU time too: on a shared machine the wall clock also counts the other processes
        also = f" (CPU p50 {statistics.median(cpu):.1f} ms, p95 {cpu[int(0.95 * (len(cpu) - 1))]:.1f} ms)" if cpu else ""
        print(f"search over {len(QUERIES)} queries, {label}: p50 {statistics.median(ms):.1f} ms, "
              f"p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms{also}")
    print(f"the app's views: F open {w['F_s']:.2f} s (the first page of {w['figures']} figures, newest first, "
          f"counted); E open {w['E_s']:.2f} s ({w['entities']} entities, sorted); R {w['R_s']:.2f} s "
          f"({w['R_rows']} rows); sorting E by name {w['resort_E_s']:.2f} s, F by title {w['resort_F_s']:.2f} s; "
          f"filtering F by 'ty dong' {w['filter_F_s']:.2f} s ({w['F_filtered']} figures); warm peak RSS "
          f"{w['rss_mb']:.0f} MB")
    for q, (total, together) in list(w["totals"].items())[:30]:
        print(f"    {q!r}: {total} match, {together} together")
    # touch 10 files
    touched = sorted(p for p in corpus.rglob("*") if p.is_file())[:: max(1, files // 10)][:10]
    for p in touched:
        os.utime(p, ns=(time.time_ns(), time.time_ns()))
    t = time.perf_counter()
    cat = Catalog.open([corpus], path=db)
    report = cat.update(workers=args.workers, analyse=not args.no_extract)
    print(f"re-index after touching {len(touched)} files: {time.perf_counter() - t:.2f} s, {report.read} files re-read")
    cat.close()
    if args.compare_old:
        compare_old(corpus)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


OLD_INDEX = "4541a9f"  # the last commit with the in-memory index (thads_tui/corpus/search.py)


def compare_old(corpus: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    old = subprocess.run(["git", "-C", str(repo), "show", f"{OLD_INDEX}:thads_tui/corpus/search.py"],
                         capture_output=True, text=True, check=True).stdout
    where = Path(tempfile.mkdtemp(prefix="thads-old-index-"))
    (where / "old_search.py").write_text(old.replace("from .article import", "from thads_tui.corpus.article import")
                                         .replace("from .fold import", "from thads_tui.corpus.fold import"))
    code = f"""
import sys, time, json, resource, statistics
sys.path.insert(0, {str(where)!r})
t = time.perf_counter()
from thads_tui.corpus import loader
from old_search import SearchIndex
units, _ = loader.scan([{str(corpus)!r}])
idx = SearchIndex()
for u in units:
    try:
        idx.add(loader.read_article(u))
    except loader.SkippedFile:
        pass
load = time.perf_counter() - t
ms = []
for q in {QUERIES!r}:
    s = time.perf_counter(); idx.search(q, limit=50, prefix_last=True); ms.append((time.perf_counter() - s) * 1000)
ms.sort()
print(json.dumps({{"load": load, "ms": ms, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    ms = out["ms"]
    print(f"old in-memory index: list complete (all read + indexed) {out['load']:.1f} s, search p50 "
          f"{statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms, "
          f"peak RSS {out['rss']:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())

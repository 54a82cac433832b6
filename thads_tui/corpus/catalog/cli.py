"""`thads-tui index PATH…`: build or bring up to date the catalogue of a corpus, with a progress bar."""
from __future__ import annotations

import argparse
import sys

from ..loader import bundled_seeds


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="thads-tui index",
                                description="Catalogue a corpus (list, read what changed, index for search).")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--no-cache", action="store_true", help="build in memory only (nothing kept)")
    p.add_argument("--workers", type=int, default=None, help="processes reading files (default: every core)")
    p.add_argument("--no-extract", action="store_true", help="skip entities and figures (done lazily later)")
    return p


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


def run(argv_or_args) -> int:
    args = parser().parse_args(argv_or_args) if isinstance(argv_or_args, list) else argv_or_args
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from . import Catalog

    err = Console(stderr=True, highlight=False)
    try:
        cat = Catalog.open(args.paths or [bundled_seeds()], no_cache=args.no_cache,
                           notice=lambda m: err.print(_printable(m), markup=False))
        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=err, transient=not err.is_terminal) as bar:
            task = bar.add_task("reading", total=None)
            extracting = bar.add_task("entities and figures", total=None, visible=False)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            def extract_progress(done: int, total: int) -> None:
                bar.update(extracting, completed=done, total=total, visible=True)

            report = cat.update(progress=progress, workers=args.workers, analyse=not args.no_extract,
                                extract_progress=extract_progress)
        for problem in report.problems:
            err.print(_printable(str(problem)), markup=False)
        where = str(cat.path) if cat.path else "memory"
        print(f"{cat.count()} articles catalogued in {_printable(where)}: {report.read} files read, "
              f"{report.dropped} dropped, {report.listed - report.read} unchanged")
        cat.close()
        return 0
    except KeyboardInterrupt:
        return 130

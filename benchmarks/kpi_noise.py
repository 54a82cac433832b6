"""How many enforcement results the extractor reads in news that has none.

The shared corpus had every article that mentions civil judgment enforcement taken out (its
README), so each caseload or money KPI found there (`cases.*`, `money.*`: what the results view
lists) is a false reading: a school's pass rate, a court's or a tax office's figures, GDP.

    python benchmarks/kpi_noise.py DIR [--articles N] [--show K]

Prints the KPI figures per 10,000 articles, the articles that have any, and K of them in their
sentence. The first N .txt files below DIR, sorted by path; no timing, so any load will do.
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import unicodedata

from thads_tui.extract import extract

KPI = ("cases.", "money.")


def kpis(text: str) -> list:
    return [f for f in extract(text).figures if (f.metric or "").startswith(KPI)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    files = sorted(pathlib.Path(args.folder).rglob("*.txt"))[:args.articles]
    metrics: collections.Counter = collections.Counter()
    found = []
    for path in files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
        for f in kpis(text):
            metrics[f.metric] += 1
            found.append((path, text, f))
    articles = len({p for p, _, _ in found})
    print(f"{len(files)} articles: {len(found)} KPI figures "
          f"({len(found) * 10_000 / max(1, len(files)):.1f} per 10,000) in {articles} articles")
    for metric, n in metrics.most_common():
        print(f"  {metric:24} {n}")
    for path, text, f in found[:args.show]:
        around = text[max(0, f.start - 100):f.end + 40].replace("\n", " ")
        print(f"\n{path.name} {f.metric} {f.subject} {f.period}\n  …{around}…")


if __name__ == "__main__":
    main()

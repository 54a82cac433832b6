"""List every metric/subject/period miss of the extractor on the team's gold sets, with its sentence.

    THADS_REAL=/tmp/real-100k python benchmarks/fact_misses.py [SET ...] [--field subject]

One line per miss: set, article, figure text, field, gold vs ours, then the sentence around the
figure (the first occurrence the extractor found). A diagnostic for fixing rules by grammar."""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_extractor import SETS, _corpus_folder  # noqa: E402

from thads_tui.analysis import analyse  # noqa: E402
from thads_tui.corpus import Corpus  # noqa: E402

FACTS = ("metric", "subject", "period")


def _sentence(text: str, start: int, end: int, width: int = 220) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    left, right = max(left, start - width), min(right, end + width)
    s = text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]
    return re.sub(r"\s+", " ", s).strip()


def main(argv: list[str]) -> int:
    fields = FACTS
    if "--field" in argv:
        i = argv.index("--field")
        fields, argv = (argv[i + 1],), argv[:i] + argv[i + 2:]
    wanted = set(argv)
    for name, folder, gold_path in SETS:
        if wanted and name not in wanted:
            continue
        if folder == "corpus":
            folder = _corpus_folder(gold_path, Path(tempfile.mkdtemp(prefix="thads-misses-")))
            if folder is None:
                print(f"== {name}: corpus absent, skipped")
                continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
        corpus = Corpus([folder] if folder else None)
        corpus.load()
        for article in corpus:
            g = gold.get(Path(str(article.path)).name)
            if g is None:
                continue
            ours: dict[str, object] = {}
            for f in analyse(article).figures:
                ours.setdefault(f.text, f)
            for text, gf in {f["text"]: f for f in g["figures"]}.items():
                got = ours.get(text)
                if gf.get("uncertain") or got is None:
                    continue
                for k in fields:
                    if k not in gf or (k == "metric" and gf.get("uncertain_metric")):
                        continue
                    mine = getattr(got, k, None)
                    if mine != gf[k]:
                        print(f"{name} {Path(str(article.path)).name} | {text} | {k}: gold {gf[k]!r} ours {mine!r}")
                        print("    " + _sentence(article.text, got.start, got.end))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

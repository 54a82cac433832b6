"""Record, or compare against, the extractor's full output on a sample of articles.

Used to prove that a speed change changes no output: record on the old code, compare on the new.

    python benchmarks/extract_digest.py record OUT.json [--folder DIR ...] [--articles N] [--generated N]
    python benchmarks/extract_digest.py compare OUT.json

The record holds paths and outputs (figure and entity fields), never the text itself, so it
can sit in /tmp next to a corpus it must not copy. Generated articles come from
bench_extract's generator (same seed: same articles).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import article  # noqa: E402

from thads_tui.extract import extract  # noqa: E402


def _texts(spec: dict) -> list[tuple[str, str]]:
    out = []
    for path in spec["paths"]:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        out.append((path, unicodedata.normalize("NFC", text)))
    rng = random.Random(spec["seed"])
    out += [(f"generated:{i}", article(rng)) for i in range(spec["generated"])]
    return out


def _output(text: str) -> dict:
    x = extract(text, "2024-05-15")
    return {"entities": [e.to_json() for e in x.entities], "figures": [f.to_json() for f in x.figures]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("record", "compare"))
    ap.add_argument("file")
    ap.add_argument("--folder", action="append", default=[])
    ap.add_argument("--articles", type=int, default=200, help="real articles per folder")
    ap.add_argument("--generated", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.mode == "record":
        paths = []
        for folder in args.folder:
            paths += [str(p) for p in sorted(Path(folder).rglob("*.txt"))[:args.articles]]
        spec = {"paths": paths, "seed": args.seed, "generated": args.generated}
        record = {"spec": spec, "outputs": {k: _output(t) for k, t in _texts(spec)}}
        Path(args.file).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        print(f"recorded {len(record['outputs'])} articles")
        return 0
    record = json.loads(Path(args.file).read_text(encoding="utf-8"))
    differ = 0
    for key, text in _texts(record["spec"]):
        if _output(text) != record["outputs"][key]:
            differ += 1
            if differ <= 10:
                print(f"differs: {key}")
    print(f"{len(record['outputs'])} articles, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

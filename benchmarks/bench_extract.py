"""Throughput of thads_tui.extract.extract on a generated corpus (no network, no seeds).

Articles are recombined from sentence templates with random provinces, names, titles, dates,
document numbers and Vietnamese-formatted figures, so every recogniser gets exercised.

    python benchmarks/bench_extract.py [--articles N] [--seed S] [--repeat R]
    python benchmarks/bench_extract.py --folder /work/data/real-10k [--articles N]

With --folder, the first N real articles (.txt anywhere below it, sorted by path) are measured instead.
Timings on a shared machine are noisy: compare two versions interleaved, and prove that a speed
change changes no output with benchmarks/extract_digest.py (record on the old code, compare).
"""
from __future__ import annotations

import argparse
import random
import time
import unicodedata

from thads_tui.extract import extract, format_vn_number

PROVINCES = ["Gia Lai", "Nghệ An", "Thanh Hóa", "Đắk Lắk", "Cà Mau", "Quảng Ninh", "Lào Cai",
             "Bắc Ninh", "Đồng Nai", "An Giang", "Khánh Hòa", "Lâm Đồng", "Tây Ninh", "Hưng Yên"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thanh", "Hữu", "Đức", "Ngọc"]
GIVEN = ["Hùng", "Lan", "Sơn", "Hà", "Tuấn", "Mai", "Dũng", "Phương", "Long", "Hải"]
TITLES = ["Thứ trưởng Bộ Tư pháp", "Cục trưởng Cục THADS tỉnh {p}", "Phó Chủ tịch UBND tỉnh {p}",
          "Tổng cục trưởng Tổng cục THADS", "Giám đốc Sở Tư pháp tỉnh {p}"]
DOCS = ["Nghị quyết số {n}/{y}/QH15", "Chỉ thị {n}-CT/TU", "Kế hoạch số {n}/KH-UBND",
        "Quyết định số {n}/QĐ-TCTHADS", "Nghị định số {n}/{y}/NĐ-CP", "Luật Thi hành án dân sự"]
SENTENCES = [
    "Sáng {d}/{m}, {title} {name} đã làm việc với Cục Thi hành án dân sự (THADS) tỉnh {p}.",
    "Trong {k} tháng đầu năm {y}, các cơ quan THADS tỉnh {p} đã thi hành xong {cases} việc, "
    "đạt tỷ lệ {pct}% về việc, tăng {pct2}% so với cùng kỳ năm {y0}.",
    "Về tiền, đã thi hành xong trên {money} tỷ đồng, đạt {pct}%, xếp thứ {r}/63 cả nước.",
    "Thực hiện {doc} ngày {d}/{m}/{y}, UBND tỉnh {p} chỉ đạo Chi cục THADS huyện {dist} "
    "phối hợp với Công an tỉnh {p} và Tòa án nhân dân tỉnh {p}.",
    "Đồng chí {name}, {title} nhấn mạnh công tác THADS, THAHC trong Quý {q}/{y} "
    "cần tập trung giải quyết {few} vụ việc phức tạp, kéo dài.",
    "Tổng cục THADS đã tổ chức {few} đoàn kiểm tra, phát hiện {few} Chấp hành viên vi phạm.",
    "Hội đồng nhân dân, Ủy ban nhân dân và Ban Chỉ đạo THADS tỉnh {p} ghi nhận kết quả năm {y}.",
]
DISTRICTS = ["Krông Pa", "Chư Sê", "Tuy Phước", "Nghĩa Hành", "Cầu Kè", "Đông Hải"]


def _name(rng: random.Random) -> str:
    return " ".join((rng.choice(SURNAMES), rng.choice(MIDDLE), rng.choice(GIVEN)))


def article(rng: random.Random) -> str:
    y = rng.randint(2015, 2026)
    p = rng.choice(PROVINCES)
    lines = [f"Tin THADS {p} năm {y}", "", f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{y}"]
    for _ in range(rng.randint(12, 30)):
        title = rng.choice(TITLES).format(p=p)
        values = dict(
            d=rng.randint(1, 28), m=rng.randint(1, 12), y=y, y0=y - 1, p=p, title=title,
            name=_name(rng), k=rng.choice([3, 6, 8, 9]), q=rng.choice(["I", "II", "III", "IV"]),
            cases=format_vn_number(rng.randint(100, 400_000)),
            pct=format_vn_number(rng.uniform(0, 99), 2), pct2=format_vn_number(rng.uniform(0, 9), 2),
            money=format_vn_number(rng.uniform(1, 90_000), rng.choice([0, 3])),
            r=rng.randint(1, 63), few=rng.randint(2, 150), dist=rng.choice(DISTRICTS),
            doc=rng.choice(DOCS).format(n=rng.randint(1, 999), y=y))
        lines.append(rng.choice(SENTENCES).format(**values))
    lines.append(_name(rng))
    return unicodedata.normalize("NFC", "\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--folder", help="measure real articles from this folder instead")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.folder:
        from pathlib import Path

        files = sorted(Path(args.folder).rglob("*.txt"))[:args.articles]
        corpus = [unicodedata.normalize("NFC", f.read_text(encoding="utf-8", errors="replace"))
                  for f in files]
    else:
        corpus = [article(rng) for _ in range(args.articles)]
    size = sum(len(a.encode("utf-8")) for a in corpus)
    extract(corpus[0])  # build the lazy regex caches outside the timing
    best = cpu = float("inf")
    items = 0
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        items = 0
        for a in corpus:
            x = extract(a)
            items += len(x.entities) + len(x.figures)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    print(f"{len(corpus)} articles, {size / 1024:.0f} KB, {items} items, best of {args.repeat}: "
          f"{best:.3f} s wall, {cpu:.3f} s CPU")
    print(f"throughput: {size / 1024 / best:.0f} KB/s ({size / 1e6 / best:.2f} MB/s) wall, "
          f"{len(corpus) / best:.0f} articles/s")
    # The machine may be shared: CPU time is the per-core figure that other load does not skew.
    print(f"per core (CPU time): {size / 1e6 / cpu:.2f} MB/s")


if __name__ == "__main__":
    main()

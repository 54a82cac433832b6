"""Search index build time, memory and query latency on a generated corpus (no assertions).

    python benchmarks/bench_search.py [N ...]   # default: 10000 100000

Articles are made in memory from Vietnamese sentence templates with random provinces, people,
numbers and years (~2.5 KB each, like real THADS news items). For each size it prints the build
time, the index's memory (RSS growth while building, and the bytes its arrays hold) and p50/p95
latency of `search(limit=20)` (with hits and snippets of the 20 results) and of `matching_ids`
over a mix of queries: single words, 2-3 words, phrases, accent-less, rare and common terms,
prefixes, no-result. The query cache is cleared before every query; each query's time is the
best of REPEATS runs, so that other work on the machine does not count.
"""
from __future__ import annotations

import gc
import random
import statistics
import sys
import time
from pathlib import Path

from thads_tui.corpus.article import Article
from thads_tui.corpus.fold import fold
from thads_tui.corpus.search import SearchIndex

PROVINCES = [
    "Thanh Hóa", "Đồng Nai", "Gia Lai", "Tây Ninh", "Nghệ An", "Cần Thơ", "Thừa Thiên Huế", "Lào Cai",
    "Quảng Ninh", "Bình Dương", "Đắk Lắk", "Hà Tĩnh", "Sóc Trăng", "Kiên Giang", "Phú Thọ", "Bắc Giang",
    "Long An", "Hải Phòng", "Đà Nẵng", "Quảng Ngãi", "Bến Tre", "Cà Mau", "Điện Biên", "Lạng Sơn",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Quốc", "Ngọc", "Xuân", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khoa", "Lan", "Long", "Mai", "Nam",
         "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Vinh", "Yến", "Đạt", "Ánh"]
ROLES = ["Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng", "Chấp hành viên", "Thẩm tra viên", "Kế toán trưởng"]
TITLES = [
    "Cục Thi hành án dân sự tỉnh {p} tổng kết công tác năm {y}",
    "{p}: đẩy nhanh tiến độ thi hành án các vụ việc tín dụng, ngân hàng",
    "Cưỡng chế thi hành án tại huyện {d}, tỉnh {p}",
    "Hội nghị triển khai nhiệm vụ thi hành án dân sự năm {y} tại {p}",
    "Thứ trưởng Bộ Tư pháp làm việc với Cục THADS tỉnh {p}",
    "Nâng cao chất lượng thẩm định giá tài sản trong thi hành án",
    "Kết quả thực hiện Nghị quyết {r} của Quốc hội tại {p}",
]
SENTENCES = [
    "Trong năm {y}, các cơ quan thi hành án dân sự tỉnh {p} đã thụ lý {n} việc, tăng {k} việc so với cùng kỳ.",
    "Số việc có điều kiện giải quyết là {n} việc, đã thi hành xong {m} việc, đạt tỷ lệ {pc}% về việc.",
    "Về tiền, tổng số phải thi hành là {b} tỷ đồng, đã thu hồi được {c} tỷ đồng cho Nhà nước.",
    "Ông {name}, {role} Cục THADS tỉnh {p}, cho biết đơn vị đã chủ động phối hợp với Tòa án và Viện kiểm sát.",
    "Đoàn công tác do đồng chí {name} làm trưởng đoàn đã kiểm tra hồ sơ tại Chi cục THADS huyện {d}.",
    "Ngày {day}/{mo}/{y}, Chi cục Thi hành án dân sự huyện {d} tổ chức cưỡng chế kê biên quyền sử dụng đất.",
    "Tài sản kê biên gồm một thửa đất diện tích {a} m2 cùng nhà ở gắn liền với đất tại xã {x}.",
    "Việc thi hành án liên quan đến khoản vay {c} tỷ đồng của Ngân hàng {bank} chi nhánh {p}.",
    "Thực hiện Nghị quyết số {r} của Quốc hội, ngành đã rà soát, phân loại chính xác án có điều kiện thi hành.",
    "Bà {name}, {role}, đề nghị tăng cường công tác tuyên truyền, vận động người phải thi hành án tự nguyện.",
    "Lãnh đạo Bộ Tư pháp ghi nhận những kết quả mà Cục THADS tỉnh {p} đạt được trong thời gian qua.",
    "Bên cạnh đó, vẫn còn một số vụ việc phức tạp, kéo dài, khiếu nại, tố cáo chưa được giải quyết dứt điểm.",
    "Công tác thẩm định giá, bán đấu giá tài sản được thực hiện công khai, minh bạch, đúng quy định pháp luật.",
    "Ủy ban nhân dân tỉnh {p} đã chỉ đạo các sở, ngành phối hợp chặt chẽ trong tổ chức thi hành án.",
    "Đến ngày {day}/{mo}, toàn tỉnh còn {k} việc chưa có điều kiện thi hành, chiếm {pc}% tổng số việc.",
    "Hội nghị đã biểu dương {k} tập thể và {m} cá nhân có thành tích xuất sắc trong phong trào thi đua.",
    "Quyết định số {q}/QĐ-CTHADS ngày {day}/{mo}/{y} về việc thi hành án đã được tống đạt cho đương sự.",
    "Kế hoạch năm {y2} đặt mục tiêu thi hành xong trên {pc}% về việc và trên {pc2}% về tiền.",
]
DISTRICTS = ["Thọ Xuân", "Long Thành", "Chư Sê", "Gò Dầu", "Quỳnh Lưu", "Phong Điền", "Bảo Thắng", "Tiên Yên",
             "Dĩ An", "Krông Pắc", "Kỳ Anh", "Mỹ Xuyên", "Phú Quốc", "Lâm Thao", "Lục Ngạn", "Cần Giuộc"]
BANKS = ["Agribank", "Vietcombank", "BIDV", "VietinBank", "Sacombank", "Techcombank"]
REPEATS = 3
RESOLUTIONS = ["96/2019/QH14", "41/2017/QH14", "37/2012/QH13", "111/2015/QH13"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def fill(template: str, rng: random.Random, p: str) -> str:
    y = rng.randint(2012, 2025)
    return template.format(
        p=p, y=y, y2=y + 1, d=rng.choice(DISTRICTS), r=rng.choice(RESOLUTIONS), n=rng.randint(100, 30000),
        m=rng.randint(10, 9000), k=rng.randint(1, 900), pc=rng.randint(40, 99), pc2=rng.randint(20, 90),
        b=f"{rng.randint(10, 9000)},{rng.randint(0, 999)}", c=f"{rng.randint(1, 900)},{rng.randint(0, 99)}",
        name=person(rng), role=rng.choice(ROLES), day=rng.randint(1, 28), mo=rng.randint(1, 12),
        a=rng.randint(50, 5000), x=rng.choice(GIVEN) + " " + rng.choice(GIVEN), bank=rng.choice(BANKS),
        q=rng.randint(1, 99999),
    )


def make_articles(n: int, seed: int = 6) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        p = rng.choice(PROVINCES)
        title = fill(rng.choice(TITLES), rng, p)
        date = f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"{title}\n\n{date[8:]}/{date[5:7]}/{date[:4]}\n\n"
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            para = " ".join(fill(rng.choice(SENTENCES), rng, p) for _ in range(rng.randint(2, 4)))
            paragraphs.append((len(text), len(text) + len(para)))
            text += para + "\n\n"
        out.append(Article(id=f"{i:016x}", path=Path(f"gen/{i:06d}.txt"), text=text, title=title, date=date,
                           paragraphs=tuple(paragraphs)))
    return out


def queries(rng: random.Random) -> list[tuple[str, bool]]:
    """(query, prefix_last): a fixed mix of kinds, with random provinces/people/numbers."""
    out = []
    for _ in range(12):
        p, name = rng.choice(PROVINCES), person(rng)
        out += [
            ("tỉnh", False),  # single, very common
            (rng.choice(["cưỡng chế", "kê biên", "thẩm định giá", "khiếu nại"]), False),  # 2-3 words
            (p, False),  # province as typed
            (_plain(p), False),  # province without accents
            (f'"{p}"', False),  # phrase
            ('"thi hành án dân sự"', False),  # common phrase
            (f'"nghị quyết số {rng.choice(RESOLUTIONS).split("/")[0]}"', False),
            (name, False),  # a person: three common-ish words, rarely together
            (f'"{_plain(name)}"', False),  # rare phrase, accent-less
            (str(rng.randint(10000, 99999)), False),  # rare number
            (f"{_plain(rng.choice(DISTRICTS))} {rng.randint(2012, 2025)}", False),
            ("thi hàn", True),  # typing, prefix on the last word
            ("xyzzy kê biên", False),  # no result
        ]
    return out


def _plain(s: str) -> str:
    return fold(s)


def rss_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p50 = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return f"p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  max {samples[-1] * 1000:6.1f} ms"


def run(n: int) -> None:
    t = time.perf_counter()
    articles = make_articles(n)
    chars = sum(len(a.text) for a in articles)
    print(f"\n== {n:,} articles ({chars / n:,.0f} characters each), generated in {time.perf_counter() - t:.1f} s")
    gc.collect()
    before = rss_bytes()
    t = time.perf_counter()
    index = SearchIndex.build(articles)
    built = time.perf_counter() - t
    gc.collect()
    grown = rss_bytes() - before
    st = index.stats()
    print(f"build {built:.1f} s ({n / built:,.0f} articles/s); {st['terms']:,} terms, {st['postings']:,} postings, "
          f"{st['tokens']:,} tokens")
    print(f"memory: RSS +{grown / 2**20:,.0f} MB while building; arrays {st['array_bytes'] / 2**20:,.0f} MB")
    qs = queries(random.Random(n))
    kinds: dict[str, list[float]] = {"search": [], "matching_ids": []}
    totals = []
    for q, prefix in qs:
        best = {"search": float("inf"), "matching_ids": float("inf")}
        for _ in range(REPEATS):
            index._cache.clear()
            t = time.perf_counter()
            found = index.search(q, limit=20, prefix_last=prefix)
            best["search"] = min(best["search"], time.perf_counter() - t)
            index._cache.clear()
            t = time.perf_counter()
            index.matching_ids(q, prefix_last=prefix)
            best["matching_ids"] = min(best["matching_ids"], time.perf_counter() - t)
        for name, took in best.items():
            kinds[name].append(took)
        totals.append(found.total)
    for name, samples in kinds.items():
        print(f"{name:<13} {len(samples)} queries: {percentiles(samples)}")
    worst: dict[str, tuple[float, int]] = {}
    for took, (q, _), total in zip(kinds["search"], qs, totals):
        worst[q] = max(worst.get(q, (0.0, 0)), (took, total))
    slow = sorted(((took, q, total) for q, (took, total) in worst.items()), reverse=True)[:5]
    print("slowest searches: " + "; ".join(f"{q!r} {took * 1000:.0f} ms ({total:,} articles)" for took, q, total in slow))


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for n in sizes:
        run(n)
        gc.collect()


if __name__ == "__main__":
    main()

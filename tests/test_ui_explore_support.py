"""Fixtures for the search, filter, entities and figures tests: the three articles of
test_ui_support plus three more (other years, sources, entities and percentages), and a fake
extractor that knows their entities. (No tests in this module.)"""
from __future__ import annotations

import re
from pathlib import Path

from thads_tui.corpus import Article
from thads_tui.extract import Entity, Extraction, Figure

from test_ui_support import fake_extract, make_app, write_articles

MORE = {
    "thanh-hoa.txt": (
        "Thanh Hóa nâng tỷ lệ thi hành xong về tiền\n\n"
        "20/06/2017\n\n"
        "Cục Thi hành án dân sự tỉnh Thanh Hóa cho biết năm 2017 đã thi hành xong 60% về tiền "
        "và 80% về việc, theo chỉ đạo của Tổng cục THADS.\n\n"
        "Các Chi cục tại Thanh Hóa tiếp tục rà soát án tồn đọng theo Nghị quyết 96 của Quốc hội.\n\n"
        "Lê Hoa\n"
    ),
    "dong-nai.txt": (
        "Đồng Nai tổng kết công tác năm 2023\n\n"
        "15/12/2023\n\n"
        "Tại hội nghị, Tổng cục Thi hành án dân sự ghi nhận Đồng Nai đạt 70% về tiền.\n\n"
        "Lãnh đạo tỉnh Đồng Nai đề nghị tiếp tục thực hiện Nghị quyết 96 và tăng 5% về việc so với năm trước.\n\n"
        "Lê Hoa\n"
    ),
    "tay-ninh.txt": (
        "Tây Ninh: kiểm tra việc thi hành án tại các huyện\n\n"
        "02/03/2023\n\n"
        "Đoàn kiểm tra của Tổng cục THADS làm việc tại Tây Ninh; tỷ lệ đạt 90% về việc.\n\n"
        "Minh Châu\n"
    ),
}
# newest first, as the list shows them
ALL_ORDER = ["Đồng Nai tổng kết", "Hà Nội đẩy mạnh", "Tây Ninh: kiểm tra", "Đà Nẵng tăng cường",
             "Thanh Hóa nâng tỷ lệ", "Ghi nhận những"]

_MORE_ENTITIES = [
    ("ORG", "Tổng cục THADS", "Tổng cục Thi hành án dân sự"),
    ("ORG", "Tổng cục Thi hành án dân sự", "Tổng cục Thi hành án dân sự"),
    ("LOCATION", "Thanh Hóa", "Thanh Hóa"),
    ("LOCATION", "Đồng Nai", "Đồng Nai"),
    ("LOCATION", "Tây Ninh", "Tây Ninh"),
    ("LEGAL_REF", "Nghị quyết 96", "Nghị quyết 96/2019/QH14"),
]
_PERCENT = re.compile(r"(?<![\d,])(\d+)% (về tiền|về việc)")


def explore_extract(article: Article) -> Extraction:
    """fake_extract's spans, plus the entities above and every 'N% về tiền/việc' (a 'tăng' just
    before makes it a change)."""
    base = fake_extract(article)
    text = article.text
    body = article.paragraphs[0][0] if article.paragraphs else 0
    ents = [Entity(t, m[0], m.start(), m.end(), canon) for t, s, canon in _MORE_ENTITIES
            for m in re.finditer(re.escape(s), text) if m.start() >= body]
    figs = []
    for m in _PERCENT.finditer(text):
        measure = ("tăng " if text[max(0, m.start() - 5):m.start()].strip() == "tăng" else "") + m[2]
        figs.append(Figure(m[1] + "%", m.start(), m.start() + len(m[1]) + 1, float(m[1]), "percent", None, None,
                           measure))
    return Extraction(sorted(base.entities + ents, key=lambda e: e.start),
                      sorted(base.figures + figs, key=lambda f: f.start))


def make_corpus_app(tmp_path: Path, **kw):
    folder = write_articles(tmp_path / "articles", {k: v.encode() for k, v in MORE.items()})
    return make_app(tmp_path, paths=[str(folder)], extractor=explore_extract, **kw)

"""The caseload and money KPIs (`cases.*`, `money.*`: the rows of the results view) are civil
judgment enforcement's results, and an article reports them only when it speaks of that
enforcement: `thi hành án`, THADS, `chấp hành viên`, `thi hành xong`. Words any news uses
(`thi hành kỷ luật`, a tax office's `cưỡng chế`, `hộ có điều kiện`) are no such context: in
100,000 real articles with none on enforcement, the old gate read 48 KPI figures per 10,000
(a school's pass rate, a court's, GDP) and all of them filled the results table
(benchmarks/kpi_noise.py). Sentences written here, none from a corpus or gold set.
"""
from __future__ import annotations

import pytest

from thads_tui.extract import extract

KPI = ("cases.", "money.")


def kpis(text: str, date: str = "2019-07-01") -> dict[str, str]:
    return {f.text: f.metric for f in extract(text, date).figures if f.metric.startswith(KPI)}


NOT_ENFORCEMENT = [
    # a court's own caseload, in an article that also says `có điều kiện`
    ("Tòa án nhân dân tỉnh Long An tổng kết năm 2018\n"
     "Năm 2018, Tòa án hai cấp tỉnh Long An đã thụ lý 9.120 vụ việc, giải quyết được 8.204 vụ việc, "
     "đạt tỷ lệ 89,96%. Những hộ có điều kiện được khuyến khích hòa giải."),
    # a school's results, with `thi hành` as a law's coming into force
    ("Kết quả thi học sinh giỏi quốc gia của Hà Tĩnh\n"
     "Năm 2019, đoàn học sinh Hà Tĩnh có tỷ lệ đạt giải 86,5%, tăng 4,2% so với năm 2018. "
     "Quy chế mới có hiệu lực thi hành từ tháng 9."),
    # a tax office's enforcement, and a discipline
    ("Cục Thuế tỉnh Bình Dương cưỡng chế nợ thuế\n"
     "Trong 6 tháng đầu năm 2019, Cục Thuế đã thu được 1.250 tỷ đồng tiền nợ đọng, đạt 45,2% "
     "số nợ phải thu. Một cán bộ bị thi hành kỷ luật."),
]


@pytest.mark.parametrize("text", NOT_ENFORCEMENT, ids=["court", "school", "tax-office"])
def test_no_kpi_in_news_that_does_not_speak_of_enforcement(text):
    assert kpis(text) == {}


def test_the_same_grammar_in_an_enforcement_report_is_a_kpi():
    text = ("Cục Thi hành án dân sự tỉnh Long An tổng kết năm 2018\n"
            "Năm 2018, các cơ quan thi hành án dân sự tỉnh Long An đã thi hành xong 9.120 việc, "
            "đạt tỷ lệ 89,96% về việc; về tiền đã thi hành xong 1.250 tỷ đồng, đạt 45,2%.")
    found = kpis(text)
    assert found["89,96%"] == "cases.rate"
    assert found["1.250 tỷ đồng"] == "money.done"
    assert found["45,2%"] == "money.rate"


@pytest.mark.parametrize("context", ["Chi cục THADS huyện Bến Lức", "Chấp hành viên Nguyễn Văn Tư",
                                     "cơ quan thi hành án"])
def test_any_word_of_enforcement_in_the_article_opens_the_kpis(context):
    text = (f"Kết quả năm 2018 của {context}\n"
            "Năm 2018, đã giải quyết xong 812 việc, đạt tỷ lệ 76,4% về việc.")
    assert kpis(text).get("76,4%") == "cases.rate"


def metric_of(text: str, figure: str) -> str:
    return next(f.metric for f in extract(text, "2019-07-01").figures if f.text == figure)


def test_a_price_is_an_auction_s_only_where_an_auction_is_spoken_of():
    shop = ("Toyota giảm giá bản RAV4\n"
            "Phiên bản tiêu chuẩn được bán với giá 954 triệu đồng, bản cao nhất có giá khởi điểm 1,2 tỷ đồng.")
    assert metric_of(shop, "954 triệu đồng") == "other"
    assert metric_of(shop, "1,2 tỷ đồng") == "other"
    auction = ("Bán đấu giá lô đất của ông Trần Văn Tám\n"
               "Lô đất được đưa ra với giá khởi điểm 1,2 tỷ đồng và đã bán với giá 954 triệu đồng sau hai lần giảm giá.")
    assert metric_of(auction, "954 triệu đồng") == "auction.price"
    assert metric_of(auction, "1,2 tỷ đồng") == "auction.price"

"""What a figure is, in the reader's words: metric, period and value labels (thads_tui/labels.py)."""
from __future__ import annotations

import re

from hypothesis import given, strategies as st

from thads_tui.explore import FigureRow, search_figures
from thads_tui.extract import Figure
from thads_tui.labels import fact_label, metric_label, period_label, short_value


def test_metric_labels_name_the_quantity_and_its_comparison():
    assert metric_label("cases.rate") == "% việc xong"
    assert metric_label("money.done") == "tiền xong"
    assert metric_label("cases.total.change") == "Δ việc phải thi hành"
    assert metric_label("money.rate.vs_target") == "so chỉ tiêu: % tiền xong"
    assert metric_label("other") == metric_label(None) == ""
    assert metric_label("some.new.metric") == "some.new.metric"  # never hidden


def test_period_labels_read_as_the_reports_write_them():
    assert period_label("2022:5m") == "5 tháng 2022"
    assert period_label("2019") == "năm 2019"
    assert period_label("2020-Q3") == "quý III/2020"
    assert period_label("2019-12") == "tháng 12/2019"
    assert period_label("2023-06-23") == "23/6/2023"
    assert period_label("2013-10-01/2014-07-31") == "1/10/2013–31/7/2014"
    assert period_label(None) == ""


def test_fact_label_says_only_what_the_text_says():
    assert fact_label("cases.rate", "Gia Lai", "2022:5m") == "% việc xong · Gia Lai · 5 tháng 2022"
    assert fact_label("other", None, "2019") == "năm 2019"
    assert fact_label("other", None, None) == ""


@given(st.one_of(st.none(), st.text(max_size=30),
                 st.from_regex(r"(19|20)\d\d(:\d{1,2}m|-Q[1-4]|-\d\d|-\d\d-\d\d)?", fullmatch=True)))
def test_period_label_never_fails_and_never_loses_the_year(period):
    label = period_label(period)
    assert isinstance(label, str)
    year = re.match(r"(19|20)\d\d", period or "")
    if year:
        assert year[0] in label


def test_short_values_are_exact_in_vietnamese_notation():
    def fig(value, unit, text="x", of=None, metric="other"):
        return Figure(text, 0, 1, value, unit, None, of, None, metric)

    assert short_value(fig(62e12, "VND")) == "62.000 tỷ đ"
    assert short_value(fig(61.12, "percent")) == "61,12 %"
    assert short_value(fig(216, "case", of=897)) == "216/897 việc"
    assert short_value(fig(70, "case", metric="judgments")) == "70 bản án"
    assert short_value(fig(70, "case", text="70 bản án", metric="judgments")) == "70 bản án"
    assert short_value(fig(216, "case", text="216/897 việc", of=897, metric="judgments")) == "216/897 việc"
    assert short_value(fig(8, "duration", text="8 tháng")) == "8 tháng"
    assert short_value(fig(1.2e6, "USD")) == "1,2 triệu USD"


def test_the_figures_filter_takes_the_shown_words_as_well_as_the_ids():
    row = FigureRow("a", "t", "2022-04-13", None, "f", "47,28%", 47.28, "percent", None, None, None, 0, 6,
                    "cases.rate", "Gia Lai", "2022:5m")
    other = FigureRow("b", "t", "2022-04-13", None, "f", "21,61%", 21.61, "percent", None, None, None, 0, 6,
                      "money.rate", "Gia Lai", "2022:5m")
    assert search_figures([row, other], "viec xong gia lai") == [row]
    assert search_figures([row, other], "cases.rate 2022") == [row]
    assert search_figures([row, other], "5 thang 2022") == [row, other]



def test_values_are_exact_whatever_their_size():
    def fig(value, unit, of=None):
        return Figure("x", 0, 1, value, unit, None, of, None)

    assert short_value(fig(970_327_000_000, "VND")) == "970,327 tỷ đ"
    assert short_value(fig(1_234_567, "VND")) == "1,234567 triệu đ"
    assert short_value(fig(950, "VND")) == "950 đ"
    assert short_value(fig(0.18, "percent")) == "0,18 %"
    assert short_value(fig(13140, "case")) == "13.140 việc"
    assert short_value(fig(3, "rank", of=63)) == "3/63"

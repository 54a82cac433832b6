"""What is left undone is no result: a count or sum `chưa thi hành xong`, `chưa giải quyết`,
`còn tồn`, `tồn đọng` or `chưa có điều kiện` is `other`, never `cases.done` / `money.done`,
whether the negation comes before the figure (`số việc chưa thi hành xong là …`) or after it
(`còn 1.234 việc chưa thi hành xong`). The done figure beside it keeps its metric.

Sentences are written for these tests in press style (none is a corpus or seed sentence).
"""
from __future__ import annotations

from thads_tui.extract import extract

HEAD = "Kết quả thi hành án dân sự tỉnh Nam Định năm 2024\n\n"


def metrics(body, date="2024-11-05"):
    return {f.text: f.metric for f in extract(HEAD + body, date).figures}


def test_a_count_left_after_the_done_one_is_not_done():
    m = metrics("Năm 2024, các cơ quan THADS tỉnh đã thi hành xong 6.218 việc, còn 1.407 việc "
                "chưa thi hành xong chuyển sang năm sau.")
    assert m["6.218 việc"] == "cases.done"
    assert m["1.407 việc"] == "other"


def test_the_negation_before_the_figure():
    m = metrics("Năm 2024, số việc chưa thi hành xong là 2.915 việc, số tiền chưa thi hành xong "
                "hơn 418 tỷ đồng.")
    assert m["2.915 việc"] == "other"
    assert m["hơn 418 tỷ đồng"] == "other"


def test_not_yet_solved_after_a_semicolon():
    m = metrics("Năm 2024, toàn tỉnh đã giải quyết xong 3.120 việc; 760 việc chưa giải quyết.")
    assert m["3.120 việc"] == "cases.done"
    assert m["760 việc"] == "other"


def test_backlog_words():
    m = metrics("Năm 2024, toàn tỉnh còn tồn 1.033 việc; các Chi cục đã thi hành xong 4.400 việc, "
                "tồn đọng 512 việc.")
    assert m["1.033 việc"] == "other"
    assert m["4.400 việc"] == "cases.done"
    assert m["512 việc"] == "other"


def test_cases_without_conditions_are_no_result():
    m = metrics("Năm 2024, đã thi hành xong 5.010 việc, còn 820 việc chưa có điều kiện thi hành.")
    assert m["5.010 việc"] == "cases.done"
    assert m["820 việc"] == "other"


def test_judgments_not_yet_executed_stay_judgments():
    # README: `judgments` counts judgments followed, executed or not
    assert metrics("Năm 2024, còn 7 bản án hành chính chưa thi hành xong.")["7 bản án"] == "judgments"


def test_existing_is_not_a_backlog():
    m = metrics("Năm 2024, các cơ quan THADS đã thi hành xong 2.300 việc tồn tại từ các năm trước.")
    assert m["2.300 việc"] == "cases.done"

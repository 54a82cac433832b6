"""The results model: rows per (subject, period), sources, conflicts, sort/filter, CSV."""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads_tui.corpus import Corpus
from thads_tui.analysis import article_record
from thads_tui.results import ALL_COLUMNS, CSV_HEADER, build_results, period_key, results_of


def fig(text, value, metric, subject, period, start=0):
    return {"text": text, "value": value, "unit": "percent", "metric": metric, "subject": subject,
            "period": period, "start": start, "end": start + len(text)}


def rec(aid, *figures, title="T"):
    return {"id": aid, "title": title, "file": f"/x/{aid}.txt", "date": "2023-06-01",
            "figures": list(figures)}


@pytest.fixture(scope="module")
def seeds_table():
    corpus = Corpus()
    corpus.load()
    return build_results(article_record(a) for a in corpus)


def test_seeds_rows_carry_the_reported_rates(seeds_table):
    gia_lai = seeds_table.row("Gia Lai", "2022:5m")
    assert gia_lai.value("cases.rate") == pytest.approx(47.28)
    assert gia_lai.value("money.rate") == pytest.approx(21.61)
    assert gia_lai.value("cases.rate.change") == pytest.approx(0.56)
    national = seeds_table.row("toàn quốc", "2023:8m")
    assert national.value("cases.rate") == pytest.approx(61.12)
    assert national.value("money.rate") == pytest.approx(29.42)
    assert national.value("money.done") == pytest.approx(62e12)
    thanh_hoa = seeds_table.row("Thanh Hóa", "2019")
    assert thanh_hoa.value("cases.done") == 13140
    assert thanh_hoa.value("money.done") == pytest.approx(336.758e9)


def test_seeds_have_no_conflict_from_administrative_judgments(seeds_table):
    national = seeds_table.row("toàn quốc", "2023:8m")
    assert national.value("cases.done") == 300000  # THAHC's 216/897 việc is no THADS result
    assert not national.conflicts


def test_growth_of_the_caseload_is_not_a_rate(seeds_table):
    national = seeds_table.row("toàn quốc", "2023:8m")
    values = [s.value for c in national.cells.values() for s in c.sources]
    assert 17.48 not in values and 7.08 not in values  # money/cases.total.change: not columns


def test_every_value_has_its_source_article_and_offsets(seeds_table):
    corpus = Corpus()
    corpus.load()
    texts = {a.id: a.text for a in corpus}
    for row in seeds_table.rows:
        for cell in row.cells.values():
            assert cell.sources
            for s in cell.sources:
                assert texts[s.article_id][s.start:s.end] == s.text


def test_two_articles_with_different_values_conflict_not_averaged():
    t = build_results([rec("a", fig("50%", 50, "cases.rate", "Huế", "2021")),
                       rec("b", fig("60%", 60, "cases.rate", "Huế", "2021"))])
    cell = t.row("Huế", "2021").cells["cases.rate"]
    assert cell.conflict and cell.value is None and cell.values == [50, 60]
    assert cell.articles == 2
    assert t.row("Huế", "2021").conflicts == ["cases.rate"]


def test_agreeing_articles_make_one_value_with_both_sources():
    t = build_results([rec("a", fig("50%", 50, "cases.rate", "Huế", "2021")),
                       rec("b", fig("50,0%", 50.0, "cases.rate", "Huế", "2021", start=9))])
    cell = t.row("Huế", "2021").cells["cases.rate"]
    assert not cell.conflict and cell.value == 50 and cell.articles == 2
    assert [s.article_id for s in cell.sources] == ["a", "b"]


def test_figures_without_subject_period_or_a_column_metric_are_left_out():
    t = build_results([rec("a", fig("5%", 5, "cases.rate", None, "2021"),
                           fig("6%", 6, "cases.rate", "Huế", None),
                           fig("7%", 7, "other", "Huế", "2021"),
                           fig("8%", 8, "money.total.change", "Huế", "2021"))])
    assert len(t) == 0


def test_occurrences_each_count_as_a_source():
    f = fig("50%", 50, "cases.rate", "Huế", "2021") | {"occurrences": [[0, 3], [40, 43]]}
    cell = build_results([rec("a", f)]).row("Huế", "2021").cells["cases.rate"]
    assert [(s.start, s.end) for s in cell.sources] == [(0, 3), (40, 43)] and cell.articles == 1


def test_an_occurrence_read_another_way_goes_to_its_own_cell():
    """`readings` (extract --json, when one text is read two ways): each occurrence its own."""
    f = fig("50%", 50, "cases.rate", "Huế", "2021") | {"occurrences": [[0, 3], [40, 43]], "readings": [
        {"start": 0, "end": 3, "metric": "cases.rate", "subject": "Huế", "period": "2021"},
        {"start": 40, "end": 43, "metric": "money.rate", "subject": "Huế", "period": "2022"}]}
    t = build_results([rec("a", f)])
    assert [(s.start, s.end) for s in t.row("Huế", "2021").cells["cases.rate"].sources] == [(0, 3)]
    assert [(s.start, s.end) for s in t.row("Huế", "2022").cells["money.rate"].sources] == [(40, 43)]


def _table():
    return build_results([
        rec("a", fig("50%", 50, "cases.rate", "Huế", "2021"), fig("70%", 70, "cases.rate", "Hà Nội", "2022:5m")),
        rec("b", fig("60%", 60, "cases.rate", "Đắk Lắk", "2022"), fig("1%", 1, "money.rate", "Huế", "2022")),
    ])


def test_sort_by_period_subject_and_value():
    t = _table()
    assert [(r.subject, r.period) for r in t.sorted("period").rows] == [
        ("Huế", "2021"), ("Hà Nội", "2022:5m"), ("Đắk Lắk", "2022"), ("Huế", "2022")]
    assert [r.subject for r in t.sorted("subject").rows] == ["Đắk Lắk", "Hà Nội", "Huế", "Huế"]
    by_rate = t.sorted("cases.rate", reverse=True).rows
    assert [r.value("cases.rate") for r in by_rate] == [70, 60, 50, None]  # empty cells last
    with pytest.raises(ValueError):
        t.sorted("nonsense")


def test_filter_by_subject_ignoring_accents_and_by_year():
    t = _table()
    assert [r.period for r in t.filter(subject="hue").rows] == ["2021", "2022"]
    assert {r.subject for r in t.filter(year=2022).rows} == {"Hà Nội", "Đắk Lắk", "Huế"}
    assert len(t.filter(subject="dak lak", year=2021)) == 0
    assert t.subjects == ["Đắk Lắk", "Hà Nội", "Huế"] and t.years == [2021, 2022]


def test_chart_series_and_comparison():
    t = _table()
    assert t.chart_series("Huế", "cases.rate") == [("2021", 50)]
    assert t.compare("2022", "cases.rate") == [("Đắk Lắk", 60)]


def test_csv_has_one_line_per_value_with_its_source_and_neutralised_text():
    t = build_results([rec("a", fig("50%", 50, "cases.rate", "Huế", "2021"), title="=HYPERLINK(1)"),
                       rec("b", fig("60%", 60, "cases.rate", "Huế", "2021"))])
    rows = list(csv.reader(io.StringIO(t.to_csv())))
    assert tuple(rows[0]) == CSV_HEADER
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [(b["article_id"], b["value"], b["conflict"], b["articles"]) for b in body] == [
        ("a", "50", "yes", "2"), ("b", "60", "yes", "2")]
    assert body[0]["title"] == "'=HYPERLINK(1)" and body[0]["start"] == "0"


def test_period_order_is_chronological_within_a_year():
    periods = ["2023", "2022", "2023:8m", "2023:3m", "2023-Q1"]
    assert sorted(periods, key=period_key) == ["2022", "2023:3m", "2023:8m", "2023-Q1", "2023"]


_metric = st.sampled_from(ALL_COLUMNS + ("other", "cases.total"))
_subject = st.sampled_from(["Huế", "Gia Lai", None])
_period = st.sampled_from(["2021", "2022:5m", None])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), _metric, _subject, _period,
                          st.integers(0, 3)), max_size=20))
def test_every_counted_figure_lands_in_exactly_one_cell(items):
    records = {}
    for aid, metric, subject, period, value in items:
        records.setdefault(aid, rec(aid))["figures"].append(fig("x", value, metric, subject, period))
    table = build_results(records.values())
    counted = [i for i in items if i[1] in ALL_COLUMNS and i[2] and i[3]]
    assert sum(len(c.sources) for r in table.rows for c in r.cells.values()) == len(counted)
    for r in table.rows:
        for c in r.cells.values():
            assert c.conflict == (len({s.value for s in c.sources}) > 1)
            assert c.articles == len({s.article_id for s in c.sources})


def test_results_of_article_extraction_pairs():
    corpus = Corpus()
    corpus.load()
    from thads_tui.analysis import analyse

    t = results_of((a, analyse(a)) for a in corpus)
    assert t.row("Gia Lai", "2022:5m").value("cases.rate") == pytest.approx(47.28)


def test_figure_rows_carry_and_filter_by_metric_subject_period():
    from thads_tui.analysis import analyse
    from thads_tui.explore import explore, filter_figures, figures_csv, sort_figures

    corpus = Corpus()
    corpus.load()
    rows = explore(corpus, analyse).figures()
    rates = filter_figures(rows, metric="cases.rate", subject="gia lai", period="2022")
    assert [(r.text, r.metric) for r in rates] == [("47,28%", "cases.rate"), ("0,56%", "cases.rate.change")]
    assert [r.text for r in filter_figures(rates, metric="cases.rate.change")] == ["0,56%"]
    assert {r.metric for r in filter_figures(rows, metric="money")} >= {"money.rate", "money.done"}
    assert sort_figures(rows, "period")[0].period is not None
    header = figures_csv(rates).splitlines()[0]
    assert header.endswith("metric,subject,period,metric_label,period_label")

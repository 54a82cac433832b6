"""Corpus-wide aggregation (thads_tui.explore), without the UI."""
from __future__ import annotations

import csv
import threading
from datetime import datetime
from pathlib import Path

from thads_tui.corpus import Article
from thads_tui.explore import (Exploration, classify_percent, csv_name, explore,
                               filter_entities, name_key, sort_entities, sort_figures,
                               write_figures_csv)
from thads_tui.extract import Entity, Extraction, Figure


def art(aid: str, title: str, date: str | None, text: str = "", source: str | None = None) -> Article:
    return Article(aid, Path(f"/c/{aid}.txt"), text or title, title, date, source)


def ent(etype: str, text: str, canonical: str, start: int = 0) -> Entity:
    return Entity(etype, text, start, start + len(text), canonical)


def pct(value: float, measure: str | None, qualifier: str | None = None, start: int = 0) -> Figure:
    text = f"{value}%".replace(".", ",")
    return Figure(text, start, start + len(text), value, "percent", qualifier, None, measure)


A = art("a", "Tổng cục THADS họp", "2023-03-12", source="PLVN")
B = art("b", "Cục THADS Hà Nội", "2022-01-05")
C = art("c", "Không ngày", None)

EXTRACTIONS = {
    "a": Extraction([ent("ORG", "Tổng cục THADS", "Tổng cục Thi hành án dân sự"),
                     ent("ORG", "Tổng cục Thi hành án dân sự", "Tổng cục Thi hành án dân sự", 30),
                     ent("LOCATION", "Hà Nội", "Hà Nội", 60)],
                    [pct(82.5, "đạt về việc"), pct(40.0, "về tiền", start=20)]),
    "b": Extraction([ent("ORG", "Tổng cục thi hành án  dân sự", "Tổng cục thi hành án  dân sự"),
                     ent("LOCATION", "Hà Nội", "Hà Nội", 40), ent("LOCATION", "Hà Nội", "Hà Nội", 80)],
                    [pct(70.0, "tỷ lệ về việc"), pct(1.5, "tăng về tiền", start=10),
                     Figure("13.140 việc", 30, 41, 13140, "case", None, None, "thi hành xong")]),
    "c": Extraction([ent("PERSON", "Nguyễn Văn Minh", "Nguyễn Văn Minh")], [pct(50.0, "về việc")]),
}


def explored() -> Exploration:
    return explore([A, B, C], lambda a: EXTRACTIONS[a.id])


def test_entity_index_merges_canonical_variants_and_counts_articles_and_mentions():
    found = explored()
    by_key = {e.key: e for e in found.entities()}
    org = by_key[name_key("Tổng cục Thi hành án dân sự")]
    assert org.type == "ORG"
    assert org.articles == {"a", "b"} and org.article_count == 2
    assert org.mentions == 3  # two spellings in a, one (other case, double space) in b
    assert org.name == "Tổng cục Thi hành án dân sự"  # the spelling met most often
    place = by_key[name_key("Hà Nội")]
    assert (place.article_count, place.mentions) == (2, 3)
    assert found.articles_mentioning("hà  nội") == {"a", "b"}
    assert found.articles_mentioning("nobody") == set()
    assert len(found) == 3 and "c" in found


def test_type_is_the_most_frequent_one():
    found = Exploration()
    found.add(A, Extraction([ent("ORG", "Hà Nội", "Hà Nội"), ent("LOCATION", "Hà Nội", "Hà Nội", 9),
                             ent("LOCATION", "Hà Nội", "Hà Nội", 20)], []))
    (entry,) = found.entities()
    assert entry.type == "LOCATION" and entry.mentions == 3 and entry.article_count == 1


def test_adding_twice_counts_once_and_failures_count_as_analysed():
    found = Exploration()
    assert found.add(A, EXTRACTIONS["a"]) and not found.add(A, EXTRACTIONS["a"])
    found.add_failure(B, "boom")
    assert len(found) == 2 and found.failed == {"b": "boom"}
    broken = explore([A, B], lambda a: (_ for _ in ()).throw(ValueError("bad")) if a.id == "b" else EXTRACTIONS["a"])
    assert len(broken) == 2 and "b" in broken.failed and len(broken.figures()) == 2


def test_snapshots_are_copies():
    found = explored()
    snap = found.entities()
    snap[0].articles.add("zzz")
    assert all("zzz" not in e.articles for e in found.entities())


def test_concurrent_adds_and_reads():
    found = Exploration()
    arts = [art(str(i), f"t{i}", "2020-01-01") for i in range(300)]
    ext = Extraction([ent("ORG", "Bộ Tư pháp", "Bộ Tư pháp")], [pct(10.0, "về việc")])
    worker = threading.Thread(target=lambda: [found.add(a, ext) for a in arts])
    worker.start()
    while worker.is_alive():
        found.entities(), found.figures()
    worker.join()
    (entry,) = found.entities()
    assert entry.article_count == entry.mentions == 300 and len(found.figures()) == 300


def test_sort_and_filter_entities():
    entries = explored().entities()
    assert [e.name for e in sort_entities(entries, "articles")][:2] == ["Hà Nội", "Tổng cục Thi hành án dân sự"]
    assert [e.name for e in sort_entities(entries, "mentions")][:2] == ["Hà Nội", "Tổng cục Thi hành án dân sự"]
    assert [e.name for e in sort_entities(entries, "name")] == ["Hà Nội", "Nguyễn Văn Minh", "Tổng cục Thi hành án dân sự"]
    assert [e.type for e in sort_entities(entries, "type")] == ["LOCATION", "ORG", "PERSON"]
    assert [e.name for e in sort_entities(entries, "name", reverse=True)][0] == "Tổng cục Thi hành án dân sự"
    assert [e.name for e in filter_entities(entries, "tong cuc")] == ["Tổng cục Thi hành án dân sự"]
    assert [e.name for e in filter_entities(entries, "NGUYEN minh")] == ["Nguyễn Văn Minh"]
    assert {e.name for e in filter_entities(entries, "location")} == {"Hà Nội"}
    assert len(filter_entities(entries, "  ")) == 3


def test_classify_percent():
    assert classify_percent("đạt về việc") == "về việc"
    assert classify_percent("ve tien") == "về tiền"
    assert classify_percent("tỷ lệ đạt") == "other"
    assert classify_percent("tăng về việc") == "other"  # a change, not a rate
    assert classify_percent("cao hơn về tiền") == "other"
    assert classify_percent(None, "về tiền") == "về tiền"
    assert classify_percent("về việcx") == "other"


def test_figure_rows_carry_their_article():
    rows = explored().figures()
    assert len(rows) == 6
    first = rows[0]
    assert (first.article_id, first.title, first.date, first.source, first.year) == ("a", A.title, "2023-03-12", "PLVN", 2023)
    assert [r.series for r in rows if r.unit == "percent"].count("về việc") == 3


def test_sort_figures_by_columns():
    rows = explored().figures()
    assert [r.date for r in sort_figures(rows, "date")] == ["2023-03-12"] * 2 + ["2022-01-05"] * 3 + [None]
    assert [r.value for r in sort_figures(rows, "value") if r.unit == "percent"] == [1.5, 40.0, 50.0, 70.0, 82.5]
    assert sort_figures(rows, "value", reverse=True)[0].value == 82.5
    assert sort_figures(rows, "title")[0].title == "Cục THADS Hà Nội"
    assert [r.measure for r in sort_figures(rows, "measure")][:2] == ["đạt về việc", "tăng về tiền"]
    for column in ("text", "unit", "qualifier"):
        assert len(sort_figures(rows, column)) == 6


def test_csv_has_every_row_with_vietnamese_text(tmp_path):
    now = datetime(2024, 5, 6, 7, 8, 9)
    assert csv_name(now) == "thads-figures-20240506-070809.csv"
    rows = explored().figures()
    path = write_figures_csv(rows, tmp_path, now)
    assert path == tmp_path / "thads-figures-20240506-070809.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(table) == 6
    assert table[0]["title"] == "Tổng cục THADS họp" and table[0]["figure"] == "82,5%"
    assert table[0]["value"] == "82.5" and table[0]["unit"] == "percent" and table[0]["series"] == "về việc"
    case = next(r for r in table if r["unit"] == "case")
    assert case["value"] == "13140" and case["measure"] == "thi hành xong" and case["series"] == ""
    assert next(r for r in table if r["article_id"] == "c")["date"] == ""
    again = write_figures_csv(rows[:1], tmp_path, now)  # same second: a new name, the first file kept
    assert again.name == "thads-figures-20240506-070809-2.csv" and path.read_bytes() == raw

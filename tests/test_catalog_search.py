"""Catalogue search: today's query language, the ranking a reader expects, and the old index's answers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thads_tui.corpus import loader
from thads_tui.corpus.catalog import Catalog
from thads_tui.corpus.catalog.search import find_hits as windowed_hits
from thads_tui.corpus.loader import bundled_seeds
from thads_tui.corpus.query import find_hits, parse_query

# what the deleted in-memory index answered on the seeds (recorded before it went)
OLD = json.loads((Path(__file__).parent / "old_index_seed_answers.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds():
    cat = Catalog.open([bundled_seeds()], no_cache=True)
    cat.update(workers=1, analyse=False)
    return cat, OLD


SEED_QUERIES = ["thi hành án", "thi hanh an dan su", '"thi hanh"', "thi*", "tổng cục", "hoan thanh", "ty dong",
                "nghi quyet", "quyết", "xyzzy", "2020", "chi tieu", '"chi tieu', "bo tu phap", "đồng", "tp",
                "ban chỉ đạo", '"bộ tư pháp" 2019', "cục thi", "vi", "hành*"]


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_same_articles_as_the_old_index_on_the_seeds(seeds, query):
    cat, old = seeds
    new = cat.search(query, limit=100)
    was = old["search"][query]
    assert sorted(h.id for h in new.results) == was["ids"]
    assert new.total == was["total"]


def test_typing_prefix_on_the_last_word_matches_the_old_index(seeds):
    cat, old = seeds
    for query in ["thi hà", "tổng c", "bộ tư ph"]:
        assert sorted(h.id for h in cat.search(query, prefix_last=True).results) == old["typed"][query]


def test_query_language_errors_and_notes_are_todays(seeds):
    cat, _ = seeds
    assert cat.search("").error == "empty query"
    assert cat.search("  !!! ,, ").error == "nothing to search for: the query has no letters or digits"
    unclosed = cat.search('"thi hanh an')
    assert "unclosed quote" in unclosed.notes[0] and unclosed.total > 0
    huge = cat.search("thi " * 2500)  # 10,000 characters
    assert huge.error is None and any("cut" in n for n in huge.notes)
    assert cat.search('"" *** "').results == ()


def test_hits_map_back_to_the_nfc_text(seeds):
    cat, _ = seeds
    found = cat.search("đồng nai thi hành án")
    for hit in found.results:
        text = cat.text(hit.id)
        for s, e in hit.hits:
            assert text[s:e].lower() == text[s:e].lower().strip()
        for sn in hit.snippets:
            assert sn.text == text[sn.start:sn.end].replace("\n", " ")


@pytest.fixture
def ranking(tmp_path):
    folder = tmp_path / "rank"
    folder.mkdir()
    docs = {
        "a_words.txt": "Hoàn thành kế hoạch\n\nTỉnh đã hoàn thành chỉ tiêu; hoa nở khắp nơi trong năm.",
        "b_place.txt": "Làm việc tại Thanh Hóa\n\nĐoàn công tác làm việc với Cục Thi hành án dân sự tỉnh Thanh Hóa.",
        "c_folded.txt": "Dòng nài nỉ\n\nMột dòng sông, người dân nài nỉ: dong nai viết không dấu.",
        "d_exact.txt": "Về Đồng Nai\n\nCục Thi hành án dân sự tỉnh Đồng Nai báo cáo kết quả.",
        "e_apart.txt": "Đồng lòng\n\nCả xã đồng lòng, không ai nài ép ai.",
    }
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    cat = Catalog.open([folder], no_cache=True)
    cat.update(workers=1, analyse=False)
    return cat


def test_words_standing_together_come_first_and_the_summary_counts_them(ranking):
    found = ranking.search("thanh hoa")
    files = [h.file for h in found.results]
    assert files[0] == "b_place.txt" and found.results[0].together
    assert set(files) == {"a_words.txt", "b_place.txt"}
    assert found.total == 2 and found.together == 1
    assert found.summary == "1 article holds the phrase, 1 only the words"


def test_accents_typed_rank_exact_accent_matches_above_folded_ones(ranking):
    found = ranking.search("đồng nai")
    files = [h.file for h in found.results]
    assert files[:2] == ["d_exact.txt", "c_folded.txt"]  # both hold the words together; one as typed
    assert found.results[0].exact and not found.results[1].exact
    assert files[2:] == ["e_apart.txt"] and not found.results[2].together
    plain = ranking.search("dong nai")
    assert {h.file for h in plain.results[:2]} == {"d_exact.txt", "c_folded.txt"}


def test_a_quoted_phrase_needs_the_words_together(ranking):
    assert [h.file for h in ranking.search('"thanh hoa"').results] == ["b_place.txt"]
    assert ranking.search('"hoa thanh"').total == 0


def test_title_weighs_more_than_body(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "in_title.txt").write_text("Kiểm sát viên\n\nBài viết về công tác năm nay.", encoding="utf-8")
    (folder / "in_body.txt").write_text("Công tác năm nay\n\nBài viết về kiểm sát viên.", encoding="utf-8")
    cat = Catalog.open([folder], no_cache=True)
    cat.update(workers=1, analyse=False)
    assert [h.file for h in cat.search("kiem sat").results][0] == "in_title.txt"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Đồng Nai", "dong", "nai", "Thanh Hóa", "thành", "ß", "\u0301", "x" * 50, "\n", " ", "北"]),
                max_size=400), st.sampled_from(["dong nai", "thanh", "thanh hoa", "nai*", '"dong nai"', "ss"]))
def test_windowed_hits_equal_whole_text_hits(parts, query):
    from thads_tui.corpus.catalog import search as cs

    text = "".join(parts)
    parsed = parse_query(query)
    old = cs.WINDOW, cs.OVERLAP
    cs.WINDOW, cs.OVERLAP = 97, 60  # many windows over a small text
    try:
        assert windowed_hits(text, parsed) == find_hits(text, parsed)
    finally:
        cs.WINDOW, cs.OVERLAP = old


@pytest.fixture
def many(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        title = f"Tin chung số {i}" if i % 3 == 0 else f"Bản tin {i}"
        body = " ".join(["chung"] * (1 + i % 4) + ["nội dung", f"mục{i}"])
        (folder / f"a{i:02}.txt").write_text(f"{title}\n\n{body}. Người dân nghe tin.", encoding="utf-8")
    cat = Catalog.open([folder], no_cache=True)
    cat.update(workers=1, analyse=False)
    return cat


@pytest.mark.parametrize("query, prefix", [("chung", False), ("chu", True), ("nguoi dan", False), ("nguoi da", True)])
def test_a_large_group_is_ranked_unweighed_and_pages_through_every_match_once(many, monkeypatch, query, prefix):
    from thads_tui.corpus.catalog import search as cs

    whole = many.search(query, limit=100, prefix_last=prefix)
    monkeypatch.setattr(cs, "RANK_ALL", 5)
    bounded = many.search(query, limit=100, prefix_last=prefix)
    assert (bounded.total, bounded.together) == (whole.total, whole.together) == (30, 30 if " " in query else 0)
    assert sorted(h.id for h in bounded.results) == sorted(h.id for h in whole.results)
    paged = [h.id for off in range(0, 30, 7) for h in many.search(query, limit=7, offset=off, prefix_last=prefix).results]
    assert paged == [h.id for h in bounded.results]  # the same order page by page, each match once


def test_a_large_group_lists_the_title_matches_first_last_catalogued_first(many, monkeypatch):
    from thads_tui.corpus.catalog import search as cs

    monkeypatch.setattr(cs, "RANK_ALL", 5)
    found = many.search("chung", limit=30).results
    in_title = ["chung" in h.title.lower() for h in found]
    assert any(in_title) and in_title == sorted(in_title, reverse=True)  # every title match before the others
    titled = [h.n for h in found if "chung" in h.title.lower()]
    assert titled == sorted(titled, reverse=True)  # the last catalogued first


def test_a_search_shown_at_once_then_completed_has_the_order_and_counts_of_a_full_one(seeds, monkeypatch):
    """exact_counts=False stops counting at COUNT_CAP and details the first results only (what a
    screen shows at once); complete() then gives exactly what a full search gives."""
    from thads_tui.corpus.catalog import search as search_mod

    cat, _ = seeds
    monkeypatch.setattr(search_mod, "COUNT_CAP", 2)
    full = cat.search("thi hành án", limit=50, detail=50)
    assert full.total > 3 and full.counted
    quick = cat.search("thi hành án", limit=50, detail=1, exact_counts=False)
    assert not quick.counted and quick.total == 3 and "more than 2 articles" in quick.summary
    assert [r.id for r in quick.results] == [r.id for r in full.results]
    assert quick.results[0].detailed and not quick.results[1].detailed and not quick.results[1].snippets
    done = cat.complete(quick)
    assert done.is_complete and (done.total, done.together, done.summary) == (full.total, full.together, full.summary)
    assert [(r.id, r.hits, r.snippets) for r in done.results] == [(r.id, r.hits, r.snippets) for r in full.results]


@pytest.mark.parametrize("query", ["chung*", "chu*", "nguoi dan*", "nguoi da*", "tin chung*", '"ban tin" chung*',
                                   '"ban tin" chu*'])
def test_capped_counts_of_prefix_queries_are_the_counts_cut_at_the_cap(many, monkeypatch, query):
    from thads_tui.corpus.catalog import search as cs

    full = many.search(query, limit=50)
    monkeypatch.setattr(cs, "COUNT_CAP", 4)
    statements: list[str] = []
    many.conn.set_trace_callback(statements.append)
    try:
        quick = many.search(query, limit=50, detail=0, exact_counts=False)
    finally:
        many.conn.set_trace_callback(None)
    assert (quick.total, quick.together) == (min(full.total, 5), min(full.together, 5))
    assert [r.id for r in quick.results] == [r.id for r in full.results]
    counted = [s for s in statements if "count(*)" in s]
    # a prefix's count reads every word it starts; it is not run once the whole word passes the cap
    assert any('"*' in s for s in counted) == (query in ("chu*", "nguoi da*", '"ban tin" chu*'))


def test_words_as_typed_count_in_the_title_or_the_text(tmp_path):
    folder = tmp_path / "typed"
    folder.mkdir()
    docs = {"title.txt": "Tin Đồng Nai\n\nVề dong nai, không dấu.", "body.txt": "Tin Dong Nai\n\nCục THADS tỉnh ĐỒNG NAI.",
            "neither.txt": "Tin Dông Nài\n\nVề dòng nài, sai dấu.", "split.txt": "Tin về Đồng\n\nNai và các tỉnh."}
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    cat = Catalog.open([folder], no_cache=True)
    cat.update(workers=1, analyse=False)
    found = cat.search("Đồng Nai").results
    assert {h.file: h.exact for h in found} == {"title.txt": True, "body.txt": True, "neither.txt": False, "split.txt": True}
    assert {h.file for h in found[:2]} == {"title.txt", "body.txt"}  # together and as typed first

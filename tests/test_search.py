"""Corpus search on the catalogue: query language, ranking, hits and snippets, bad queries, JSON for the CLI.

The articles are written as files and catalogued; `CatalogIndex` answers with the test articles' ids."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads_tui.corpus.article import Article
from thads_tui.corpus.fold import fold
from thads_tui.cli import search_record
from thads_tui.corpus.catalog import Catalog
from thads_tui.corpus.query import MAX_QUERY_CHARS, MAX_TERMS, TOKEN, find_hits, make_snippets, parse_query


def make_article(title: str, *paragraphs: str, date: str | None = "2021-05-04", name: str | None = None) -> Article:
    """An article laid out the way the loader does it: title line, date line, body paragraphs."""
    text = f"{title}\n\n04/05/2021\n\n"
    spans = []
    for para in paragraphs:
        spans.append((len(text), len(text) + len(para)))
        text += para + "\n\n"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(id=digest, path=Path(name or f"{digest}.txt"), text=text, title=title, date=date,
                   paragraphs=tuple(spans))


class CatalogIndex:
    """The catalogue of these articles (each written as a .txt file), answering with their ids."""

    def __init__(self, articles, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        by_title = {}
        for i, a in enumerate(articles):
            (folder / f"{i:03d}-{a.path.name}").write_text(a.text, encoding="utf-8")
            by_title[a.title] = a.id
        self.cat = Catalog.open([folder], no_cache=True)
        self.cat.update(workers=1)
        self.ids = {r.id: by_title[r.title] for r in self.cat.rows()}

    def search(self, query, *, limit: int = 50, prefix_last: bool = False):
        found = self.cat.search(query, limit=limit, prefix_last=prefix_last, detail=limit)
        return dataclasses.replace(found, results=tuple(dataclasses.replace(r, id=self.ids[r.id]) for r in found.results))

    def text(self, test_id: str) -> str:
        """The catalogued (NFC) text of a test article."""
        return self.cat.text(next(k for k, v in self.ids.items() if v == test_id))

    def matching_ids(self, query, *, prefix_last: bool = False) -> set[str]:
        return {r.id for r in self.search(query, limit=10_000, prefix_last=prefix_last).results}


_folders = iter(range(10**6))


def build(articles, tmp=Path(tempfile.mkdtemp(prefix="thads-search-"))) -> CatalogIndex:
    return CatalogIndex(articles, tmp / str(next(_folders)))


THANH_HOA = make_article(
    "Cục Thi hành án dân sự tỉnh Thanh Hóa sơ kết sáu tháng đầu năm",
    "Sáng 12/7, Cục Thi hành án dân sự tỉnh Thanh Hóa tổ chức hội nghị sơ kết công tác sáu tháng đầu năm.",
    "Toàn tỉnh đã thi hành xong 8.412 việc, đạt tỷ lệ 71,3% về việc; thu hồi 245 tỷ đồng.",
)
DONG_NAI = make_article(
    "Đồng Nai: cưỡng chế kê biên nhà đất của người phải thi hành án",
    "Chi cục Thi hành án dân sự huyện Long Thành, tỉnh Đồng Nai vừa tổ chức cưỡng chế kê biên tài sản.",
    "Tài sản gồm một căn nhà cấp bốn và quyền sử dụng 320 m2 đất tại xã Bình Sơn.",
)
NGHI_QUYET = make_article(
    "Triển khai Nghị quyết 96 của Quốc hội về thi hành án",
    "Thực hiện Nghị quyết 96/2019/QH14 của Quốc hội, các cơ quan thi hành án đã rà soát án tồn đọng.",
    "Việc phân loại án có điều kiện và chưa có điều kiện thi hành được làm chặt chẽ hơn.",
)
SO_96 = make_article(
    "Hội nghị trực tuyến toàn ngành tư pháp",
    "Báo cáo nêu rõ nghị quyết số 96 đã được quán triệt tới từng chấp hành viên.",
    "Có 96 đơn vị tham dự, nghị quyết được phổ biến rộng rãi.",
)
BEN_TRE_TITLE = make_article(
    "Bến Tre đẩy nhanh tiến độ thi hành án tín dụng",
    "Các khoản nợ xấu của ngân hàng được ưu tiên giải quyết trong quý III.",
)
BEN_TRE_MENTION = make_article(
    "Tổng kết công tác thi hành án khu vực đồng bằng sông Cửu Long",
    "Nhiều tỉnh như Cần Thơ, Bến Tre, Long An, Sóc Trăng đã có tiến bộ rõ rệt trong công tác thi hành án.",
    "Các địa phương cần tăng cường phối hợp với ngân hàng để xử lý nợ xấu và tài sản bảo đảm.",
)
CORPUS = [THANH_HOA, DONG_NAI, NGHI_QUYET, SO_96, BEN_TRE_TITLE, BEN_TRE_MENTION]


@pytest.fixture(scope="module")
def index() -> CatalogIndex:
    return build(CORPUS)


def ids(found) -> list[str]:
    return [r.id for r in found.results]


# ----------------------------------------------------------------------------- matching


@pytest.mark.parametrize("query", ["thanh hoa", "Thanh Hoa", "thanh hóa", "THANH HÓA", "Thanh Hoá"])
def test_accents_and_case_do_not_matter(index, query):
    assert ids(index.search(query))[0] == THANH_HOA.id


def test_d_with_stroke(index):
    for query in ("dong nai", "Đồng Nai", "DONG NAI", "đồng nai"):
        assert DONG_NAI.id in ids(index.search(query)), query


def test_all_words_must_occur(index):
    assert ids(index.search("cưỡng chế nhà đất")) == [DONG_NAI.id]
    assert ids(index.search("cưỡng chế Thanh Hóa")) == []
    assert set(ids(index.search("thi hành án"))) == {a.id for a in CORPUS if a is not SO_96}


def test_words_match_whole_words_only(index):
    assert ids(index.search("thanh")) and THANH_HOA.id in ids(index.search("thanh"))
    assert ids(index.search("than")) == []  # `than` is not `thanh`


def test_phrase_needs_the_words_together_in_order(index):
    assert ids(index.search('"nghị quyết 96"')) == [NGHI_QUYET.id]
    assert set(ids(index.search("nghị quyết 96"))) == {NGHI_QUYET.id, SO_96.id}
    assert ids(index.search('"96 nghị quyết"')) == []
    assert ids(index.search('"nghi quyet 96" "quoc hoi"')) == [NGHI_QUYET.id]


def test_phrase_ignores_punctuation_and_line_breaks_between_words(index):
    # "... sơ kết sáu tháng đầu năm\n\n04/05/2021" and "năm.\n\nToàn tỉnh"
    assert THANH_HOA.id in ids(index.search('"đầu năm toàn tỉnh"'))


def test_phrase_of_one_word_is_a_word(index):
    assert ids(index.search('"Long"')) == ids(index.search("long"))


def test_prefix_with_star_and_while_typing(index):
    assert ids(index.search("kê biê*")) == [DONG_NAI.id]
    assert ids(index.search("kê bi")) == []
    assert ids(index.search("kê bi", prefix_last=True)) == [DONG_NAI.id]
    assert ids(index.search("kê bi ", prefix_last=True)) == []  # a space ends the word
    parsed = parse_query("c*")
    assert not parsed.terms[0].prefix  # one letter is too short to expand


def test_prefix_hits_cover_the_whole_word(index):
    found = index.search("kê biê*")
    texts = {DONG_NAI.text[s:e] for s, e in found.results[0].hits}
    assert texts == {"kê biên"}  # side by side: one hit


def test_unknown_word_gives_no_results_without_error(index):
    found = index.search("xyzzy")
    assert found.results == () and found.total == 0 and found.error is None
    assert index.search("thanh hóa xyzzy").total == 0


def test_matching_ids_is_every_match(index):
    assert index.matching_ids("thi hành án") == {r.id for r in index.search("thi hành án", limit=100).results}
    assert index.matching_ids('"nghị quyết 96"') == {NGHI_QUYET.id}
    assert index.matching_ids("!!!") == set()


def test_other_scripts_are_searchable():
    article = make_article("Đoàn công tác thăm Bắc Kinh", "Đoàn đã làm việc tại 北京 trong hai ngày.")
    index = build([article])
    found = index.search("北京")
    assert ids(found) == [article.id]
    assert [article.text[s:e] for s, e in found.results[0].hits] == ["北京"]


# ----------------------------------------------------------------------------- ranking


def test_title_hit_ranks_above_a_passing_mention(index):
    ranked = ids(index.search("ben tre"))
    assert ranked.index(BEN_TRE_TITLE.id) < ranked.index(BEN_TRE_MENTION.id)


def test_words_standing_together_rank_first():
    together = make_article("Báo cáo quý", "Tỉnh Thanh Hóa báo cáo kết quả thi hành án trong quý.")
    apart = make_article("Báo cáo tháng", "Hoa hồng nở, tỉnh báo cáo thanh toán xong kết quả thi hành án.")
    index = build([apart, together])
    assert ids(index.search("thanh hoa")) == [together.id, apart.id]


def test_phrase_occurring_more_often_ranks_higher():
    once = make_article("Tin ngắn", "Tỷ lệ thi hành xong đạt 70%. Cán bộ được khen thưởng vì thành tích.")
    thrice = make_article("Tin ngắn khác", "Thi hành xong 70%. Thi hành xong về tiền. Thi hành xong về việc.")
    index = build([once, thrice])
    assert ids(index.search('"thi hành xong"')) == [thrice.id, once.id]


def test_scores_are_positive_and_descending(index):
    scores = [r.score for r in index.search("thi hành án").results]
    assert all(s > 0 for s in scores)
    assert scores == sorted(scores, reverse=True)


# ----------------------------------------------------------------------------- hits and snippets


def test_hits_map_exactly_to_the_original_text(index):
    found = index.search('"nghi quyet 96" quoc hoi')
    result = found.results[0]
    texts = [NGHI_QUYET.text[s:e] for s, e in result.hits]
    assert texts == ["Nghị quyết 96", "Quốc hội", "Nghị quyết 96", "Quốc hội"]
    for s, e in result.hits:
        assert fold(NGHI_QUYET.text[s:e]) in {"nghi quyet 96", "quoc hoi"}
    assert result.hits == tuple(sorted(result.hits))


def test_snippets_contain_their_hits(index):
    for query in ("thi hành án", '"đồng nai"', "ngân hàng nợ xấu", "kê bi"):
        for result in index.search(query, prefix_last=True).results:
            assert result.snippets, (query, result.title)
            for snip in result.snippets:
                assert snip.text == index.text(result.id)[snip.start:snip.end].replace("\n", " ")
                assert snip.hits
                for s, e in snip.hits:
                    assert (snip.start + s, snip.start + e) in result.hits
                    for word in TOKEN.findall(fold(snip.text[s:e])):
                        assert any(word.startswith(w) for w in TOKEN.findall(fold(query)))


def test_snippets_prefer_the_body_to_the_title(index):
    result = index.search("ben tre").results[0]
    assert result.id == BEN_TRE_TITLE.id
    # the only hit is in the title, so the snippet falls back to it
    assert result.snippets[0].start == 0
    result = index.search("cưỡng chế").results[0]
    body_start = DONG_NAI.paragraphs[0][0]
    assert result.snippets[0].start >= body_start


def test_snippet_window_cuts_at_spaces():
    long_text = " ".join(["công tác thi hành án dân sự"] * 30) + " Điện Biên " + " ".join(["kết quả tốt"] * 30)
    article = make_article("Tin dài", long_text)
    hits = find_hits(article.text, "điện biên")
    (snip,) = make_snippets(article, hits)
    assert snip.cut_before and snip.cut_after
    assert not snip.text.startswith(" ") and not snip.text.endswith(" ")
    assert snip.text[snip.hits[0][0]:snip.hits[0][1]] == "Điện Biên"
    assert len(snip.text) < 200


def test_hits_in_text_with_uncomposed_marks_land_exactly():
    body = "Ông Tra\u0302\u0300n Va\u0306n Ba\u0301 là Cha\u0301p ha\u0300nh viên; Straße nở."
    article = make_article("Tin", body)
    index = build([article])
    found = index.search("tran van ba")
    text = index.text(article.id)  # the catalogue holds the NFC text: the hit covers the whole name
    assert [text[s:e] for s, e in found.results[0].hits] == [unicodedata.normalize("NFC", "Tra\u0302\u0300n Va\u0306n Ba\u0301")]
    found = index.search("strasse")
    assert [text[s:e] for s, e in found.results[0].hits] == ["Straße"]


words = st.sampled_from([
    "Thanh", "Hóa", "đồng", "Nai", "thi", "hành", "án", "dân", "sự", "Cục", "tỉnh", "năm", "2021",
    "96", "Quốc", "hội", "kê", "biên", "tài", "sản", "Điện", "Biên", "ĐẮK", "lắk", "ngân", "hàng",
])
separators = st.sampled_from([" ", " ", " ", ", ", ".\n", " - ", "\n\n", " (", ") ", "/", ": "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(words, separators), min_size=1, max_size=40), st.data())
def test_any_run_of_words_is_found_as_a_phrase_with_exact_hits(pieces, data):
    text = "".join(w + sep for w, sep in pieces)
    article = make_article("Tiêu đề không liên quan", text)
    i = data.draw(st.integers(0, len(pieces) - 1))
    j = data.draw(st.integers(i + 1, min(len(pieces), i + 6)))
    run = [w for w, _ in pieces[i:j]]
    query = '"' + " ".join(fold(w) for w in run) + '"'
    found = build([article]).search(query)
    assert ids(found) == [article.id]
    wanted = " " + " ".join(TOKEN.findall(fold(" ".join(run)))) + " "
    hit_words = [" " + " ".join(TOKEN.findall(fold(article.text[s:e]))) + " " for s, e in found.results[0].hits]
    assert any(wanted in words for words in hit_words)


term_ids = st.one_of(st.integers(0, 70), st.integers(60, 5000), st.integers(4000, 300_000), st.integers(0, 2**30 - 1))


@pytest.mark.parametrize("query", ["", "   ", "!!!", "...,;", '""', '"', "***", "-", "*", "“”", None])
def test_queries_with_nothing_to_search(index, query):
    found = index.search(query)
    assert found.results == () and found.total == 0
    assert found.error


def test_error_messages_tell_empty_from_punctuation():
    assert parse_query("").error == "empty query"
    assert "no letters or digits" in parse_query("?!").error


def test_unclosed_quote_runs_to_the_end_as_a_phrase(index):
    parsed = parse_query('án "thi hành án dân')
    assert [str(t) for t in parsed.terms] == ["an", '"thi hanh an dan"']
    assert parsed.notes and "unclosed quote" in parsed.notes[0]
    assert THANH_HOA.id in ids(index.search('"thi hành án dân'))
    assert ids(index.search('"án dân thi')) == []


def test_ten_thousand_character_query_is_cut_and_fast(index):
    words_query = " ".join(["thi hành án", "Thanh Hóa", '"kê biên"', "ngân hàng"] * 500)[:10_000]
    for query in (words_query, "x" * 10_000, '"' + "ấ" * 9_999, "đ " * 5_000):
        start = time.perf_counter()
        found = index.search(query)
        assert time.perf_counter() - start < 1.0
        assert len(found.query.text) <= MAX_QUERY_CHARS
        assert len(found.query.terms) <= MAX_TERMS
        assert any("cut" in note for note in found.notes)


def test_repeated_words_count_once():
    assert [str(t) for t in parse_query("án án Án ÁN").terms] == ["an"]


# ----------------------------------------------------------------------------- building


# ----------------------------------------------------------------------------- JSON for the CLI


def test_search_json_shape(index):
    out = search_record(index.search("đồng nai", limit=5), "đồng nai")
    assert set(out) >= {"query", "results", "total", "together"}
    assert out["query"] == "đồng nai" and out["error"] is None
    (first, *_) = out["results"]
    assert set(first) >= {"file", "id", "title", "date", "score", "snippets"}
    assert first["id"] == DONG_NAI.id and first["date"] == "2021-05-04"
    assert all(isinstance(s, str) and s for s in first["snippets"])
    assert isinstance(first["score"], float)
    for s, e in first["hits"]:
        assert set(fold(DONG_NAI.text[s:e]).split()) <= {"dong", "nai"}
    json.dumps(out, ensure_ascii=False)
    assert len(search_record(index.search("thi hành án", limit=2), "")["results"]) == 2


def test_search_json_bad_query_and_no_results(index):
    assert search_record(index.search("???"), "???")["results"] == []
    assert search_record(index.search("???"), "???")["error"]
    assert search_record(index.search("xyzzy"), "xyzzy") == {
        "query": "xyzzy", "error": None, "notes": [], "total": 0, "together": 0, "results": []}
    assert build([]).search("thi hành án").results == ()


def test_search_json_reads_a_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Cưỡng chế tại Đắk Lắk\n\nChi cục THADS huyện Krông Pắc cưỡng chế giao nhà.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Tin khác\n\nKhông liên quan.\n", encoding="utf-8")
    cat = Catalog.open([tmp_path], no_cache=True)
    cat.update(workers=1)
    out = search_record(cat.search("dak lak"), "dak lak")
    assert [Path(r["file"]).name for r in out["results"]] == ["a.txt"]


def test_words_standing_together_are_the_only_hits_when_they_do():
    text = "Tỉnh Thanh Hóa hoàn thành kế hoạch; Thanh Hóa dẫn đầu. Thành phố mới."
    hits = find_hits(text, "thanh hoa")
    assert [text[s:e] for s, e in hits] == ["Thanh Hóa", "Thanh Hóa"]
    apart = "Hoàn thành kế hoạch ở thành phố; hoa nở."
    assert [apart[s:e] for s, e in find_hits(apart, "thanh hoa")] == ["thành", "thành", "hoa"]


def test_terms_are_found_at_the_start_of_words_only():
    text = "Thanh Hóa, xthanh; thanh-hoa 2thanh _thanh hoa"
    assert [text[s:e] for s, e in find_hits(text, "thanh")] == ["Thanh", "thanh", "thanh"]
    assert [text[s:e] for s, e in find_hits(text, "hoa")] == ["Hóa", "hoa", "hoa"]
    assert [text[s:e] for s, e in find_hits(text, "han*")] == []  # `han` stands inside words only
    assert [text[s:e] for s, e in find_hits(text, "tha* hoa")] == ["Thanh Hóa", "thanh hoa"]  # together
    assert [text[s:e] for s, e in find_hits(text, '"thanh hoa"')] == ["Thanh Hóa", "thanh-hoa", "thanh hoa"]

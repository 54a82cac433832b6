"""The UI's pure parts: word wrap with offsets, in-article search, figure values, list order."""
from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from thads_tui.corpus import Article, newest_first
from thads_tui.extract import Entity, Extraction, Figure
from thads_tui.ui import actions
from thads_tui.ui.app import create_app
from thads_tui.ui.widgets.article_view import wrap
from thads_tui.ui.widgets.panels import group_entities
from thads_tui.ui.widgets.article_list import Row
from thads_tui.ui.textsearch import find_all

from test_ui_support import ready

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=VIET + " \n,.", max_size=300), st.integers(min_value=1, max_value=40))
def test_wrap_keeps_every_word_within_width(text, width):
    lines = wrap(text, 0, len(text), width)
    assert all(e - s <= width for s, e in lines)
    assert all(0 <= s <= e <= len(text) for s, e in lines)
    assert [s for s, _ in lines] == sorted(s for s, _ in lines)
    kept = "".join(text[s:e] for s, e in lines)
    assert kept.replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_wrap_breaks_at_spaces_and_maps_offsets():
    text = "xx Thi hành án dân sự tỉnh Tây Ninh"
    lines = wrap(text, 3, len(text), 12)
    assert [text[s:e] for s, e in lines] == ["Thi hành án", "dân sự tỉnh", "Tây Ninh"]


@given(st.text(alphabet=VIET + " ", max_size=80), st.text(alphabet=VIET, min_size=1, max_size=5))
def test_search_hits_are_the_word_up_to_accents(text, word):
    from thads_tui.corpus.fold import fold

    hits = find_all(text, word)
    assert all(0 <= s < e <= len(text) and fold(text[s:e]) == fold(word) for s, e in hits)
    if word in text:
        assert hits


def test_search_ignores_accents_and_case():
    text = "Cục THADS thành phố Hà Nội; Đồng Nai"
    assert [text[s:e] for s, e in find_all(text, "ha noi")] == ["Hà Nội"]
    assert [text[s:e] for s, e in find_all(text, "DONG")] == ["Đồng"]
    assert [text[s:e] for s, e in find_all(text, "thành  phố")] == ["thành phố"]
    assert find_all(text, "   ") == []


def test_entities_group_by_type_and_canonical_name():
    ex = Extraction([
        Entity("ORG", "Bộ Tư pháp", 0, 10, "Bộ Tư pháp"),
        Entity("PERSON", "ông Khôi", 20, 28, "Mai Lương Khôi", "Thứ trưởng"),
        Entity("PERSON", "Mai Lương Khôi", 40, 54, "Mai Lương Khôi"),
        Entity("ORG", "Bộ Tư pháp", 60, 70, "Bộ Tư pháp"),
    ])
    groups = group_entities(ex)
    assert [(g.type, g.canonical, len(g.occurrences)) for g in groups] == [
        ("PERSON", "Mai Lương Khôi", 2), ("ORG", "Bộ Tư pháp", 2)]
    assert groups[0].role == "Thứ trưởng"


def _article(i: int, date: str | None, title: str) -> Article:
    return Article(f"id{i:05d}", Path(f"{i}.txt"), title, title, date, None, ())


def test_row_order_is_newest_first():
    rng = random.Random(4)
    dates = [None, "2019-12", "2019-12-01", "2020-01-05", "2023-06-23", "2017-02-17"]
    arts = [_article(i, rng.choice(dates), rng.choice(["Bộ", "bộ", "Án", "Tạo", "Cục"]) + str(i % 7))
            for i in range(300)]
    rows = sorted((Row.of(a) for a in arts), key=lambda r: r.key)
    expected = newest_first(arts)
    assert [(r.date, r.title.casefold()) for r in rows] == [(a.date, a.title.casefold()) for a in expected]


def test_action_table_is_consistent():
    ids = [a.id for a in actions.ACTIONS]
    assert len(ids) == len(set(ids))
    for scope in actions.SCOPES:
        keys = [k for a in actions.ACTIONS if a.scope == scope for k in a.keys.split(",")]
        assert len(keys) == len(set(keys)), f"two actions on one key in {scope}"
    assert all(b.id for scope in actions.SCOPES for b in actions.bindings(scope))


def many_articles(folder: Path, n: int) -> Path:
    """One JSON-lines dump of n short articles (one file: the catalogue reads it in one go)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps({"title": f"Bài viết số {i}", "date": f"20{10 + i % 14}-{1 + i % 12:02d}-01",
                         "content": f"Bài viết số {i} về thi hành án."}, ensure_ascii=False) for i in range(n))
    (folder / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


async def test_twenty_thousand_rows_stay_sorted_and_navigable(tmp_path):
    app = create_app([str(many_articles(tmp_path / "many", 20_000))], tmp_path / "db.json",
                     extractor=lambda a: Extraction())
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        rows = app.reader.sidebar.rows
        assert len(rows) == 20_000
        assert [r.key for r in rows] == sorted(r.key for r in rows)
        await pilot.press("end")
        assert app.reader.sidebar.cursor == 19_999 and app.reader.current.id == rows[-1].id
        assert app.reader.sidebar.scroll_y > 0
        await pilot.press("pageup", "k", "home")
        assert app.reader.sidebar.cursor == 0 and app.reader.sidebar.scroll_y == 0
        assert "20 000 articles" in app.reader.sub_title


def test_header_puts_what_changes_the_list_first_and_says_which_phase_runs():
    from thads_tui.ui.state import Filters, Markers, header_counts

    marks = Markers(frozenset({"a"}), frozenset(), {}, frozenset())
    line = header_counts(10_000, marks, (10_000, 10_000, True), Filters(unread=True), (1_024, 10_000),
                         read_only=True, waiting=False, unread=1_024)
    # a narrow terminal cuts the end of the line: the filter and the file's state come first
    assert line.startswith("filter: unread (1 024 of 10 000) · read-only · 10 000 articles · 1 ★")
    assert line.endswith("1 024 unread")
    building = header_counts(10_000, marks, (2_048, 10_000, False), Filters(), (0, 0), read_only=False,
                             waiting=False, phase="indexing")
    assert building.startswith("indexing 2 048 of 10 000 files…")
    analysing = header_counts(10_000, marks, (2_048, 10_000, False), Filters(), (0, 0), read_only=False,
                              waiting=False, phase="analysing")
    assert analysing.startswith("entities and figures: 2 048 of 10 000 articles…")


def test_search_status_says_nothing_of_files_once_every_file_is_searchable():
    from thads_tui.ui.source import CorpusSource

    source = CorpusSource(None, no_cache=True)
    source.loaded_files, source.total = 2_048, 10_000
    assert source.index_status() == "indexed 2 048 of 10 000 files so far"
    source.phase = "analysing"  # the second phase counts articles, and every file is searchable by then
    assert source.index_status() == ""
    source.close()


def test_the_other_rows_wait_for_the_first_screen_to_be_painted(monkeypatch):
    """A warm launch posts a screenful of rows, then waits (at most HEAD_WAIT) until the screen
    says they are painted before it builds the others: at 100k their building starved the first
    paint (0.8 s against the seeds' 0.26 s; 0.2-0.25 s now)."""
    import threading
    import time

    from thads_tui.ui import source as source_mod

    monkeypatch.setattr(source_mod, "FIRST_ROWS", 2)
    source = source_mod.CorpusSource(None, no_cache=True)
    source.cat.update(workers=1, analyse=False)  # catalogued: the launch has rows to post at once
    posts = []
    worker = threading.Thread(target=source.load, args=(lambda rows, *rest: posts.append(len(rows)),))
    worker.start()
    time.sleep(0.3)
    assert posts == [2]  # the first screen, and nothing else until it is painted
    source.head_shown.set()
    worker.join(10)
    assert posts[:2] == [2, 3] and sum(posts) == 5
    source.close()


def test_loading_and_indexing_stay_finished_when_the_screen_handles_a_batch_late():
    """Each batch is posted as Loaded (the screen's, after it bubbles up from the Feed) then
    Indexed (the Feed's, at once): under load the screen handles a batch after the Feed took the
    next batch's Indexed. Handled late, a batch must not undo 'finished' (the search screen said
    'indexed 5 of 5 files so far' for good: test_palette_lists_search_all under CPU load)."""
    from thads_tui.ui.messages import Indexed
    from thads_tui.ui.source import CorpusSource
    from thads_tui.ui.widgets.background import Feed

    source = CorpusSource(None, no_cache=True)
    source.head_shown.set()
    posts = []
    source.load(lambda *batch: posts.append(batch))
    assert source.load_finished and len(source.articles) == 5  # said once every row is listed
    feed, late = Feed(source), None
    for rows, _errors, done, total, finished, _gone in posts:
        feed.grew(Indexed(done, finished))
        if late is not None:
            source.add(*late)
        late = (rows, done, total, finished)
    assert source.index_finished and source.load_finished
    source.add(*late)
    assert source.index_finished and source.load_finished
    source.close()


def test_header_counts_only_the_open_articles_marks():
    """The annotations file keeps the marks of every folder ever opened: the header counts the
    ★ and ✎ of the articles open (a news folder showed `1 ★ · 1 ✎` from the seeds' notes)."""
    from thads_tui.ui.state import Filters, Markers, header_counts

    marks = Markers(frozenset({"a", "seed"}), frozenset({"seed"}))
    line = header_counts(2, marks, (2, 2, True), Filters(), (2, 2), read_only=False, waiting=False,
                         here={"a": 1, "b": 2})
    assert line == "2 articles · 1 ★ · 0 ✎"

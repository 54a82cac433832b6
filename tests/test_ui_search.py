"""Searching every article from the reader (ctrl+f): typing, results, opening one at its hits."""
from __future__ import annotations

from textual.widgets import Input, Static

from thads_tui.ui.screens.corpus_search import CorpusSearchScreen, ResultList

from test_ui_explore_support import make_corpus_app
from test_ui_support import SIZE, ready

KEYS = {" ": "space", '"': "quotation_mark", "*": "asterisk", "!": "exclamation_mark", "?": "question_mark"}


async def type_text(pilot, text: str) -> None:
    await pilot.press(*(KEYS.get(c, c) for c in text))


async def search(app, pilot, query: str) -> CorpusSearchScreen:
    """Open the search screen (if needed), replace the query by typing it, wait for the results."""
    if not isinstance(app.screen, CorpusSearchScreen):
        await pilot.press("ctrl+f")
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CorpusSearchScreen)
    screen.query_one(Input).value = ""
    await type_text(pilot, query)
    for _ in range(200):  # the debounce has fired (a fixed pause can end first under load)
        await pilot.pause(0.05)
        if not screen._typing.pending:
            break
    await ready(app, pilot)
    return screen


def status(screen) -> str:
    return str(screen.query_one("#corpus-status", Static).render())


def titles(screen) -> list[str]:
    return [r.title for r in screen.results]


async def test_search_without_accents_lists_the_right_articles_with_highlighted_snippets(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await search(app, pilot, "thanh hoa")
        assert titles(screen) == ["Thanh Hóa nâng tỷ lệ thi hành xong về tiền"]
        assert status(screen).startswith("1 article")
        head, snippets = screen.query_one(ResultList).get_option_at_index(0).prompt.renderables
        assert "2017-06-20" in head.plain and "Thanh Hóa" in head.plain
        text = snippets.renderable
        assert {text.plain[s.start:s.end] for s in text.spans} == {"Thanh Hóa"}  # the hits are styled
        screen = await search(app, pilot, "dong nai")
        assert titles(screen)[0].startswith("Đồng Nai")
        screen = await search(app, pilot, "nghi quyet 96")  # several words: all must occur
        assert sorted(titles(screen)) == sorted(["Thanh Hóa nâng tỷ lệ thi hành xong về tiền",
                                                 "Đồng Nai tổng kết công tác năm 2023"])
        screen = await search(app, pilot, '"tong cuc thads"')  # a phrase
        assert sorted(titles(screen)) == ["Thanh Hóa nâng tỷ lệ thi hành xong về tiền",
                                          "Tây Ninh: kiểm tra việc thi hành án tại các huyện"]
        screen = await search(app, pilot, "tay nin")  # the last word is a prefix while typing
        assert titles(screen) == ["Tây Ninh: kiểm tra việc thi hành án tại các huyện"]
        screen = await search(app, pilot, "hà nội xyzzy")
        assert titles(screen) == [] and "no article" in status(screen)


async def test_opening_a_result_marks_every_hit_and_f3_steps_through_them(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await search(app, pilot, "thanh hoa")
        result = screen.results[0]
        # "Thanh Hóa" stands in the text, so the byline "Lê Hoa" (a prefix match) is not a hit
        text = app.reader.source.cat.text(result.id)
        assert {text[s:e] for s, e in result.hits} == {"Thanh Hóa"}
        hits = [h for h in result.hits if app.reader.current.in_body(h[0])]
        assert len(hits) == 2
        await pilot.press("enter")
        await ready(app, pilot)
        assert not isinstance(app.screen, CorpusSearchScreen)
        assert app.reader.current.title.startswith("Thanh Hóa") and app.reader.sidebar.current_id == app.reader.current.id
        view = app.reader.view
        assert view.search_hits == hits and view.search_index == 0
        assert [app.reader.current.text[s:e] for s, e in hits] == ["Thanh Hóa", "Thanh Hóa"]
        assert "article--search" in view.styles_at(hits[1][0])
        assert "article--selected" in view.styles_at(hits[0][0])
        assert app.focused is view
        await pilot.press("f3")
        assert view.search_index == 1 and "article--selected" in view.styles_at(hits[1][0])
        assert "match 2 of 2" in str(app.query_one("#legend", Static).render())
        await pilot.press("f3")
        assert view.search_index == 0
        await pilot.press("shift+f3")
        assert view.search_index == 1
        # the next search starts from the last query; escape leaves everything as it was
        await pilot.press("ctrl+f")
        await pilot.pause(0.3)
        await ready(app, pilot)
        assert app.screen.query_one(Input).value == "thanh hoa" and titles(app.screen)
        await pilot.press("escape")
        assert app.reader.current.title.startswith("Thanh Hóa") and view.search_hits == hits
        # another article: its own view, no leftover hits
        app.reader.sidebar.focus()
        await pilot.press("home")
        await ready(app, pilot)
        assert view.search_hits == [] and app.reader.pane.corpus_query == ""


async def test_click_and_arrow_keys_choose_a_result(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await search(app, pilot, "nghi quyet")
        assert len(screen.results) == 2
        await pilot.press("down")
        second = screen.results[1]
        assert screen.current_result() is second
        await pilot.press("up", "up")
        assert screen.current_result() is screen.results[0]
        await pilot.click(ResultList, offset=(5, 0))
        await ready(app, pilot)
        assert app.reader.current.id == screen.results[0].id and app.reader.view.search_index == 0


async def test_bad_queries_say_why_and_never_crash(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await search(app, pilot, '"thi hanh')
        assert "unclosed quote" in status(screen) and titles(screen)
        screen = await search(app, pilot, "!?!")
        assert "no letters or digits" in status(screen) and titles(screen) == []
        screen.query_one(Input).value = "án " * 3_334  # 10,002 characters
        await pilot.pause(0.2)
        await ready(app, pilot)
        assert "query cut to its first" in status(screen) and titles(screen)  # the engine's note
        screen.query_one(Input).value = ""
        await pilot.pause(0.2)
        assert titles(screen) == [] and "Type words" in status(screen)
        await pilot.press("enter")  # nothing to open: stays
        assert isinstance(app.screen, CorpusSearchScreen)


async def test_palette_lists_search_all(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        titles_ = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Search all", "Filter", "All entities", "All figures", "Clear"} <= set(titles_)
        assert app.reader.source.index_finished and app.reader.source.cat.count() == 6


async def test_results_show_at_once_then_every_snippet_and_the_exact_count(tmp_path, monkeypatch):
    """The screen shows the first results (a screenful with snippets, counts up to a cap), then
    the search completes them: every result has its snippets, the count is exact."""
    from thads_tui.corpus.catalog import search as search_mod
    from thads_tui.ui import source as source_mod

    monkeypatch.setattr(search_mod, "COUNT_CAP", 1)
    monkeypatch.setattr(source_mod, "FIRST_DETAIL", 1)
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await search(app, pilot, "thi hanh an")
        assert len(screen.results) > 2 and all(r.snippets for r in screen.results)
        exact = app.reader.source.cat.search("thi hanh an")
        assert "more than" not in status(screen) and exact.summary in status(screen)

"""List filters, the entities view and the figures view, driven by keys and clicks."""
from __future__ import annotations

import csv

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from thads_tui.ui.screens.entities import EntitiesScreen
from thads_tui.ui.screens.figures import FiguresScreen
from thads_tui.ui.dialogs.filters import FilterScreen

from test_ui_explore_support import ALL_ORDER, make_corpus_app
from test_ui_support import SIZE, ready

TH, DN, TN, HN = ("Thanh Hóa nâng tỷ lệ", "Đồng Nai tổng kết", "Tây Ninh: kiểm tra", "Hà Nội đẩy mạnh")


def shown(app) -> list[str]:
    """The list's rows, by the start of their titles."""
    return [next(o for o in ALL_ORDER if r.title.startswith(o)) for r in app.reader.sidebar.shown]


async def open_view(app, pilot, key: str):
    """Open a view and wait until the corpus-wide analysis is done and the view has taken its
    last rows (the messages saying so pass through two widgets after the worker ends)."""
    await pilot.press(key)
    await ready(app, pilot)
    for _ in range(50):
        if app.reader.source.exploring_done:
            break
        await pilot.pause()
    for _ in range(3):
        await pilot.pause()
    return app.screen


async def test_filters_each_kind_combined_and_cleared(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert shown(app) == ALL_ORDER
        # bookmark Hà Nội, note on Thanh Hóa
        app.reader.sidebar.select_id(next(a.id for a in app.reader.source.articles.values() if a.title.startswith(HN)), announce=True)
        await ready(app, pilot)
        await pilot.press("b")
        app.save_note(app.reader.source.get(next(a.id for a in app.reader.source.articles.values() if a.title.startswith(TH))),
                      "xem lại")
        await pilot.press("ctrl+b")
        assert shown(app) == [HN] and "filter: ★ (1 of 6)" in app.reader.sub_title
        await pilot.press("ctrl+b", "ctrl+a")
        assert shown(app) == [TH] and "filter: ✎ (1 of 6)" in app.reader.sub_title
        assert app.reader.current.title.startswith(TH)  # the open article was filtered out: the first shown opens
        await pilot.press("ctrl+a")
        assert shown(app) == ALL_ORDER and "filter" not in app.reader.sub_title
        # the dialog: year, then source on top of it
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        dialog.query_one("#filter-year", Select).value = "2023"
        await pilot.pause()
        assert shown(app) == [DN, HN, TN] and "filter: 2023 (3 of 6)" in app.reader.sub_title
        assert [(str(p), v) for p, v in dialog.query_one("#filter-source", Select)._options[1:]] == [
            ("Lê Hoa", "Lê Hoa"), ("Minh Châu", "Minh Châu")]
        dialog.query_one("#filter-source", Select).value = "Lê Hoa"
        await pilot.pause()
        assert shown(app) == [DN] and "2023 + source “Lê Hoa” (1 of 6)" in app.reader.sub_title
        dialog.query_one("#filter-bookmarked", Checkbox).value = True
        await pilot.pause()
        assert shown(app) == [] and "(0 of 6)" in app.reader.sub_title
        assert "No article matches" in app.reader.sidebar.render_line(1).text
        await pilot.press("x")  # clear all, in the dialog
        assert shown(app) == ALL_ORDER and not dialog.query_one("#filter-bookmarked", Checkbox).value
        dialog.query_one("#filter-year", Select).value = "2017"
        await pilot.pause()
        await pilot.press("escape")
        assert not isinstance(app.screen, FilterScreen)
        assert shown(app) == [TH] and "filter: 2017" in app.reader.sub_title
        assert "Clear" in [b.binding.description for b in app.active_bindings.values()]
        await pilot.press("x")  # one key clears every filter
        assert shown(app) == ALL_ORDER and "filter" not in app.reader.sub_title
        assert "Clear" not in [b.binding.description for b in app.active_bindings.values()]


async def test_entities_view_filters_as_you_type_sorts_and_lists_the_articles(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await open_view(app, pilot, "E")
        assert isinstance(screen, EntitiesScreen)
        table = screen.query_one(DataTable)
        assert "analysed 6 of 6 articles" in str(screen.query_one(".view-status", Static).render())
        names = [e.name for e in screen.listed]
        # the two spellings of the Tổng cục are one entity, in 3 articles
        org = next(e for e in screen.listed if e.name == "Tổng cục Thi hành án dân sự")
        assert names.count("Tổng cục Thi hành án dân sự") == 1
        assert (org.article_count, org.mentions) == (3, 3) and [str(c) for c in table.get_row_at(names.index(org.name))[1:]] == ["organisation", "3", "3"]
        counts = [e.article_count for e in screen.listed]
        assert counts == sorted(counts, reverse=True)  # most articles first
        await pilot.press("ctrl+s")  # -> by mentions
        assert screen.sort_by == "mentions"
        mentions = [e.mentions for e in screen.listed]
        assert mentions == sorted(mentions, reverse=True)
        await pilot.click(DataTable, offset=(2, 0))  # the "Entity" header: by name
        assert screen.sort_by == "name" and screen.listed[0].name == "Bộ Tư pháp"
        await pilot.press("ctrl+r")
        assert screen.listed[-1].name == "Bộ Tư pháp"
        await pilot.press(*"dong", "space", "nai")  # accents optional
        await pilot.pause(0.2)  # filtered once typing pauses
        assert [e.name for e in screen.listed] == ["Đồng Nai"]
        for _ in range(7):
            await pilot.press("backspace")
        await pilot.press(*"tong", "space", "cuc")
        await pilot.pause(0.2)
        assert [e.name for e in screen.listed] == ["Tổng cục Thi hành án dân sự"]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EntitiesScreen)
        assert sorted(shown(app)) == sorted([DN, TN, TH])
        assert "mentions “Tổng cục Thi hành án dân sự” (3 of 6)" in app.reader.sub_title
        assert app.focused is app.reader.sidebar
        await pilot.press("x")
        assert len(app.reader.sidebar.shown) == 6


async def test_entities_view_arrow_keys_and_escape(tmp_path):
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await open_view(app, pilot, "E")
        await pilot.press("down", "down", "up")
        assert screen.table.cursor_row == 1 and screen.current().key == screen.listed[1].key
        await pilot.press("escape")
        assert not isinstance(app.screen, EntitiesScreen) and not app.reader.filters.active


async def test_a_table_view_cursor_stays_on_top_until_moved_then_follows_its_row(tmp_path):
    """Rows read later re-sort the view: an untouched cursor stays on the first row (it used to
    follow the first entity read down the list); once moved, it follows its row."""
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await open_view(app, pilot, "E")
        rows = list(screen.everything)
        screen.fetch = lambda: rows[::-1]  # the same rows, arriving in another order
        screen.sort_by = "name"
        screen.refresh_data()
        await pilot.pause()
        assert screen.table.cursor_row == 0
        await pilot.press("down", "down")
        chosen = screen.current().key
        screen.reverse = True
        screen.refresh_data()
        await pilot.pause()
        assert screen.current().key == chosen and screen.table.cursor_row == len(screen.listed) - 3


async def test_figures_view_sorts_opens_and_exports(tmp_path):
    app = make_corpus_app(tmp_path)
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await open_view(app, pilot, "F")
        assert isinstance(screen, FiguresScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 8 and screen.sort_by == "date"
        assert [r.date for r in screen.listed][:2] == ["2023-12-15", "2023-12-15"]
        assert str(table.get_row_at(0)[1]) == "2023-12-15"
        assert not screen.query("Chart")  # the chart that averaged unrelated percentages is gone
        await pilot.click(DataTable, offset=(2, 0))  # the "Article" header
        assert screen.sort_by == "title"
        await pilot.press("s", "s", "s")  # title -> date -> text -> value
        assert screen.sort_by == "value"
        values = [r.value for r in screen.listed if r.unit == "percent"]
        assert values == sorted(values)
        await pilot.press("r")  # values are compared within a unit: the biggest percentage first
        assert screen.listed[0].text == "90%"
        # export: every row, in the order shown
        await pilot.press("w")
        (path,) = tmp_path.glob("thads-figures-*.csv")
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert [r["figure"] for r in rows] == [r.text for r in screen.listed]
        assert (rows[0]["unit"], rows[0]["value"], rows[0]["series"]) == ("percent", "90", "về việc")
        assert next(r for r in rows if r["unit"] == "VND")["value"] == "970327000000"
        assert {r["title"] for r in rows} >= {"Thanh Hóa nâng tỷ lệ thi hành xong về tiền"}
        assert str(path) in " ".join(str(n.message) for n in app._notifications)
        # open the article at the 60 % figure
        target = next(i for i, r in enumerate(screen.listed) if r.text == "60%")
        table.move_cursor(row=target)
        await pilot.press("enter")
        await ready(app, pilot)
        assert not isinstance(app.screen, FiguresScreen)
        assert app.reader.current.title.startswith(TH)
        (start, end), = app.reader.view.marks
        assert app.reader.current.text[start:end] == "60%" and "article--selected" in app.reader.view.styles_at(start)


async def test_clearing_an_entity_filter_keeps_the_open_article(tmp_path):
    """E, an entity, enter, read its article, then x: the list shows every article again
    with the cursor on the open one (the first article opened instead: the list of articles
    mentioning the entity emptied a moment before the filter went)."""
    app = make_corpus_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await open_view(app, pilot, "E")
        await pilot.press(*"tay", "space", "ninh")  # not the first article of the list
        await pilot.pause(0.2)
        await pilot.press("enter")
        await ready(app, pilot)
        await pilot.press("enter")  # read the article the filtered list shows
        await ready(app, pilot)
        reading = app.reader.current.id
        assert app.reader.sidebar.shown[0].id == reading
        await pilot.press("x")
        await ready(app, pilot)
        await pilot.pause()
        assert len(app.reader.sidebar.shown) == 6
        assert app.reader.current.id == reading and app.reader.sidebar.current_id == reading

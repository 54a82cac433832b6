"""The reader, driven by keys and clicks like a user: what the screen shows and what the
annotations file holds afterwards."""
from __future__ import annotations

import unicodedata

from textual.widgets import TextArea

from thads_tui.store import AnnotationsError
from thads_tui.ui.widgets.article_view import ArticleView
from thads_tui.ui.dialogs.help import HelpScreen
from thads_tui.ui.dialogs.problems import ProblemsScreen
from thads_tui.ui.dialogs.confirm import ConfirmScreen
from thads_tui.ui.dialogs.note_editor import NoteEditor
from thads_tui.ui.widgets.panels import EntityPanel, FigurePanel
from thads_tui.ui.widgets.article_list import ArticleList

from test_ui_support import NOTE, ORDER, SIZE, Gate, db, make_app, ready, records, state


def titles(app) -> list[str]:
    return [row.title for row in app.reader.sidebar.rows]


async def test_start_lists_newest_first_and_opens_the_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert [t[:len(o)] for t, o in zip(titles(app), ORDER)] == ORDER
        assert app.reader.sidebar.row_text(0).strip().startswith("Hà Nội đẩy mạnh")
        assert "2023-03-12" in app.reader.sidebar.row_text(0)
        assert app.reader.current.title.startswith("Hà Nội")
        text = app.reader.view.rendered_text()
        assert text.splitlines()[0].startswith("Hà Nội đẩy mạnh")
        assert "2023-03-12" in text and "Nguyễn Văn Minh" in text
        assert "3 articles" in app.reader.sub_title and "0 ★" in app.reader.sub_title
        assert app.focused is app.reader.sidebar


async def test_list_keys_move_and_open(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for key, expected in [("j", 1), ("down", 2), ("down", 2), ("k", 1), ("up", 0), ("end", 2),
                              ("home", 0), ("pagedown", 2), ("pageup", 0)]:
            await pilot.press(key)
            await pilot.pause()
            assert app.reader.sidebar.cursor == expected, key
            assert app.reader.current.title == app.reader.sidebar.rows[expected].title, key
            assert app.reader.view.rendered_text().startswith(app.reader.sidebar.rows[expected].title[:20])


async def test_click_opens_and_enter_focuses_the_article(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.click(ArticleList, offset=(5, 2))  # second row (two lines per row)
        await pilot.pause()
        assert app.reader.current.title.startswith("Đà Nẵng")
        assert app.focused is app.reader.view
        app.reader.sidebar.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.reader.current.title.startswith("Ghi nhận")
        assert app.focused is app.reader.view
        await pilot.press("escape")
        assert app.focused is app.reader.sidebar


async def test_tab_cycles_focus_through_the_panes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(type(app.focused))
        assert seen == [ArticleView, EntityPanel, FigurePanel, ArticleList]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, FigurePanel)


async def test_b_toggles_the_bookmark_on_screen_and_in_the_file(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        assert app.reader.sidebar.row_text(0).startswith("★")
        assert "1 ★" in app.reader.sub_title
        saved = records(db(tmp_path), "bookmarks")
        assert [r["article_id"] for r in saved] == [app.reader.current.id]
        assert saved[0]["citation"]["title"] == app.reader.current.title
        await pilot.press("b")
        await pilot.pause()
        assert not app.reader.sidebar.row_text(0).startswith("★")
        assert records(db(tmp_path), "bookmarks") == []


async def test_n_writes_a_vietnamese_note_saved_byte_exact_in_nfc(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*NOTE[:-6])
        # the rest arrives decomposed (NFD), as some input methods and pastes send it
        app.screen.query_one(TextArea).insert(unicodedata.normalize("NFD", NOTE[-6:]))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert app.reader.sidebar.row_text(0)[1] == "✎"
        assert "1 ✎" in app.reader.sub_title
        assert NOTE in app.reader.view.rendered_text()
        raw = (tmp_path / "db.json").read_bytes()
        assert NOTE.encode("utf-8") in raw
        assert unicodedata.normalize("NFD", NOTE).encode("utf-8") not in raw
        notes = records(db(tmp_path), "notes")
        assert [(n["article_id"], n["text"]) for n in notes] == [(app.reader.current.id, NOTE)]
        # editing again starts from the saved text; emptying it removes the note
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == NOTE
        app.screen.query_one(TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert records(db(tmp_path), "notes") == []
        assert NOTE not in app.reader.view.rendered_text()


async def test_a_note_changed_in_another_window_meanwhile_is_merged_not_lost(tmp_path):
    from thads_tui.store import Annotations

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        app.screen.query_one(TextArea).text = "Cửa sổ này: cần rà soát"
        other = Annotations(tmp_path / "db.json")  # a second reader on the same file
        other.set_note(app.reader.current.id, "Cửa sổ kia: đã liên hệ Cục")
        other.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        [note] = records(db(tmp_path), "notes")
        assert "Cửa sổ này: cần rà soát" in note["text"] and "Cửa sổ kia: đã liên hệ Cục" in note["text"]
        assert "Cửa sổ kia" in app.reader.view.rendered_text() and "Cửa sổ này" in app.reader.view.rendered_text()
        assert any("another window" in n.message for n in app._notifications)


async def test_escape_asks_before_dropping_changes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("n", "escape")  # unchanged: closes at once
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("n", *"draft", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))
        assert records(db(tmp_path), "notes") == []


async def test_failed_save_keeps_the_editor_open_with_the_text(tmp_path):
    app = make_app(tmp_path)

    def refuse(*args, **kwargs):
        raise AnnotationsError("the disk is full")

    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.ann.set_note = refuse
        await pilot.press("n", *"ghi chú", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "ghi chú"
        assert "the disk is full" in str(app.screen.query_one("#note-error").render())
        assert app.screen.query_one("#note-error").display


async def test_e_and_f_toggle_the_panels_and_remember_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        entities, figures = app.query_one(EntityPanel), app.query_one(FigurePanel)
        assert entities.display and figures.display
        await pilot.press("e")
        assert not entities.display and figures.display
        # remembered for this width class only (wide); the others keep their own choice
        assert state(db(tmp_path), "panels")["wide"] == {"sidebar": True, "entities": False, "figures": True, "notes": True}
        assert state(db(tmp_path), "panels")["compact"] == {"sidebar": True, "entities": False, "figures": False, "notes": False}
        await pilot.press("f")
        assert not figures.display and not app.query_one("#panels").display
        await pilot.press("e", "f")
        assert entities.display and figures.display
        assert state(db(tmp_path), "panels")["wide"]["figures"] is True
        await pilot.press("s")
        assert not app.reader.sidebar.display
        await pilot.press("s")
        assert app.reader.sidebar.display and app.focused is app.reader.sidebar


async def test_highlights_one_style_per_type_innermost_wins(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = app.reader.current.text
        assert app.reader.view.styles_at(text.index("Bộ Tư pháp")) == ["article--org"]
        assert app.reader.view.styles_at(text.index("Nguyễn Văn Minh")) == ["article--person"]
        inner = text.index("Hà Nội về")  # LOCATION inside the ORG "Cục … thành phố Hà Nội"
        assert app.reader.view.styles_at(inner)[-1] == "article--location"
        assert app.reader.view.styles_at(text.index("82,5%")) == ["article--figure"]
        assert app.reader.view.styles_at(text.index("Sáng")) == []
        # painted: the ORG span's colour differs from the plain text's
        row = app.reader.view.line_of_offset(text.index("Bộ Tư pháp")) - int(app.reader.view.scroll_y)
        styles = {seg.text: seg.style for seg in app.reader.view.render_line(row)}
        org = app.reader.view.get_component_rich_style("article--org", partial=True)
        assert any(seg_text.startswith("Bộ Tư pháp") and s.color == org.color for seg_text, s in styles.items())
        legend = str(app.query_one("#legend").render())
        # one vocabulary: the legend says what the panels' headings say (LOCATION, LEGAL REFERENCE)
        for name in ("person", "organisation", "location", "legal reference", "date", "acronym", "figure"):
            assert f"■ {name}" in legend
        assert "place" not in legend and "law" not in legend
        assert f"{len(app.query_one(EntityPanel).groups)} ent." in legend  # names, as the panel counts them


async def test_analysing_then_highlights(tmp_path):
    gate = Gate()
    app = make_app(tmp_path, extractor=gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app.reader.current is None:
            await pilot.pause()
        assert "analysing…" in str(app.query_one("#legend").render())
        assert app.reader.view.highlights == []
        gate.event.set()
        await ready(app, pilot)
        assert "analysing" not in str(app.query_one("#legend").render())
        assert app.reader.view.highlights


async def test_entity_panel_lists_groups_and_selects_occurrences(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        panel = app.query_one(EntityPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        joined = "\n".join(prompts)
        assert "PERSON" in joined and "Nguyễn Văn Minh" in joined and "Thứ trưởng" in joined
        assert "THADS = thi hành án dân sự ×2" in joined
        assert "Hà Nội ×3" in joined
        assert panel.border_title.startswith("Entities (")
        hanoi = next(i for i, p in enumerate(prompts) if p.strip().startswith("Hà Nội"))
        panel.focus()
        panel.highlighted = hanoi
        await pilot.press("enter")
        await pilot.pause()
        text = app.reader.current.text
        first = text.index("Hà Nội", 10)
        assert app.reader.view.marks[0][0] == first and len(app.reader.view.marks) == 3
        assert app.reader.view.mark_index == 0
        assert app.reader.view.styles_at(first)[-1] == "article--selected"
        await pilot.press("enter")  # choosing it again goes on to the next occurrence
        assert app.reader.view.mark_index == 1
        await pilot.press("right_square_bracket")
        assert app.reader.view.mark_index == 2
        await pilot.press("right_square_bracket")
        assert app.reader.view.mark_index == 0
        await pilot.press("left_square_bracket")
        assert app.reader.view.mark_index == 2
        # the message says whose occurrence it is
        assert any(n.message == "“Hà Nội”: occurrence 3 of 3" for n in app._notifications)


async def test_figure_panel_shows_normalised_values_and_selects(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        table = app.query_one(FigurePanel)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        # two lines a figure: as written over its value (Vietnamese notation, as F shows it); what it measures
        # (this test extractor gives only the gloss) over whose and when
        assert ["13.140 việc\n13.140 việc", "thi hành xong\n"] in rows
        assert ["82,5%\n82,5 %", "tỷ lệ về việc\n"] in rows
        assert ["970.327 triệu…\n970,327 tỷ đ", "thu hồi\n"] in rows  # in tỷ, as F and R write money
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        start = app.reader.current.text.index("82,5%")
        assert app.reader.view.marks == [(start, start + 5)]
        assert "article--selected" in app.reader.view.styles_at(start)


async def test_figure_panel_shows_whose_and_when_in_full(tmp_path):
    """What a figure measures, of whom and when, never cut at the panel's edge: the year of
    `toàn quốc · 8 tháng 2023` was (a table wider than the panel); a long subject wraps."""
    from thads_tui.analysis import analyse
    from thads_tui.ui.app import create_app

    app = create_app(None, tmp_path / "db.json", extractor=analyse)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        while "8 tháng năm 2023" not in app.reader.current.text:
            await pilot.press("j")
            await ready(app, pilot)
        await pilot.pause()
        table = app.query_one(FigurePanel)
        facts = [str(table.get_row_at(i)[1]).split("\n")[1] for i in range(table.row_count)]
        assert "toàn quốc · 8 tháng 2023" in facts
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) + table.styles.scrollbar_size_vertical <= table.size.width
        await pilot.resize_terminal(130, 40)  # the narrowest with the panels beside the article
        await pilot.pause()
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert table.size.width and sum(widths) + table.styles.scrollbar_size_vertical <= table.size.width


async def test_slash_searches_ignoring_accents(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        search = app.query_one("#search")
        assert search.display and app.focused is search
        await pilot.press(*"ha noi")
        await pilot.pause()
        text = app.reader.current.text
        hits = app.reader.view.search_hits
        assert len(hits) == 3 and all(text[s:e] == "Hà Nội" for s, e in hits)
        assert app.reader.view.search_index == 0
        assert "article--search" in app.reader.view.styles_at(hits[1][0])
        assert "match 1 of 3" in str(app.query_one("#legend").render())
        await pilot.press("enter")
        assert app.reader.view.search_index == 1
        await pilot.press("f3")
        assert app.reader.view.search_index == 2
        await pilot.press("shift+f3")
        assert app.reader.view.search_index == 1
        await pilot.press("up")
        assert app.reader.view.search_index == 0
        await pilot.press("escape")
        assert not search.display and app.reader.view.search_hits == []
        assert app.focused is app.reader.view


async def test_search_without_match_says_so(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"xyzzy")
        await pilot.pause()
        assert app.reader.view.search_hits == []
        assert "no match" in str(app.query_one("#legend").render())


async def test_question_mark_shows_every_key(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=120, record=True)
        console.print(app.screen.body)
        shown = console.export_text()
        for keys in ("?", "b", "n", "e", "f", "/", "q", "tab", "down / j", "up / k", "enter", "ctrl+s",
                     "f3", "shift+f3", "]", "[", "l", "s", "escape", "home", "end"):
            assert any(line.strip().startswith(keys) for line in shown.splitlines()), keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_l_lists_skipped_files(tmp_path):
    from test_ui_support import write_articles

    folder = write_articles(tmp_path / "articles", {"hong.txt": b"\x00\x01\x02binary"})
    app = make_app(tmp_path, paths=[str(folder)])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        assert any("skipped" in n.message for n in app._notifications)
        await pilot.press("l")
        assert isinstance(app.screen, ProblemsScreen)
        body = str(app.screen.body)
        assert "hong.txt" in body and "binary" in body
        await pilot.press("l")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_q_quits(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_command_palette_runs_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        titles_ = [c.title for c in app.get_system_commands(app.screen)]
        for label in ("Bookmark", "Note", "Entities", "Figures", "Search", "Help", "Problems", "Quit"):
            assert label in titles_
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bookmark")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.ann.is_bookmarked(app.reader.current.id)


async def test_keys_can_be_remapped_by_id(tmp_path):
    app = make_app(tmp_path, keymap={"reader.bookmark": "m"})
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("b")
        assert not app.ann.is_bookmarked(app.reader.current.id)
        await pilot.press("m")
        assert app.ann.is_bookmarked(app.reader.current.id)


async def test_restart_brings_back_bookmark_note_article_and_layout(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("j")  # Đà Nẵng
        await pilot.press("b", "n", *NOTE, "ctrl+s")
        await pilot.press("f")
        await pilot.pause()
        opened = app.reader.current.id
        await pilot.press("q")
    assert state(db(tmp_path), "last_article") == opened

    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.reader.current.id == opened
        assert again.reader.sidebar.current_id == opened
        assert again.reader.sidebar.row_text(1).startswith("★✎")
        assert NOTE in again.reader.view.rendered_text()
        assert again.query_one(EntityPanel).display and not again.query_one(FigurePanel).display
        assert "1 ★" in again.reader.sub_title and "1 ✎" in again.reader.sub_title


async def test_annotation_problem_is_shown_not_raised(tmp_path):
    damaged = "{ this is not json"
    (tmp_path / "db.json").write_text(damaged, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        problem = app.ann.problem
        assert problem and app.ann.read_only and "read-only" in app.reader.sub_title
        assert any(problem[:30] in n.message for n in app._notifications)
        await pilot.press("l")
        assert problem[:30] in str(app.screen.body)
        await pilot.press("escape")
        await pilot.press("b")  # refused with a message, never a crash
        await pilot.pause()
        assert app.is_running and not app.reader.sidebar.bookmarked
    assert (tmp_path / "db.json").read_text(encoding="utf-8") == damaged  # untouched
    backups = list(tmp_path.glob("db.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == damaged


async def test_ctrl_r_starts_a_fresh_file_after_asking_and_keeps_the_backup(tmp_path):
    damaged = "{ this is not json"
    (tmp_path / "db.json").write_text(damaged, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.click("#no")  # keep read-only: nothing changes
        await pilot.pause()
        assert app.ann.read_only
        await pilot.press("ctrl+r")
        await pilot.click("#yes")
        await pilot.pause()
        assert not app.ann.read_only and app.ann.problem is None
        assert "read-only" not in app.reader.sub_title
        await pilot.press("b")
        await pilot.pause()
        assert app.reader.current.id in app.reader.sidebar.bookmarked
    assert [r["article_id"] for r in records(db(tmp_path), "bookmarks")] == [app.reader.current.id]
    assert damaged in [p.read_text(encoding="utf-8") for p in tmp_path.glob("db.json.*.bak")]


async def test_real_pipeline_on_bundled_seeds_is_robust(tmp_path):
    from thads_tui.ui.app import create_app

    app = create_app(None, tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert len(app.reader.sidebar.rows) == 5
        for _ in range(5):
            await ready(app, pilot)
            assert app.reader.view.rendered_text().startswith(app.reader.current.title[:10])
            assert "analysing" not in str(app.query_one("#legend").render())
            await pilot.press("down")
        await pilot.press("e", "f", "tab", "tab", "enter", "slash", *"thi hanh an", "enter", "escape")
        await ready(app, pilot)
        assert app.reader.view.search_hits == [] and app.focused is app.reader.view  # escape closed the search


async def test_light_theme_repaints_highlights_in_its_own_colours(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dark = app.reader.type_style("PERSON").color
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light = app.reader.type_style("PERSON").color
        assert light != dark
        text = app.reader.current.text
        row = app.reader.view.line_of_offset(text.index("Nguyễn Văn Minh")) - int(app.reader.view.scroll_y)
        colours = {seg.style.color for seg in app.reader.view.render_line(row) if "Nguyễn" in seg.text}
        assert colours == {light}

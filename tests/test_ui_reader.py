"""The reader screen's state and the bugs a new user hit (issue 9), each with its regression test:
reading keys, remembered positions, history, layout per width class, settings, saves that wait
for another window, and a header that never goes stale."""
from __future__ import annotations

import fcntl
import os

import pytest
from textual import events
from rich.color import ColorSystem

from thads_tui.corpus import bundled_seeds
from thads_tui.store import Annotations
from thads_tui.ui.app import create_app
from thads_tui.ui.dialogs.confirm import ConfirmScreen
from thads_tui.ui.dialogs.note_editor import NoteEditor
from thads_tui.ui.widgets.panels import EntityPanel, FigurePanel

from test_ui_support import ARTICLES, db, make_app, ready, records, state, until, write_articles

SIZE = (140, 45)


def seeds_app(tmp_path, **kw):
    return create_app([str(bundled_seeds())], tmp_path / "db.json", **kw)


def painted(view, row: int) -> str:
    return "".join(seg.text for seg in view.render_line(row)).rstrip()


def last_line_on_screen(view) -> bool:
    """The article's last laid-out line is painted on the last rows of the view."""
    lines = view.rendered_text().split("\n")
    height = view.scrollable_content_region.height
    rows = [painted(view, y).strip() for y in range(height)]
    return lines[-1].strip() in rows and view.scroll_offset.y + height >= len(lines)


@pytest.mark.parametrize("size", [(140, 45), (120, 40), (80, 24)])
async def test_end_shows_the_last_line_of_every_seed_article(tmp_path, size):
    app = seeds_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        reader = app.reader
        for i in range(len(reader.sidebar.shown)):
            reader.sidebar.move_to(i)
            await ready(app, pilot)
            reader.view.focus()
            await pilot.press("end")
            await pilot.pause()
            assert last_line_on_screen(reader.view), reader.current.title
            await pilot.press("home")
            assert reader.view.scroll_offset.y == 0


async def test_end_shows_the_last_line_of_a_note(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.save_note(app.reader.current, "dòng một\n" * 8 + "DÒNG CUỐI của ghi chú")
        await pilot.pause()
        app.reader.view.focus()
        await pilot.press("G")
        await pilot.pause()
        assert last_line_on_screen(app.reader.view)
        assert "DÒNG CUỐI" in painted(app.reader.view, app.reader.view.scrollable_content_region.height - 1)


async def test_reading_keys_scroll_as_in_less(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        view = app.reader.view
        view.focus()
        height = view.scrollable_content_region.height
        await pilot.press("j", "j", "j")
        assert view.scroll_offset.y == 3
        await pilot.press("k")
        assert view.scroll_offset.y == 2
        await pilot.press("space")
        assert view.scroll_offset.y == 2 + height
        await pilot.press("shift+space")
        assert view.scroll_offset.y == 2
        await pilot.press("ctrl+d")
        assert view.scroll_offset.y == 2 + height // 2
        await pilot.press("ctrl+u")
        assert view.scroll_offset.y == 2
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_offset.y == 0


async def test_position_per_article_across_articles_and_restarts(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        reader = app.reader
        first = reader.current.id
        reader.view.focus()
        await pilot.press("space", "space")
        place = reader.view.top_offset()
        assert place > 0
        reader.sidebar.focus()
        await pilot.press("j")
        await ready(app, pilot)
        assert reader.current.id != first and reader.view.scroll_offset.y == 0
        await pilot.press("k")
        await ready(app, pilot)
        assert reader.current.id == first and reader.view.top_offset() == place
        await pilot.press("q")
    assert state(db(tmp_path), "positions")[first] == place

    again = seeds_app(tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:  # another width: the same text on top
        await ready(again, pilot)
        assert again.reader.current.id == first
        view = again.reader.view  # the line holding the remembered text is the first on screen
        assert view.scroll_offset.y == view.line_of_offset(place) > 0


async def test_back_and_forward_through_the_articles_opened(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        titles = [r.title for r in reader.sidebar.rows]
        await pilot.press("j", "j")
        await ready(app, pilot)
        assert reader.current.title == titles[2]
        await pilot.press("less_than_sign")
        assert reader.current.title == titles[1]
        await pilot.press("less_than_sign")
        assert reader.current.title == titles[0]
        await pilot.press("less_than_sign")  # nothing before: stays, and says so
        assert reader.current.title == titles[0]
        assert any("No article further back" in n.message for n in app._notifications)
        await pilot.press("greater_than_sign")
        assert reader.current.title == titles[1] and reader.sidebar.current_id == reader.current.id
        footer_keys = {b.binding.id for b in app.active_bindings.values() if b.binding.show}
        assert {"reader.history_back", "reader.history_forward"} <= footer_keys


async def test_layout_is_remembered_per_width_class(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(app, pilot)
        reader = app.reader
        await pilot.press("s")
        assert reader.sidebar.display
        await pilot.press("s")  # hidden again, at 60 columns only
        assert not reader.sidebar.display
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert reader.sidebar.display and reader.query_one(EntityPanel).display


async def test_toggling_a_panel_keeps_the_reading_position(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view = app.reader.view
        view.focus()
        await pilot.press("space", "space")
        place = view.top_offset()
        first_row = painted(view, 0)
        await pilot.press("e", "f")  # the article gets wider: the lines wrap anew
        await pilot.pause()
        assert view.size.width > 100
        assert view.top_offset() == place
        assert painted(view, 0).split()[0] == first_row.split()[0]
        await pilot.press("e", "f")
        await pilot.pause()
        assert view.top_offset() == place


async def test_confirm_dialog_wraps_its_whole_text(tmp_path):
    (tmp_path / "db.json").write_text("{broken", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.query_one("#question")
        painted_text = " ".join(
            "".join(seg.text for seg in question.render_line(y)).strip() for y in range(question.size.height))
        assert painted_text.endswith("The old file stays as a backup.")
        assert "damaged" in painted_text


async def test_one_article_is_not_articles_and_the_palette_has_no_doubles(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES["da-nang.txt"], encoding="utf-8")
    app = make_app(tmp_path, paths=[str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.reader.sub_title.startswith("1 article ·")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Quit") == 1 and "Keys" not in titles and "Help" in titles


async def test_side_panels_grow_with_the_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await ready(app, pilot)
        wide = app.reader.query_one("#panels").size.width
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        narrow = app.reader.query_one("#panels").size.width
        table = app.reader.query_one(FigurePanel)
        assert narrow >= 46
    assert wide > narrow + 10


async def test_identical_titles_show_what_differs(tmp_path):
    twin = ARTICLES["da-nang.txt"].replace("Hội nghị thống nhất", "Hội nghị cũng thống nhất")  # another text
    folder = write_articles(tmp_path / "articles", {"copy.txt": twin.encode("utf-8")})
    app = make_app(tmp_path, paths=[str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        rows = [app.reader.sidebar.row_text(i) for i in range(len(app.reader.sidebar.shown))]
        twins = [r for r in rows if "Đà Nẵng" in r]
        assert len(twins) == 2
        assert any("copy.txt" in r for r in twins) and any("da-nang.txt" in r for r in twins)
        assert not any(".txt" in r for r in rows if "Đà Nẵng" not in r)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_entity_type_distinct_in_256_colours_and_truecolor(tmp_path, theme):
    app = make_app(tmp_path, theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        types = ("PERSON", "ORG", "LOCATION", "LEGAL_REF", "DATE", "ACRONYM", "FIGURE")
        colours = [app.reader.type_style(t).color for t in types]
        assert len({c.triplet for c in colours}) == len(types)
        assert len({c.downgrade(ColorSystem.EIGHT_BIT).number for c in colours}) == len(types)


# --- settings ----------------------------------------------------------------------------------------
async def test_bad_settings_file_says_so_and_uses_the_defaults(tmp_path):
    (tmp_path / "settings.toml").write_text("theme = [unclosed", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        notes = [n.message for n in app._notifications if "settings" in n.message]
        assert len(notes) == 1 and "the defaults are used" in notes[0] and notes[0].count(". ") == 0
        assert app.reader.query_one(EntityPanel).display
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == "theme = [unclosed"


async def test_theme_is_saved_and_comes_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.theme = "textual-light"
        await pilot.pause()
    assert 'theme = "textual-light"' in (tmp_path / "settings.toml").read_text(encoding="utf-8")
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.theme == "textual-light"
    once = make_app(tmp_path, theme="textual-dark")  # --theme: for this run
    async with once.run_test(size=SIZE) as pilot:
        assert once.theme == "textual-dark"


async def test_keymap_and_default_panels_from_settings(tmp_path):
    (tmp_path / "settings.toml").write_text(
        '[keymap]\n"reader.bookmark" = "B"\n\n[panels]\nwide = ["sidebar"]\n', encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert not app.reader.query_one("#panels").display and app.reader.sidebar.display
        await pilot.press("b")
        await ready(app, pilot)
        assert not app.reader.sidebar.bookmarked
        await pilot.press("B")
        await ready(app, pilot)
        assert [r["article_id"] for r in records(db(tmp_path), "bookmarks")] == [app.reader.current.id]


# --- saves while another window holds the file ---------------------------------------------------------
async def test_saves_wait_for_another_window_and_lose_nothing(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        fd = os.open(tmp_path / "db.json.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)  # another process's hold, as far as the store can tell
        try:
            await pilot.press("b")
            assert reader.current.id in reader.sidebar.bookmarked  # the UI did not block
            await pilot.press("n", *"ghi chú")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "waiting for another window" in reader.sub_title)
            assert "waiting for another window" in reader.sub_title
            assert isinstance(app.screen, NoteEditor) and app.screen.text == "ghi chú"
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        await ready(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert "waiting" not in reader.sub_title and "1 ★" in reader.sub_title and "1 ✎" in reader.sub_title
    data = db(tmp_path)
    assert [r["article_id"] for r in records(data, "bookmarks")] == [app.reader.current.id]
    assert [r["text"] for r in records(data, "notes")] == ["ghi chú"]


# --- the header never goes stale ------------------------------------------------------------------
async def test_header_follows_every_path_of_change(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader = app.reader
        await pilot.press("b")  # key
        assert "1 ★" in reader.sub_title and reader.sidebar.row_text(0).startswith("★")
        bookmark = next(c for c in app.get_system_commands(app.screen) if c.title == "Bookmark")
        await bookmark.callback()  # palette
        await ready(app, pilot)
        assert "0 ★" in reader.sub_title and not reader.sidebar.row_text(0).startswith("★")
        await pilot.press("n", *"ghi chú", "ctrl+s")  # dialog
        await ready(app, pilot)
        assert "1 ✎" in reader.sub_title and reader.sidebar.row_text(0)[1] == "✎"
        await pilot.press("ctrl+a")  # filter
        assert "filter: ✎ (1 of 3)" in reader.sub_title
        await pilot.press("x")
        assert "filter" not in reader.sub_title
        await pilot.press("e")  # layout
        assert not reader.query_one(EntityPanel).display
        with Annotations(tmp_path / "db.json") as other:  # the CLI or another window changes the file
            other.set_bookmark(reader.sidebar.rows[2].id, True)
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert "1 ★" in reader.sub_title and reader.sidebar.row_text(2).startswith("★")


async def test_panel_and_entities_view_count_mentions_the_same_way(tmp_path):
    """One definition: a mention is an occurrence in the body, grouped by canonical name, typed
    by its most frequent type; the panel (one article) and the E view (corpus) agree on it."""
    from thads_tui.explore import name_key
    from thads_tui.ui.screens.entities import EntitiesScreen
    from thads_tui.ui.widgets.panels import group_entities

    seed = sorted(bundled_seeds().glob("*.txt"))[4]
    app = create_app([str(seed)], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        groups = {name_key(g.canonical): (len(g.occurrences), g.type) for g in group_entities(app.reader.analysis.extraction)}
        await pilot.press("E")
        await ready(app, pilot)
        assert isinstance(app.screen, EntitiesScreen)
        view = {e.key: (e.mentions, e.type) for e in app.screen.everything}
        assert groups == view
        assert "titles and date lines not counted" in str(app.screen.query_one(".view-status").render())


async def test_walking_a_read_only_file_raises_no_error_and_keeps_it_untouched(tmp_path):
    """A damaged file opens read-only: the cursor still moves and remembers where it is, in memory,
    without an error toast per move (the reading state is ours, not the user's) and without a write."""
    broken = '{"bookmarks": {"1": '
    (tmp_path / "db.json").write_text(broken, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        first = app.reader.article.id
        await pilot.press("j")
        await until(pilot, lambda: app.reader.article.id != first)
        await pilot.pause(0.8)  # past the reading-state debounce (0.5 s)
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "damaged" in said[0]  # the notice, and nothing per move
        assert not any("not saved" in p for p in app.reader.notebook.problems)
    assert (tmp_path / "db.json").read_text(encoding="utf-8") == broken

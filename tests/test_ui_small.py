"""Small terminals: panels fold away and stay reachable; nothing crashes at 40x12."""
from __future__ import annotations

import pytest

from thads_tui.ui.dialogs.note_editor import NoteEditor
from thads_tui.ui.widgets.panels import EntityPanel, FigurePanel

from test_ui_support import db, make_app, ready, state


async def test_80x24_folds_the_panels_under_the_article(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert app.reader.sidebar.display and app.reader.view.display
        assert not app.query_one("#panels").display  # folded, though the saved layout shows them
        assert app.reader.view.size.width >= 40
        await pilot.press("e")
        panel = app.query_one(EntityPanel)
        assert panel.display and panel.size.height >= 4
        assert panel.region.y > app.reader.view.region.y  # stacked under the article
        assert state(db(tmp_path), "panels")["compact"]["entities"] is True  # for this width class
        assert state(db(tmp_path), "panels")["wide"]["entities"] is True
        await pilot.press("f")
        assert app.query_one(FigurePanel).display
        await pilot.press("e", "f")
        assert not app.query_one("#panels").display
        await pilot.press("j")
        assert app.reader.current.title == app.reader.sidebar.rows[1].title


async def test_narrow_shows_one_pane_at_a_time(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(app, pilot)
        assert not app.reader.sidebar.display and app.reader.view.display
        await pilot.press("s")
        assert app.reader.sidebar.display and not app.query_one("#reader").display
        assert app.focused is app.reader.sidebar
        await pilot.press("j", "enter")
        assert not app.reader.sidebar.display and app.reader.view.display and app.focused is app.reader.view
        assert app.reader.current.title == app.reader.sidebar.rows[1].title
        await pilot.press("escape")  # back to the list
        assert app.reader.sidebar.display and app.focused is app.reader.sidebar


async def test_40x12_survives_every_key(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await ready(app, pilot)
        for key in ["s", "j", "k", "down", "end", "home", "pagedown", "enter", "tab", "e", "f", "b",
                    "right_square_bracket", "slash", "h", "a", "enter", "f3", "escape", "question_mark",
                    "escape", "l", "escape", "s", "shift+tab"]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("n", *"ghi chú", "ctrl+s")
        await ready(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert app.ann.get_note(app.reader.current.id) == "ghi chú"
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert app.query_one("#reader").display and app.reader.sidebar.display
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        assert app.focused is not None and app.focused.display  # something visible holds the focus


async def test_resizing_keeps_focus_on_a_visible_pane(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        app.query_one(EntityPanel).focus()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.focused is not None and app.focused.display


async def test_wrapped_lines_fit_the_view_once_the_scrollbar_shows(tmp_path):
    """Regression: the scrollbar appearing after layout cut the last letter of full lines."""
    from rich.cells import cell_len

    from thads_tui.corpus import bundled_seeds

    app = make_app(tmp_path, paths=[str(bundled_seeds())])
    for size in [(140, 45), (100, 30), (80, 24)]:
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            view = app.reader.view
            assert view.max_scroll_y > 0  # long enough to need the scrollbar
            width = view.scrollable_content_region.width
            assert max(cell_len(line.text) for line in view._lines) <= width
        app = make_app(tmp_path, paths=[str(bundled_seeds())])


async def test_filters_dialog_on_a_tiny_terminal(tmp_path):
    """Regression: at 20x5 the year select opened at width 0 and crashed (range() step 0)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(20, 5)) as pilot:
        await ready(app, pilot)
        await pilot.press("v", "tab", "tab", "down", "down", "enter", "tab", "down", "escape", "escape")
        await pilot.pause()
        assert app.screen is app.reader and app.return_code is None  # closed, still running


async def test_moving_the_cursor_writes_the_last_article_once_and_reads_each_note_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        if app.reader._save_reading.flush():  # the launch's own wait (0.5 s) ends now, not among the keys
            await ready(app, pilot)
        writes, reads = [], []
        set_state, get_note = app.ann.set_state, app.ann.get_note
        app.ann.set_state = lambda key, value: (writes.append(key), set_state(key, value))[1]
        app.ann.get_note = lambda article_id: (reads.append(article_id), get_note(article_id))[1]
        app.reader._save_reading.delay = 3600  # a deterministic clock: the wait ends when the test says
        for key in "jkjkjjkkjj":
            await pilot.press(key)
        await pilot.pause()
        assert writes == [] and app.reader._save_reading.pending  # every move restarted the one wait
        assert app.reader._save_reading.flush()  # the cursor rests
        await ready(app, pilot)
        assert writes == ["last_article"]
        assert state(db(tmp_path), "last_article") == app.reader.current.id
        assert len(reads) <= 3 and len(set(reads)) == len(reads)  # each article's note read once


async def test_the_entities_filter_redraws_once_typing_pauses(tmp_path):
    from thads_tui.ui.screens.entities import EntitiesScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        await pilot.press("E")
        await ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        redraws = []
        redraw = screen.redraw
        screen.redraw = lambda: (redraws.append(1), redraw())[1]
        screen._typing.delay = 3600  # no clock in the test: the pause is the flush below
        await pilot.press(*"minh")
        await pilot.pause()
        assert redraws == [] and screen._typing.pending  # each key restarted the one wait
        assert screen._typing.flush()  # typing pauses
        await pilot.pause()
        assert len(redraws) == 1
        assert [e.name for e in screen.listed] == ["Nguyễn Văn Minh"]


# How to reach the screen where each scope's keys work (the main screen: no key).
SCOPE_ENTRY = {"app": None, "list": None, "article": None, "search": "slash", "corpus_search": "ctrl+f",
               "filters": "v", "entities_view": "E", "figures_view": "F", "results_view": "R", "notes_view": "O",
               "editor": "n"}


@pytest.mark.parametrize("size", [(20, 5), (40, 12)])
async def test_every_key_of_every_screen_survives_a_small_terminal(tmp_path, size):
    """Each key of the action table, pressed where it works, on the hostile article (markup-like
    brackets, control characters), at sizes where little fits."""
    from thads_tui.ui import actions
    from thads_tui.ui.dialogs.confirm import ConfirmScreen

    from test_ui_support import make_hostile_app

    assert set(SCOPE_ENTRY) == set(actions.SCOPES)
    app = make_hostile_app(tmp_path)
    app.export_dir = tmp_path  # `w` in the figures view writes a CSV

    async def back_to_main() -> None:
        for _ in range(6):
            if len(app.screen_stack) == 1:
                return
            await pilot.press("y" if isinstance(app.screen, ConfirmScreen) else "escape")
        assert len(app.screen_stack) == 1, app.screen_stack

    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        for scope, entry in SCOPE_ENTRY.items():
            keys = [k.strip() for a in actions.ACTIONS if a.scope == scope for k in a.keys.split(",")]
            if scope == "app":  # each may open a dialog: one at a time, back to the reader after each
                for key in [k for k in keys if k != "q"] + ["ctrl+p"]:
                    await pilot.press(key)
                    assert app.is_running, key
                    await back_to_main()
                continue
            # the keys that close or leave the screen last (pressed in one go: a crash stops the app)
            keys.sort(key=lambda k: k in ("escape", "enter"))
            await pilot.press(*([entry] if entry else []), *keys)
            assert app.is_running, scope
            await back_to_main()
        for width, height in [(140, 45), size]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)

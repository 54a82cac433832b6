"""Issue 11: reading state — read after a few seconds open, unread count, next unread, unread filter."""
from __future__ import annotations

from thads_tui.ui.reading import Reading

from test_ui_support import db, make_app, ready, records


async def _until(pilot, test, tries: int = 100) -> bool:
    for _ in range(tries):
        if test():
            return True
        await pilot.pause(0.05)
    return test()


async def test_an_article_open_a_moment_is_marked_read(tmp_path, monkeypatch):
    monkeypatch.setattr(Reading, "READ_AFTER", 0.1)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        first = reader.article.id
        assert "3 unread" in reader.sub_title or await _until(pilot, lambda: first in reader.markers.read)
        assert await _until(pilot, lambda: [r["article_id"] for r in records(db(tmp_path), "reads")] == [first])
        assert first in reader.markers.read
        await pilot.pause()
        assert "2 unread" in reader.sub_title


async def test_moving_on_cancels_the_read_timer(tmp_path, monkeypatch):
    monkeypatch.setattr(Reading, "READ_AFTER", 600)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        first = reader.article
        reading = reader.passages.reading
        assert reading.timed == first.id and "3 unread" in reader.sub_title
        await pilot.press("j")
        await pilot.pause()
        assert reader.article.id != first.id and reading.timed == reader.article.id
        reading.time_up(first)  # the old timer, had it not been stopped, marks nothing: first is no longer open
        await ready(app, pilot)
        assert not reader.markers.read
        # nothing may have been written yet (the reading position is saved after a pause): no file, no read mark
        if (tmp_path / "db.json").exists():
            assert records(db(tmp_path), "reads") == []


async def test_next_unread_and_the_unread_filter(tmp_path, monkeypatch):
    monkeypatch.setattr(Reading, "READ_AFTER", 600)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        ids = [r.id for r in reader.sidebar.rows]
        assert reader.article.id == ids[0]
        await pilot.press("m")  # the first read by hand
        await ready(app, pilot)
        await pilot.press("j", "j")  # to the third
        await pilot.press("m")
        await ready(app, pilot)
        assert {r["article_id"] for r in records(db(tmp_path), "reads")} == {ids[0], ids[2]}
        assert "1 unread" in reader.sub_title
        await pilot.press("U")  # wraps past the first (read) to the second
        await pilot.pause()
        assert reader.article.id == ids[1]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert reader.filters.unread and [r.id for r in reader.sidebar.shown] == [ids[1]]
        assert "filter: unread (1 of 3)" in reader.sub_title
        await pilot.press("m")  # read now: stays listed until the filter changes
        await ready(app, pilot)
        assert [r.id for r in reader.sidebar.shown] == [ids[1]] and "0 unread" in reader.sub_title
        await pilot.press("U")
        await pilot.pause()
        assert reader.article.id == ids[1]  # nothing unread left: stays
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(reader.sidebar.shown) == 3


async def test_unread_checkbox_in_the_filters_dialog(tmp_path, monkeypatch):
    from textual.widgets import Checkbox
    monkeypatch.setattr(Reading, "READ_AFTER", 600)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        await pilot.press("m")
        await ready(app, pilot)
        read = reader.article.id
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#filter-unread", Checkbox).value = True
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert reader.filters.unread and read not in {r.id for r in reader.sidebar.shown}
        assert len(reader.sidebar.shown) == 2

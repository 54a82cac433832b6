"""Issue 11 in the reader: select a passage, highlight it with a note and tags, find it again."""
from test_ui_support import db, make_app, ready, records, until


async def _open_first(app, pilot):
    await ready(app, pilot)
    await pilot.press("enter")  # open the highlighted article in the list
    await ready(app, pilot)
    await pilot.pause()


def _tag_start(reader) -> str:
    """A highlight tagged so-lieu over the first 20 characters of the open article; its id."""
    from thads_tui.store.anchor import make_anchor
    text, aid = reader.article.text, reader.article.id
    reader.notebook.ann.add_passage_note(aid, text="", tags=["so-lieu"], start=0, end=20, **make_anchor(text, 0, 20))
    return aid


async def test_highlight_with_note_and_tag_survives_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        article = reader.article
        assert article is not None
        await pilot.press("a", "shift+down")
        quote = reader.passages.selection.quote
        assert quote and quote in article.text
        await pilot.press("h")
        await pilot.pause()
        await pilot.press(*"Cần đối chiếu số liệu")
        await pilot.press("tab", *"so-lieu", "enter")
        await pilot.pause()
        assert reader.passages.selection is None
    [saved] = records(db(tmp_path), "passages")  # read independently of the app
    assert saved["quote"] == quote and saved["text"] == "Cần đối chiếu số liệu" and saved["tags"] == ["so-lieu"]
    assert article.text[saved["start"]:saved["end"]] == quote

    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        view = reader.view
        start = saved["start"]
        assert "article--highlight" in view.styles_at(start)
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert reader.passages.index == 0
        await pilot.press("D")
        await pilot.pause()
        assert records(db(tmp_path), "passages") == []
        assert "article--highlight" not in view.styles_at(start)
        await pilot.press("u")
        await pilot.pause()
        assert [p["id"] for p in records(db(tmp_path), "passages")] == [saved["id"]]
        assert "article--highlight" in view.styles_at(start)


async def test_highlight_over_an_entity_renders_both(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        view = reader.view
        entity = next(iter(view.highlights), None)
        assert entity is not None, "the fake extractor marks entities in the seed articles"
        start = entity[0]
        ann = reader.notebook.ann
        from thads_tui.store.anchor import make_anchor
        s, e = max(0, start - 5), entity[1] + 5
        ann.add_passage_note(reader.article.id, text="", start=s, end=e, **make_anchor(reader.article.text, s, e))
        reader.passages.paint()
        await pilot.pause()
        names = view.styles_at(start)
        assert "article--highlight" in names and any(n not in ("article--highlight",) for n in names)


async def test_copy_without_selection_copies_article_with_citation(tmp_path):
    app = make_app(tmp_path)
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert copied and app.screen.article.title in copied[0]


async def test_notes_panel_lists_highlights_and_scrolls_to_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        from thads_tui.store.anchor import make_anchor
        from thads_tui.ui.widgets.notes_panel import NotesPanel
        text = reader.article.text
        s = len(text) - 40
        reader.notebook.ann.add_passage_note(reader.article.id, text="cuối bài", tags=["so-lieu"], start=s,
                                             end=len(text) - 5, **make_anchor(text, s, len(text) - 5))
        reader.passages.paint()
        await pilot.pause()
        panel = app.screen.query_one(NotesPanel)
        assert panel.display and panel.option_count == 1
        assert "cuối bài" in str(panel.get_option_at_index(0).prompt)
        panel.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "article--selected" in reader.view.styles_at(s)


async def test_filter_by_a_highlight_tag_lists_that_article(tmp_path):
    from thads_tui.store.anchor import make_anchor
    from textual.widgets import Select
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        aid = _tag_start(reader)
        assert len(reader.sidebar.rows) > 1
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#filter-tag", Select).value = "so-lieu"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert reader.filters.tag == "so-lieu"
        assert "#so-lieu" in reader.counts
        assert [r.id for r in reader.sidebar.shown] == [aid]


async def test_tags_show_in_the_list_rows(tmp_path):
    from thads_tui.store.anchor import make_anchor
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        aid = _tag_start(reader)
        reader.reread()
        await pilot.pause()
        index = [r.id for r in reader.sidebar.shown].index(aid)
        assert "#so-lieu" in reader.sidebar._line_text(index, 1, 120)


async def test_the_header_says_highlight_tags_apart_from_the_article_s(tmp_path):
    """`T` edits the article's own tags; a highlight's tag is shown apart, not as one of them
    (`# mở đầu, Tây Ninh` listed a tag `T` could not find)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        aid = _tag_start(reader)
        reader.notebook.ann.set_tags(aid, ["Tây Ninh"])
        reader.reread()
        await pilot.pause()
        assert reader.pane.badges().endswith(" · # Tây Ninh · highlights # so-lieu")


async def test_m_toggles_read_state_in_the_file(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        aid = app.screen.article.id
        await pilot.press("m")
        await pilot.pause()
        assert [r["article_id"] for r in records(db(tmp_path), "reads")] == [aid]
        await pilot.press("m")
        await pilot.pause()
        assert records(db(tmp_path), "reads") == []


async def test_highlight_save_waits_for_another_window_and_keeps_the_dialog(tmp_path, monkeypatch):
    """Highlights are saved by the saves worker, as notes are: the UI never blocks on the file's lock,
    the dialog says it is waiting and keeps the note, and the highlight lands once the lock frees."""
    import fcntl
    import os

    from thads_tui.ui.dialogs.highlight_editor import HighlightEditor
    from thads_tui.ui.reading import Reading
    monkeypatch.setattr(Reading, "READ_AFTER", 600)  # no read mark waiting for the lock too
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await _open_first(app, pilot)
        reader = app.screen
        await pilot.press("a", "h")
        await pilot.pause()
        await pilot.press(*"chờ khóa")
        fd = os.open(tmp_path / "db.json.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)  # another process's hold, as far as the store can tell
        try:
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "waiting for another window" in reader.sub_title)
            assert "waiting for another window" in reader.sub_title
            dialog = app.screen
            assert isinstance(dialog, HighlightEditor)
            assert "Waiting for another window" in str(dialog.query_one("#highlight-error").render())
            assert records(db(tmp_path), "passages") == []
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        await until(pilot, lambda: not isinstance(app.screen, HighlightEditor) and "waiting" not in reader.sub_title)
        assert not isinstance(app.screen, HighlightEditor)
        assert reader.passages.selection is None and "waiting" not in reader.sub_title
    [saved] = records(db(tmp_path), "passages")
    assert saved["text"] == "chờ khóa"

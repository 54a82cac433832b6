"""Issue 11: passages in the article — your own editor, margin markers, mouse and line-wise
selection, highlights that follow an edited article file."""
from __future__ import annotations

from test_ui_notes import _highlight, _painted, _seed
from test_ui_support import db, make_app, ready, records


def _editor_script(tmp_path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


async def test_note_in_your_own_editor(tmp_path, monkeypatch):
    import contextlib
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor_script(tmp_path, 'printf "\\nCần đối chiếu số liệu\\n" >> "$1"'))
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        a = reader.article
        reader.notebook.ann.set_note(a.id, "Ghi chú đầu", citation=a.citation())
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # headless: no terminal to hand over
        await pilot.press("ctrl+e")
        await ready(app, pilot)
        assert reader.note == "Ghi chú đầu\nCần đối chiếu số liệu"
    [note] = records(db(tmp_path), "notes")
    assert note["text"] == "Ghi chú đầu\nCần đối chiếu số liệu"


async def test_own_editor_problems_say_so_and_keep_the_note(tmp_path, monkeypatch):
    import contextlib
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor_script(tmp_path, 'echo x >> "$1"; exit 3'))
    app = make_app(tmp_path)
    said = []
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        reader.notebook.ann.set_note(reader.article.id, "giữ nguyên", citation=reader.article.citation())
        app.notify = lambda message, **kw: said.append(message)
        await pilot.press("ctrl+e")  # headless: App.suspend raises SuspendNotSupported
        await pilot.pause()
        assert said and "cannot be handed to another program" in said[-1]
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.press("ctrl+e")  # the editor fails: the note stays, the text is kept
        await pilot.pause()
        assert "stopped with code 3" in said[-1] and "kept in" in said[-1]
        monkeypatch.delenv("EDITOR")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "Set $VISUAL or $EDITOR" in said[-1]
    assert [n["text"] for n in records(db(tmp_path), "notes")] == ["giữ nguyên"]


async def test_highlighted_lines_carry_a_margin_marker(tmp_path):
    from thads_tui.ui.widgets.article_view import MARGIN_MARK
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        view = reader.view
        assert view.marked_lines() == [] and MARGIN_MARK.strip() not in _painted(view)
        a = reader.article
        _highlight(reader.notebook.ann, a, "thu hồi 970.327 triệu đồng", "")
        reader.passages.paint()
        await pilot.pause()
        marked = view.marked_lines()
        assert marked and "thu hồi" in view._lines[marked[0]].text and len(marked) <= 2
        top = round(view.scroll_y)
        for row, painted in enumerate(_painted(view).splitlines()):
            assert painted.startswith(MARGIN_MARK) == (row + top in marked), painted


async def test_mouse_drag_selects_exactly_the_span_and_h_highlights_it(tmp_path):
    from thads_tui.ui.widgets.article_view import GUTTER
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        view = reader.view
        a = reader.article
        row = next(i for i, ln in enumerate(view._lines) if ln.kind == "body" and ln.end - ln.start > 30
                   and not ln.prefix and i - round(view.scroll_y) < view.size.height)
        line = view._lines[row]
        target = line.start + 3
        expected = a.text[target:target + 11].strip()
        target += len(a.text[target:target + 11]) - len(a.text[target:target + 11].lstrip())
        x0 = GUTTER + 3
        y = row - round(view.scroll_y)
        await pilot.mouse_down(view, offset=(x0, y))
        await pilot.hover(view, offset=(x0 + 5, y))
        await pilot.mouse_up(view, offset=(x0 + 11, y))
        await pilot.pause()
        selection = reader.passages.selection
        assert selection is not None and selection.quote == expected
        assert "article--selection" in view.styles_at(target)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press(*"số việc", "enter")
        await ready(app, pilot)
    [saved] = records(db(tmp_path), "passages")
    assert saved["quote"] == expected and saved["start"] == target and saved["text"] == "số việc"


async def test_a_click_selects_nothing(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        await pilot.click(reader.view, offset=(10, 5))
        await pilot.pause()
        assert reader.passages.selection is None


async def test_selection_extends_line_by_line(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        view = reader.view
        reader.view.focus()
        await pilot.press("a")
        s, e = reader.passages.selection.span
        await pilot.press("ctrl+down")
        await pilot.pause()
        s1, e1 = reader.passages.selection.span
        assert s1 == s and e1 == view.line_end(max(s, e - 1), 1)
        assert any(ln.end == e1 for ln in view._lines if ln.kind == "body")
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert reader.passages.selection.span[1] < e1


async def test_the_article_file_edited_moves_then_detaches_the_highlight(tmp_path):
    """Real files: the passage moves (found again, painted there), then goes (detached, still listed)."""
    from thads_tui.ui.widgets.notes_panel import NotesPanel
    needle = "thu hồi 970.327 triệu đồng"
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        ha_noi, _da_nang, hid = _seed(app)
    path = tmp_path / "articles" / "ha-noi.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("12/03/2023\n\n", "12/03/2023\n\nMột đoạn mới được chèn vào đầu bài.\n\n"),
                    encoding="utf-8")
    app = make_app(tmp_path, paths=[str(tmp_path / "articles")])  # as edited, not written again
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        [edited] = [r.id for r in reader.sidebar.rows if r.title.startswith("Hà Nội")]
        assert edited != ha_noi.id  # its words changed: a new id, and the notes followed it
        reader.sidebar.select_id(edited)
        reader.open(edited)
        await ready(app, pilot)
        moved = reader.article.text.index(needle)
        assert moved > ha_noi.text.index(needle)
        assert "article--highlight" in reader.view.styles_at(moved)
    [saved] = [p for p in records(db(tmp_path), "passages") if p["id"] == hid]
    assert saved["start"] == moved and saved["article_id"] == edited  # the new position is stored
    path.write_text(path.read_text(encoding="utf-8").replace(needle, "một con số khác"), encoding="utf-8")
    app = make_app(tmp_path, paths=[str(tmp_path / "articles")])  # as edited, not written again
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        [gone] = [r.id for r in reader.sidebar.rows if r.title.startswith("Hà Nội")]
        reader.sidebar.select_id(gone)
        reader.open(gone)
        await ready(app, pilot)
        panel = reader.query_one(NotesPanel)
        assert panel.display and "detached" in _painted(panel) and needle[:20] in _painted(panel)
        assert not any("article--highlight" in reader.view.styles_at(i) for i in range(len(reader.article.text)))
        await pilot.press("O")
        await pilot.pause()
        assert hid in [r.note_id for r in app.screen.listed]  # never dropped
    assert hid in [p["id"] for p in records(db(tmp_path), "passages")]


async def test_choosing_the_article_note_shows_it_under_the_article(tmp_path):
    from thads_tui.ui.widgets.notes_panel import NotesPanel
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        a = reader.article
        reader.notebook.ann.set_note(a.id, "\n".join(f"dòng {i}" for i in range(60)), citation=a.citation())
        reader.reread()
        reader.passages.paint()
        await pilot.pause()
        view = reader.view
        assert view.scroll_y == 0
        panel = reader.query_one(NotesPanel)
        panel.focus()
        await pilot.press("down", "enter")  # the note is the first option
        await pilot.pause()
        heading = next(i for i, line in enumerate(view._lines) if line.kind == "heading")
        assert round(view.scroll_y) == min(heading, view.max_scroll_y) > 0
        assert "✎ Note" in _painted(view).splitlines()[0]


async def test_escape_waits_for_a_save_that_then_fails_and_the_text_stays(tmp_path, monkeypatch):
    """Escape during a save does not close the dialog: a failure is then shown with the text still
    there (it crashed, and the note was lost with the dialog)."""
    import time

    from thads_tui.store import AnnotationsError
    from thads_tui.store.annotations import Annotations
    from thads_tui.ui.dialogs.highlight_editor import HighlightEditor

    def slow_failure(self, *args, **kwargs):
        time.sleep(0.4)
        raise AnnotationsError("the disk is full")

    monkeypatch.setattr(Annotations, "add_passage_note", slow_failure)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "h")
        await pilot.pause()
        await pilot.press(*"Cần đối chiếu", "enter", "escape")
        editor = app.screen
        assert isinstance(editor, HighlightEditor)
        await ready(app, pilot)
        await pilot.pause(0.5)
        assert app.screen is editor and editor.query_one("#highlight-note").value == "Cần đối chiếu"
        assert "the disk is full" in str(editor.query_one("#highlight-error").render())
        await pilot.press("escape")  # the save has answered: escape closes now
        assert app.screen is not editor and app.is_running


async def test_an_undo_that_fails_can_be_tried_again(tmp_path, monkeypatch):
    """u after D: a restore that fails (a full disk) keeps the deleted highlight for the next u."""
    from thads_tui.store import AnnotationsError
    from thads_tui.store.annotations import Annotations

    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "h")
        await pilot.pause()
        await pilot.press(*"quan trọng", "enter")
        await ready(app, pilot)
        [saved] = records(db(tmp_path), "passages")
        await pilot.press("right_curly_bracket", "D")
        await ready(app, pilot)
        assert records(db(tmp_path), "passages") == []
        restore = Annotations.restore_passage_note

        def full_disk(self, doc):
            raise AnnotationsError("No space left on device")

        monkeypatch.setattr(Annotations, "restore_passage_note", full_disk)
        await pilot.press("u")
        await ready(app, pilot)
        assert records(db(tmp_path), "passages") == []
        monkeypatch.setattr(Annotations, "restore_passage_note", restore)  # the disk has room again
        await pilot.press("u")
        await ready(app, pilot)
        [back] = records(db(tmp_path), "passages")
        assert back["quote"] == saved["quote"] and back["text"] == "quan trọng"

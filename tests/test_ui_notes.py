"""Issue 11: the notes overview (every note and highlight, filtered, sorted, opened, exported)."""
from __future__ import annotations

import json
from datetime import datetime

from hypothesis import given, settings, strategies as st

from thads_tui.store.anchor import make_anchor
from thads_tui.ui.notes_index import export_rows, filter_rows, note_rows, sort_rows
from thads_tui.ui.screens.notes import NotesScreen

from test_ui_support import db, make_app, ready, records


def _highlight(ann, article, needle: str, note: str, tags=()) -> str:
    text = article.text
    s = text.index(needle)
    e = s + len(needle)
    return ann.add_passage_note(article.id, text=note, tags=list(tags), start=s, end=e, citation=article.citation(),
                                **make_anchor(text, s, e))


def _seed(app) -> tuple:
    """Two highlights in two articles and one article note; the articles."""
    reader = app.screen
    ann = reader.notebook.ann
    arts = [reader.source.get(r.id) for r in reader.sidebar.rows]
    ha_noi = next(a for a in arts if "Hà Nội" in a.title)
    da_nang = next(a for a in arts if "Đà Nẵng" in a.title)
    hid = _highlight(ann, ha_noi, "thu hồi 970.327 triệu đồng", "Cần đối chiếu số liệu", ["so-lieu"])
    _highlight(ann, da_nang, "tăng cường kiểm tra", "kiểm tra nghiệp vụ", ["kiem-tra"])
    ann.set_note(da_nang.id, "Ghi chú về Đà Nẵng", citation=da_nang.citation())
    reader.reread()
    return ha_noi, da_nang, hid


async def test_overview_lists_filters_without_accents_and_opens_at_the_passage(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        ha_noi, da_nang, hid = _seed(app)
        reader = app.screen
        await pilot.press("O")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert screen.table.row_count == 3
        assert "3 notes: 2 highlights, 1 article note" in str(screen.query_one(".view-status").render())
        await pilot.press(*"doi chieu")  # no accents: finds "đối chiếu"
        screen._typing.flush()
        await pilot.pause()
        assert [r.note_id for r in screen.listed] == [hid]
        assert "Cần đối chiếu" in str(screen.table.get_row_at(0)[3])
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader and reader.article.id == ha_noi.id
        start = ha_noi.text.index("thu hồi 970.327")
        assert "article--highlight" in reader.view.styles_at(start)
        assert "article--selected" in reader.view.styles_at(start)  # the passage is marked, scrolled to
        assert reader.passages.index == 0  # and is the one H edits


async def test_overview_tag_filter_and_sort(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        _ha_noi, da_nang, _hid = _seed(app)
        await pilot.press("O")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"#kiem")
        screen._typing.flush()
        await pilot.pause()
        assert {r.article_id for r in screen.listed} == {da_nang.id}
        assert len(screen.listed) == 1 and screen.listed[0].kind == "highlight"
        await pilot.press("ctrl+s")  # sort by the next column after "updated": wraps to "title"
        await pilot.pause()
        assert screen.sort_by == "title"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NotesScreen)


async def test_overview_exports_what_it_lists_and_never_over_a_file(tmp_path):
    app = make_app(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    app.export_dir = out
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        _seed(app)
        await pilot.press("O")
        await pilot.pause()
        await pilot.press(*"so-lieu")
        app.screen._typing.flush()
        await pilot.pause()
        await pilot.press("f5", "f6", "f7")
        await pilot.pause()
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "> thu hồi 970.327 triệu đồng" in md and "Tags: so-lieu" in md and "Đà Nẵng" not in md
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    [passage] = data["passages"]
    assert passage["text"] == "Cần đối chiếu số liệu"
    assert passage["target"]["selector"][0]["type"] == "TextQuoteSelector"
    csv_text = next(out.glob("*.csv")).read_text(encoding="utf-8-sig")
    assert csv_text.count("\n") == 2 and "Cần đối chiếu số liệu" in csv_text
    assert len(records(db(tmp_path), "passages")) == 2  # exporting changed nothing


def test_export_rows_takes_a_new_name_beside_an_existing_file(tmp_path):
    from thads_tui.store import Annotations
    ann = Annotations(tmp_path / "db.json")
    ann.set_note("a1", "một", citation={"title": "Bài một"})
    now = datetime(2026, 12, 2, 10, 0, 0)
    taken = tmp_path / "thads-notes-20261202-100000.md"
    taken.write_text("keep me", encoding="utf-8")
    path = export_rows(ann, note_rows(ann), "md", [tmp_path], now=now)
    assert path.name == "thads-notes-20261202-100000-2.md"
    assert taken.read_text(encoding="utf-8") == "keep me" and "một" in path.read_text(encoding="utf-8")


def test_rows_filter_and_sort_in_vietnamese():
    from thads_tui.ui.notes_index import NoteRow
    rows = [NoteRow("note", "b", "Đà Nẵng", "2022-01-05", "", "kế hoạch", ("b",), "2026-01-02"),
            NoteRow("highlight", "a", "An Giang", "2023-03-12", "án phí", "đối chiếu", ("so-lieu",), "2026-01-01",
                    "x1", 4)]
    assert [r.article_id for r in filter_rows(rows, "DA NANG")] == ["b"]
    assert [r.article_id for r in filter_rows(rows, "an phi doi")] == ["a"]
    assert [r.article_id for r in filter_rows(rows, "")] == ["b", "a"]
    assert [r.article_id for r in sort_rows(rows, "title")] == ["a", "b"]
    assert [r.article_id for r in sort_rows(rows, "updated", reverse=True)] == ["b", "a"]


async def test_edit_the_highlight_jumped_to_and_tag_the_article(tmp_path):
    from thads_tui.store import export_annotations
    from thads_tui.ui.dialogs.highlight_editor import HighlightEditor
    from thads_tui.ui.dialogs.tag_editor import TagEditor
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        ha_noi, _da_nang, hid = _seed(app)
        reader = app.screen
        reader.sidebar.select_id(ha_noi.id)
        reader.open(ha_noi.id)
        await pilot.pause()
        await pilot.press("H")  # nothing jumped to yet: says how
        await pilot.pause()
        assert not isinstance(app.screen, HighlightEditor)
        await pilot.press("right_curly_bracket", "H")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, HighlightEditor)
        assert editor.query_one("#highlight-note").value == "Cần đối chiếu số liệu"
        await pilot.press("end", *" với Cục", "tab", *", kiem")  # the tags field keeps so-lieu
        await pilot.pause()  # the completion comes from a worker
        await pilot.press("tab", "enter")
        await ready(app, pilot)
        assert not isinstance(app.screen, HighlightEditor)
        [saved] = [p for p in records(db(tmp_path), "passages") if p["id"] == hid]
        assert saved["text"] == "Cần đối chiếu số liệu với Cục" and saved["tags"] == ["kiem-tra", "so-lieu"]
        await pilot.press("H", *"!", "enter")  # enter in the note field saves, as the dialog's hint says
        await ready(app, pilot)
        assert not isinstance(app.screen, HighlightEditor)
        [saved] = [p for p in records(db(tmp_path), "passages") if p["id"] == hid]
        assert saved["text"] == "Cần đối chiếu số liệu với Cục!" and saved["tags"] == ["kiem-tra", "so-lieu"]
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TagEditor)
        await pilot.press(*"bao-cao, so")
        await pilot.pause()
        await pilot.press("tab", "enter")  # tab takes the completion so-lieu
        await ready(app, pilot)
        assert not isinstance(app.screen, TagEditor)
        [tags] = records(db(tmp_path), "tags")
        assert tags["article_id"] == ha_noi.id and tags["tags"] == ["bao-cao", "so-lieu"]
        assert "bao-cao" in reader.markers.tags[ha_noi.id]
        assert "- Tags: bao-cao, so-lieu" in export_annotations(reader.notebook.ann, "md")


def _painted(widget) -> str:
    """What the widget shows on screen now, line by line."""
    return "\n".join("".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height))


async def test_header_marks_and_the_note_as_markdown_after_a_restart(tmp_path):
    from thads_tui.ui.widgets.notes_panel import NotesPanel
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        a = reader.article
        assert "★" not in reader.view.rendered_text().splitlines()[2]  # nothing yet: no marks line
        await pilot.press("b")
        await ready(app, pilot)
        assert reader.view.rendered_text().splitlines()[2] == "★ bookmarked"
        ann = reader.notebook.ann
        ann.set_note(a.id, "**Cần đối chiếu** số liệu\n\n- mục một\n- mục hai", citation=a.citation())
        ann.set_tags(a.id, ["so-lieu"], citation=a.citation())
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        assert reader.article.id == a.id
        top = _painted(reader.view)
        assert "★ bookmarked · ✎ noted · # so-lieu" in top  # on the first screen, nothing opened
        panel = reader.query_one(NotesPanel)
        assert panel.display
        shown = _painted(panel)
        assert "Cần đối chiếu số liệu" in shown and "**" not in shown  # rendered, not raw Markdown
        assert "• mục một" in shown
        await pilot.press("s")  # the list hidden: the header still says so
        await pilot.pause()
        assert "✎ noted" in _painted(reader.view)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aăâđêôơư ạảố.!?\n", min_size=1, max_size=80), st.data())
def test_a_dragged_span_is_exactly_the_text_and_extends_by_sentences(text, data):
    from thads_tui.ui.highlights import Selection
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sel = Selection.spanning(text, [(0, len(text))], start, end)
    s, e = sel.span
    if text[start:end].strip():
        assert sel.quote == text[start:end].strip() and start <= s <= e <= end
        sel.extend(1)  # whole sentences now: they still hold the dragged text
        s2, e2 = sel.span
        assert s2 <= s and e2 >= e


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aàáảãạăằắẳẵặâấđêếôốơớưứ AĐÊƠ", min_size=1, max_size=30), st.data())
def test_any_piece_of_a_note_finds_it_with_or_without_accents(note, data):
    from thads_tui.corpus.fold import fold
    from thads_tui.ui.notes_index import NoteRow
    row = NoteRow("highlight", "a", "Bài", "", "đoạn", note, (), "")
    other = NoteRow("note", "b", "Xyz", "", "", "zzz", (), "")  # no letter of the alphabet above
    start = data.draw(st.integers(0, len(note) - 1))
    piece = note[start:data.draw(st.integers(start + 1, len(note)))]
    for query in (piece, fold(piece)):
        got = filter_rows([row, other], query)
        assert row in got or not query.split()
        assert other not in got or not fold(query).split()

"""Corpus text, paths and messages that look like markup or hold control characters: shown
literally, never parsed, never sent raw to the terminal."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Static
from textual.widgets._data_table import default_cell_formatter

from thads_tui.ui.screens.figures import FiguresScreen
from thads_tui.ui.screens.entities import EntitiesScreen
from thads_tui.ui.dialogs.filters import FilterScreen
from thads_tui.ui.dialogs.confirm import ConfirmScreen
from thads_tui.ui.dialogs.note_editor import NoteEditor
from thads_tui.ui.widgets.panels import FigurePanel

from thads_tui.ui.app import create_app

from test_ui_support import (HOSTILE_TITLE, SIZE, fake_extract, hostile_extract, make_hostile_app, ready,
                             write_articles)


def shown(widget) -> str:
    """The plain text a Static shows."""
    return widget.render().plain


def cell_texts(table: DataTable) -> list[list[str]]:
    """What each cell shows (a str cell is parsed as markup by the table)."""
    out = []
    for i in range(table.row_count):
        out.append([default_cell_formatter(c).plain if not isinstance(c, Text) else c.plain
                    for c in table.get_row_at(i)])
    return out


async def test_markup_like_corpus_text_is_shown_literally(tmp_path):
    app = make_hostile_app(tmp_path, extractor=hostile_extract)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.reader.current.title == HOSTILE_TITLE
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert HOSTILE_TITLE in shown(app.screen.query_one("#note-title"))
        await pilot.press("escape")
        # the figures panel: a markup-like qualifier under the table
        panel = app.query_one(FigurePanel)
        panel.focus()
        await pilot.press("down")
        await pilot.pause()
        assert "[/] q · [Video] m" in panel._border_subtitle.plain
        await pilot.press("F")
        await ready(app, pilot)
        assert isinstance(app.screen, FiguresScreen)
        rows = cell_texts(app.screen.query_one(DataTable))
        assert any(r[0].startswith("[Video] Cục") for r in rows), rows
        assert any("[Video] m" in r for r in rows)  # the measure (no qualifier column since 120-col fit)
        await pilot.press("escape", "E")
        await ready(app, pilot)
        assert isinstance(app.screen, EntitiesScreen)
        rows = cell_texts(app.screen.query_one(DataTable))
        assert any(r[0] == "[b]x[/b]" for r in rows), rows
        await pilot.press(*"[b]", "enter")
        await ready(app, pilot)
        assert app.reader.filters.entity_name == "[b]x[/b]"
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        assert "“[b]x[/b]”" in shown(app.screen.query_one("#filter-entity", Static))
        assert "mentions “[b]x[/b]”" in app.reader.sub_title  # the header too, literally


async def test_markup_like_messages_are_notified_literally(tmp_path):
    def failing(article):
        raise ValueError("bad [/] value [b]x[/b]")

    app = make_hostile_app(tmp_path, extractor=failing)
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts are off in tests by default
        await ready(app, pilot)
        await pilot.pause(0.1)
        assert app.screen.query("Toast")
        messages = [n.message for n in app._notifications]
        assert any(HOSTILE_TITLE in m and "bad [/] value [b]x[/b]" in m for m in messages), messages
        assert "analysis failed" in str(app.reader.query_one("#legend").render())


async def test_damaged_annotations_path_with_brackets_asks_literally(tmp_path):
    folder = tmp_path / "d[" / "]x"
    folder.mkdir(parents=True)
    path = folder / "[b]db.json"
    path.write_text('{"bookmarks": {"1": ', encoding="utf-8")
    app = create_app([str(write_articles(tmp_path / "articles"))], path, extractor=fake_extract)
    assert app.ann.problem
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert str(path) in shown(app.screen.query_one("#question"))
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is app.reader and app.ann.read_only  # kept read-only, as answered


def painted(view, line) -> list[tuple[str, object]]:
    """(character, rich style) for each character the view paints for one of its lines."""
    strip = view._paint(line, view.rich_style)
    return [(ch, seg.style) for seg in strip for ch in seg.text]


async def test_control_characters_are_painted_as_spaces_and_highlights_stay_on_their_entities(tmp_path):
    from thads_tui.ui.cleantext import printable

    app = make_hostile_app(tmp_path)
    async with app.run_test(size=(70, 40)) as pilot:
        await ready(app, pilot)
        view, article = app.reader.view, app.reader.current
        assert article.title == HOSTILE_TITLE and "\x0c" in article.text and "\x1b" in article.text
        width = view.scrollable_content_region.width
        color = {t: app.reader.type_style(t).color for t in ("PERSON", "ORG", "ACRONYM", "LOCATION")}
        checked = 0
        for line in view._lines:
            chars = painted(view, line)
            text = "".join(ch for ch, _ in chars)
            assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in text), repr(text)
            assert sum(1 for _ in text) <= width
            if line.kind != "body":
                continue
            assert text == printable(article.text[line.start:line.end])
            for i, (ch, style) in enumerate(chars):
                offset = line.start + i
                top = [t for s, e, t in view.highlights if s <= offset < e]  # painted in order, last wins
                if top and top[-1] in color:
                    assert style.color == color[top[-1]], (offset, ch, top)
                    checked += 1
                elif not top:
                    assert style.color not in color.values(), (offset, ch)
        assert checked >= len("Nguyễn Văn Minh") + len("Bộ Tư pháp")
        # the sidebar row and the note editor's title hold no control characters either
        row = app.reader.sidebar.row_text(0)
        assert not any(ord(c) < 32 and c != "\n" for c in row)


def test_wrap_counts_a_tab_as_one_cell_and_breaks_there():
    from thads_tui.ui.widgets.article_view import wrap

    text = "aaaa\tbbbb cc"
    assert wrap(text, 0, len(text), 5) == [(0, 4), (5, 9), (10, 12)]
    assert wrap("a\x0cb\x1bc", 0, 5, 3) == [(0, 3), (4, 5)]  # painted as spaces, so they break like spaces


async def test_entities_outside_the_body_are_not_offered(tmp_path):
    """The title and date lines are drawn apart from the body: an entity found there could be
    chosen but neither highlighted nor scrolled to. The panels list what the body shows."""
    from thads_tui.extract import Entity, Extraction
    from thads_tui.ui.widgets.panels import EntityPanel

    from test_ui_support import fake_extract

    def with_title_entities(article):
        x = fake_extract(article)
        start = article.text.index("Hà Nội")  # in the title of the first article
        assert not article.paragraphs or start < article.paragraphs[0][0]
        title = [Entity("LOCATION", "Hà Nội", start, start + 6, "Hà Nội"),
                 Entity("PERSON", "Người Tiêu Đề", 0, 2, "Người Tiêu Đề")]
        return Extraction(sorted(x.entities + title, key=lambda e: e.start), x.figures)

    app = make_hostile_app(tmp_path, extractor=with_title_entities)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.reader.sidebar.focus()
        await pilot.press("j")  # Hà Nội đẩy mạnh …: "Hà Nội" in its title and body
        await ready(app, pilot)
        panel = app.query_one(EntityPanel)
        canon = {g.canonical for g in panel.groups.values()}
        assert "Người Tiêu Đề" not in canon and "Hà Nội" in canon
        body = app.reader.current.paragraphs[0][0]
        assert all(s >= body for g in panel.groups.values() for s, _ in g.occurrences)
        mentions = sum(len(g.occurrences) for g in panel.groups.values())
        assert panel.border_title == f"Entities ({len(panel.groups)} · {mentions} mentions)"

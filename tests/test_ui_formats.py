"""The reader with real-world formats: Markdown painted styled from Article.styles, the formats
counted in the problems screen, and one count of mentions in the panel, the E view and extract."""
from __future__ import annotations

import json

from textual.widgets import DataTable, Static

from thads_tui.cli import main
from thads_tui.corpus import bundled_seeds
from thads_tui.explore import name_key
from thads_tui.ui.app import create_app
from thads_tui.ui.screens.entities import EntitiesScreen
from thads_tui.ui.widgets.panels import EntityPanel

from test_ui_support import ready

SIZE = (140, 45)
MD = """# Ghi chú về thi hành án

Ngày 24/9/2020, **Cục THADS tỉnh Tây Ninh** đã họp với *Ủy ban nhân dân* tỉnh.

## Kết quả

- Thi hành xong 1.234 việc
- Ông **Đặng Hoàng Oanh** phát biểu

1. Mục một

Kết thúc.
"""


def row_of(view, needle: str) -> int:
    """The screen row (scrolled to the top) whose painted text holds `needle`."""
    for y in range(view.scrollable_content_region.height):
        if needle in "".join(seg.text for seg in view.render_line(y)):
            return y
    raise AssertionError(f"{needle!r} is not on screen")


def style_of(view, y: int, word: str):
    """The style of the painted segment holding the start of `word` on row y."""
    pos = 0
    line = "".join(seg.text for seg in view.render_line(y))
    at = line.index(word)
    for seg in view.render_line(y):
        if pos <= at < pos + len(seg.text):
            return seg.style
        pos += len(seg.text)
    raise AssertionError(word)


async def test_markdown_is_painted_styled_never_raw_and_entities_stay_on_top(tmp_path):
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "ghichu.md").write_text(MD, encoding="utf-8")
    app = create_app([str(folder)], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        view, article = app.reader.view, app.reader.current
        shown = view.rendered_text()
        assert shown.split("\n")[0] == "Ghi chú về thi hành án"
        assert "#" not in shown and "**" not in shown and "*Ủy" not in shown
        assert "  • Thi hành xong 1.234 việc" in shown and "  • Ông Đặng Hoàng Oanh phát biểu" in shown
        assert "  1. Mục một" in shown and "• 1." not in shown  # a numbered item keeps its own number
        text = article.text
        heading, bold, italic = text.index("Kết quả"), text.index("Cục THADS"), text.index("Ủy ban")
        assert "article--md-heading" in view.styles_at(heading)
        assert "article--md-bold" in view.styles_at(bold)
        assert "article--md-italic" in view.styles_at(italic)
        assert view.styles_at(text.index("Kết thúc")) == []
        # painted: the heading bold and underlined, bold and italic words as such
        h = style_of(view, row_of(view, "Kết quả"), "Kết quả")
        assert h.bold and h.underline
        assert style_of(view, row_of(view, "Cục THADS"), "Cục").bold
        assert style_of(view, row_of(view, "Ủy"), "Ủy").italic
        assert not style_of(view, row_of(view, "Kết thúc"), "Kết").bold
        # an entity inside bold text keeps its colour over the bold, and is still bold
        place = text.index("Tây Ninh")
        layers = view.styles_at(place)
        assert layers.index("article--location") > layers.index("article--md-bold")
        painted = style_of(view, row_of(view, "Tây"), "Tây")
        assert painted.bold and painted.color == view.get_component_rich_style("article--location").color
        # offsets still point into the text: each list item's line is found at its own offset
        for word in ("Thi hành xong", "Ông Đặng", "1. Mục một"):
            offset = text.index(word)
            line = view._lines[view.line_of_offset(offset)]
            assert line.text.startswith(word) and line.start == offset


def _docx_bytes() -> bytes:
    import io

    import docx

    doc = docx.Document()
    doc.add_paragraph("Báo cáo thi hành án dân sự tỉnh Gia Lai")
    doc.add_paragraph("Cục THADS tỉnh Gia Lai thi hành xong 1.234 việc trong năm 2023.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


async def test_problems_screen_counts_the_formats_read_and_skipped(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.md").write_text(MD, encoding="utf-8")
    (folder / "b.txt").write_text("Tiêu đề bài\n\nCục THADS tỉnh Lạng Sơn thi hành xong 12 việc.\n", encoding="utf-8")
    (folder / "c.docx").write_bytes(_docx_bytes())
    (folder / "d.docx").write_bytes(b"this is not a zip")
    lines = [{"title": f"Tin số {i}", "content": f"Cục THADS tỉnh Bến Tre {i} thi hành xong {i} việc."} for i in (1, 2)]
    (folder / "e.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n{not json\n", encoding="utf-8")
    app = create_app([str(folder)], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        body = str(app.screen.query_one("#problems-body", Static).render())
        assert "md    1 read, 0 skipped" in body and "txt   1 read, 0 skipped" in body
        assert "docx  1 read, 1 skipped" in body and "json  2 read, 1 skipped" in body
        assert "d.docx" in body and "e.jsonl" in body  # and the reasons, one per skipped unit
        assert "Problems (2)" in str(app.screen.query_one(".dialog-title", Static).render())


async def test_panel_entities_view_and_extract_agree_on_mentions(tmp_path, capsys):
    """One definition of a mention (in the body, by canonical name) in the panel, the E view and
    `extract --json`'s body_count; its `count` adds the title and date line."""
    assert main(["extract", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)["articles"]

    def extracted(name: str) -> tuple[int, int]:
        found = [e for a in records for e in a["entities"] if name_key(e["canonical"] or e["text"]) == name_key(name)]
        return sum(e["body_count"] for e in found), sum(e["count"] for e in found)

    app = create_app([str(bundled_seeds())], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        reader, panel_counts = app.reader, {}
        for i in range(len(reader.sidebar.shown)):
            reader.sidebar.move_to(i)
            await ready(app, pilot)
            for g in reader.query_one(EntityPanel).groups.values():
                key = name_key(g.canonical)
                panel_counts[key] = panel_counts.get(key, 0) + len(g.occurrences)
        await pilot.press("E")
        await ready(app, pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        table = screen.query_one(DataTable)
        names = [e.name for e in screen.listed]
        for name in ("Đặng Hoàng Oanh", "Tây Ninh"):
            body, everywhere = extracted(name)
            assert everywhere > body > 0  # the title/date line mentions are in count only
            assert panel_counts[name_key(name)] == body
            entry = next(e for e in screen.listed if name_key(e.name) == name_key(name))
            assert entry.mentions == body
            assert str(table.get_row_at(names.index(entry.name))[3]) == str(body)

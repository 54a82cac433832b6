"""The results view (R): rows per subject and period on the real extractor, cells that open the
article at their figure, filter, sort, conflicts flagged, CSV export, the chart, small terminals."""
from __future__ import annotations

import csv

from textual.widgets import DataTable, Input

from thads_tui.analysis import analyse
from thads_tui.ui.app import create_app
from thads_tui.ui.screens.results import ResultsScreen, cell_text, parse_filter
from thads_tui.ui.widgets.results_chart import ResultsChart

from test_ui_support import SIZE, ready


def seeds_app(tmp_path, paths=None):
    return create_app(paths, tmp_path / "db.json", extractor=analyse)


async def open_results(app, pilot) -> ResultsScreen:
    await ready(app, pilot)
    await pilot.press("R")
    await ready(app, pilot)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ResultsScreen)
    return screen


async def open_figures(app, pilot):
    from thads_tui.ui.screens.figures import FiguresScreen

    await ready(app, pilot)
    await pilot.press("F")
    await ready(app, pilot)
    await pilot.pause()
    assert isinstance(app.screen, FiguresScreen)
    return app.screen


def row_text(screen, subject, period) -> list[str]:
    i = next(i for i, r in enumerate(screen.listed) if (r.subject, r.period) == (subject, period))
    return [str(c) for c in screen.table.get_row_at(i)]


async def test_results_lists_the_seed_rows(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        gia_lai = row_text(screen, "Gia Lai", "2022:5m")
        assert gia_lai[2] == "47,28" and gia_lai[3] == "21,61"  # rates in %: the headers say so
        national = row_text(screen, "toàn quốc", "2023:8m")
        assert national[2] == "61,12" and national[3] == "29,42"
        assert any(r.subject == "Thanh Hóa" and r.period.startswith("2019") for r in screen.listed)
        labels = [str(c.label).strip() for c in screen.table.columns.values()]
        assert labels[2:4] == ["% việc", "% tiền"]  # one article behind a cell: no ×n mark
        assert row_text(screen, "Gia Lai", "2022:5m")[1] == "5 tháng 2022"  # periods as F and the panel say them


async def test_enter_opens_the_article_at_the_figure(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        i = next(i for i, r in enumerate(screen.listed) if (r.subject, r.period) == ("Gia Lai", "2022:5m"))
        source = screen.listed[i].cells["cases.rate"].sources[0]
        assert screen.table.has_focus  # the table has the keys from the start, as in F
        screen.table.move_cursor(row=i, column=2, animate=False)
        await pilot.press("enter")
        await ready(app, pilot)
        assert not isinstance(app.screen, ResultsScreen)
        reader = app.reader
        assert reader.current.id == source.article_id
        (start, end), = reader.view.marks
        assert (start, end) == (source.start, source.end)
        assert reader.current.text[start:end] == "47,28%"
        assert "article--selected" in reader.view.styles_at(start)


async def test_filter_by_subject_and_year_and_sort(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        total = len(screen.listed)
        await pilot.press("slash", *"gia lai")
        screen._typing.flush()
        await pilot.pause()
        assert screen.listed and all(r.subject == "Gia Lai" for r in screen.listed) and len(screen.listed) < total
        screen.query_one(Input).value = "2023"
        await pilot.pause()
        screen._typing.flush()
        await pilot.pause()
        assert screen.listed and all(r.year == 2023 for r in screen.listed)
        screen.query_one(Input).value = ""
        await pilot.pause()
        screen._typing.flush()
        await pilot.press("enter")  # to the table
        while screen.sort_by != "cases.rate":
            await pilot.press("s")
        values = [r.value("cases.rate") for r in screen.listed if r.value("cases.rate") is not None]
        assert values == sorted(values) and len(values) >= 2
        column = screen.table.columns["cases.rate"]
        assert str(column.label) == "% việc▲" and column.get_render_width(screen.table) >= column.label.cell_len
        await pilot.press("r")  # ▲ ascending, ▼ descending, as in every view
        assert str(column.label) == "% việc▼"
        values = [r.value("cases.rate") for r in screen.listed if r.value("cases.rate") is not None]
        assert values == sorted(values, reverse=True)


def test_parse_filter():
    assert parse_filter("gia lai 2022") == ("gia lai", 2022)
    assert parse_filter("Thanh Hoa") == ("Thanh Hoa", None)


CONFLICT = ("Cục THADS tỉnh Gia Lai: 05 tháng đầu năm 2022, tỷ lệ thi hành xong đạt {} % về việc "
            "và 21,61 % về tiền.\n")


def conflict_corpus(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    for name, rate in (("a.txt", "47,28"), ("b.txt", "45,1")):
        (folder / name).write_text(f"Gia Lai báo cáo {name}\n\nNgày 10/6/2022\n\n" + CONFLICT.format(rate),
                                   encoding="utf-8")
    return [str(folder)]


async def test_conflicting_cells_are_flagged_not_averaged(tmp_path):
    app = seeds_app(tmp_path, conflict_corpus(tmp_path))
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        row = next(r for r in screen.listed if r.subject == "Gia Lai")
        cell = row.cells["cases.rate"]
        assert cell.conflict and cell.value is None
        text = str(cell_text(cell))
        assert "⚠" in text and "47,28" in text and "45,1" in text and "×2" in text
        assert row.cells["money.rate"].value == 21.61 and not row.cells["money.rate"].conflict
        # CSV: every value with its article; a second export never overwrites the first
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        files = sorted(tmp_path.glob("thads-results-*.csv"))
        assert len(files) == 2
        lines = list(csv.DictReader(files[0].read_text(encoding="utf-8-sig").splitlines()))
        rates = [line for line in lines if line["metric"] == "cases.rate"]
        assert {line["value"] for line in rates} == {"47.28", "45.1"}
        assert all(line["conflict"] == "yes" and line["articles"] == "2" for line in rates)
        assert {line["title"] for line in rates} == {"Gia Lai báo cáo a.txt", "Gia Lai báo cáo b.txt"}
        # the ids for a script, the screen's words beside them for a person
        assert {(line["period"], line["period_label"], line["metric_label"]) for line in rates} == {
            ("2022:5m", "5 tháng 2022", "% việc xong")}


async def test_chart_toggles_and_shows_both_rates(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        i = next(i for i, r in enumerate(screen.listed) if (r.subject, r.period) == ("Gia Lai", "2022:5m"))
        screen.table.move_cursor(row=i, column=2, animate=False)
        await pilot.press("c")
        await pilot.pause()
        chart = screen.query_one(ResultsChart)
        text = chart.render().plain
        assert "Gia Lai" in text and "về việc" in text and "về tiền" in text and "47,28 %" in text and "█" in text
        assert "Subjects compared, 5 tháng 2022" in text  # as the table says it, not the id
        await pilot.press("c")
        assert not screen.query_one("#results-chart-box").display


async def test_every_key_at_40x12(tmp_path):
    app = seeds_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await open_results(app, pilot)
        await pilot.press("x", "enter", "down", "right", "s", "r", "c", "slash", "enter", "c", "ctrl+s", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ResultsScreen)


async def test_figures_view_shows_and_filters_metric_subject_period(tmp_path):
    from thads_tui.ui.screens.figures import FiguresScreen

    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(app, pilot)
        labels = [str(c.label) for c in screen.table.columns.values()]
        assert any(lab.startswith("Metric") for lab in labels) and any(lab.startswith("Period") for lab in labels)
        total = len(screen.listed)
        await pilot.press("slash", *"cases")
        assert screen.query_one(Input).has_focus and screen.query_one(Input).value == "cases"
        screen.query_one(Input).value = "cases.rate gia lai"
        await pilot.pause()
        screen._typing.flush()
        await pilot.pause()
        assert screen.listed and len(screen.listed) < total
        assert all(r.metric.startswith("cases.rate") and r.subject == "Gia Lai" for r in screen.listed)
        assert "47,28%" in [r.text for r in screen.listed]
        await pilot.press("enter")  # back to the table; enter there opens the article
        assert screen.table.has_focus


async def test_results_and_figures_tables_fit_120_columns(tmp_path):
    """No horizontal scrolling at 120 columns: every column of both tables is on screen."""
    app = seeds_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_results(app, pilot)
        assert screen.table.virtual_size.width <= screen.table.size.width
        await pilot.press("escape", "F")
        await ready(app, pilot)
        await pilot.pause()
        table = app.screen.table
        assert table.row_count > 30
        assert table.virtual_size.width <= table.size.width
        values = {r.text: str(table.get_row_at(i)[3]) for i, r in enumerate(app.screen.listed)}
        assert values["216/897 việc"] == "216/897 việc"  # judgments, in the unit they are written in
        assert values["trên 62 nghìn tỷ đồng"] == "62.000 tỷ đ"
        assert values["1 năm"] == "1 năm"  # a duration shows its unit


async def test_figures_panel_says_what_whose_when(tmp_path):
    """The reader's figures panel: each figure with what it measures, of whom and when, in the
    reader's words; the highlighted row's facts in full under the table."""
    from thads_tui.ui.widgets.panels import FigurePanel

    app = seeds_app(tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(app, pilot)
        reader = app.screen
        national = next(r.id for r in reader.sidebar.rows if "8 tháng" in (reader.source.get(r.id).text[:2000]))
        reader.sidebar.select_id(national)
        reader.open(national)
        await ready(app, pilot)
        panel = app.query_one(FigurePanel)
        cells = [[str(c).split("\n") for c in panel.get_row_at(i)] for i in range(panel.row_count)]
        rows = {figure[0]: (figure[1], what) for figure, what in cells}  # two lines a figure
        assert rows["61,12%"] == ("61,12 %", ["% việc xong", "toàn quốc · 8 tháng 2023"])
        assert rows["29,42%"] == ("29,42 %", ["% tiền xong", "toàn quốc · 8 tháng 2023"])
        assert rows["17,48%"] == ("17,48 %", ["Δ tiền phải thi hành", "toàn quốc · 8 tháng 2023"])
        panel.focus()
        i = [figure[0] for figure, _ in cells].index("61,12%")
        panel.move_cursor(row=i)
        await pilot.pause()
        assert "% việc xong · toàn quốc · 8 tháng 2023" in panel._border_subtitle.plain


async def test_an_archive_without_enforcement_results_says_so(tmp_path):
    """Real news with rates in it (a school's, a court's) fills no row, and the empty table says
    why instead of looking broken."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Kết quả thi học sinh giỏi của Hà Tĩnh\n\nNăm 2019, Hà Tĩnh có tỷ lệ đạt giải "
                                  "86,5%, tăng 4,2% so với năm 2018.\n", encoding="utf-8")
    app = seeds_app(tmp_path, [folder])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        status = str(screen.query_one(".view-status").render())
        assert screen.total == 0 and "no article here reports enforcement results" in status
    app = seeds_app(tmp_path)  # the seeds have rows: no such words
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        assert screen.total and "no article here" not in str(screen.query_one(".view-status").render())


async def test_f_and_r_lead_to_each_other(tmp_path):
    """F's header says `R: the results table`, and R is what it does there (and F in R)."""
    from thads_tui.ui.screens.figures import FiguresScreen

    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_figures(app, pilot)
        await pilot.press("R")
        await ready(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and len(app.screen_stack) == 2
        await pilot.press("F")
        await ready(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, FiguresScreen) and len(app.screen_stack) == 2
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_the_palette_over_a_view_finds_its_keys(tmp_path):
    """ctrl+p in R: `export` finds the view's Export CSV, and running it writes the file."""
    app = seeds_app(tmp_path)
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Export CSV" in titles and "Chart" in titles
        command = next(c for c in app.get_system_commands(screen) if c.title == "Export CSV")
        app.call_later(command.callback)  # as the palette runs it
        await pilot.pause()
        await pilot.pause()
        assert len(list(tmp_path.glob("thads-results-*.csv"))) == 1


async def test_sort_marks_mean_the_same_in_every_view(tmp_path):
    """▼: the largest or newest first (F's dates, E's counts, O's latest notes), ▲ the smallest
    or oldest first (R's periods), whatever the view's first order is."""
    from thads_tui.ui.screens.entities import EntitiesScreen
    from thads_tui.ui.screens.figures import FiguresScreen

    app = seeds_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_results(app, pilot)
        assert str(screen.table.columns["period"].label).endswith("▲")
        periods = [r.period for r in screen.listed]
        assert periods[-1] == "2023:8m"  # oldest first
        await pilot.press("F")
        await ready(app, pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FiguresScreen) and str(screen.table.columns["date"].label).endswith("▼")
        dates = [r.date for r in screen.listed]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("escape", "E")
        await ready(app, pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntitiesScreen) and str(screen.table.columns["articles"].label).endswith("▼")

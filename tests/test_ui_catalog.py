"""The reader on the corpus catalogue: a warm launch lists before reading, the update runs behind
a usable reader, files added between launches appear, --no-cache, a damaged catalogue."""
from __future__ import annotations

import threading

from textual.worker import WorkerCancelled

from thads_tui.cli import parse
from thads_tui.corpus import loader
from thads_tui.corpus.catalog import Catalog
from thads_tui.ui.app import create_app
from thads_tui.ui.screens.corpus_search import CorpusSearchScreen

from test_ui_support import ARTICLES, SIZE, db, fake_extract, ready, records, write_articles


def launch(tmp_path, **kw):
    return create_app([str(tmp_path / "articles")], tmp_path / "db.json", extractor=fake_extract, **kw)


async def first_launch(tmp_path) -> None:
    write_articles(tmp_path / "articles")
    app = launch(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert len(app.reader.sidebar.rows) == len(ARTICLES)


def count_reads(monkeypatch) -> list:
    read, real = [], loader.read_file

    def counting(path):
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(loader, "read_file", counting)
    return read


async def settle(pilot, until, tries: int = 200) -> None:
    """Let the app run until `until()` holds (a bounded number of turns, no clock)."""
    for _ in range(tries):
        if until():
            return
        await pilot.pause()
    assert until()


async def quiet_but_load(app, pilot) -> None:
    """Wait for every worker but the (held) catalogue update."""
    for _ in range(20):
        busy = [w for w in app.workers if not w.is_finished and w.group != "load"]
        if not busy:
            await pilot.pause()
            return
        for worker in busy:
            try:
                await worker.wait()
            except WorkerCancelled:
                pass


async def test_warm_launch_lists_before_reading_and_reads_nothing_unchanged(tmp_path, monkeypatch):
    await first_launch(tmp_path)
    read = count_reads(monkeypatch)
    held, real_update = threading.Event(), Catalog.update

    def held_update(self, **kw):
        assert held.wait(30)
        return real_update(self, **kw)

    monkeypatch.setattr(Catalog, "update", held_update)
    app = launch(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: len(app.reader.sidebar.rows) == len(ARTICLES) and app.reader.current is not None)
        assert read == [] and "checking the files…" in app.reader.sub_title
        # the reader is usable while the update is held: move, scroll, write a note
        await pilot.press("j")
        opened = app.reader.current.id
        await pilot.press("tab", "space")
        await pilot.press("n", *"đọc lại", "ctrl+s")
        await quiet_but_load(app, pilot)
        assert [n["text"] for n in records(db(tmp_path), "notes")] == ["đọc lại"]
        assert records(db(tmp_path), "notes")[0]["article_id"] == opened
        held.set()
        await ready(app, pilot)
        assert read == []  # nothing changed: nothing read
        assert "checking" not in app.reader.sub_title and f"{len(ARTICLES)} articles" in app.reader.sub_title


async def test_a_file_added_between_launches_appears_after_the_update(tmp_path, monkeypatch):
    await first_launch(tmp_path)
    (tmp_path / "articles" / "moi.txt").write_text("Bài mới về thi hành án\n\n01/02/2024\n\nNội dung mới.\n",
                                                    encoding="utf-8")
    (tmp_path / "articles" / "da-nang.txt").unlink()
    read = count_reads(monkeypatch)
    app = launch(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        titles = [r.title for r in app.reader.sidebar.rows]
        assert "Bài mới về thi hành án" in titles and len(titles) == len(ARTICLES)
        assert not any(t.startswith("Đà Nẵng") for t in titles)
        assert read == ["moi.txt"]


async def test_no_cache_keeps_nothing_on_disk(tmp_path):
    write_articles(tmp_path / "articles")
    app = launch(tmp_path, no_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert len(app.reader.sidebar.rows) == len(ARTICLES) and app.reader.source.cat.path is None
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())
    _handler, args = parse(["--no-cache", str(tmp_path / "articles")])
    assert args.no_cache


async def test_a_damaged_catalogue_is_rebuilt_with_one_notice_and_the_notes_kept(tmp_path):
    write_articles(tmp_path / "articles")
    app = launch(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("n", *"ghi chú", "ctrl+s")
        await ready(app, pilot)
        path = app.reader.source.cat.path
    notes = db(tmp_path)["notes"]
    path.write_bytes(b"this is not a catalogue" * 100)
    again = launch(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        said = [n.message for n in again._notifications if "damaged" in n.message]
        assert len(said) == 1 and "rebuilt" in said[0]
        assert any("damaged" in p for p in again.reader.notebook.problems)  # the problems screen (l)
        assert len(again.reader.sidebar.rows) == len(ARTICLES)
        await pilot.press("l")
        await pilot.pause()
        assert "damaged" in str(again.screen.query_one("#problems-text").render()) if again.screen.query("#problems-text") else True
    assert db(tmp_path)["notes"] == notes
    assert Catalog.open([tmp_path / "articles"], path=path).count() == len(ARTICLES)


async def test_search_screen_reads_the_catalogue_with_its_totals_line(tmp_path):
    app = create_app(None, tmp_path / "db.json", extractor=fake_extract)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+f", *"thanh hoa")
        # the results of the whole query (a pause while typing shows those of "thanh h" first)
        await settle(pilot, lambda: isinstance(app.screen, CorpusSearchScreen) and app.screen.results
                     and app.screen.shown_query == "thanh hoa", tries=400)
        await ready(app, pilot)
        status = str(app.screen.query_one("#corpus-status").render())
        assert "the phrase" in status and "only the words" in status
        first = app.screen.results[0]
        text = app.reader.source.cat.text(first.id)
        assert {text[s:e] for s, e in first.hits} == {"Thanh Hóa"}  # the words together, not `hoàn thành`
        await pilot.press("enter")
        await ready(app, pilot)
        assert app.reader.current.id == first.id and app.reader.view.search_index == 0


async def test_entity_and_figure_views_read_the_catalogue_and_filter_the_list(tmp_path):
    from textual.widgets import DataTable

    from thads_tui.ui.catalog_views import CatalogExploration
    from thads_tui.ui.screens.entities import EntitiesScreen
    from thads_tui.ui.screens.figures import FiguresScreen

    app = create_app(None, tmp_path / "db.json")  # the real extractor: the views read the stored extraction
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.reader.source.exploration, CatalogExploration)
        await pilot.press("E")
        await ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, EntitiesScreen) and screen.query_one(DataTable).row_count > 0
        stored = {e.canonical for e in app.reader.source.cat.entities()}
        assert {e.name for e in screen.listed} <= stored
        top = screen.listed[0]  # most articles first
        assert top.article_count == max(e.article_count for e in screen.listed) >= 2
        await pilot.press("enter")
        await ready(app, pilot)
        assert len(app.reader.sidebar.shown) == len(app.reader.source.exploration.articles_mentioning(top.key)) >= 2
        await pilot.press("F")
        await ready(app, pilot)
        figures = app.screen
        assert isinstance(figures, FiguresScreen) and figures.query_one(DataTable).row_count > 0
        row = figures.listed[0]
        assert app.reader.source.cat.text(row.article_id)[row.start:row.end] == row.text


async def open_figures(app, pilot):
    """F, once the corpus-wide analysis is done: the figures view."""
    await ready(app, pilot)
    await pilot.press("F")
    await ready(app, pilot)
    for _ in range(50):
        if app.reader.source.exploring_done:
            break
        await pilot.pause()
    await pilot.pause()
    return app.screen


async def test_the_figures_view_pages_sorts_filters_and_exports_from_the_catalogue(tmp_path, monkeypatch):
    """The F view holds only the page it shows: the catalogue sorts and filters every figure, the
    status counts them all, the export writes every row the filter keeps, in the order shown."""
    import csv

    from textual.widgets import DataTable, Static

    from thads_tui.explore import search_figures, sort_figures
    from thads_tui.ui.screens import figures as figures_screen
    from thads_tui.ui.screens.figures import FiguresScreen

    monkeypatch.setattr(figures_screen, "MAX_ROWS", 3)
    app = create_app(None, tmp_path / "db.json")
    app.export_dir = tmp_path
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(app, pilot)
        assert isinstance(screen, FiguresScreen)
        every = app.reader.source.exploration.figures()
        status = lambda: str(screen.query_one(".view-status", Static).render())  # noqa: E731
        assert screen.table.row_count == 3 and screen.total == len(every) > 3
        assert f"{len(every)} figures · the first 3 listed" in status()
        await pilot.press("slash", *"gia lai", "enter")
        await pilot.pause(0.3)
        kept = sort_figures(search_figures(every, "gia lai"))
        assert 3 < screen.matched == len(kept) < len(every) and f"{len(kept)} of {len(every)} figures" in status()
        assert [(r.article_id, r.start) for r in screen.listed] == [(r.article_id, r.start) for r in kept[:3]]
        await pilot.press("s", "s", "s")  # date -> text -> value -> metric
        assert screen.sort_by == "metric"
        await pilot.press("w")
        (path,) = tmp_path.glob("thads-figures-*.csv")
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert len(rows) == len(kept) and [r["figure"] for r in rows][:3] == [r.text for r in screen.listed]
        metrics = [r["metric"] for r in rows]
        assert metrics == sorted(metrics, key=lambda m: (m == "other", m))


async def test_a_large_catalogue_sorts_and_filters_the_figures_in_a_worker(tmp_path, monkeypatch):
    """Above SLOW_FIGURES a sort by a text column or a filter is read by a worker (the UI goes on;
    the status says so): the page shown is the one asked for last, an older answer is dropped."""
    from textual.widgets import Static

    from thads_tui.explore import FigurePage, search_figures, sort_figures
    from thads_tui.ui.screens import figures as figures_screen

    monkeypatch.setattr(figures_screen, "MAX_ROWS", 3)
    monkeypatch.setattr(figures_screen, "SLOW_FIGURES", 0)
    app = create_app(None, tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(app, pilot)
        every = app.reader.source.exploration.figures()

        async def answered():
            for _ in range(100):
                await pilot.pause(0.02)
                if not screen._reading and not screen.workers:
                    return

        await pilot.press("slash", *"gia lai", "enter")
        await answered()
        kept = sort_figures(search_figures(every, "gia lai"))
        assert [(r.article_id, r.start) for r in screen.listed] == [(r.article_id, r.start) for r in kept[:3]]
        assert screen.matched == len(kept) and "…" not in str(screen.query_one(".view-status", Static).render())
        threads = []
        real_read = figures_screen.FiguresScreen._read_page

        def read_page(self, *args):
            threads.append(threading.current_thread() is threading.main_thread())
            real_read(self, *args)

        monkeypatch.setattr(figures_screen.FiguresScreen, "_read_page", read_page)
        await pilot.press("s")  # date -> text
        await answered()
        assert threads == [False]  # read by a worker thread
        assert screen.sort_by == "text"
        by_text = sort_figures(search_figures(every, "gia lai"), "text")
        assert [(r.article_id, r.start) for r in screen.listed] == [(r.article_id, r.start) for r in by_text[:3]]
        listed = list(screen.listed)
        screen.post_message(screen.Read(screen._request - 1, FigurePage([], 0, 0)))
        await pilot.pause()
        assert screen.listed == listed  # an answer to an older request changes nothing


async def test_a_figure_page_the_worker_cannot_read_is_said_and_the_rows_stay(tmp_path, monkeypatch):
    import sqlite3

    from textual.widgets import Static

    from thads_tui.ui.screens import figures as figures_screen

    monkeypatch.setattr(figures_screen, "SLOW_FIGURES", 0)
    app = create_app(None, tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_figures(app, pilot)
        listed = list(screen.listed)

        def locked(*args, **kw):
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(screen.exploration, "figure_page", locked)
        await pilot.press("s")
        for _ in range(50):
            await pilot.pause(0.02)
            if "could not" in screen._reading:
                break
        status = str(screen.query_one(".view-status", Static).render())
        assert "could not read the figures (database is locked)" in status and screen.listed == listed


async def test_a_large_catalogues_results_table_is_read_by_a_worker(tmp_path, monkeypatch):
    """Above SLOW_RESULTS results figures the R table is read off the UI thread (the status says
    so), then shown: the seeds' rows as the table read here shows them; a table that cannot be
    read is said, the rows shown stay."""
    import sqlite3

    from thads_tui.ui.screens import results as results_screen

    threads = []
    real_read = results_screen.ResultsScreen._read_table

    def read_table(self, request):
        threads.append(threading.current_thread() is threading.main_thread())
        real_read(self, request)

    monkeypatch.setattr(results_screen.ResultsScreen, "_read_table", read_table)
    monkeypatch.setattr(results_screen, "SLOW_RESULTS", 0)
    app = create_app(None, tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for _ in range(50):
            if app.reader.source.exploring_done:
                break
            await pilot.pause()
        await pilot.press("R")
        screen = app.screen
        assert isinstance(screen, results_screen.ResultsScreen)
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.listed and not screen._reading:
                break
        assert threads and not any(threads)  # read by a worker thread
        row = next(r for r in screen.listed if (r.subject, r.period) == ("Gia Lai", "2022:5m"))
        assert row.cells["cases.rate"].value == 47.28 and screen.table.row_count == len(screen.listed)

        def locked(self):
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(results_screen.ResultsScreen, "_table", locked)
        shown = list(screen.listed)
        screen.refresh_data()  # the catalogue grew: read again, and it fails
        for _ in range(50):
            await pilot.pause(0.02)
            if "could not" in screen._reading:
                break
        assert "could not read the figures (database is locked)" in str(screen.query_one(".view-status").render())
        assert screen.listed == shown


def test_interrupting_a_figure_page_stops_its_query(tmp_path, monkeypatch):
    """interrupt_page stops the query a page worker runs (a newer sort or filter was asked)."""
    import sqlite3
    import time

    import pytest

    from thads_tui.corpus.catalog import Catalog
    from thads_tui.ui import catalog_views

    from thads_tui.corpus.loader import bundled_seeds

    cat = Catalog.open([bundled_seeds()], path=tmp_path / "c.sqlite3")
    cat.update(workers=1)
    exploration = catalog_views.CatalogExploration(cat, threading.RLock())
    called, errors = threading.Event(), []

    def slow(*row):
        called.set()
        time.sleep(0.05)
        return True

    monkeypatch.setattr(catalog_views, "figure_matcher", lambda text: slow)

    def read():
        try:
            exploration.figure_page("title", False, "x", 10_000)
        except sqlite3.OperationalError as err:
            errors.append(err)

    worker = threading.Thread(target=read)
    start = time.perf_counter()
    worker.start()
    assert called.wait(5)
    exploration.interrupt_page()
    worker.join(5)
    assert errors and time.perf_counter() - start < 0.05 * len(exploration.figures()) / 2
    assert exploration.figure_page("date", False, "", 3).total == len(exploration.figures())  # the connection goes on


async def test_quitting_during_a_first_build_stops_the_update(tmp_path, monkeypatch):
    """The update worker stops at its next progress report when the app quits (it read on for
    minutes, and the terminal hung until it was done)."""
    import time

    from thads_tui.corpus.catalog import update as update_mod

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(120):
        (folder / f"a{i:03d}.txt").write_text(f"Bài số {i}\n\nNội dung {i} về thi hành án dân sự.\n", encoding="utf-8")
    monkeypatch.setenv("THADS_TUI_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(update_mod, "POOL_THRESHOLD", 10_000)  # read here, one by one
    monkeypatch.setattr(update_mod, "BATCH_FILES", 4)
    reads = []
    real = update_mod.read_one

    def slow(path, analyse=True):
        reads.append(path)
        time.sleep(0.05)
        return real(path, analyse)

    monkeypatch.setattr(update_mod, "read_one", slow)
    app = create_app([str(folder)], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
    at_exit = len(reads)
    time.sleep(1.0)
    assert len(reads) <= at_exit + 4 < 120  # one batch at most after the quit, never the whole folder


async def test_the_views_of_a_warm_catalogue_fill_while_the_files_are_checked_and_again_if_they_changed(
        tmp_path, monkeypatch):
    """E on a warm catalogue does not wait for the check of every file (6 s at 100,000 articles):
    it shows what the catalogue holds, and reads it again when the check found a new file."""
    from thads_tui.ui.screens.entities import EntitiesScreen

    monkeypatch.setenv("THADS_TUI_CACHE", str(tmp_path / "cache"))
    write_articles(tmp_path / "articles")
    app = create_app([str(tmp_path / "articles")], tmp_path / "db.json")  # the views read the catalogue
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
    (tmp_path / "articles" / "new.txt").write_text(
        "Tin mới\n\nNgày 2/3/2024\n\nÔng Trần Văn Bảy, Chi cục trưởng, đã thi hành xong 12 việc.\n", encoding="utf-8")
    held, real_update = threading.Event(), Catalog.update

    def held_update(self, **kw):
        assert held.wait(30)
        return real_update(self, **kw)

    monkeypatch.setattr(Catalog, "update", held_update)
    app = create_app([str(tmp_path / "articles")], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: app.reader.current is not None)
        await pilot.press("E")
        await settle(pilot, lambda: isinstance(app.screen, EntitiesScreen) and app.screen.listed, tries=400)
        assert "checking the files…" in app.reader.sub_title  # the check is still held
        before = {e.name for e in app.screen.listed}
        assert before and "Trần Văn Bảy" not in before
        held.set()
        await ready(app, pilot)
        await settle(pilot, lambda: "Trần Văn Bảy" in {e.name for e in app.screen.listed}, tries=400)
        assert before < {e.name for e in app.screen.listed}

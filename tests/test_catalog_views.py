"""The E/F/R views' rows read from the catalogue's SQL counts (schema 7: a body flag per entity
and figure row, the figure's text stored) are the in-memory exploration's rows: same entities,
names, types, mention and article counts, same figures."""
from __future__ import annotations

import shutil
import threading

import pytest
from hypothesis import given, settings, strategies as st

from thads_tui import analysis
from thads_tui.corpus.catalog import Catalog
from thads_tui.corpus.loader import bundled_seeds
from thads_tui.explore import Exploration
from thads_tui.extract import extract
from thads_tui.corpus.fold import fold
from thads_tui.ui.catalog_views import CatalogExploration

SEEDS = sorted(bundled_seeds().glob("*.txt"))

# A title naming what its body does not (title mentions are not counted), one institute
# written two ways across articles (one entity, named as written most often; its articles are
# counted once), and figures in the title and in the body.
EXTRA = {
    "a.txt": "Cục Thi hành án dân sự tỉnh Gia Lai thu 5 tỷ đồng\n\nNgày 12/3/2023\n\n"
             "Ông Nguyễn Văn An cho biết Cục Thi hành án dân sự tỉnh Gia Lai đã thi hành xong 1.234 việc,"
             " đạt tỷ lệ 47,28% về việc. Viện Vật lý Địa cầu còn 300 việc.\n",
    "b.txt": "Tin ngắn về thi hành án\n\nNgày 5/4/2023\n\nViện Vật lý địa cầu thu được 12 tỷ đồng;"
             " ông Nguyễn Văn An đã nộp 20 triệu đồng.\n",
    "c.txt": "Một bài khác\n\nNgày 6/4/2023\n\nViện Vật lý địa cầu và Viện Vật lý Địa cầu: 2 cách viết,"
             " 3 việc.\n",
}


def entity_rows(entries) -> dict:
    return {e.key: (e.name, e.type, e.mentions, e.article_count) for e in entries}


def figure_rows(rows) -> list:
    return sorted((f.article_id, f.start, f.end, f.text, f.value, f.unit, f.metric, f.subject, f.period, f.file,
                   f.title, f.date) for f in rows)


def seeds_and(tmp_path, monkeypatch, extra: dict) -> Catalog:
    """A built catalogue of the seeds and the `extra` {file name: text}."""
    monkeypatch.setenv("THADS_TUI_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    cat = Catalog.open([folder])
    cat.update(workers=1)
    return cat


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    cat = seeds_and(tmp_path, monkeypatch, EXTRA)
    yield cat
    cat.close()


def in_memory(cat: Catalog) -> Exploration:
    found = Exploration()
    for (aid,) in cat.conn.execute("SELECT id FROM articles ORDER BY n"):  # the catalogue's order
        article = cat.article(aid)
        found.add(article, analysis.in_body(article, extract(article.text, article.date)))
    return found


def test_the_views_rows_from_sql_are_the_in_memory_explorations(catalogue):
    views = CatalogExploration(catalogue, threading.RLock())
    views.prepare()
    memory = in_memory(catalogue)
    assert entity_rows(views.entities()) == entity_rows(memory.entities())
    assert figure_rows(views.figures()) == figure_rows(memory.figures())
    key = "viện vật lý địa cầu"  # two spellings, one entity, each article once
    bodies = [catalogue.article(r.id) for r in catalogue.rows()]
    holding = [a for a in bodies if any(s in a.body for s in ("Viện Vật lý địa cầu", "Viện Vật lý Địa cầu"))]
    assert catalogue.names_of(key) == ["Viện Vật lý Địa cầu", "Viện Vật lý địa cầu"]
    assert next(e for e in views.entities() if e.key == key).article_count == len(holding) >= 3
    # title mentions are stored (the panels' legend, `extract --json`) but not counted here
    flags = {b for (b,) in catalogue.conn.execute("SELECT DISTINCT body FROM entities")}
    assert flags == {0, 1}
    title_figures = catalogue.conn.execute("SELECT count(*) FROM figures WHERE NOT body").fetchone()[0]
    assert title_figures >= 1 and len(views.figures()) == catalogue.conn.execute(
        "SELECT count(*) FROM figures").fetchone()[0] - title_figures


def test_a_tie_between_two_spellings_goes_to_the_one_written_first(catalogue):
    views = CatalogExploration(catalogue, threading.RLock())
    views.prepare()
    spelled = {e.key: e.name for e in views.entities()}
    # a.txt (read first) and c.txt write `Địa cầu` once each, b.txt and c.txt `địa cầu`
    assert spelled["viện vật lý địa cầu"] == "Viện Vật lý Địa cầu"


SORT_KEYS = {  # what each order compares (rows equal under it may come either way)
    "title": lambda r: (fold(r.title), r.start), "date": lambda r: (r.date is not None, r.date or "", r.title),
    "text": lambda r: (fold(r.text), r.value), "value": lambda r: (r.unit, r.value), "unit": lambda r: (r.unit, r.value),
    "qualifier": lambda r: (r.qualifier is None, fold(r.qualifier or ""), r.value),
    "measure": lambda r: (r.measure is None, fold(r.measure or ""), r.value),
    "metric": lambda r: (r.metric == "other", r.metric, r.value),
    "subject": lambda r: (r.subject is None, fold(r.subject or ""), r.value),
    "period": lambda r: (r.period is None, r.period or "", fold(r.subject or "")),
}


@pytest.mark.parametrize("by", sorted(SORT_KEYS))
def test_a_figure_page_sorted_and_filtered_in_sql_is_the_in_memory_one(catalogue, by):
    """The F view asks the catalogue for the page it shows: every order, both ways, filtered or
    not, gives the rows (and counts) the in-memory exploration gives."""
    views = CatalogExploration(catalogue, threading.RLock())
    views.prepare()
    memory = in_memory(catalogue)
    key = SORT_KEYS[by]
    for reverse in (False, True):
        for text in ("", "gia lai", "viec", "ty dong", "tỷ lệ 2023", "zzz"):
            sql, mem = views.figure_page(by, reverse, text), memory.figure_page(by, reverse, text)
            assert (sql.matched, sql.total) == (mem.matched, mem.total) == (len(mem.rows), len(memory.figures()))
            assert [key(r) for r in sql.rows] == [key(r) for r in mem.rows]
            assert figure_rows(sql.rows) == figure_rows(mem.rows)
            first = views.figure_page(by, reverse, text, limit=3)
            assert [key(r) for r in first.rows] == [key(r) for r in mem.rows[:3]] and first.matched == mem.matched
    newest = [f.date or "" for f in views.figure_page().rows]
    assert newest == sorted(newest, reverse=True) and views.figure_page("date", True).rows[0].date == min(
        f.date for f in memory.figures() if f.date)


def test_the_results_read_only_their_figures(catalogue):
    from thads_tui.explore import results_of_rows

    views = CatalogExploration(catalogue, threading.RLock())
    views.prepare()
    few = views.result_figures()
    assert 0 < len(few) < len(views.figures())
    assert results_of_rows(few) == results_of_rows(views.figures()) == results_of_rows(in_memory(catalogue).result_figures())


REPORTS = {  # one cell (Gia Lai, 2022:5m) reported by three articles, one of them with another value
    f"r{i}.txt": f"Thi hành án dân sự Gia Lai, bài {i}\n\nNgày 2{i}/3/2022\n\n5 tháng đầu năm 2022, Cục Thi hành án"
                 f" dân sự tỉnh Gia Lai đạt tỷ lệ {rate} về việc và 21,61% về tiền.\n"
    for i, rate in enumerate(("47,28%", "47,28%", "45,1%"))}


def test_the_results_keep_a_few_sources_per_cell_and_count_them_all(tmp_path, monkeypatch):
    """A catalogue's results table holds at most RESULT_SOURCES sources per cell (a dense archive
    has 100,000s), with the counts of them all: the same rows, values, conflicts and article counts
    as the table of every source."""
    from thads_tui import results as results_mod
    from thads_tui.explore import results_of_rows
    from thads_tui.ui import catalog_views

    catalogue = seeds_and(tmp_path, monkeypatch, REPORTS)
    views = CatalogExploration(catalogue, threading.RLock())
    views.prepare()
    full = results_of_rows(in_memory(catalogue).result_figures())
    assert any(c.articles > 1 for r in full.rows for c in r.cells.values())  # cells reported twice
    assert any(r.conflicts for r in full.rows)
    monkeypatch.setattr(catalog_views, "RESULT_SOURCES", 1)
    few = results_of_rows(views.result_figures(), views.result_counts())

    def shown(table):
        return [(r.subject, r.period, r.articles, sorted(r.conflicts),
                 {m: (c.value, c.conflict, c.articles, len(c.values) + c.more_values) for m, c in r.cells.items()})
                for r in table.rows]

    assert shown(few) == shown(full)
    assert max(len(c.sources) for r in few.rows for c in r.cells.values()) == 1
    assert any(c.more_values for r in few.rows for c in r.cells.values())  # values the kept sources lack
    assert results_mod.ResultsTable(few.rows).sorted("cases.rate").rows  # sorts on the counted cells


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ÀÁẢÃẠĐỒỚỮ-/,.0123456789", max_size=40))
def test_the_views_quick_fold_is_fold(text):
    from thads_tui.corpus.fold import fold
    from thads_tui.explore import _folded

    assert _folded(text) == fold(text)


def test_the_entities_are_read_only_for_e_and_the_figures_never_held(catalogue):
    views = CatalogExploration(catalogue, threading.RLock())
    assert list(views.steps()) == ["done"] and not views.entities_read  # nothing wanted: nothing read
    views.want("figures")  # F: the extraction brought up to date, the page asked when shown
    assert views.pending() and list(views.steps()) == ["figures", "done"]
    assert views.ready("figures") and not views.ready("entities") and not views.pending()
    assert views.version("figures") == catalogue.state() and list(views.steps()) == ["done"]  # nothing changed
    views.want("entities")
    assert views.pending() and list(views.steps()) == ["entities", "done"] and views.entities()
    read = views.version("entities")
    assert list(views.steps()) == ["done"] and views.version("entities") == read  # not read again


def test_the_entities_come_in_the_e_views_first_order(catalogue):
    """E opens without sorting: the catalogue's order (one-way names from SQL, the others merged
    in) is sort_entities' first order, the other orders sort as before."""
    from thads_tui.explore import sort_entities

    views = CatalogExploration(catalogue, threading.RLock())
    views.want("entities")
    list(views.steps())
    given = views.entities()
    plain = list(given)
    assert [e.key for e in given] == [e.key for e in sort_entities(plain)]
    assert any(e.key == "viện vật lý địa cầu" for e in given)  # one of the merged-in entities
    for by in ("mentions", "name", "type"):
        for reverse in (False, True):
            assert [e.key for e in sort_entities(given, by, reverse)] == [e.key for e in sort_entities(plain, by, reverse)]
    assert [e.key for e in sort_entities(given, "articles", True)] == [e.key for e in sort_entities(plain, "articles", True)]

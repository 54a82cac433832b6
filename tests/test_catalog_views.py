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
from thads_tui.ui import catalog_views
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


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    monkeypatch.setenv("THADS_TUI_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    cat = Catalog.open([folder])
    cat.update(workers=1)
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


def test_the_figures_come_in_steps_newest_article_first(catalogue, monkeypatch):
    monkeypatch.setattr(catalog_views, "FIGURES_FIRST", 5)
    views = CatalogExploration(catalogue, threading.RLock())
    views.want("figures")
    seen = []
    for step in views.steps():
        seen.append((step, len(views.figures()), views.complete))
    assert seen[0][0] == "entities" and seen[0][1] == 0
    growing = [n for step, n, _ in seen if step == "figures"]
    assert growing[:3] == [5, 10, 20]  # each step reads as many as all before it
    assert seen[-1][0] == "done" and seen[-1][2] and seen[-1][1] >= growing[-1]
    dates = [f.date or "" for f in views.figures()]
    assert dates == sorted(dates, reverse=True)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ÀÁẢÃẠĐỒỚỮ-/,.0123456789", max_size=40))
def test_the_views_quick_fold_is_fold(text):
    from thads_tui.corpus.fold import fold
    from thads_tui.explore import _folded

    assert _folded(text) == fold(text)


def test_the_figures_are_read_only_once_a_view_wants_them(catalogue):
    views = CatalogExploration(catalogue, threading.RLock())
    assert list(views.steps()) == ["entities"]  # E alone: no figures
    assert views.ready("entities") and views.entities() and views.figures() == []
    assert not views.ready("figures") and not views.pending()
    views.want("figures")
    assert views.pending()
    read = views.version("entities")
    assert list(views.steps())[-1] == "done" and views.figures() and views.ready("figures") and not views.pending()
    assert views.version("entities") == read  # F after E: the entities are not read again

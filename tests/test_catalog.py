"""The corpus catalogue: incremental updates, lazy re-analysis, bad states, two processes."""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from thads_tui import extract as extract_pkg
from thads_tui.corpus import loader
from thads_tui.corpus.catalog import Catalog, db, update as update_mod
from thads_tui.corpus.loader import bundled_seeds

SEEDS = sorted(bundled_seeds().glob("*.txt"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in SEEDS[:3]:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("THADS_TUI_CACHE", str(folder))
    return folder


def ids(cat: Catalog) -> set[str]:
    return {r.id for r in cat.rows()}


def test_catalogue_lives_in_the_cache_folder_and_a_second_open_reads_nothing(corpus, cache):
    cat = Catalog.open([corpus])
    first = cat.update(workers=1)
    assert first.read == 3 and cat.count() == 3
    assert cat.path is not None and cat.path.parent == cache and cat.path.exists()
    cat.close()
    again = Catalog.open([corpus])
    report = again.update(workers=1)
    assert report.read == 0 and report.listed == 3 and again.count() == 3
    assert again.notices == []


def test_incremental_add_change_delete_and_rename(corpus, cache):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    before = {r.file: r.id for r in cat.rows()}
    cat.close()
    names = sorted(before)
    shutil.copy(SEEDS[3], corpus / SEEDS[3].name)  # add
    changed = corpus / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMột đoạn mới về Đồng Nai.\n", encoding="utf-8")  # change
    (corpus / names[1]).unlink()  # delete
    (corpus / names[2]).rename(corpus / "renamed.txt")  # rename
    cat = Catalog.open([corpus])
    report = cat.update(workers=1)
    after = {r.file: r.id for r in cat.rows()}
    assert report.read == 3 and report.dropped == 2  # new, changed, renamed read; deleted and old name dropped
    assert set(after) == {names[0], SEEDS[3].name, "renamed.txt"}
    assert after["renamed.txt"] == before[names[2]]  # notes follow the content id
    assert after[names[0]] != before[names[0]]
    assert cat.search("Đồng Nai").results[0].file == names[0]
    assert cat.search('"mot doan moi"').total == 1
    # the FTS rows of the dropped and replaced articles are gone too
    assert cat.conn.execute("SELECT count(*) FROM fts").fetchone()[0] == 3


def test_an_edited_last_article_gets_a_new_number_never_a_reused_one(corpus, cache):
    """The list takes the rows numbered above the last it saw: the newest article, edited, must come
    back above it (a reused number hid it from the list until the next launch)."""
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    (last_n, last_file), = cat.conn.execute(
        "SELECT a.n, f.path FROM articles a JOIN files f ON f.id = a.file ORDER BY a.n DESC LIMIT 1")
    path = Path(os.fsdecode(bytes(last_file)))
    path.write_text(path.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # another mtime, whatever the clock's resolution
    cat.update(workers=1)
    (n,), = cat.conn.execute("SELECT a.n FROM articles a JOIN files f ON f.id = a.file WHERE f.path = ?", (last_file,))
    assert n > last_n and cat.count() == 3


def test_old_extractor_stamp_triggers_reanalysis_and_only_then(corpus, cache, monkeypatch):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    calls = []
    real = update_mod.extraction_rows
    monkeypatch.setattr(update_mod, "extraction_rows", lambda text, date=None, paragraphs=(): calls.append(1) or real(text, date, paragraphs))
    entities = cat.entities()
    assert entities and calls == []  # fresh stamps: nothing re-analysed
    n = cat.conn.execute("SELECT n FROM articles ORDER BY n LIMIT 1").fetchone()[0]
    cat.conn.execute("UPDATE articles SET extractor = ? WHERE n = ?", (extract_pkg.EXTRACTOR_VERSION - 1, n))
    cat.conn.execute("DELETE FROM entities WHERE article = ?", (n,))
    assert cat.entities() == entities and calls == [1]  # the old stamp: that one article again
    cat.figures()
    assert calls == [1]


def test_extraction_can_wait_and_is_done_when_asked_for(corpus, cache):
    cat = Catalog.open([corpus])
    cat.update(workers=1, analyse=False)
    assert cat.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 0
    assert cat.entities()
    assert update_mod.stale_articles(cat.conn) == []


def test_corrupt_catalogue_is_rebuilt_with_a_notice_and_notes_untouched(corpus, cache):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    path = cat.path
    cat.close()
    notes = cache / "annotations.json"
    notes.write_bytes(b'{"_meta": {"version": 1}, "notes": {"x": "y"}}')
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    seen = []
    cat = Catalog.open([corpus], notice=seen.append)
    assert len(seen) == 1 and "damaged" in seen[0] and "rebuilt" in seen[0]
    assert cat.update(workers=1).read == 3 and cat.count() == 3 and cat.path == path
    assert notes.read_bytes() == b'{"_meta": {"version": 1}, "notes": {"x": "y"}}'


def test_newer_schema_version_is_left_alone_and_memory_is_used(corpus, cache):
    cat = Catalog.open([corpus])
    path = cat.path
    cat.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(db.SCHEMA_VERSION + 1),))
    cat.close()
    seen = []
    cat = Catalog.open([corpus], notice=seen.append)
    assert cat.path is None and len(seen) == 1 and "newer" in seen[0]
    assert cat.update(workers=1).read == 3
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == str(db.SCHEMA_VERSION + 1)


def test_cache_folder_that_cannot_be_made_falls_back_to_memory_once(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("THADS_TUI_CACHE", str(blocker / "cache"))
    seen = []
    cat = Catalog.open([corpus], notice=seen.append)
    assert cat.path is None and len(seen) == 1 and "memory" in seen[0]
    assert cat.update(workers=1).read == 3 and cat.count() == 3


def test_full_disk_during_build_moves_to_memory_with_a_notice(corpus, cache, monkeypatch):
    cat = Catalog.open([corpus])
    real = update_mod._write_file
    state = {"first": True}

    def full(conn, *args):
        if state.pop("first", False):
            raise sqlite3.OperationalError("database or disk is full")
        return real(conn, *args)

    monkeypatch.setattr(update_mod, "_write_file", full)
    seen = []
    cat._notice_cb = seen.append
    report = cat.update(workers=1)
    assert report.read == 3 and cat.count() == 3 and cat.path is None
    assert len(seen) == 1 and "full" in seen[0]


def test_no_cache_is_in_memory(corpus, cache):
    cat = Catalog.open([corpus], no_cache=True)
    cat.update(workers=1)
    assert cat.count() == 3 and cat.path is None and not cache.exists()


def test_non_utf8_file_name_is_stored_losslessly(tmp_path, cache):
    folder = tmp_path / "c"
    folder.mkdir()
    name = os.fsdecode(b"b\xe0i vi\xea\xf7t.txt")
    shutil.copy(SEEDS[0], folder / name)
    cat = Catalog.open([folder])
    cat.update(workers=1)
    (row,) = cat.rows()
    raw = cat.conn.execute("SELECT path FROM files").fetchone()[0]
    assert bytes(raw).endswith(b"b\xe0i vi\xea\xf7t.txt")
    assert cat.article(row.id).path == folder / name
    assert Catalog.open([folder]).update(workers=1).read == 0


def test_jsonl_dump_is_catalogued_per_record(tmp_path, cache):
    folder = tmp_path / "dump"
    folder.mkdir()
    records = [{"title": f"Bài {i} về Thanh Hóa", "content": f"Nội dung thứ {i} về thi hành án dân sự ở Thanh Hóa.",
                "date": f"2021-0{i + 1}-01"} for i in range(3)]
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    cat = Catalog.open([folder])
    cat.update(workers=1)
    rows = cat.rows()
    assert [r.title for r in rows] == [r["title"] for r in records]
    assert all(r.format == "json" and r.file.startswith("news.jsonl (") for r in rows)
    assert len({r.id for r in rows}) == 3
    assert cat.years() == [(2021, 3)]
    assert cat.search("thanh hoa").total == 3
    # a file of many records names none of them: notes on one record never move to another
    assert cat.id_of_file(folder / "news.jsonl") is None


def test_queries_for_the_list_filters_and_entity_views(corpus, cache):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    rows = cat.rows()
    assert [r.date for r in rows] == sorted((r.date for r in rows), key=lambda d: (d is None, d))
    assert [r.title for r in cat.rows(order="title")] == sorted(r.title for r in rows)
    assert cat.rows(limit=1, offset=1) == rows[1:2]
    for year, count in cat.years():
        assert cat.count(year=year) == count == len(cat.rows(year=year))
    top = cat.entities()[0]
    mentioning = cat.mentioning(top.canonical, top.type)
    assert len(mentioning) == top.articles == cat.count(entity=top.canonical)
    art = cat.article(rows[0].id)
    from thads_tui.corpus import loader as ld
    on_disk = ld.read_article(art.path)
    assert art == on_disk
    ents, figs = cat.extraction(art.id)
    fresh = extract_pkg.extract(art.text, art.date)
    assert ents == fresh.entities and figs == fresh.figures


def _two_processes_worker(corpus: str, cache: str, queue) -> None:
    os.environ["THADS_TUI_CACHE"] = cache
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    queue.put((cat.path is not None, cat.count(), cat.search("thi hành án").total, list(cat.notices)))


def test_two_processes_on_one_catalogue(corpus, cache):
    for p in SEEDS[3:]:
        shutil.copy(p, corpus / p.name)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_two_processes_worker, args=(str(corpus), str(cache), queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert results == [(True, 5, 5, [])] * 2
    cat = Catalog.open([corpus])
    assert cat.update(workers=1).read == 0 and cat.count() == 5


def test_an_open_meeting_another_process_creating_the_catalogue_waits_for_it(tmp_path, monkeypatch):
    """SQLite answers "database is locked" at once (whatever the busy timeout) while another
    process creates the file or switches it to WAL: the open waits a little, then uses the file;
    a catalogue locked for good is given up for memory, with the notice."""
    real, calls = db.connect, []

    def locked_twice(path):
        calls.append(path)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    monkeypatch.setattr(db, "connect", locked_twice)
    notices = []
    conn = db.open_file(tmp_path / "c.sqlite3", notices.append)
    assert len(calls) == 3 and not notices and conn.execute("PRAGMA database_list").fetchone()[2]

    def locked(path):  # the file's connections only (memory is no file)
        if str(path) != db.MEMORY:
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    monkeypatch.setattr(db, "connect", locked)
    conn = db.open_file(tmp_path / "d.sqlite3", notices.append)
    assert notices == ["The catalogue is busy in another window: a catalogue in memory is used."]
    assert conn.execute("PRAGMA database_list").fetchone()[2] == ""  # in memory


def test_older_schema_version_is_rebuilt_with_a_notice(corpus, cache):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    cat.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(db.SCHEMA_VERSION - 1),))
    cat.close()
    seen = []
    cat = Catalog.open([corpus], notice=seen.append)
    assert len(seen) == 1 and "older" in seen[0] and cat.path is not None
    assert cat.update(workers=1).read == 3


def test_catalogue_is_smaller_than_text_plus_compressed_text(tmp_path, cache):
    """The NFC text is kept compressed: the article rows stay below the raw text size."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i, p in enumerate(SEEDS * 4):
        (folder / f"{i}.txt").write_text(p.read_text(encoding="utf-8") + f"\nbản {i}\n", encoding="utf-8")
    cat = Catalog.open([folder])
    cat.update(workers=1, analyse=False)
    stored = cat.conn.execute("SELECT sum(length(ztext)) FROM texts").fetchone()[0]
    raw = sum(len(cat.text(r.id).encode()) for r in cat.rows())
    assert stored < raw / 2


def test_background_check_finds_changed_and_deleted_files_while_rows_show_at_once(corpus, cache):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    names = sorted(r.file for r in cat.rows())
    cat.close()
    changed = corpus / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nBài có thêm chữ kleptocracy.\n", encoding="utf-8")
    (corpus / names[1]).unlink()
    cat = Catalog.open([corpus])
    assert sorted(r.file for r in cat.rows()) == names  # the catalogued rows, before any file is checked
    finished = []
    cat.update_in_background(done=finished.append, workers=1).join()
    report = finished[0]
    assert report.read == 1 and report.dropped == 1
    assert sorted(r.file for r in cat.rows()) == [names[0], names[2]]  # this connection sees the other's commits
    assert cat.search("kleptocracy").total == 1
    assert cat.extraction_done() == (2, 2)


def test_background_check_of_an_in_memory_catalogue_uses_its_connection(corpus):
    cat = Catalog.open([corpus], no_cache=True)
    finished = []
    cat.update_in_background(done=finished.append, workers=1, analyse=False).join()
    assert finished[0].read == 3 and cat.count() == 3 and cat.extraction_done() == (0, 3)


def test_second_phase_fills_entities_and_figures_in_committed_batches(corpus, cache, monkeypatch):
    monkeypatch.setattr(update_mod, "EXTRACT_BATCH", 2)
    cat = Catalog.open([corpus])
    steps = []
    cat.update(workers=1, progress=lambda d, t: None, extract_progress=lambda d, t: steps.append((d, t)))
    assert steps == [(2, 3), (3, 3)]
    assert cat.extraction_done() == (3, 3)
    assert update_mod.stats_fresh(cat.conn) and cat.entities()
    total = cat.conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    fresh = Catalog.open([corpus], no_cache=True)
    fresh.update(workers=1)  # the same corpus in one go: the same entity rows
    assert fresh.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == total


def test_articles_another_process_analysed_meanwhile_are_written_once(corpus, cache, monkeypatch):
    """The second phase drops an article's rows only where it was analysed before (asked inside
    its transaction): one another process analysed after this one listed it stale is rewritten,
    not written twice (a duplicate row would stop the phase)."""
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    rows = cat.conn.execute("SELECT count(*) FROM entities").fetchone()[0], \
        cat.conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    listed = [n for (n,) in cat.conn.execute("SELECT n FROM articles")]
    monkeypatch.setattr(update_mod, "stale_articles", lambda conn: listed)  # listed before the other wrote
    cache_size = cat.conn.execute("PRAGMA cache_size").fetchone()
    assert cat.refresh_extraction(workers=1) == 3
    assert cat.conn.execute("PRAGMA cache_size").fetchone() == cache_size  # the build's large cache is let go
    assert (cat.conn.execute("SELECT count(*) FROM entities").fetchone()[0],
            cat.conn.execute("SELECT count(*) FROM figures").fetchone()[0]) == rows
    assert cat.extraction_done() == (3, 3)


def test_an_article_another_process_dropped_meanwhile_gets_no_rows(corpus, cache, monkeypatch):
    """An article dropped by another process (its file read again or deleted) after this one
    read its text is not written (its rows would break the foreign key: "damaged", memory)."""
    from thads_tui.corpus.catalog import db

    cat = Catalog.open([corpus])
    cat.update(workers=1, analyse=False)
    first = cat.conn.execute("SELECT min(n) FROM articles").fetchone()[0]
    real = update_mod._analyse_task

    def analyse_then_drop(args):
        out = real(args)
        if args[0] == first:  # another process drops that article's file meanwhile
            other = db.connect(cat.path)
            other.execute("DELETE FROM files WHERE id = (SELECT file FROM articles WHERE n = ?)", (first,))
            other.close()
        return out

    monkeypatch.setattr(update_mod, "_analyse_task", analyse_then_drop)
    assert cat.refresh_extraction(workers=1) == 3
    assert cat.extraction_done() == (2, 2) and not cat.notices
    assert cat.conn.execute("SELECT count(*) FROM entities WHERE article = ?", (first,)).fetchone()[0] == 0


def test_a_first_build_commits_its_first_rows_early_then_in_large_batches(tmp_path, cache):
    """The first FIRST_BATCH files are committed (listed) at once, then every BATCH_FILES."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(update_mod.FIRST_BATCH + 20):
        (folder / f"a{i:03d}.txt").write_text(f"Bài {i}\n\nNội dung {i}.\n", encoding="utf-8")
    cat = Catalog.open([folder])
    steps = []
    cat.update(workers=1, analyse=False, progress=lambda done, total: steps.append(done))
    assert steps == [0, update_mod.FIRST_BATCH, update_mod.FIRST_BATCH + 20]
    assert update_mod.BATCH_FILES > update_mod.FIRST_BATCH + 20


def test_scan_files_with_stat_lists_what_scan_files_lists(corpus, tmp_path):
    (corpus / "sub").mkdir()
    shutil.copy(SEEDS[4], corpus / "sub" / "x.txt")
    (corpus / "notes.bin").write_bytes(b"\0")
    plain, _ = loader.scan_files([corpus])
    stats, _ = loader.scan_files([corpus], with_stat=True)
    assert sorted(str(p) for p in plain) == sorted(p for p, _, _ in stats)  # with_stat: in no set order
    for p, size, mtime in stats:
        st = os.stat(p)
        assert (size, mtime) == (st.st_size, st.st_mtime_ns)
    single, _ = loader.scan_files([corpus / "sub" / "x.txt", corpus], with_stat=True)
    assert len(single) == len(stats)  # a file given twice is listed once


def test_an_article_the_extractor_fails_on_does_not_stop_the_others(corpus, cache, monkeypatch):
    """One text that makes the extractor raise: it gets no entities, the others all do, and the
    views answer (the error stopped the second phase and crashed the E view)."""
    real = update_mod.extraction_rows
    first = SEEDS[0].read_text(encoding="utf-8").splitlines()[0]

    def fragile(text, date=None, paragraphs=()):
        if text.startswith(first):
            raise ValueError("an extractor bug")
        return real(text, date, paragraphs)

    monkeypatch.setattr(update_mod, "extraction_rows", fragile)
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    assert cat.extraction_done() == (3, 3)  # stamped: not tried again at every launch
    analysed = {n for (n,) in cat.conn.execute("SELECT DISTINCT article FROM entities")}
    assert len(analysed) == 2 and cat.entities()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=12), st.lists(st.integers(0, 400), max_size=20))
def test_the_builds_body_test_is_in_body(gaps, offsets):
    """extraction_rows' quick in_body (one article's paragraphs taken apart once) says the same."""
    from thads_tui.corpus.article import in_body

    paragraphs, pos = [], 0
    for a, b in zip(gaps[::2], gaps[1::2]):
        paragraphs.append([pos + a, pos + a + b])
        pos += a + b
    body = update_mod._body_test(paragraphs)
    assert [body(o) for o in offsets] == [in_body(paragraphs, o) for o in offsets]

"""DurableStorage under TinyDB's own operations, failed writes, transactions and cache freshness."""
import errno
import json
import os
import stat

import pytest
from tinydb import Query, TinyDB, where
from tinydb.table import Document

from thads_tui.store import DurableStorage, DurableTinyDB
from thads_tui.store.durable import LockTimeout


@pytest.fixture(params=["stock", "durable"])
def db(request, tmp_path):
    path = tmp_path / "db.json"
    if request.param == "stock":
        database = TinyDB(path, storage=DurableStorage, ensure_ascii=False)
    else:
        database = DurableTinyDB(path, ensure_ascii=False)
    yield database
    database.close()


def on_disk(db):
    return json.loads(db.storage.path.read_text(encoding="utf-8"))


def test_tinydb_operations(db):
    t = db.table("notes")
    assert t.insert({"a": 1, "text": "Thứ trưởng"}) == 1
    assert t.insert_multiple([{"a": 2}, {"a": 3}, {"a": 4}]) == [2, 3, 4]
    assert t.update({"b": True}, where("a") >= 3) == [3, 4]
    assert t.upsert({"a": 5, "b": False}, where("a") == 5) == [5]
    assert t.upsert({"b": False}, where("a") == 5) == [5]
    assert sorted(d["a"] for d in t.search(where("b") == False)) == [5]  # noqa: E712
    assert t.get(where("a") == 1)["text"] == "Thứ trưởng"
    assert t.get(doc_id=2) == {"a": 2}
    assert t.contains(where("a") == 4) and not t.contains(where("a") == 42)
    assert t.count(where("b") == True) == 2  # noqa: E712
    assert t.remove(where("a") == 2) == [2]
    t.update_multiple([({"c": 1}, where("a") == 1), ({"c": 2}, where("a") == 3)])
    assert {d["a"]: d.get("c") for d in t.all()} == {1: 1, 3: 2, 4: None, 5: None}
    t.insert(Document({"a": 9}, doc_id=100))
    assert t.insert({"a": 10}) == 101
    assert len(t) == 6

    other = db.table("bookmarks")
    other.insert({"article_id": "x"})
    assert db.tables() == {"notes", "bookmarks"}
    db.drop_table("bookmarks")
    assert db.tables() == {"notes"}

    disk = on_disk(db)
    assert disk["notes"]["1"] == {"a": 1, "text": "Thứ trưởng", "c": 1}
    assert "Thứ trưởng" in db.storage.path.read_text(encoding="utf-8")  # ensure_ascii=False honoured
    t.truncate()
    assert t.all() == [] and on_disk(db)["notes"] == {}
    db.insert({"default": True})
    assert db.all() == [{"default": True}]
    db.drop_tables()
    assert on_disk(db) == {}


def test_reopen_reads_what_was_written(tmp_path):
    path = tmp_path / "sub" / "db.json"
    with TinyDB(path, storage=DurableStorage, create_dirs=True) as db:
        db.table("t").insert_multiple({"n": i} for i in range(50))
    with TinyDB(path, storage=DurableStorage, access_mode="r") as db:
        assert [d["n"] for d in db.table("t").all()] == list(range(50))
        with pytest.raises(IOError):
            db.table("t").insert({"n": 50})


def test_no_file_until_first_write(tmp_path):
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=DurableStorage)
    assert db.table("t").all() == [] and not path.exists()
    db.table("t").insert({"n": 1})
    assert path.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_failed_write_leaves_file_as_it_was(tmp_path, monkeypatch, code, stage):
    path = tmp_path / "db.json"
    db = DurableTinyDB(path)
    db.table("t").insert({"n": 1})
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, stage, fail)
    with pytest.raises(OSError):
        db.table("t").insert({"n": 2})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [d["n"] for d in db.table("t").all()] == [1]  # no phantom document in the cache
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]  # no temporary file, no lock file left
    assert db.table("t").insert({"n": 2}) == 2


def test_transaction_commits_once_and_rolls_back(tmp_path, monkeypatch):
    db = DurableTinyDB(tmp_path / "db.json")
    storage = db.storage
    commits = []
    real_commit = storage._commit
    monkeypatch.setattr(storage, "_commit", lambda data: (commits.append(1), real_commit(data)))
    with storage.locked():
        for i in range(10):
            db.table("t").insert({"n": i})
        with storage.locked():  # re-entrant
            db.table("t").update({"seen": True})
    assert len(commits) == 1 and db.table("t").count(where("seen") == True) == 10  # noqa: E712

    with pytest.raises(RuntimeError):
        with storage.locked():
            db.table("t").truncate()
            raise RuntimeError("boom")
    assert len(db.table("t")) == 10 and len(commits) == 1


def test_second_instance_sees_changes_and_does_not_clobber_them(tmp_path):
    path = tmp_path / "db.json"
    a, b = DurableTinyDB(path), DurableTinyDB(path)
    ta, tb = a.table("t"), b.table("t")
    ta.insert({"by": "a"})
    assert tb.search(Query().by == "a")  # cached query results would miss this
    assert tb.search(Query().by == "b") == []
    tb.insert({"by": "b"})  # next id must come from the file, not b's stale counter
    ta.insert({"by": "a2"})
    assert ta.search(Query().by == "b") and len(ta) == 3
    assert sorted(d["by"] for d in tb.all()) == ["a", "a2", "b"]
    assert sorted(d.doc_id for d in tb.all()) == [1, 2, 3]


def test_stale_stock_cache_is_not_served_by_storage(tmp_path):
    path = tmp_path / "db.json"
    a = TinyDB(path, storage=DurableStorage)
    b = TinyDB(path, storage=DurableStorage)
    a.insert({"n": 1})
    assert b.storage.read()["_default"] == {"1": {"n": 1}}
    with a.storage.locked():
        a.insert({"n": 2})
    assert b.storage.read()["_default"]["2"] == {"n": 2}


def test_reads_return_copies(tmp_path):
    storage = DurableStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"n": 1}}})
    data = storage.read()
    data["t"]["1"]["n"] = 99
    data["t"]["2"] = {}
    assert storage.read() == {"t": {"1": {"n": 1}}}


def test_lock_times_out_when_another_holder_keeps_it(tmp_path):
    path = tmp_path / "db.json"
    holder = DurableStorage(path)
    waiter = DurableStorage(path, lock_timeout=0.05)
    with holder.locked():
        with pytest.raises(LockTimeout):
            waiter.write({"t": {}})
    waiter.write({"t": {}})
    assert json.loads(path.read_text()) == {"t": {}}


def test_damaged_file_raises_and_is_not_touched(tmp_path):
    from thads_tui.store.durable import DatabaseDamaged

    path = tmp_path / "db.json"
    path.write_bytes(b'{"t": {"1": ')
    storage = DurableStorage(path)
    with pytest.raises(DatabaseDamaged):
        storage.read()
    with pytest.raises(DatabaseDamaged):
        with storage.locked():
            storage.read()
    assert path.read_bytes() == b'{"t": {"1": '


def test_leftover_temp_files_are_swept(tmp_path):
    path = tmp_path / "db.json"
    (tmp_path / ".db.json.abc123.tmp").write_text("half a write")
    DurableStorage(path).write({})
    assert not (tmp_path / ".db.json.abc123.tmp").exists()


def test_keeps_file_permissions(tmp_path):
    path = tmp_path / "db.json"
    storage = DurableStorage(path)
    storage.write({})
    os.chmod(path, 0o640)
    storage.write({"t": {}})
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_reused_document_text_never_hides_a_change(tmp_path):
    path = tmp_path / "db.json"
    storage = DurableStorage(path, ensure_ascii=False)
    data = {"t": {"1": {"n": 1, "s": "Thứ"}, "2": {"s": "a", "c": {"x": ["y"]}}}, "u": {}}
    storage.write(data)
    assert json.loads(path.read_bytes()) == data
    for change in ({"n": True, "s": "Thứ"}, {"n": 1.0, "s": "Thứ"}, {"n": 1, "s": "Thứ", "z": None}):
        new = storage.read()
        new["t"]["1"] = change
        storage.write(new)
        assert path.read_text(encoding="utf-8") == json.dumps(new, ensure_ascii=False)
    new = storage.read()
    new["t"]["2"]["c"] = {"x": ["y", "z"]}
    storage.write(new)
    assert json.loads(path.read_bytes())["t"]["2"]["c"] == {"x": ["y", "z"]}
    assert DurableStorage(path).read() == new


@pytest.mark.parametrize("kwargs", [{"indent": 2}, {"sort_keys": True}, {}])
def test_other_json_options_are_honoured(tmp_path, kwargs):
    path = tmp_path / "db.json"
    data = {"b": {"2": {"z": 1, "a": [1, 2]}}, "a": {}}
    storage = DurableStorage(path, **kwargs)
    storage.write(data)
    storage.write(storage.read())
    assert path.read_text() == json.dumps(data, **kwargs)


def test_results_and_reads_are_detached_from_the_database(tmp_path):
    db = DurableTinyDB(tmp_path / "db.json")
    t = db.table("t")
    t.insert({"tags": ["a"], "cit": {"title": "x"}})
    t.get(doc_id=1)["tags"].append("phantom")
    t.search(where("tags").exists())[0]["cit"]["title"] = "phantom"
    next(iter(t))["tags"].append("phantom")
    db.storage.read()["t"]["1"]["tags"].append("phantom")
    assert t.get(doc_id=1) == {"tags": ["a"], "cit": {"title": "x"}}
    t.insert({"other": 1})  # the unchanged document's saved text is re-used: it must be the right one
    assert json.loads(db.storage.path.read_text())["t"]["1"] == {"tags": ["a"], "cit": {"title": "x"}}


def test_in_place_operation_that_fails_to_save_leaves_no_trace(tmp_path, monkeypatch):
    from tinydb.operations import add

    db = DurableTinyDB(tmp_path / "db.json")
    t = db.table("t")
    t.insert_multiple([{"tags": ["a"]}, {"tags": ["b"]}])
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(OSError):
        t.update(add("tags", ["x"]), doc_ids=[1])
    with pytest.raises(ZeroDivisionError):
        t.update(lambda doc: (doc["tags"].append("y"), 1 / 0), doc_ids=[2])
    monkeypatch.undo()
    assert [d["tags"] for d in t.all()] == [["a"], ["b"]]
    t.insert({"tags": []})
    assert [d["tags"] for d in json.loads(db.storage.path.read_text())["t"].values()] == [["a"], ["b"], []]


def test_storage_never_opens_nor_replaces_what_is_not_a_regular_file(tmp_path):
    from thads_tui.store.durable import NotRegularFile

    folder = tmp_path / "db.json"
    folder.mkdir()
    storage = DurableStorage(folder)
    with pytest.raises(NotRegularFile):
        storage.read()
    with pytest.raises(NotRegularFile):
        storage.write({"t": {}})
    assert folder.is_dir() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.json"
        os.mkfifo(fifo)
        storage = DurableStorage(fifo)
        with pytest.raises(NotRegularFile):
            storage.write({"t": {}})  # checked before anything is opened: cannot block
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)

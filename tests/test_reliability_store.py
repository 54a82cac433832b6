"""Issue 14 (store side): nothing lost, nothing replaced by mistake, messages that say what happened.

Each test is named after the numbered fault it guards against (items 1-5, 12, issue 9 bug 6).
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import threading

import pytest

from thads_tui.cli import main
from thads_tui.store import Annotations, AnnotationsError
from thads_tui.store.annotations import citation_path
from thads_tui.store.durable import DurableStorage, _FileLock

NOT_UTF8 = os.fsdecode(b"b\xe0i vi\xea\xf7t.txt")  # 'b\udce0i vi\udcea\udcf7t.txt'


def listing(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- 1. file names that are not UTF-8, lone surrogates in the file, any save error ------------------
def test_item1_note_on_a_file_name_that_is_not_utf8_is_saved_losslessly(tmp_path):
    ann = Annotations(tmp_path / "db.json")
    citation = {"title": "Bài viết", "date": None, "source": None, "file": str(tmp_path / NOT_UTF8)}
    ann.set_note("a", "ghi chú", citation=citation)
    ann.set_bookmark("a", True, citation=citation)
    raw = (tmp_path / "db.json").read_bytes()
    raw.decode("utf-8")  # a valid UTF-8 file
    again = Annotations(tmp_path / "db.json")
    assert again.get_note("a") == "ghi chú" and again.is_bookmarked("a")
    saved = again.note("a")["citation"]
    assert saved["file"].endswith("b\ufffdi vi\ufffd\ufffdt.txt")  # shown with replacement characters
    assert citation_path(saved) == tmp_path / NOT_UTF8  # and kept exactly
    assert os.fsencode(citation_path(saved)).endswith(b"b\xe0i vi\xea\xf7t.txt")


def test_item1_database_holding_a_lone_surrogate_escape_accepts_writes(tmp_path):
    path = tmp_path / "db.json"
    path.write_text('{"_meta": {"1": {"schema": 1}}, "notes": {"1": {"article_id": "a", "text": "x\\ud800y", '
                    '"created": "", "updated": "", "citation": {}}}}', encoding="utf-8")
    ann = Annotations(path)
    assert ann.problem is None
    ann.set_note("b", "mới")  # crashed with UnicodeEncodeError
    ann.set_bookmark("a", True)
    again = Annotations(path)
    assert again.get_note("a") == "x\ud800y"  # nothing lost: written back as the same escape
    assert again.get_note("b") == "mới"
    path.read_bytes().decode("utf-8")


def test_item1_any_save_error_is_one_sentence_and_the_file_stays(tmp_path, monkeypatch):
    ann = Annotations(tmp_path / "db.json")
    ann.set_note("a", "first")
    before = (tmp_path / "db.json").read_bytes()

    def broken(self, data):
        raise ValueError("cannot serialise this")

    monkeypatch.setattr(DurableStorage, "_serialize", broken)
    with pytest.raises(AnnotationsError) as err:
        ann.set_note("a", "second")
    assert str(err.value).startswith("Your change was not saved")
    monkeypatch.undo()
    assert (tmp_path / "db.json").read_bytes() == before
    assert ann.get_note("a") == "first"


# -- 2. export -o ----------------------------------------------------------------------------------
@pytest.fixture
def db(tmp_path):
    path = tmp_path / "db.json"
    ann = Annotations(path)
    ann.set_note("a", "một ghi chú", citation={"title": "Tiêu đề", "file": "a.txt"})
    ann.close()
    return path


def test_item2_export_refuses_to_overwrite_without_force(tmp_path, db, capsys):
    out = tmp_path / "out.md"
    out.write_text("precious", encoding="utf-8")
    assert main(["export", "--db", str(db), "-o", str(out)]) == 1
    assert "already exists; add --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"
    assert main(["export", "--db", str(db), "-o", str(out), "--force"]) == 0
    assert "một ghi chú" in out.read_text(encoding="utf-8")
    assert listing(tmp_path) == ["db.json", "out.md"]


def test_item2_export_on_a_full_disk_leaves_the_old_file_whole(tmp_path, db, capsys, monkeypatch):
    out = tmp_path / "out.md"
    out.write_text("the old export", encoding="utf-8")
    real_write = os.write

    def full(fd, data):
        real_write(fd, bytes(data)[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert main(["export", "--db", str(db), "-o", str(out), "--force"]) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "the disk is full" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "the old export"
    assert listing(tmp_path) == ["db.json", "out.md"]  # no temporary file left


def test_item2_export_never_follows_a_symlink(tmp_path, db, capsys):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["export", "--db", str(db), "-o", str(link)]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "-o", str(link), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink() and "một ghi chú" in link.read_text(encoding="utf-8")


def test_item2_export_refuses_a_fifo_without_blocking(tmp_path, db):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import sys
    res = subprocess.run([sys.executable, "-m", "thads_tui", "export", "--db", str(db), "-o", str(fifo), "--force"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    assert "not a regular file" in res.stderr and "Traceback" not in res.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("how", ["same", "link", "lock"])
def test_item2_export_refuses_the_annotations_file_itself(tmp_path, db, capsys, how):
    before = db.read_bytes()
    if how == "link":
        out = tmp_path / "alias.json"
        out.symlink_to(db)
    else:
        out = db if how == "same" else db.with_name(db.name + ".lock")
    assert main(["export", "--db", str(db), "--format", "json", "-o", str(out), "--force"]) == 1
    assert "annotations file itself" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert Annotations(db).get_note("a") == "một ghi chú"


# -- 3. --fresh-db / ctrl+r through a symlink ----------------------------------------------------
def test_item3_start_fresh_never_replaces_through_a_symlink(tmp_path, capsys):
    victim = tmp_path / "passwd"
    victim.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    link = tmp_path / "annotations.json"
    link.symlink_to(victim)
    ann = Annotations(link)
    assert ann.problem and "damaged" in ann.problem
    with pytest.raises(AnnotationsError, match="symbolic link"):
        ann.start_fresh()
    assert main(["--fresh-db", "--db", str(link)]) == 1  # refused before the reader opens
    err = capsys.readouterr().err
    assert "symbolic link to" in err and str(victim) in err
    assert victim.read_text(encoding="utf-8") == "root:x:0:0:root:/root:/bin/bash\n"
    assert link.is_symlink()


# -- 4. deeply nested JSON ------------------------------------------------------------------------
def test_item4_deeply_nested_database_is_damaged_backed_up_and_recoverable(tmp_path):
    path = tmp_path / "db.json"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text('{"notes": ' + deep + "}", encoding="utf-8")
    ann = Annotations(path)  # RecursionError before
    assert ann.problem and "damaged" in ann.problem and ann.read_only
    assert ann.backup_path is not None and ann.backup_path.read_bytes() == path.read_bytes()
    ann.start_fresh()
    ann.set_note("a", "after")
    assert Annotations(path).get_note("a") == "after"


def test_item4_deeply_nested_import_file_is_refused(tmp_path, capsys):
    bad = tmp_path / "export.json"
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["import", str(bad), "--db", str(tmp_path / "db.json")]) == 1
    assert "nests more than" in capsys.readouterr().err


# -- 5. messages that say what really happened ---------------------------------------------------
def test_item5_failed_backup_on_full_disk_leaves_no_empty_bak(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    path.write_text("{broken", encoding="utf-8")

    def full_copy(src, dst, **kw):
        open(dst, "wb").close()  # what a full disk leaves: a 0-byte copy
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full_copy)
    ann = Annotations(path)
    assert "no backup copy could be made (the disk is full)" in ann.problem
    assert listing(tmp_path) == ["db.json"]
    with pytest.raises(AnnotationsError, match="could not be copied to a backup first .the disk is full."):
        ann.start_fresh()
    assert path.read_text(encoding="utf-8") == "{broken"


def test_item5_a_file_that_cannot_be_replaced_is_blamed_not_its_folder(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    ann = Annotations(path)
    ann.set_note("a", "one")
    real_replace = os.replace

    def immutable(src, dst):
        if os.fspath(dst) == os.fspath(path):
            raise PermissionError(errno.EPERM, "Operation not permitted", os.fspath(src), None, os.fspath(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", immutable)
    with pytest.raises(AnnotationsError) as err:
        ann.set_note("a", "two")
    assert f"the file {path} cannot be replaced" in str(err.value)
    assert "folder" not in str(err.value)


def test_item5_really_immutable_file(tmp_path, running_as_root):
    path = tmp_path / "db.json"
    ann = Annotations(path)
    ann.set_note("a", "one")
    if not running_as_root or shutil.which("chattr") is None or \
            subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("needs root and a filesystem with chattr +i")
    try:
        with pytest.raises(AnnotationsError) as err:
            ann.set_note("a", "two")
        assert "cannot be replaced" in str(err.value) and "folder" not in str(err.value)
    finally:
        subprocess.run(["chattr", "-i", str(path)])
    assert Annotations(path).get_note("a") == "one"


# -- 12. duplicate keys ----------------------------------------------------------------------------
def test_item12_duplicate_json_keys_are_damage_not_a_silent_drop(tmp_path):
    path = tmp_path / "db.json"
    path.write_text('{"_meta": {"1": {"schema": 1}}, "notes": {"1": {"article_id": "a", "text": "first", '
                    '"text": "second", "created": "", "updated": "", "citation": {}}}}', encoding="utf-8")
    ann = Annotations(path)
    assert ann.problem and "damaged" in ann.problem
    assert ann.backup_path is not None and "first" in ann.backup_path.read_text(encoding="utf-8")
    with pytest.raises(AnnotationsError):
        ann.set_note("b", "x")
    assert '"first"' in path.read_text(encoding="utf-8")


# -- issue 9, bug 6: the lock file --------------------------------------------------------------
def test_bug6_no_lock_file_is_left_beside_the_annotations(tmp_path):
    path = tmp_path / "annotations.json"
    ann = Annotations(path)
    ann.set_note("a", "x")
    ann.toggle_bookmark("a")
    ann.set_state("k", 1)
    ann.close()
    assert listing(tmp_path) == ["annotations.json"]


def test_bug6_lock_stays_exclusive_while_its_file_comes_and_goes(tmp_path):
    """Many lockers (separate descriptors, as separate processes have) add to one counter: a
    locker that waited on a lock file its holder removed must not think it holds the new one."""
    lock_path, counter = tmp_path / "c.lock", tmp_path / "counter"
    counter.write_text("0")
    inside = []

    def work():
        lock = _FileLock(lock_path, timeout=60)
        for _ in range(60):
            lock.acquire()
            try:
                inside.append(1)
                assert len(inside) == 1, "two holders at once"
                counter.write_text(str(int(counter.read_text()) + 1))
                inside.pop()
            finally:
                lock.release()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counter.read_text() == str(6 * 60)
    assert not lock_path.exists()


def test_bug6_lock_left_by_an_older_version_is_used_and_removed(tmp_path):
    path = tmp_path / "annotations.json"
    (tmp_path / "annotations.json.lock").write_bytes(b"")
    Annotations(path).set_note("a", "x")
    assert listing(tmp_path) == ["annotations.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["notes"]["1"]["text"] == "x"

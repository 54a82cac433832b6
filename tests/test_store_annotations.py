"""Annotations: the API the UI uses, passage notes, tags, versions and every way saving can fail."""
import errno
import json
import os
import re
import shutil
import stat
import threading
import unicodedata

import pytest

from thads_tui.store import SCHEMA, Annotations, AnnotationsError, locate_passage, make_anchor
from thads_tui.store.durable import DurableStorage

CIT = {"title": "Cục THADS tỉnh họp giao ban", "date": "2024-03-05", "source": "thads.moj.gov.vn",
       "file": "/corpus/giao-ban.txt"}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "annotations.json"


@pytest.fixture
def ann(path):
    a = Annotations(path)
    yield a
    a.close()


def one_sentence(text: str) -> bool:
    return bool(text) and text.endswith(".") and not re.search(r"[.!?]\s+[A-Z]", text[:-1])


# -- the UI's API ----------------------------------------------------------------------------
def test_bookmarks(ann, path):
    assert not ann.is_bookmarked("a1") and ann.bookmarked_ids() == set()
    assert ann.toggle_bookmark("a1", citation=CIT) is True
    created = ann.records()["bookmarks"][0]["created"]
    ann.set_bookmark("a1", True, citation=CIT)  # again: keeps the original time
    assert ann.records()["bookmarks"][0]["created"] == created
    ann.set_bookmark("a2", True)
    assert ann.bookmarked_ids() == {"a1", "a2"} and ann.is_bookmarked("a2")
    assert ann.toggle_bookmark("a1") is False
    assert ann.bookmarked_ids() == {"a2"}
    ann.set_bookmark("never", False)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["_meta"] == {"1": {"schema": SCHEMA}}
    assert [d["article_id"] for d in saved["bookmarks"].values()] == ["a2"]


def test_note_is_stored_nfc_byte_exact(ann, path):
    typed = unicodedata.normalize("NFD", "Ghi chú: Thứ trưởng yêu cầu rà soát")
    assert typed != unicodedata.normalize("NFC", typed)
    ann.set_note("a1", typed, citation=CIT)
    expected = "Ghi chú: Thứ trưởng yêu cầu rà soát"
    assert ann.get_note("a1") == expected
    assert expected.encode("utf-8") in path.read_bytes()
    assert typed.encode("utf-8") not in path.read_bytes()
    assert Annotations(path).get_note("a1").encode("utf-8") == expected.encode("utf-8")


def test_note_times_citation_and_removal(ann):
    ann.set_note("a1", "first", citation=CIT)
    first = ann.note("a1")
    assert first["created"] == first["updated"] and first["citation"] == CIT
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", first["created"])
    ann.set_note("a1", "second")  # no citation given: the old one stays
    assert ann.note("a1")["citation"] == CIT and ann.note("a1")["created"] == first["created"]
    assert ann.annotated_ids() == {"a1"}
    ann.set_note("a1", "   \n")
    assert ann.get_note("a1") == "" and ann.note("a1") is None and ann.annotated_ids() == set()


def test_state(ann, path):
    assert ann.get_state("last", "none") == "none"
    ann.set_state("last", "a9")
    ann.set_state("layout", {"wide": True})
    ann.set_state("last", "a10")
    again = Annotations(path)
    assert again.get_state("last") == "a10" and again.get_state("layout") == {"wide": True}


def test_passage_notes(ann):
    text = "Thứ trưởng yêu cầu rà soát hồ sơ. Cục trưởng yêu cầu rà soát lại toàn bộ."
    second = text.rindex("rà soát")
    n1 = ann.add_passage_note("a1", **make_anchor(text, second, second + 7), text="lần hai",
                              paragraph=1, citation=CIT)
    n2 = ann.add_passage_note("a1", unicodedata.normalize("NFD", "rà soát"), "lần một",
                              prefix="Thứ trưởng yêu cầu ", suffix=" hồ sơ", paragraph=0)
    n3 = ann.add_passage_note("a1", "toàn bộ", "")  # a plain highlight, no paragraph known
    notes = ann.passage_notes("a1")
    assert [n["id"] for n in notes] == [n2, n1, n3]
    assert notes[0]["quote"] == "rà soát" and notes[1]["citation"] == CIT
    assert ann.annotated_ids() == {"a1"} and ann.passage_notes("other") == []

    ann.update_passage_note(n2, "lần một, sửa", paragraph=None)
    assert ann.passage_note(n2)["text"] == "lần một, sửa" and ann.passage_note(n2)["paragraph"] is None
    assert ann.passage_note(n2)["updated"] >= ann.passage_note(n2)["created"]
    assert ann.remove_passage_note(n1) is True and ann.remove_passage_note(n1) is False
    with pytest.raises(AnnotationsError):
        ann.update_passage_note(n1, "gone")
    with pytest.raises(AnnotationsError):
        ann.add_passage_note("a1", "  ", "no quote")
    assert [n["id"] for n in ann.passage_notes("a1")] == [n2, n3]


def test_passage_anchor_survives_text_changes():
    text = "Thứ trưởng yêu cầu rà soát hồ sơ. Cục trưởng yêu cầu rà soát lại toàn bộ."
    start = text.rindex("rà soát")
    anchor = make_anchor(text, start, start + len("rà soát"), context=12)
    assert locate_passage(text, **anchor) == (start, start + 7)
    # the extractor now keeps a heading and re-flows whitespace
    changed = "TIN TỨC\n\n" + text.replace("Cục trưởng yêu cầu", "Cục trưởng  yêu cầu")
    s, e = locate_passage(changed, **anchor)
    assert changed[s:e] == "rà soát" and s == changed.rindex("rà soát")
    assert locate_passage("rà\n  soát", "rà soát") == (0, 9)
    assert locate_passage(unicodedata.normalize("NFD", text), **anchor) == (start, start + 7)
    assert locate_passage(text, "không có") is None and locate_passage(text, " ") is None


def test_tags(ann):
    assert ann.get_tags("a1") == [] and ann.all_tags() == []
    assert ann.set_tags("a1", [" kế  hoạch ", "THADS", "Kế hoạch", unicodedata.normalize("NFD", "thi hành")]) == \
        ["kế hoạch", "THADS", "thi hành"]
    ann.set_tags("a2", ["thads", "án phí"], citation=CIT)
    assert ann.get_tags("a1") == ["kế hoạch", "THADS", "thi hành"]
    assert ann.all_tags() == ["án phí", "kế hoạch", "THADS", "thi hành"]
    assert ann.tagged_ids("Thads") == {"a1", "a2"}
    ann.set_tags("a1", [])
    assert ann.get_tags("a1") == [] and ann.tagged_ids("thads") == {"a2"}


def test_two_instances_see_each_other(path):
    a, b = Annotations(path), Annotations(path)
    a.set_note("x", "from a")
    assert b.get_note("x") == "from a" and b.annotated_ids() == {"x"}
    b.set_note("y", "from b")
    a.toggle_bookmark("y")
    assert a.annotated_ids() == {"x", "y"} and b.bookmarked_ids() == {"y"}
    b.set_note("x", "")
    assert a.get_note("x") == "" and a.annotated_ids() == {"y"}


def test_note_editor_in_two_windows_loses_nothing(path):
    a, b = Annotations(path), Annotations(path)
    a.set_note("x", "Dòng đầu.")
    opened_in_a = a.get_note("x")  # a's editor opens
    opened_in_b = b.get_note("x")
    assert b.set_note("x", "Dòng đầu.\nThêm của b.", expected=opened_in_b) == "Dòng đầu.\nThêm của b."
    saved = a.set_note("x", "Dòng đầu, a sửa.", expected=opened_in_a)  # a saves its edit later
    assert "Thêm của b." in saved and "a sửa" in saved
    assert a.get_note("x") == saved and b.get_note("x") == saved
    # a blank save over a note someone else changed removes nothing
    assert b.set_note("x", "", expected=opened_in_b) == saved and a.get_note("x") == saved
    # nothing changed meanwhile: the editor's text is saved as typed, NFC
    nfd = unicodedata.normalize("NFD", "Viết lại hết")
    assert a.set_note("x", nfd, expected=unicodedata.normalize("NFD", saved)) == "Viết lại hết"
    assert a.set_note("x", "  ", expected="Viết lại hết") == "" and b.note("x") is None
    # extending what the other window saved keeps just the extension (no doubled text)
    a.set_note("y", "một")
    b.set_note("y", "một hai", expected="một")
    assert a.set_note("y", "một hai ba", expected="một") == "một hai ba"
    # without `expected` the last save wins, as before
    assert a.set_note("y", "chỉ a") == "chỉ a" and b.get_note("y") == "chỉ a"


def test_passage_note_editor_in_two_windows_loses_nothing(path):
    a, b = Annotations(path), Annotations(path)
    note_id = a.add_passage_note("x", "rà soát", "gốc")
    assert b.update_passage_note(note_id, "gốc, b thêm", expected="gốc") == "gốc, b thêm"
    saved = a.update_passage_note(note_id, "a viết lại", expected="gốc")
    assert saved == "gốc, b thêm\n\na viết lại" and b.passage_note(note_id)["text"] == saved
    assert a.update_passage_note(note_id, paragraph=3) == saved


def test_read_only_instance(path):
    Annotations(path).set_note("a", "kept")
    before = path.read_bytes()
    ro = Annotations(path, read_only=True)
    assert ro.read_only and ro.problem is None and ro.get_note("a") == "kept"
    for write in (lambda: ro.set_note("a", "x"), lambda: ro.toggle_bookmark("a"),
                  lambda: ro.set_state("k", 1), lambda: ro.add_passage_note("a", "q", "t"),
                  lambda: ro.set_tags("a", ["t"])):
        with pytest.raises(AnnotationsError) as err:
            write()
        assert one_sentence(str(err.value))
    assert path.read_bytes() == before
    assert not Annotations(path.with_name("new.json"), read_only=True).path.exists()


# -- damaged, newer, older files --------------------------------------------------------------
BACKUP = r"annotations\.json\.corrupt-\d{8}T\d{6}\.bak"


@pytest.mark.parametrize("content", [b'{"notes": {"1": {"article_id": "a", "te', b"\xff\xfe garbage",
                                     b"[1, 2, 3]", b'{"_meta": {"1": {"schema": "one"}}}'])
def test_damaged_file(path, content):
    path.write_bytes(content)
    ann = Annotations(path)
    assert ann.read_only and ann.problem and one_sentence(ann.problem)
    assert "damaged" in ann.problem and ann.backup_path.name in ann.problem
    assert re.fullmatch(BACKUP, ann.backup_path.name)
    assert ann.backup_path.read_bytes() == content and path.read_bytes() == content
    assert ann.bookmarked_ids() == set() and ann.get_note("a") == ""
    with pytest.raises(AnnotationsError):
        ann.set_note("a", "lost?")
    assert path.read_bytes() == content

    backup = ann.start_fresh()
    assert backup == ann.backup_path and backup.read_bytes() == content
    assert not ann.read_only and ann.problem is None
    ann.set_note("a", "fresh")
    assert Annotations(path).get_note("a") == "fresh"


def test_start_fresh_in_two_windows_keeps_the_other_windows_notes(path):
    path.write_bytes(b'{"broken')
    a, b = Annotations(path), Annotations(path)
    assert a.problem and b.problem
    b.start_fresh()
    b.set_note("n", "b's note")
    a.start_fresh()  # the file is sound and current now: a uses it instead of wiping it
    assert a.problem is None and not a.read_only and a.get_note("n") == "b's note"
    assert Annotations(path).get_note("n") == "b's note"
    assert a.backup_path.read_bytes() == b'{"broken'


def test_start_fresh_backs_up_the_bytes_there_now(path):
    path.write_bytes(b'{"broken')
    a = Annotations(path)
    first = a.backup_path
    path.write_bytes(b'{"damaged differently since')  # e.g. another copy wrote, then it broke again
    backup = a.start_fresh()
    assert backup != first and backup.read_bytes() == b'{"damaged differently since'
    assert first.read_bytes() == b'{"broken' and a.problem is None


def test_reopening_a_damaged_file_makes_no_more_copies(path):
    path.write_bytes(b'{"broken')
    first = Annotations(path).backup_path
    for _ in range(3):  # each launch
        again = Annotations(path)
        assert again.backup_path == first and first.name in again.problem
    exported = Annotations(path, read_only=True)  # an export reuses the copy it finds
    assert exported.backup_path == first and exported.read_only
    assert list(path.parent.glob("*.bak")) == [first]

    first.unlink()
    looking = Annotations(path, read_only=True)  # and makes none
    assert looking.backup_path is None and one_sentence(looking.problem) and "damaged" in looking.problem
    assert "opened read-only" in looking.problem and not list(path.parent.glob("*.bak"))

    kept = Annotations(path).backup_path
    path.write_bytes(b'{"broken differently')  # new bytes: a new copy, the old one stays
    newer = Annotations(path).backup_path
    assert newer != kept and newer.read_bytes() == b'{"broken differently'
    assert sorted(path.parent.glob("*.bak")) == sorted([kept, newer])
    assert Annotations(path).backup_path == newer


def test_partly_damaged_file_shows_what_it_can(path):
    good = {"article_id": "a", "text": "còn đọc được", "created": "", "updated": "", "citation": {}}
    path.write_text(json.dumps({"_meta": {"1": {"schema": 1}},
                                "notes": {"1": good, "2": {"article_id": 7, "text": None}},
                                "bookmarks": "not a table"}), encoding="utf-8")
    ann = Annotations(path)
    assert ann.problem and ann.read_only
    assert ann.get_note("a") == "còn đọc được" and ann.annotated_ids() == {"a"}


def test_unreadable_file(path, monkeypatch):
    path.write_text('{"notes": {}}', encoding="utf-8")
    real_open = os.open

    def denied(name, *args, **kwargs):  # a permission problem, whoever we run as
        if os.fspath(name) == str(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(name, *args, **kwargs)

    def no_copy(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "open", denied)
    monkeypatch.setattr(shutil, "copy2", no_copy)
    ann = Annotations(path)
    assert ann.read_only and one_sentence(ann.problem) and "could not be read" in ann.problem
    assert ann.annotated_ids() == set()
    with pytest.raises(AnnotationsError):
        ann.start_fresh()  # it cannot be backed up, so it is not replaced
    assert path.read_text(encoding="utf-8") == '{"notes": {}}'


def _without_hanging(fn, fifo=None):
    """fn() in a thread; if it is stuck opening `fifo`, a writer is opened to free it and the test fails."""
    result = {}

    def run():
        try:
            result["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(5)
    if thread.is_alive():
        if fifo is not None:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(5)
        pytest.fail("blocked opening a FIFO")
    if "error" in result:
        raise result["error"]
    return result["value"]


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_path_that_is_not_a_regular_file_is_never_read_or_replaced(path, kind):
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(path)
    else:
        path.mkdir()
    fifo = path if kind == "fifo" else None
    ann = _without_hanging(lambda: Annotations(path), fifo)
    assert ann.read_only and one_sentence(ann.problem)
    assert "is not a regular file; choose another --db" in ann.problem
    assert ann.annotated_ids() == set() and ann.backup_path is None
    for write in (lambda: ann.set_note("a", "x"), lambda: ann.toggle_bookmark("a"), ann.start_fresh):
        with pytest.raises(AnnotationsError) as err:
            _without_hanging(write, fifo)
        assert "not a regular file" in str(err.value)
    assert _without_hanging(lambda: Annotations(path, read_only=True), fifo).problem == ann.problem
    assert (stat.S_ISFIFO if kind == "fifo" else stat.S_ISDIR)(os.stat(path).st_mode)
    assert not list(path.parent.glob("*.bak"))


def test_a_fifo_put_in_place_of_the_file_while_running(ann, path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    ann.set_note("a", "kept")
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(AnnotationsError) as err:
        _without_hanging(lambda: ann.set_note("b", "x"), path)
    assert "not a regular file" in str(err.value) and ann.read_only
    assert ann.get_note("a") == "kept" and stat.S_ISFIFO(os.stat(path).st_mode)


def test_future_version_is_refused_not_overwritten(path):
    content = json.dumps({"_meta": {"1": {"schema": SCHEMA + 1}},
                          "notes": {"1": {"article_id": "a", "text": "mới", "created": "", "updated": ""}},
                          "highlights_v2": {"1": {"whatever": True}}}).encode()
    path.write_bytes(content)
    ann = Annotations(path)
    assert ann.read_only and one_sentence(ann.problem) and "newer version" in ann.problem
    assert ann.get_note("a") == "mới"
    with pytest.raises(AnnotationsError):
        ann.set_state("k", 1)
    assert path.read_bytes() == content and ann.backup_path is None
    backup = ann.start_fresh()
    assert backup.read_bytes() == content and ann.get_note("a") == ""


def test_newer_version_written_by_another_copy_while_running(ann, path):
    ann.set_note("a", "mine")
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema"] = SCHEMA + 1
    DurableStorage(path).write(data)
    before = path.read_bytes()
    with pytest.raises(AnnotationsError):
        ann.set_note("b", "would downgrade the file")
    assert path.read_bytes() == before and ann.read_only and ann.get_note("a") == "mine"


def test_file_damaged_while_running(ann, path):
    ann.set_note("a", "last good")
    path.write_text('{"broken', encoding="utf-8")
    with pytest.raises(AnnotationsError):
        ann.set_note("b", "x")
    assert path.read_text() == '{"broken' and ann.read_only and ann.backup_path.exists()
    assert ann.get_note("a") == "last good"


def test_file_damaged_while_running_seen_by_a_read(ann, path):
    ann.set_note("a", "last good")
    path.write_text('{"broken', encoding="utf-8")
    assert ann.get_note("a") == "last good"
    assert ann.read_only and "damaged" in ann.problem


def test_version_0_file_is_upgraded_after_a_backup(path):
    old = {"bookmarks": {"1": {"article_id": "a", "created": "2025-01-01T00:00:00+00:00", "citation": CIT}},
           "notes": {"1": {"article_id": "a", "text": unicodedata.normalize("NFD", "rà soát"),
                           "created": "2025-01-01T00:00:00+00:00", "updated": "2025-01-02T00:00:00+00:00",
                           "citation": CIT}},
           "state": {"1": {"key": "last", "value": "a"}}}
    path.write_text(json.dumps(old), encoding="utf-8")
    ann = Annotations(path)
    assert ann.problem is None and not ann.read_only
    assert re.fullmatch(r"annotations\.json\.v0-\d{8}T\d{6}\.bak", ann.backup_path.name)
    assert json.loads(ann.backup_path.read_text()) == old
    saved = json.loads(path.read_text())
    assert saved["_meta"]["1"]["schema"] == SCHEMA
    assert saved["bookmarks"]["1"]["updated"] == "2025-01-01T00:00:00+00:00"
    assert ann.get_note("a") == "rà soát" and ann.is_bookmarked("a") and ann.get_state("last") == "a"


def test_old_format_file_that_cannot_be_backed_up_is_not_upgraded(path, monkeypatch):
    old = {"notes": {"1": {"article_id": "a", "text": unicodedata.normalize("NFD", "rà soát"),
                           "created": "2025-01-01T00:00:00+00:00"}}}
    path.write_text(json.dumps(old), encoding="utf-8")
    before = path.read_bytes()

    def no_copy(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copy2", no_copy)
    ann = Annotations(path)
    assert ann.read_only and one_sentence(ann.problem) and "could not be backed up" in ann.problem
    assert path.read_bytes() == before and ann.backup_path is None
    assert ann.get_note("a") == "rà soát"  # shown, upgraded in memory only
    with pytest.raises(AnnotationsError):
        ann.set_note("a", "x")
    assert path.read_bytes() == before

    # the same when an older copy of thads-tui rewrites the file while this one runs
    monkeypatch.undo()
    path.unlink()
    running = Annotations(path)
    running.set_note("b", "mine")
    path.write_text(json.dumps(old), encoding="utf-8")
    monkeypatch.setattr(shutil, "copy2", no_copy)
    with pytest.raises(AnnotationsError) as err:
        running.set_note("b", "changed")
    assert "could not be backed up" in str(err.value) and running.read_only
    assert path.read_bytes() == before and running.get_note("a") == "rà soát"


def test_start_fresh_without_a_problem_does_nothing(ann):
    ann.set_note("a", "keep me")
    assert ann.start_fresh() is None and ann.get_note("a") == "keep me"


# -- saving fails ----------------------------------------------------------------------------
def _fail_with(monkeypatch, code, name="replace"):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, name, fail)


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "disk is full"), (errno.EROFS, "cannot be written"),
                                        (errno.EIO, "not saved")])
@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_save_failure_loses_nothing(ann, path, monkeypatch, code, words, stage):
    ann.set_note("a", "saved before")
    ann.toggle_bookmark("a")
    before = path.read_bytes()
    _fail_with(monkeypatch, code, stage)
    for write in (lambda: ann.set_note("a", "new text"), lambda: ann.toggle_bookmark("a"),
                  lambda: ann.add_passage_note("a", "q", "t"), lambda: ann.set_state("k", 1)):
        with pytest.raises(AnnotationsError) as err:
            write()
        assert words in str(err.value) and one_sentence(str(err.value))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert ann.get_note("a") == "saved before" and ann.is_bookmarked("a")
    assert not ann.read_only  # a later save, once there is room, works
    ann.set_note("a", "new text")
    assert Annotations(path).get_note("a") == "new text"
    assert sorted(p.name for p in path.parent.iterdir()) == ["annotations.json"]


def test_read_only_folder(tmp_path, monkeypatch, running_as_root):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "annotations.json"
    Annotations(path).set_note("a", "kept")
    before = path.read_bytes()
    if running_as_root:  # chmod does not stop root: simulate the filesystem refusing
        _fail_with(monkeypatch, errno.EROFS, "replace")
        _fail_with(monkeypatch, errno.EROFS, "unlink")
    else:
        os.chmod(folder, 0o555)
    try:
        ann = Annotations(path)
        assert ann.get_note("a") == "kept" and ann.problem is None
        with pytest.raises(AnnotationsError) as err:
            ann.set_note("a", "changed")
        assert "cannot be written" in str(err.value) and str(folder) in str(err.value)
        assert ann.get_note("a") == "kept" and path.read_bytes() == before
    finally:
        os.chmod(folder, 0o755)


def test_lock_held_too_long(path):
    ann = Annotations(path, lock_timeout=0.05)
    other = DurableStorage(path)
    with other.locked():
        with pytest.raises(AnnotationsError) as err:
            ann.set_note("a", "x")
    assert "another running copy" in str(err.value)
    ann.set_note("a", "x")
    assert ann.get_note("a") == "x"

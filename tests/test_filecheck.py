"""Which files changed since the catalogue saw them (corpus/filecheck): here and in a child process,
the update that takes a check's answer, and a child that fails. The catalogue is conftest's
(THADS_TUI_CACHE in the test's folder)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from thads_tui.corpus import filecheck
from thads_tui.corpus.catalog import Catalog
from thads_tui.corpus.filecheck import Changes, Child
from thads_tui.corpus.loader import bundled_seeds

SEEDS = sorted(bundled_seeds().glob("*.txt"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for p in SEEDS[:2]:
        shutil.copy(p, folder / p.name)
    shutil.copy(SEEDS[2], folder / "sub" / SEEDS[2].name)
    return folder


def edit(corpus: Path) -> dict[str, str]:
    """Add, change, delete and rename a file of the corpus; the names touched, by what happened."""
    changed, deleted, renamed = SEEDS[0].name, SEEDS[1].name, f"sub/{SEEDS[2].name}"
    shutil.copy(SEEDS[3], corpus / "sub" / SEEDS[3].name)
    path = corpus / changed
    path.write_text(path.read_text(encoding="utf-8") + "\nMột đoạn mới về Đồng Nai.\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # another mtime, whatever the clock's resolution
    (corpus / deleted).unlink()
    (corpus / renamed).rename(corpus / "renamed.txt")
    return {"added": f"sub/{SEEDS[3].name}", "changed": changed, "deleted": deleted, "renamed": renamed}


def names(keys, corpus: Path) -> set[str]:
    return {Path(os.fsdecode(k)).relative_to(corpus).as_posix() for k in keys}


def test_nothing_changed_is_nothing_to_do(corpus):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    found = filecheck.changes(cat.conn, [corpus])
    assert found == Changes(listed=3, todo=[], gone=[], problems=[])


def test_added_changed_deleted_and_renamed_files_are_found(corpus):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    touched = edit(corpus)
    found = filecheck.changes(cat.conn, [corpus])
    assert found.listed == 3
    assert names((k for k, _, _ in found.todo), corpus) == {touched["added"], touched["changed"], "renamed.txt"}
    assert names(found.gone, corpus) == {touched["deleted"], touched["renamed"]}
    for key, size, mtime in found.todo:  # the stat of each, as the files table keeps it
        st = os.stat(os.fsdecode(key))
        assert (size, mtime) == (st.st_size, st.st_mtime_ns)
    assert [k for k, _, _ in found.todo] == sorted(k for k, _, _ in found.todo)


def test_the_child_process_answers_what_a_check_here_answers_and_the_update_takes_it(corpus):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    before = {r.file: r.id for r in cat.rows()}
    edit(corpus)
    here = filecheck.changes(cat.conn, [corpus])
    child = Child.start(cat.path, [corpus], min_files=0)
    assert child is not None
    answer = child.result()
    assert answer == here and answer.todo and answer.gone
    report = cat.update(workers=1, changes=answer)
    assert (report.read, report.dropped, report.listed) == (3, 2, 3)
    after = {r.file: r.id for r in cat.rows()}
    assert after["renamed.txt"] == before[SEEDS[2].name]  # the content id (and its notes) follow the rename
    assert SEEDS[1].name not in after and SEEDS[3].name in after
    assert cat.search('"mot doan moi"').total == 1
    assert filecheck.changes(cat.conn, [corpus]).todo == []  # up to date: the next check finds nothing
    assert Catalog.open([corpus]).update(workers=1).read == 0


def test_a_stale_answer_is_harmless_when_another_process_applied_it_first(corpus):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    edit(corpus)
    answer = filecheck.changes(cat.conn, [corpus])
    other = Catalog.open([corpus])
    other.update(workers=1)  # another window brought the catalogue up to date meanwhile
    cat.update(workers=1, changes=answer)
    assert cat.count() == 3 and cat.conn.execute("SELECT count(*) FROM files").fetchone()[0] == 3
    assert cat.conn.execute("SELECT count(*) FROM fts").fetchone()[0] == 3


def test_a_small_catalogue_is_checked_here_and_a_missing_one_never_made(corpus, tmp_path):
    cat = Catalog.open([corpus])
    cat.update(workers=1)
    assert Child.start(cat.path, [corpus]) is None  # 3 files: below MIN_FILES
    missing = tmp_path / "none.sqlite3"
    assert Child.start(missing, [corpus], min_files=0) is None and not missing.exists()


@pytest.mark.parametrize("code", ["import sys; sys.exit(3)", "import sys; sys.stdout.write('not a pickle')"])
def test_a_child_that_fails_answers_none(code):
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert Child(proc).result() is None


def test_a_cancelled_wait_stops_the_child():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdout=subprocess.PIPE)
    assert Child(proc).result(cancelled=lambda: True) is None
    assert proc.poll() is not None

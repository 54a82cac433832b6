"""A warm launch whose files are checked by a child process (corpus/filecheck): the catalogued rows
show first, the header says the files are being checked, then the rows the check finds added,
changed or gone come and go in the list; a child that cannot answer leaves the check to the app."""
from __future__ import annotations

import threading

from thads_tui.corpus import filecheck, loader
from thads_tui.corpus.filecheck import Child

from test_ui_catalog import first_launch, launch, settle
from test_ui_support import ARTICLES, SIZE, ready

NEW_TITLE = "Bài mới về thi hành án"


def edit(tmp_path) -> None:
    folder = tmp_path / "articles"
    (folder / "moi.txt").write_text(f"{NEW_TITLE}\n\n01/02/2024\n\nNội dung mới.\n", encoding="utf-8")
    (folder / "da-nang.txt").unlink()


async def test_a_child_checks_the_files_and_the_list_follows_what_it_found(tmp_path, monkeypatch):
    await first_launch(tmp_path)
    edit(tmp_path)
    monkeypatch.setattr(filecheck, "MIN_FILES", 0)  # the seeds' handful of files: a child all the same
    here = []
    monkeypatch.setattr(filecheck, "changes", lambda *a: here.append(a))  # the app must not check itself
    answered, real_result = threading.Event(), Child.result

    def held_result(self, cancelled=lambda: False):
        assert answered.wait(30)
        return real_result(self, cancelled)

    monkeypatch.setattr(Child, "result", held_result)
    read, real_read = [], loader.read_file
    monkeypatch.setattr(loader, "read_file", lambda path: read.append(path.name) or real_read(path))
    app = launch(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        # the catalogue's rows at once, the old file among them, while the check runs
        await settle(pilot, lambda: len(app.reader.sidebar.rows) == len(ARTICLES))
        titles = [r.title for r in app.reader.sidebar.rows]
        assert any(t.startswith("Đà Nẵng") for t in titles) and NEW_TITLE not in titles
        assert "checking the files…" in app.reader.sub_title
        answered.set()
        await ready(app, pilot)
        titles = [r.title for r in app.reader.sidebar.rows]
        assert NEW_TITLE in titles and not any(t.startswith("Đà Nẵng") for t in titles)
        assert len(titles) == len(ARTICLES) and "checking" not in app.reader.sub_title
    assert read == ["moi.txt"] and here == []  # the child's answer was taken: nothing checked here


async def test_a_child_that_cannot_answer_leaves_the_check_to_the_app(tmp_path, monkeypatch):
    await first_launch(tmp_path)
    edit(tmp_path)
    monkeypatch.setattr(filecheck, "MIN_FILES", 0)
    asked = []
    monkeypatch.setattr(Child, "result", lambda self, cancelled=lambda: False: asked.append(1))  # no answer
    app = launch(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        titles = [r.title for r in app.reader.sidebar.rows]
        assert NEW_TITLE in titles and not any(t.startswith("Đà Nẵng") for t in titles)
    assert asked == [1]

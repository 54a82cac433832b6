"""Issue 14 (command line and exports): streamed JSON, nothing injected into a terminal or a
spreadsheet, exact sizes, one line per problem; issue 9 bugs 7 and 8; item 1 in the reader."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from thads_tui.cli import main
from thads_tui.store import Annotations, export_annotations

ARTICLE = ("Cục Thi hành án dân sự tỉnh Lạng Sơn tổng kết năm 2024\n\nNgày 3/5/2024, Cục THADS tỉnh Lạng Sơn "
           "thi hành xong 1.234 việc, đạt 78,5%.\n")
# OSC 0 (window title); OSC 52 (clipboard: "rm -rf ~"), clear screen, C1 CSI. (More than 8
# control characters in the first 4 KB would make the file "binary" and skipped.)
TITLE_ESCAPE = "\x1b]0;pwned\x07"
BODY_ESCAPES = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m"
# Anything a terminal would obey: C0 (but newline), DEL, C1.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "thads_tui", *args], capture_output=True, timeout=120, **kw)


def hostile_folder(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Thi hành án {TITLE_ESCAPE} Lạng Sơn\n\nNgày 3/5/2024, Cục THADS tỉnh Lạng Sơn "
                                  f"{BODY_ESCAPES} thi hành xong 1.234 việc, pwned.\n", encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty\x1b]0;x\x07\nname.txt").write_bytes(b"")  # a skipped file named with an escape and a newline
    return folder


# -- 9. extract --json streams, --jsonl ---------------------------------------------------------
def test_item9_extract_json_is_written_article_by_article(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"Bài {i}\n\nCục THADS tỉnh Lạng Sơn thi hành xong {i}.234 việc.\n",
                                         encoding="utf-8")
    import thads_tui.analysis as analysis

    written_before = []
    real = analysis.article_record

    def spy(article, *a, **kw):
        written_before.append(len(capsys.readouterr().out))  # what reached stdout since the last article
        return real(article, *a, **kw)

    monkeypatch.setattr(analysis, "article_record", spy)
    assert main(["extract", "--json", str(folder)]) == 0
    tail = capsys.readouterr().out
    assert len(written_before) == 4
    assert all(n > 0 for n in written_before[1:]), written_before  # article k-1 was out before k began
    # still one valid document, as before
    assert tail.endswith("\n ]\n}\n")
    monkeypatch.setattr(analysis, "article_record", real)
    assert main(["extract", "--json", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["title"] for a in data["articles"]] == [f"Bài {i}" for i in range(4)]


def test_item9_extract_jsonl_one_article_per_line(tmp_path, capsys):
    folder = hostile_folder(tmp_path)
    assert main(["extract", "--jsonl", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert {r["file"] for r in records} == {str(folder / "a.txt"), str(folder / "b.txt")}
    assert all(r["entities"] for r in records)


def test_item9_extract_json_of_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / os.fsdecode(b"b\xe0i.txt")).write_text(ARTICLE, encoding="utf-8")
    res = run("extract", "--json", str(folder))
    assert res.returncode == 0, res.stderr
    [art] = json.loads(res.stdout)["articles"]
    assert os.fsencode(art["file"]).endswith(b"b\xe0i.txt")  # the exact name, via \udcxx escapes


# -- 10. nothing raw reaches the terminal -------------------------------------------------------
@pytest.mark.parametrize("command", [["extract"], ["search", "lạng sơn"], ["search", "pwned"]])
def test_item10_terminal_output_is_printable(tmp_path, command):
    folder = hostile_folder(tmp_path)
    res = run(*command, str(folder))
    assert res.returncode == 0, res.stderr
    out, err = res.stdout.decode("utf-8"), res.stderr.decode("utf-8")
    assert "Lạng Sơn" in out or "no results" in out
    assert not CONTROL.search(out), repr(out)
    assert not CONTROL.search(err), repr(err)
    # 12: the skipped file with a newline in its name is one line
    [skipped] = [line for line in err.splitlines() if "skipped" in line]
    assert skipped.endswith("name.txt: empty file")


# -- 11. CSV injection ------------------------------------------------------------------------------
def test_item11_csv_export_neutralises_formulas(tmp_path):
    ann = Annotations(tmp_path / "db.json")
    ann.set_note("a", '=HYPERLINK("http://evil","x")', citation={"title": "=cmd|' /C calc'!A0", "file": "@a.txt"})
    ann.set_note("b", "+SUM(A1:A9)", citation={"title": "-2+3", "source": "\t=1", "file": "b.txt"})
    ann.set_note("c", "-5", citation={"title": "bình thường", "file": "c.txt"})
    rows = list(csv.DictReader(io.StringIO(export_annotations(ann, "csv"))))
    cells = [v for row in rows for v in row.values()]
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in cells), cells
    by_id = {r["article_id"]: r for r in rows}
    assert by_id["a"]["text"] == "'=HYPERLINK(\"http://evil\",\"x\")" and by_id["a"]["file"] == "'@a.txt"
    assert by_id["b"]["title"] == "'-2+3" and by_id["b"]["text"] == "'+SUM(A1:A9)"
    assert by_id["c"]["text"] == "-5" and by_id["c"]["title"] == "bình thường"  # a number stays a number


def test_item11_figures_csv_neutralises_formulas(tmp_path):
    from thads_tui.corpus import read_article
    from thads_tui.explore import explore, figures_csv
    from thads_tui.extract import extract

    path = tmp_path / "x.txt"
    path.write_text("=HYPERLINK(\"http://evil\")\n\nCục THADS tỉnh Lạng Sơn thi hành xong 1.234 việc, đạt 78,5%.\n",
                    encoding="utf-8")
    article = read_article(path)
    rows = explore([article], lambda a: extract(a.text)).figures()
    assert rows
    data = list(csv.reader(io.StringIO(figures_csv(rows))))
    assert all(r[1] == "'=HYPERLINK(\"http://evil\")" for r in data[1:])
    assert not any(c.startswith(("=", "+", "@")) for r in data for c in r)


# -- 12. sizes, non-UTF-8 queries -----------------------------------------------------------------
def test_item12_size_limit_says_exact_sizes_and_is_a_setting(tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(ARTICLE.encode("utf-8") + b"x" * (5 * 1024 * 1024 + 1 - len(ARTICLE.encode("utf-8"))))
    assert main(["extract", "--json", str(big)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"articles": []}
    assert "too large (5 242 881 bytes; the limit is 5 242 880 bytes = 5 MiB" in captured.err
    assert main(["extract", "--jsonl", "--max-file-size", "6MiB", str(big)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    monkeypatch.setenv("THADS_TUI_MAX_FILE_SIZE", "100")
    assert main(["extract", "--jsonl", str(big)]) == 0
    assert "the limit is 100 bytes" in capsys.readouterr().err
    monkeypatch.setenv("THADS_TUI_MAX_FILE_SIZE", "lots")
    assert main(["extract", str(big)]) == 2
    assert "THADS_TUI_MAX_FILE_SIZE setting is wrong" in capsys.readouterr().err


def test_item12_query_that_is_not_utf8_is_one_sentence_without_warning(tmp_path):
    folder = hostile_folder(tmp_path)
    res = subprocess.run([sys.executable, "-W", "default", "-m", "thads_tui", "search", b"l\xe1ng", str(folder)],
                         capture_output=True, timeout=120)
    assert res.returncode == 2
    err = res.stderr.decode("utf-8")
    assert err.startswith("thads-tui: the query is not valid UTF-8") and err.count("\n") == 1
    assert "Warning" not in err


# -- issue 9, bug 7: global options before or after the sub-command --------------------------------
@pytest.mark.parametrize("argv", [
    ["--db", "{db}", "export", "--format", "md"],
    ["--db", "{db}", "export"],
    ["export", "--db", "{db}"],
    ["export", "--format", "md", "--db={db}"],
])
def test_bug7_db_before_or_after_the_subcommand(tmp_path, capsys, monkeypatch, argv):
    import thads_tui.cli as cli

    def reader(args):
        raise AssertionError(f"opened the reader on {args.paths}")

    monkeypatch.setattr(cli, "cmd_read", reader)
    db = tmp_path / "notes.json"
    Annotations(db).set_note("a", "ghi chú riêng", citation={"title": "T"})
    assert main([a.format(db=db) for a in argv]) == 0
    assert "ghi chú riêng" in capsys.readouterr().out


def test_bug7_import_with_db_first(tmp_path, capsys):
    src, dst = tmp_path / "src.json", tmp_path / "dst.json"
    Annotations(src).set_note("a", "chuyển", citation={"title": "T"})
    assert main(["--db", str(src), "export", "--format", "json", "-o", str(tmp_path / "e.json")]) == 0
    assert main(["--db", str(dst), "import", str(tmp_path / "e.json")]) == 0
    assert Annotations(dst).get_note("a") == "chuyển"


# -- 1. in the reader: a note on an article whose file name is not UTF-8 --------------------------
async def test_item1_reader_saves_a_note_on_a_non_utf8_file_name(tmp_path):
    from thads_tui.ui.app import create_app
    from test_ui_support import fake_extract, ready

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / os.fsdecode(b"b\xe0i vi\xea\xf7t.txt")).write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "db.json"
    app = create_app([str(folder)], db, extractor=fake_extract)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.reader.current is not None
        await pilot.press("b", "n")
        await pilot.pause()
        await pilot.press(*"ghi chu")
        await pilot.press("ctrl+s")
        for _ in range(50):  # the save may happen off the UI thread
            await pilot.pause()
            if db.exists() and Annotations(db, read_only=True).get_note(app.reader.current.id):
                break
    ann = Annotations(db, read_only=True)
    [note] = ann.records()["notes"]
    assert note["text"].endswith("ghi chu")
    assert os.fsencode(ann.records()["bookmarks"][0]["citation"]["file"]).endswith("b\ufffdi vi\ufffd\ufffdt.txt".encode())
    assert note["citation"]["file_bytes"].endswith("b%E0i vi%EA%F7t.txt")

"""The `thads-tui` command line: sub-commands, messages, and what an installed wheel carries."""
import json
import subprocess
import sys
from importlib import metadata

import pytest

from thads_tui import __version__
from thads_tui.cli import main


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "thads_tui", *args], capture_output=True, text=True, timeout=60, **kw)


def test_version_and_help():
    assert run("--version").stdout.strip() == f"thads-tui {__version__}"
    out = run("--help").stdout
    assert "--db FILE" in out and "extract" in out


def test_extract_json_shape_for_bundled_seeds(capsys):
    assert main(["extract", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["articles"]) == 5
    for art in data["articles"]:
        assert set(art) >= {"file", "id", "title", "date", "source", "entities", "figures"}
        assert art["title"] and len(art["id"]) == 16


def test_extract_offsets_index_the_normalised_text(tmp_path, capsys):
    from thads_tui.corpus import read_article

    path = tmp_path / "a.txt"
    path.write_text("Tiêu đề bài\n\nNgày 3/5/2024, Cục THADS tỉnh Lạng Sơn thi hành xong 1.234 việc, đạt 78,5%.\n", encoding="utf-8")
    main(["extract", "--json", str(path)])
    art = json.loads(capsys.readouterr().out)["articles"][0]
    text = read_article(path).text
    for item in art["entities"] + art["figures"]:
        for s, e in item["occurrences"]:
            assert text[s:e] == item["text"]
        assert item["count"] == len(item["occurrences"])


def test_missing_path_is_one_line_not_a_trace(tmp_path):
    res = run("extract", "--json", str(tmp_path / "nope"))
    assert res.returncode == 0
    assert res.stderr.strip() == f"thads-tui: skipped {tmp_path / 'nope'}: no such file or folder"
    assert json.loads(res.stdout) == {"articles": []}


def test_import_of_a_non_export_is_refused_cleanly(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    res = run("import", str(bad), "--db", str(tmp_path / "db.json"))
    assert res.returncode == 1
    assert res.stderr.strip().startswith(f"thads-tui: {bad} is not a thads-tui JSON export")
    assert "Traceback" not in res.stderr


def test_installed_wheel_carries_its_data():
    """In CI the project is installed from a wheel: the seeds, gazetteers and stylesheet must ship."""
    try:
        files = metadata.files("thads-tui") or []
    except metadata.PackageNotFoundError:
        pytest.skip("not installed")
    names = [f.as_posix() for f in files]
    if not any(n.startswith("thads_tui/") for n in names):
        pytest.skip("editable install: files are read from the checkout")
    assert sum(n.startswith("thads_tui/seeds/") and n.endswith(".txt") for n in names) == 5
    assert any(n.startswith("thads_tui/extract/data/") for n in names)
    assert any(n.startswith("thads_tui/ui/") and n.endswith(".tcss") for n in names)


def test_export_import_round_trip_through_the_cli(tmp_path):
    from thads_tui.store import Annotations

    db = tmp_path / "a.json"
    ann = Annotations(db)
    ann.toggle_bookmark("abc", citation={"title": "Bài về Đồng Nai", "date": "2024-01-02", "source": None, "file": "x.txt"})
    ann.set_note("abc", "Ghi chú: Thứ trưởng yêu cầu rà soát")
    ann.close()
    out = tmp_path / "export.json"
    assert run("export", "--format", "json", "-o", str(out), "--db", str(db)).returncode == 0
    md = run("export", "--format", "md", "--db", str(db)).stdout
    assert "Bài về Đồng Nai" in md and "Thứ trưởng yêu cầu rà soát" in md
    csv_file = tmp_path / "notes.csv"
    assert run("export", "--format", "csv", "-o", str(csv_file), "--db", str(db)).returncode == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    other = tmp_path / "b.json"
    first = run("import", str(out), "--db", str(other))
    assert first.returncode == 0, first.stderr
    again = run("import", str(out), "--db", str(other))
    assert again.returncode == 0
    out2 = tmp_path / "export2.json"
    run("export", "--format", "json", "-o", str(out2), "--db", str(other))
    assert json.loads(out2.read_text(encoding="utf-8")) == json.loads(out.read_text(encoding="utf-8"))
    b = Annotations(other, read_only=True)
    assert b.get_note("abc") == "Ghi chú: Thứ trưởng yêu cầu rà soát" and b.is_bookmarked("abc")


def test_export_without_a_db_says_so(tmp_path):
    res = run("export", "--db", str(tmp_path / "none.json"))
    assert res.returncode == 1
    assert res.stderr.strip() == f"thads-tui: no annotations yet: {tmp_path / 'none.json'} does not exist"

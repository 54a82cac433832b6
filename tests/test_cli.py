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
        assert item["body_count"] == sum(read_article(path).in_body(s) for s, _ in item["occurrences"])


def test_extract_counts_the_file_and_the_body_apart(tmp_path, capsys):
    """`count`: every occurrence in the file (the gold schema's); `body_count`: the body's."""
    path = tmp_path / "a.txt"
    path.write_text("Cục THADS tỉnh Lạng Sơn họp\n\nCục THADS tỉnh Lạng Sơn thi hành xong 1.234 việc.\n", encoding="utf-8")
    main(["extract", "--json", str(path)])
    art = json.loads(capsys.readouterr().out)["articles"][0]
    place = next(e for e in art["entities"] if e["text"] == "Lạng Sơn")
    assert (place["count"], place["body_count"]) == (2, 1)
    main(["extract", str(path)])
    out = capsys.readouterr().out
    assert "occurrences in the whole file" in out and "Lạng Sơn  ×2, 1 in the body" in out


def test_one_text_read_two_ways_keeps_both_readings(tmp_path, capsys):
    """The gold shape has one record per figure text, with the first occurrence's metric; a
    sum taken and the same sum a court orders repaid are two readings, and both are given."""
    path = tmp_path / "a.txt"
    path.write_text("Xử nguyên giám đốc Công ty TNHH Phú Gia\n\nNgày 15/3/2019, tòa xử Trần Văn Hậu. "
                    "Hậu đã chiếm đoạt 12 tỷ đồng của khách hàng.\n\nTòa tuyên phạt Hậu 15 năm tù, "
                    "buộc bồi thường 12 tỷ đồng.\n", encoding="utf-8")
    main(["extract", "--json", str(path)])
    sum_ = next(f for f in json.loads(capsys.readouterr().out)["articles"][0]["figures"] if f["text"] == "12 tỷ đồng")
    assert [r["metric"] for r in sum_["readings"]] == [sum_["metric"], "case.owed"]
    assert [[r["start"], r["end"]] for r in sum_["readings"]] == sum_["occurrences"]
    main(["extract", str(path)])
    assert f"12 tỷ đồng at {sum_['readings'][1]['start']}  [case.owed · Trần Văn Hậu]" in capsys.readouterr().out
    main(["extract", "--json", str(path)])  # a text read one way has no `readings`
    assert all("readings" not in f for f in json.loads(capsys.readouterr().out)["articles"][0]["figures"]
               if f["text"] != "12 tỷ đồng")


@pytest.mark.parametrize("command", [["extract", "--json"], ["extract"], ["search", "thi hành án"]])
def test_missing_path_is_one_line_exit_2_not_a_trace(tmp_path, command):
    res = run(*command, str(tmp_path / "nope"))
    assert res.returncode == 2
    assert res.stderr.strip() == f"thads-tui: no such file or folder: {tmp_path / 'nope'}"
    assert res.stdout == ""


def test_reader_checks_its_paths_before_it_opens(tmp_path, monkeypatch, capsys):
    """`thads-tui /mistyped/path` stopped nowhere: the reader opened on "0 articles, 1 file
    skipped". A missing PATH is the same mistake for the reader as for the sub-commands; an
    existing folder with nothing readable still opens it (its problems screen says why)."""
    import thads_tui.ui.app as ui_app

    opened = []

    class FakeApp:
        return_code = 0

        def run(self):
            pass

    monkeypatch.setattr(ui_app, "create_app", lambda paths, *a, **kw: opened.append(paths) or FakeApp())
    db = tmp_path / "x" / "db.json"
    assert main(["--db", str(db), str(tmp_path / "nope")]) == 2
    assert main(["--db", str(db), "--fresh-db", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err == f"thads-tui: no such file or folder: {tmp_path / 'nope'}\n" * 2
    assert opened == [] and not db.parent.exists()
    (tmp_path / "empty").mkdir()
    assert main(["--db", str(db), str(tmp_path / "empty")]) == 0
    assert opened == [[str(tmp_path / "empty")]]


def test_search_text_says_phrase_hits_apart_from_articles_with_only_the_words(tmp_path, capsys):
    """A folder with nothing on enforcement listed near misses with scores and a date of
    `----------`, and no word that none held the phrase; it says what the reader says."""
    (tmp_path / "a.txt").write_text("Cục THADS họp bàn\n\n13/04/2022\nCông tác thi hành án dân sự được đẩy mạnh.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kỳ thi tuyển sinh\n\nThí sinh thi xong, nhà trường thực hành an toàn.\n",
                                    encoding="utf-8")
    assert main(["search", "thi hanh an", str(tmp_path), "--no-cache"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 article holds the phrase, 1 only the words"
    assert "2022-04-13  Cục THADS họp bàn" in lines[1]
    at = lines.index("  only the words, not as a phrase:")
    assert any(line.endswith("no date     Kỳ thi tuyển sinh") for line in lines[at + 1:])
    assert not any("Kỳ thi" in line for line in lines[:at]) and "----------" not in "".join(lines)
    main(["search", "thi hanh an", str(tmp_path), "--no-cache", "--json"])
    results = json.loads(capsys.readouterr().out)["results"]
    assert [(r["title"], r["together"], r["date"]) for r in results] == [
        ("Cục THADS họp bàn", True, "2022-04-13"), ("Kỳ thi tuyển sinh", False, None)]
    assert main(["search", "thi hanh an", str(tmp_path / "b.txt"), "--no-cache"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["0 articles hold the phrase, 1 only the words",
                                                        "  only the words, not as a phrase:"]
    assert main(["search", "xyzzy", str(tmp_path), "--no-cache"]) == 0
    assert capsys.readouterr().out == "no articles match\n"


def test_import_of_a_non_export_is_refused_cleanly(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    res = run("import", str(bad), "--db", str(tmp_path / "db.json"))
    assert res.returncode == 1
    assert res.stderr.strip().startswith(f"thads-tui: {bad} is not a thads-tui JSON export")
    assert "Traceback" not in res.stderr


def test_installed_wheel_carries_its_data():
    """In CI the project is installed from a wheel: the seeds, gazetteers and stylesheet must ship.

    (The tests import the checkout; the installed copy is found by its RECORD, which only a
    wheel install has: an in-tree egg-info lists source paths, an editable install no data.)"""
    installed = [d for d in metadata.distributions(name="thads-tui") if d.read_text("RECORD")]
    names = [f.as_posix() for d in installed for f in (d.files or [])]
    if not any(n.startswith("thads_tui/") and n.endswith("cli.py") for n in names):
        pytest.skip("not installed from a wheel (editable or not installed)")
    assert sum(n.startswith("thads_tui/seeds/") and n.endswith(".txt") for n in names) == 5
    assert any(n.startswith("thads_tui/extract/data/") for n in names)
    assert any(n.startswith("thads_tui/ui/") and n.endswith(".tcss") for n in names)


def test_readme_key_table_matches_the_action_registry():
    """The README's key table is generated; a key added to the app must reach it."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "readme_keys.py"
    spec = importlib.util.spec_from_file_location("readme_keys", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = module.README.read_text(encoding="utf-8")
    assert module.START in readme and module.END in readme
    assert module.updated(readme) == readme, "run: python benchmarks/readme_keys.py"


def test_bad_limit_and_empty_folder_say_so(tmp_path):
    res = run("search", "thi", "--limit", "0")
    assert res.returncode == 2 and "at least 1" in res.stderr and "Traceback" not in res.stderr
    res = run("extract", "--json", str(tmp_path))
    assert res.returncode == 0 and json.loads(res.stdout) == {"articles": []}
    from thads_tui.corpus.formats import SUFFIXES

    kinds = ", ".join(SUFFIXES)
    assert res.stderr.strip() == f"thads-tui: no readable articles ({kinds}) in {tmp_path}"
    assert all(k in kinds for k in (".html", ".docx", ".pdf", ".jsonl", ".md", ".txt"))


def test_export_of_a_damaged_db_fails_loudly(tmp_path):
    db = tmp_path / "db.json"
    db.write_text("{ broken", encoding="utf-8")
    res = run("export", "--db", str(db))
    assert res.returncode == 2
    assert "only what could be read" in res.stderr and "Traceback" not in res.stderr
    assert db.read_text(encoding="utf-8") == "{ broken"


def test_an_undated_article_s_yearless_period_is_the_year_it_talks_about(tmp_path, capsys):
    """No date line: the article has no date (a year alone never dates it), but `6 tháng đầu
    năm` in a report on 2018 is 2018's first six months, as it was while that year dated it."""
    path = tmp_path / "a.txt"
    path.write_text("Kết quả công tác năm 2018 của Cục THADS tỉnh Nam Định\n\nTrong 6 tháng đầu năm, Cục THADS "
                    "tỉnh Nam Định đã thi hành xong 2.140 việc, đạt tỷ lệ 71,5% về việc. So với năm 2017, số việc "
                    "tăng 4%. Năm 2018, tỉnh phấn đấu vượt chỉ tiêu.\n", encoding="utf-8")
    main(["extract", "--json", str(path)])
    art = json.loads(capsys.readouterr().out)["articles"][0]
    assert art["date"] is None
    rate = next(f for f in art["figures"] if f["text"] == "71,5%")
    assert (rate["metric"], rate["subject"], rate["period"]) == ("cases.rate", "Nam Định", "2018:6m")


def test_the_catalogue_reads_an_undated_article_s_periods_alike():
    from thads_tui.corpus.catalog.update import extraction_rows

    text = ("Kết quả công tác năm 2018 của Cục THADS tỉnh Nam Định\n\nTrong 6 tháng đầu năm, Cục THADS tỉnh "
            "Nam Định đã thi hành xong 2.140 việc, đạt tỷ lệ 71,5% về việc.\n")
    _, figures = extraction_rows(text, None)
    assert any("2018:6m" in row and "cases.rate" in row for row in figures)

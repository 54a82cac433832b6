"""Export (Markdown, JSON, CSV) with citations, and import that merges without duplicates."""
import csv
import io
import re
import json
import os
import threading
import unicodedata

import pytest

from thads_tui.store import Annotations, AnnotationsError, export_annotations, import_annotations, read_export

CIT1 = {"title": "Cục THADS tỉnh Nghệ An tổng kết năm 2023", "date": "2023-12-28",
        "source": "thads.moj.gov.vn", "file": "/corpus/nghe-an-2023.txt"}
CIT2 = {"title": "Thứ trưởng làm việc với Cục THADS Hà Nội", "date": "2024-02-01",
        "source": "baophapluat.vn", "file": "/corpus/ha-noi.txt"}


@pytest.fixture
def full(tmp_path):
    ann = Annotations(tmp_path / "a" / "annotations.json")
    ann.toggle_bookmark("nghe-an", citation=CIT1)
    ann.set_note("nghe-an", "Tỷ lệ thi hành xong về việc: 82%.\nCần so với năm 2022.", citation=CIT1)
    ann.add_passage_note("nghe-an", "thi hành xong 12.345 việc", "số liệu chính", prefix="đã ",
                         suffix=", đạt", paragraph=2, citation=CIT1)
    ann.add_passage_note("ha-noi", "rà soát các vụ việc tồn đọng", "", paragraph=0, citation=CIT2)
    ann.set_tags("ha-noi", ["chỉ đạo", "Hà Nội"], citation=CIT2)
    ann.set_state("last", "ha-noi")
    yield ann
    ann.close()


def test_markdown_is_a_readable_research_log(full):
    md = export_annotations(full, "md")
    assert md.startswith("# thads-tui research log\n")
    assert "1 bookmark, 1 note, 2 passage notes, 1 tag set, on 2 articles" in md
    first, second = md.index(CIT1["title"]), md.index(CIT2["title"])
    assert first < second  # in the order the research was done
    for cit in (CIT1, CIT2):
        assert all(value in md for value in cit.values())
    assert "> thi hành xong 12.345 việc" in md and "paragraph 3" in md and "số liệu chính" in md
    assert "Tỷ lệ thi hành xong về việc: 82%.\nCần so với năm 2022." in md
    assert "Tags: chỉ đạo, Hà Nội" in md and "Bookmarked" in md
    assert re.search(r"Bookmarked \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n", md)


def test_empty_markdown(tmp_path):
    assert "No bookmarks or notes yet." in export_annotations(Annotations(tmp_path / "x.json"), "md")


def test_csv_has_one_row_per_annotation_with_citation(full):
    rows = list(csv.DictReader(io.StringIO(export_annotations(full, "csv"))))
    assert [r["kind"] for r in rows] == ["bookmark", "note", "passage_note", "passage_note", "tag_set"]
    note = rows[1]
    assert (note["title"], note["date"], note["source"], note["file"]) == tuple(CIT1.values())
    assert note["text"].endswith("Cần so với năm 2022.")
    passage = next(r for r in rows if r["quote"].startswith("thi hành"))
    assert passage["paragraph"] == "3" and len(passage["note_id"]) == 32
    assert rows[-1]["tags"] == "chỉ đạo; Hà Nội"


def test_json_round_trip_is_identical_and_idempotent(full, tmp_path):
    exported = export_annotations(full, "json")
    data = json.loads(exported)
    assert data["format"] == "thads-tui-annotations" and "state" not in data
    assert data["notes"][0]["citation"] == CIT1

    fresh = Annotations(tmp_path / "b" / "annotations.json")
    summary = import_annotations(fresh, data)
    assert summary.added == {"bookmarks": 1, "notes": 1, "passages": 2, "tags": 1, "reads": 0}
    assert summary.total_added == 5 and str(summary).startswith("Imported 1 bookmark, 1 note, 2 passage notes")
    assert export_annotations(fresh, "json") == exported

    again = import_annotations(fresh, data)
    assert again.total_added == 0 and again.unchanged == 5 and "nothing new" in str(again)
    assert export_annotations(fresh, "json") == exported
    assert import_annotations(full, data).total_added == 0  # into the source itself
    assert export_annotations(full, "json") == exported


def test_import_merges_without_losing_either_side(tmp_path, full):
    data = json.loads(export_annotations(full, "json"))
    mine = Annotations(tmp_path / "mine.json")
    mine.set_note("nghe-an", "Ghi chú của tôi")
    mine.set_tags("ha-noi", ["hà nội", "án phí"])
    mine.toggle_bookmark("other")
    summary = import_annotations(mine, data)
    assert summary.merged["notes"] == 1 and summary.merged["tags"] == 1
    note = mine.get_note("nghe-an")
    assert note.startswith("Ghi chú của tôi\n\n") and note.endswith("Cần so với năm 2022.")
    assert mine.get_tags("ha-noi") == ["án phí", "chỉ đạo", "hà nội"]
    assert mine.bookmarked_ids() == {"nghe-an", "other"}
    assert mine.note("nghe-an")["citation"] == CIT1  # filled in from the import
    before = export_annotations(mine, "json")
    assert import_annotations(mine, data).total_added == 0
    assert export_annotations(mine, "json") == before


def test_import_takes_an_extended_note_and_skips_duplicates(tmp_path, full):
    data = json.loads(export_annotations(full, "json"))
    data["notes"][0]["text"] += "\nThêm một dòng."
    clone = dict(data["passages"][0], id="another-id")  # same highlight under a new id
    data["passages"].append(clone)
    data["bookmarks"].append({"article_id": 5})  # not understood
    data["passages"].append({"id": "p", "article_id": "x", "quote": "q", "text": "", "paragraph": "3"})
    summary = import_annotations(full, data)
    assert summary.merged["notes"] == 1 and summary.added["passages"] == 1 and summary.skipped == 1
    assert full.passage_note("p")["paragraph"] is None
    assert full.get_note("nghe-an").endswith("Cần so với năm 2022.\nThêm một dòng.")
    assert len(full.passage_notes("nghe-an")) == 1


def test_import_normalises_to_nfc(tmp_path):
    ann = Annotations(tmp_path / "x.json")
    nfd = unicodedata.normalize("NFD", "Thứ trưởng yêu cầu rà soát")
    import_annotations(ann, {"format": "thads-tui-annotations", "schema": 1,
                             "notes": [{"article_id": "a", "text": nfd, "created": "2024-01-01T00:00:00+00:00"}]})
    assert ann.get_note("a") == unicodedata.normalize("NFC", nfd)
    assert ann.note("a")["updated"] == "2024-01-01T00:00:00+00:00"


@pytest.mark.parametrize("data", [[], {"notes": []}, {"format": "thads-tui-annotations", "schema": 99},
                                  {"format": "thads-tui-annotations", "schema": 1, "notes": {}}])
def test_import_refuses_what_it_does_not_understand(tmp_path, data):
    ann = Annotations(tmp_path / "x.json")
    with pytest.raises(AnnotationsError):
        import_annotations(ann, data)
    assert not ann.path.exists()


def test_import_into_read_only_or_damaged_file_is_refused(tmp_path, full):
    data = json.loads(export_annotations(full, "json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    ann = Annotations(broken)
    with pytest.raises(AnnotationsError):
        import_annotations(ann, data)
    assert broken.read_text() == "{"


def test_read_export_errors_are_sentences(tmp_path, full):
    good = tmp_path / "export.json"
    good.write_text(export_annotations(full, "json"), encoding="utf-8")
    assert read_export(good)["format"] == "thads-tui-annotations"
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        with pytest.raises(AnnotationsError) as err:
            read_export(path)
        assert str(err.value).endswith(".")


def test_unknown_format(full):
    with pytest.raises(AnnotationsError):
        export_annotations(full, "xml")


def test_read_export_refuses_what_is_not_a_regular_file(tmp_path):
    folder = tmp_path / "export.json"
    folder.mkdir()
    paths = [folder]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        paths.append(tmp_path / "pipe.json")
    for path in paths:
        outcome = {}

        def run():
            try:
                read_export(path)
            except AnnotationsError as err:
                outcome["error"] = str(err)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(5)
        if thread.is_alive():  # stuck opening the FIFO: free it, then fail
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(5)
            pytest.fail("read_export blocked on a FIFO")
        assert "not a regular file" in outcome["error"] and outcome["error"].endswith(".")

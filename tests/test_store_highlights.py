"""Highlights (issue 11 step 1): position + quote anchoring, re-anchoring after the text changed,
detached highlights kept, tags on highlights, read state, the v1 -> v2 migration, W3C selectors."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from thads_tui.store import SCHEMA, Annotations, locate_passage, make_anchor
from thads_tui.store.exchange import export_annotations, import_annotations

TEXT = ("Cục THADS tỉnh họp giao ban. Năm 2024 đã thi hành xong 1.234 việc. "
        "Cần rà soát các vụ việc tồn đọng. Hết.")
QUOTE = "đã thi hành xong 1.234 việc"


@pytest.fixture
def ann(tmp_path):
    a = Annotations(tmp_path / "annotations.json")
    yield a
    a.close()


def _add(ann, text=TEXT, quote=QUOTE, **kw):
    start = text.index(quote)
    return ann.add_passage_note("a1", text=kw.pop("note", ""), start=start, end=start + len(quote),
                                **make_anchor(text, start, start + len(quote)), **kw)


def test_highlight_keeps_position_and_tags(ann, tmp_path):
    note_id = _add(ann, note="Cần đối chiếu số liệu", tags=["so-lieu", " so-lieu ", "Hà Nội"])
    on_disk = json.loads((tmp_path / "annotations.json").read_text(encoding="utf-8"))
    doc = next(iter(on_disk["passages"].values()))
    assert doc["id"] == note_id and doc["tags"] == ["Hà Nội", "so-lieu"]
    assert TEXT[doc["start"]:doc["end"]] == QUOTE
    assert ann.tagged_ids("SO-LIEU") == {"a1"} and "so-lieu" in ann.all_tags()


def test_quote_that_moved_is_found_again_and_its_position_updated(ann):
    note_id = _add(ann)
    changed = "Tin mới cập nhật. " * 3 + TEXT
    [got] = ann.anchored_passages("a1", changed)
    assert not got["detached"] and changed[slice(*got["span"])] == QUOTE
    assert ann.passage_note(note_id)["start"] == changed.index(QUOTE)


def test_quote_that_disappeared_is_kept_as_detached(ann):
    _add(ann, quote="Cần rà soát")
    keep = _add(ann)
    changed = TEXT.replace(QUOTE, "đã xong phần lớn việc")
    got = ann.anchored_passages("a1", changed)
    assert [g["detached"] for g in got] == [False, True]
    assert got[-1]["quote"] == QUOTE and ann.passage_note(keep) is not None


def test_position_breaks_ties_between_equal_quotes():
    text = "một hai ba. một hai ba. một hai ba."
    assert locate_passage(text, "một hai ba", position=12) == (12, 22)
    assert locate_passage(text, "một hai ba") == (0, 10)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc ăđ.", min_size=1, max_size=40), st.text(alphabet="xyz ơ", max_size=30),
       st.integers(0, 39), st.integers(1, 12))
def test_anchor_survives_text_inserted_before(body, inserted, start, length):
    start = min(start, len(body) - 1)
    end = min(len(body), start + length)
    if not body[start:end].strip():
        return
    anchor = make_anchor(body, start, end)
    moved = inserted + body
    span = locate_passage(moved, **anchor, position=start)
    assert span is not None and moved[span[0]:span[1]] == body[start:end]


def test_read_state(ann):
    assert not ann.is_read("a1")
    ann.set_read("a1")
    assert ann.is_read("a1") and ann.read_ids() == {"a1"}
    ann.set_read("a1", False)
    assert not ann.is_read("a1")


def test_version_1_file_is_upgraded_with_a_backup(tmp_path):
    path = tmp_path / "annotations.json"
    old = {"_meta": {"1": {"schema": 1}},
           "passages": {"1": {"id": "p1", "article_id": "a1", "quote": QUOTE, "prefix": "", "suffix": "",
                              "paragraph": 0, "text": "x", "created": "2024", "updated": "2024",
                              "citation": {}}}}
    path.write_text(json.dumps(old), encoding="utf-8")
    ann = Annotations(path)
    ann.set_read("a1")  # the first change writes the new format
    ann.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["_meta"]["1"]["schema"] == SCHEMA == 2
    assert data["passages"]["1"]["tags"] == [] and data["passages"]["1"]["start"] is None
    backups = [p for p in tmp_path.iterdir() if p != path and "v1" in p.name]
    assert backups and json.loads(backups[0].read_text(encoding="utf-8")) == old


def test_undo_of_a_delete_restores_the_same_highlight(ann):
    note_id = _add(ann, note="n", tags=["t"])
    doc = ann.passage_note(note_id)
    assert ann.remove_passage_note(note_id) and ann.passage_note(note_id) is None
    ann.restore_passage_note(doc)
    assert ann.passage_note(note_id) == doc


def test_json_has_web_annotation_selectors_and_round_trips(ann, tmp_path):
    _add(ann, note="Cần đối chiếu số liệu", tags=["so-lieu"])
    ann.set_read("a1")
    exported = export_annotations(ann, "json")
    [rec] = json.loads(exported)["passages"]
    kinds = {s["type"]: s for s in rec["target"]["selector"]}
    assert kinds["TextQuoteSelector"]["exact"] == QUOTE
    assert TEXT[kinds["TextPositionSelector"]["start"]:kinds["TextPositionSelector"]["end"]] == QUOTE
    fresh = Annotations(tmp_path / "fresh.json")
    import_annotations(fresh, json.loads(exported))
    assert export_annotations(fresh, "json") == exported
    import_annotations(fresh, json.loads(exported))  # twice: no duplicates
    assert export_annotations(fresh, "json") == exported
    md = export_annotations(fresh, "md")
    assert f"> {QUOTE}" in md and "Tags: so-lieu" in md


def test_tags_added_in_another_window_survive_an_editor_that_did_not_show_them(tmp_path):
    """Two windows: one adds a tag while the other's editor is open; the editor's save keeps it
    (it replaced them), and removes only the tags it showed."""
    from thads_tui.store.annotations import Annotations

    here, there = Annotations(tmp_path / "db.json"), Annotations(tmp_path / "db.json")
    here.set_tags("a1", ["so-lieu", "cu"])
    shown = here.get_tags("a1")
    there.set_tags("a1", [*there.get_tags("a1"), "khan"])  # the other window, meanwhile
    saved = here.set_tags("a1", ["so-lieu", "moi"], expected=shown)  # "cu" removed here, "moi" added
    assert saved == ["khan", "moi", "so-lieu"] and Annotations(tmp_path / "db.json").get_tags("a1") == saved
    hid = here.add_passage_note("a1", "một đoạn", "ghi chú", tags=["x"])
    there.update_passage_note(hid, tags=["x", "y"])
    here.update_passage_note(hid, "ghi chú", tags=["x", "z"], expected_tags=["x"])
    [doc] = [p for p in Annotations(tmp_path / "db.json").passage_notes("a1")]
    assert doc["tags"] == ["x", "y", "z"]

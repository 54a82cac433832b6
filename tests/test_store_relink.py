"""Notes follow an edited article file: records of a gone id move to the file's new id, none lost."""
from thads_tui.store import Annotations
from thads_tui.store.relink import orphan_moves, relink


def test_records_of_an_edited_file_move_to_its_new_id_and_merge(tmp_path):
    ann = Annotations(tmp_path / "db.json")
    cit = {"title": "Bài", "file": "/corpus/a.txt"}
    ann.set_note("old", "ghi chú cũ", citation=cit)
    ann.set_tags("old", ["so-lieu"], citation=cit)
    ann.set_bookmark("old", True, citation=cit)
    pid = ann.add_passage_note("old", "một đoạn", "", citation=cit)
    ann.set_note("new", "ghi chú mới", citation=cit)  # the new id has a note already
    ann.set_tags("new", ["bao-cao"], citation=cit)
    ann.set_note("other", "không đổi", citation={"file": "/corpus/b.txt"})  # its file is gone: stays
    moves = orphan_moves(ann, known={"new"}, id_of_file={"/corpus/a.txt": "new"})
    assert moves == {"old": "new"}
    assert relink(ann, moves) == 4
    assert ann.get_note("new") == "ghi chú mới\n\nghi chú cũ" and ann.get_note("old") == ""
    assert ann.get_tags("new") == ["bao-cao", "so-lieu"] and ann.is_bookmarked("new")
    assert ann.passage_note(pid)["article_id"] == "new"
    assert ann.get_note("other") == "không đổi"
    assert relink(ann, orphan_moves(ann, {"new"}, {"/corpus/a.txt": "new"})) == 0  # twice: nothing more


def test_a_known_article_is_never_moved(tmp_path):
    ann = Annotations(tmp_path / "db.json")
    ann.set_note("same", "x", citation={"file": "/corpus/a.txt"})
    assert orphan_moves(ann, known={"same", "new"}, id_of_file={"/corpus/a.txt": "new"}) == {}

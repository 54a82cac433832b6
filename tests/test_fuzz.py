"""Bounded fuzzing (issue 14): hostile bytes, file names and texts through the loader, the
extractor, the command line's output and the annotations store. Inputs stay small (a few hundred
characters) so the whole file runs in well under a minute."""
from __future__ import annotations

import contextlib
import io
import os
import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from thads_tui.analysis import article_record
from thads_tui.corpus import SkippedFile, read_article
from thads_tui.extract import extract
from thads_tui.store import Annotations, export_annotations

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# Pieces the sweep found hostile: escapes, digit runs, separators, Vietnamese words, odd marks.
PIECES = ["\x1b]0;t\x07", "\x1b]52;c;eA==\x07", "\x1b[2J", "\x9b", "\r", "\r\n", "\t", "\x00", "\ufeff",
          "\u202e", "\u0301", "1.234", "0,5%", "12/2024/NĐ-CP", "////", "....", "9" * 40, "Cục THADS",
          "tỉnh Lạng Sơn", "Ngày 3/5/2024", " tỷ đồng", "[b]x[/b]", "=HYPERLINK(", "\n\n", "Đ", "ư"]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map("".join)
hostile_bytes = st.one_of(
    hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    hostile_text.map(lambda t: t.encode("utf-16")),
    st.text(alphabet="ăâđêôơưáàảãạ abc\n", max_size=200).map(lambda t: t.encode("cp1258", "ignore")),
)
NAME_PIECES = [b"a", b"\xe0", b"\xea\xf7", b"\x1b]0;x\x07", b"\n", b" ", b"\xc3\xa0", b"=", b"-"]
hostile_name = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=6).map(lambda p: b"".join(p) + b".txt")


def _file(tmp_path_factory, name: bytes, data: bytes) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    path.write_bytes(data)
    return path


@FUZZ
@given(name=hostile_name, data=hostile_bytes)
def test_loader_extractor_and_cli_output_on_hostile_files(tmp_path_factory, name, data):
    from thads_tui.cli import _print_extract_text, _say

    path = _file(tmp_path_factory, name, data)
    try:
        article = read_article(path)
    except SkippedFile as skipped:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            _say(skipped.problem)
        line = err.getvalue()
        assert line.count("\n") == 1 and not CONTROL.search(line[:-1])
        return
    assert article.text == unicodedata.normalize("NFC", article.text)
    assert "\r" not in article.text
    for s, e in article.paragraphs:
        assert 0 <= s <= e <= len(article.text)
    found = extract(article.text)
    for item in [*found.entities, *found.figures]:
        assert article.text[item.start:item.end] == item.text
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _print_extract_text(article_record(article, found))
    assert not CONTROL.search(out.getvalue().replace("\n", "")), repr(out.getvalue())


@FUZZ
@given(texts=st.lists(hostile_text.filter(lambda t: t.strip()), min_size=1, max_size=3), query=hostile_text)
def test_search_output_on_hostile_articles(tmp_path_factory, texts, query):
    from thads_tui.cli import main

    folder = tmp_path_factory.mktemp("corpus")
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["search", query or "x", str(folder)])
        except SystemExit as stop:  # argparse's usage sentence for a query like `-x` (exit 2)
            code = stop.code
    assert code in (0, 2)
    for stream in (out.getvalue(), err.getvalue()):
        assert not CONTROL.search(stream.replace("\n", "")), repr(stream)
        assert "Traceback" not in stream


@FUZZ
@given(note=hostile_text, title=hostile_text, name=hostile_name)
def test_store_round_trips_hostile_notes_and_citations(tmp_path_factory, note, title, name):
    db = tmp_path_factory.mktemp("db") / "db.json"
    ann = Annotations(db)
    citation = {"title": title, "file": os.fsdecode(name), "date": None, "source": None}
    saved = ann.set_note("a", note, citation=citation)
    ann.set_bookmark("a", True, citation=citation)
    again = Annotations(db)
    assert again.problem is None
    assert again.get_note("a") == saved
    for fmt in ("md", "json", "csv"):
        export_annotations(again, fmt).encode("utf-8")  # always writable as UTF-8
    assert not any(p.name.endswith((".lock", ".tmp")) for p in db.parent.iterdir())


def test_a_usage_error_quotes_the_arguments_printable(tmp_path, capsys):
    """The example hypothesis found: argparse echoed an escape sequence from an unknown option."""
    from thads_tui.cli import main

    (tmp_path / "a.txt").write_text("Tin\n\nThi hành án.", encoding="utf-8")
    try:
        code = main(["search", "-\x1b]0;t\x07", str(tmp_path)])
    except SystemExit as stop:
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2 and "unrecognized arguments" in err and not CONTROL.search(err.replace("\n", ""))

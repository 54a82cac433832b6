"""Reading real-world article files: encodings, bad input, metadata, stable ids."""
import codecs
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from thads_tui.cli import main
from thads_tui.corpus import Article, Corpus, article_id, decode, layout, read_article, scan
from thads_tui.corpus.decode import UnreadableText

ARTICLE = (
    "Cục Thi hành án dân sự tỉnh Nghệ An tổng kết năm 2024\n"
    "\n"
    "15/01/2025\n"
    "Cục Thi hành án dân sự tỉnh Nghệ An tổng kết năm 2024\n"
    "(BNA) - Sáng 14/1, Cục THADS tỉnh Nghệ An tổ chức hội nghị tổng kết công tác năm 2024.\n"
    "Năm 2024, toàn tỉnh đã thi hành xong 12.345 việc, đạt tỷ lệ 85,6%.\n"
    "Hội nghị tổng kết ảnh 1\n"
    "Đồng chí Hồ Văn Minh, Cục trưởng, phát biểu chỉ đạo.\n"
    "Nguyễn Thị Hoa\n"
    "\n"
    "Tin liên quan\n"
    "Một bài khác không thuộc bài này\n"
)


def to_cp1258(text: str) -> bytes:
    """Encode like legacy Vietnamese software: precomposed vowels, combining tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, mark in enumerate(marks):  # a vowel with circumflex/breve/horn is one byte
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and composed.encode("cp1258", "replace") != b"?":
                base, marks = composed, marks[:i] + marks[i + 1:]
                break
        out.append((base + "".join(marks)).encode("cp1258"))
    return b"".join(out)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- decoding -------------------------------------------------------------------------------

def test_nfd_text_is_normalised_to_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", ARTICLE)
    assert nfd != ARTICLE
    art = read_article(write(tmp_path / "nfd.txt", nfd))
    assert art.text == unicodedata.normalize("NFC", ARTICLE)
    assert art.title == "Cục Thi hành án dân sự tỉnh Nghệ An tổng kết năm 2024"


def test_windows_1258_legacy_vietnamese(tmp_path):
    raw = to_cp1258(ARTICLE)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    art = read_article(write(tmp_path / "legacy.txt", raw))
    assert art.text == ARTICLE
    assert art.date == "2025-01-15"


@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_byte_order_marks(tmp_path, bom, codec):
    art = read_article(write(tmp_path / "bom.txt", bom + ARTICLE.encode(codec)))
    assert art.text == ARTICLE
    assert not art.text.startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, newline):
    art = read_article(write(tmp_path / "crlf.txt", ARTICLE.replace("\n", newline)))
    assert "\r" not in art.text
    assert art.text == ARTICLE


def test_copies_in_other_encodings_have_one_id(tmp_path):
    ids = {
        read_article(write(tmp_path / "a.txt", ARTICLE)).id,
        read_article(write(tmp_path / "b.txt", codecs.BOM_UTF16_LE + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"))).id,
        read_article(write(tmp_path / "c.txt", unicodedata.normalize("NFD", ARTICLE))).id,
    }
    assert len(ids) == 1


def test_id_survives_rename_and_move(tmp_path):
    first = read_article(write(tmp_path / "one.txt", ARTICLE))
    moved = tmp_path / "elsewhere" / "renamed.md"
    moved.parent.mkdir()
    (tmp_path / "one.txt").rename(moved)
    assert read_article(moved).id == first.id
    changed = read_article(write(tmp_path / "two.txt", ARTICLE.replace("85,6%", "85,7%")))
    assert changed.id != first.id


# --- bad input ----------------------------------------------------------------------------

@pytest.fixture
def mixed_folder(tmp_path):
    root = tmp_path / "articles"
    write(root / "good.txt", ARTICLE)
    write(root / "sub" / "also-good.md", ARTICLE.replace("Nghệ An", "Đồng Nai"))
    write(root / "empty.txt", b"")
    write(root / "blank.txt", b"  \n\n \r\n")
    write(root / "binary.txt", bytes(range(256)) * 8)
    write(root / "latin-garbage.txt", b"caf\xe9 na\xefve \x81\x8d " * 20)
    big = root / "huge.txt"
    with open(big, "wb") as fh:
        fh.write(b"a" * (6 * 1024 * 1024))
    write(root / "truncated.pdf", b"%PDF-1.4")  # PDFs are read now: this one is cut short
    return root


def test_bad_files_are_skipped_with_reasons_and_good_ones_load(mixed_folder):
    corpus = Corpus([mixed_folder])
    corpus.load()
    titles = sorted(a.title for a in corpus)
    assert titles == [
        "Cục Thi hành án dân sự tỉnh Nghệ An tổng kết năm 2024",
        "Cục Thi hành án dân sự tỉnh Đồng Nai tổng kết năm 2024",
    ]
    reasons = {p.path.name: p.reason for p in corpus.problems}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert "not UTF-8" in reasons["latin-garbage.txt"]
    assert reasons["huge.txt"].startswith("too large (6 291 456 bytes; the limit is 5 242 880 bytes = 5 MiB")
    assert reasons["truncated.pdf"].startswith("damaged or truncated PDF")
    assert all(str(p).startswith("skipped ") for p in corpus.problems)


def test_unreadable_folder_is_reported(tmp_path, monkeypatch, running_as_root):
    root = tmp_path / "articles"
    write(root / "good.txt", ARTICLE)
    locked = root / "locked"
    write(locked / "secret.txt", ARTICLE.replace("Nghệ An", "Huế"))
    if running_as_root:
        # root reads through chmod 000, so make the folder fail the way it does for users.
        real = os.scandir

        def scandir(path):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        corpus = Corpus([root])
        corpus.load()
    finally:
        locked.chmod(0o755)
    assert [a.path.name for a in corpus] == ["good.txt"]
    assert [str(p) for p in corpus.problems] == [f"skipped {locked}: cannot read folder: permission denied"]


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path / "x.txt", ARTICLE)
    real_open = open

    def fake_open(p, *a, **k):
        if Path(p) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(p, *a, **k)

    monkeypatch.setattr("builtins.open", fake_open)
    corpus = Corpus([path])
    corpus.load()
    assert len(corpus) == 0
    assert corpus.problems[0].reason == "cannot read: permission denied"


def test_missing_path_and_duplicates(tmp_path):
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "copy" / "b.txt", ARTICLE.replace("\n", "\r\n"))
    corpus = Corpus([a, tmp_path / "copy", tmp_path / "nope"])
    corpus.load()
    assert [x.path for x in corpus] == [a]
    reasons = [str(p) for p in corpus.problems]
    assert f"skipped {tmp_path / 'nope'}: no such file or folder" in reasons
    assert f"skipped {b}: same article as {a}" in reasons


def test_cli_reports_skipped_files_on_stderr_without_trace(mixed_folder, capsys):
    assert main(["extract", "--json", str(mixed_folder)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert len(data["articles"]) == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 6  # five bad text files and the truncated PDF
    assert all(line.startswith("thads-tui: skipped ") for line in lines)


def test_listing_does_not_read_files(tmp_path, monkeypatch):
    for i in range(50):
        write(tmp_path / f"{i:03}.txt", f"Bài số {i}\nNội dung {i}.\n")
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    corpus = Corpus([tmp_path])
    assert len(corpus.paths) == 50 and len(corpus) == 0
    assert opened == []
    corpus.load_one(corpus.paths[0])
    assert len(opened) == 1


# --- metadata -----------------------------------------------------------------------------

def test_layout_finds_title_date_source_body():
    parts = layout(ARTICLE)
    assert parts.title == "Cục Thi hành án dân sự tỉnh Nghệ An tổng kết năm 2024"
    assert parts.date == "2025-01-15"
    assert parts.source == "Nguyễn Thị Hoa"
    body = [ARTICLE[s:e] for s, e in parts.paragraphs]
    assert body[0].startswith("(BNA) - Sáng 14/1")
    assert body[-1] == "Đồng chí Hồ Văn Minh, Cục trưởng, phát biểu chỉ đạo."
    assert not any("ảnh 1" in p or "Tin liên quan" in p or "bài khác" in p for p in body)
    assert parts.title not in body


def test_date_marker_is_metadata_not_title():
    text = " date 2021-07 Nâng cao hiệu quả công tác thi hành án\n\nSáng 2-7, hội nghị diễn ra tại Hà Nội.\n"
    parts = layout(text)
    assert parts.title == "Nâng cao hiệu quả công tác thi hành án"
    assert parts.date == "2021-07"


def test_source_in_parentheses_at_start():
    text = "Tiêu đề bài viết\n\n(TTXVN) - Ngày 3/5, năm 2022 đánh dấu một mốc mới trong năm 2022.\n"
    parts = layout(text)
    assert parts.source == "TTXVN"
    assert parts.date == "2022-05-03"  # inferred: day/month from the lead, the year most mentioned


def test_no_date_when_nothing_says_one():
    assert layout("Tiêu đề\nKhông có ngày tháng nào ở đây.\n").date is None


def test_byline_with_unit():
    text = "Tiêu đề\nĐoạn thứ nhất của bài viết.\nĐoạn thứ hai.\nLê Văn An - VPTC\n"
    assert layout(text).source == "Lê Văn An - VPTC"


def test_bundled_seeds_load_with_titles_and_dates():
    corpus = Corpus()
    corpus.load()
    assert corpus.bundled and len(corpus) == 5 and corpus.problems == []
    for art in corpus:
        assert art.title and art.date
        assert all(art.text[s:e].strip() == art.text[s:e] for s, e in art.paragraphs)


# --- properties ---------------------------------------------------------------------------

vietnamese_text = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ.,%\n0123456789")),
    min_size=1, max_size=300,
).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(vietnamese_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258-nfd"]))
def test_decode_round_trips_every_supported_encoding(text, encoding):
    expected = unicodedata.normalize("NFC", text)
    if encoding == "cp1258-nfd":
        raw = to_cp1258(text)
    else:
        raw = text.encode(encoding)
    try:
        got = decode(raw)
    except UnreadableText:
        # A text with no Vietnamese-only letter cannot be told from other legacy encodings.
        assert encoding == "cp1258-nfd"
        return
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_layout_offsets_always_index_the_text(text):
    text = unicodedata.normalize("NFC", text.replace("\r", "\n"))
    parts = layout(text)
    last = -1
    for s, e in parts.paragraphs:
        assert 0 <= s < e <= len(text) and s > last
        assert text[s:e].strip() == text[s:e]
        last = e
    assert article_id(text) == article_id(text.replace("\n", "\n\n"))


def test_scan_is_sorted_and_recursive(tmp_path):
    for name in ["b.txt", "a.md", "z/c.txt", "z/.hidden.txt", "notes.odt"]:
        write(tmp_path / name, ARTICLE)
    paths, problems = scan([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a.md", "b.txt", "z/c.txt"]
    assert problems == []


def test_full_date_in_the_lead_is_the_date():
    text = "Tiêu đề\n\nNgày 07-03-2019, Ban Chỉ đạo tỉnh họp bàn về năm 2018 và năm 2018.\n"
    assert layout(text).date == "2019-03-07"


def test_inferred_year_ignores_document_numbers_and_past_event_dates():
    text = ("Tiêu đề\n\nSáng 5-6, đoàn công tác làm việc theo Bản án số 12/2011/DS-PT và "
            "Quyết định số 3/2011/QĐ-CCTHA ngày 1-2-2011; kết quả năm 2014 khả quan.\n")
    assert layout(text).date == "2014-06-05"


def test_a_year_the_text_mentions_is_no_date():
    """A car's model year or a history dated real articles 1930 and 1980 in the list (and
    `extract` gave "date": "1930"): a year alone says what the text talks about, not when it
    was written. A date line, a date at the top, the lead's day still date the article."""
    for text in ("Tiêu đề\n\nTrong năm 2022, các cơ quan thi hành án đã nỗ lực; năm 2021 cũng vậy.\n",
                 "Phantom qua 7 thế hệ\n\nHãng vừa xuất xưởng chiếc xe cuối cùng.\nPhantom I ra đời năm 1925, "
                 "Phantom II năm 1930. Từ 1930 đến 1935, mẫu xe 1930 được ưa chuộng.\n",
                 "Soi mẫu xe độ cực ngầu\n\nChiếc Ducati 750 F1 đời 1980 được độ lại theo phong cách cafe racer.\n",
                 "Mazda3 2017 sắp về Việt Nam\n\nMazda3 2017 có giá từ 24.000 USD; Mazda3 2017 được nâng cấp nhẹ.\n"):
        parts = layout(text)
        assert (parts.date, parts.date_inferred) == (None, False), text
    assert layout("Tiêu đề\n\n17/02/2017\nMẫu xe đời 1980 được độ lại, năm 1980 và 1980.\n").date == "2017-02-17"
    assert layout("Tiêu đề\n\nNgày 5-3-2017, chiếc xe đời 1980 được độ lại; năm 1980.\n").date == "2017-03-05"
    assert layout("Tiêu đề\n\nChiều 24/9, hội nghị năm 2020 bàn về năm 2020 và 2019.\n").date == "2020-09-24"


def test_a_year_still_to_come_is_no_publication_date():
    """`đến năm 2050` is a plan: a text is never dated after the year it is read in."""
    from thads_tui.corpus.metadata import _inferred_date

    text = "Tiêu đề\n\nSáng 3/4, năm 2016, thành phố đặt mục tiêu đến năm 2050 và năm 2050 sẽ xanh.\n"
    assert _inferred_date(text, text, this_year=2026) == "2016-04-03"
    assert _inferred_date("Sáng 3/4, mục tiêu tới năm 2070.", "Sáng 3/4, mục tiêu tới năm 2070.", this_year=2026) is None
    lead = "Ngày 5-6-2031, kế hoạch sẽ xong; sáng 2/1 năm 2019 đã khởi công."
    assert _inferred_date(lead, lead, this_year=2026) == "2019-01-02"  # not the future day: the year talked about


def test_byline_with_a_lowercase_unit_after_the_dash():
    text = "Tiêu đề\nĐoạn thứ nhất.\nĐoạn thứ hai.\nLý Thu Hà - Chi cục THADS huyện Đông Anh\n"
    assert layout(text).source == "Lý Thu Hà - Chi cục THADS huyện Đông Anh"
    assert layout("Tiêu đề\nĐoạn một.\nĐoạn hai.\nmột dòng thường - không phải tác giả\n").source is None


def test_links_back_up_the_tree_are_read_once(tmp_path):
    root = tmp_path / "d"
    write(root / "a.txt", ARTICLE)
    (root / "x").symlink_to(".")
    (root / "y").symlink_to(".")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..")
    paths, problems = scan([root])
    assert [p.name for p in paths] == ["a.txt"] and problems == []


def test_broken_links_and_special_files_are_reported(tmp_path):
    write(tmp_path / "good.txt", ARTICLE)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    paths, problems = scan([tmp_path])
    assert [p.name for p in paths] == ["good.txt"]
    assert {p.path.name: p.reason for p in problems} == {
        "gone.txt": "broken link: its target does not exist",
        "pipe.txt": "not a regular file",
    }


def test_in_body_matches_the_paragraph_offsets():
    art = Article("x", Path("x.txt"), "Tiêu đề\nđoạn một\n\nđoạn hai\nTác Giả", "Tiêu đề",
                  paragraphs=((8, 16), (18, 26)))
    inside = {i for i in range(len(art.text)) if art.in_body(i)}
    assert inside == set(range(8, 16)) | set(range(18, 26))
    assert Article("y", Path("y.txt"), "abc", "abc").in_body(1)


def _years_masking_the_whole_text(text: str):
    """The reference: _years_outside_numbers as it was (each pattern over the whole text)."""
    from collections import Counter

    from thads_tui.corpus.metadata import _DOC_NUMBER, _FULL_DATE

    masked = _FULL_DATE.sub(" ", _DOC_NUMBER.sub(" ", text))
    return Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", masked))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["2015", "2019", "1998", "20", "12", "3", "/", "-", ".", " ", "QĐ", "DS-PT", "năm ",
                                 "ngày ", "\n", "x", "05", "2023/TT-BTP", "10/2021"]), max_size=40).map("".join))
def test_years_are_judged_in_a_window_as_over_the_whole_text(text):
    from thads_tui.corpus.metadata import _years_outside_numbers

    assert _years_outside_numbers(text) == _years_masking_the_whole_text(text)


_OLD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _years_in_windows_as_first_written(text: str):
    """The reference for the quick paths: every year judged in its window."""
    from collections import Counter

    from thads_tui.corpus.metadata import _AROUND, _DOC_NUMBER, _FULL_DATE

    years: Counter = Counter()
    for m in _OLD_YEAR.finditer(text):
        lo = max(0, m.start() - _AROUND)
        window = text[lo:m.end() + _AROUND]
        a, b = m.start() - lo, m.end() - lo
        if any(d.start() <= a and b <= d.end() for d in _DOC_NUMBER.finditer(window)):
            continue
        masked = _DOC_NUMBER.sub(lambda d: " " * len(d.group()), window)
        if not any(d.start() <= a and b <= d.end() for d in _FULL_DATE.finditer(masked)):
            years[int(m.group())] += 1
    return years


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["2015", "2019", "1999", "20", "12019", "20190", "2015/2016/QĐ", "15/2015/DS-PT",
                                 "20-8-2015", "1/10/2023", "năm ", " ", "/", "-", ".", "ND", "_", "²", "٢", "\n",
                                 "7", "Đ"]), max_size=30).map("".join))
def test_years_skip_the_window_only_where_no_number_or_date_can_hold_them(text):
    from thads_tui.corpus.metadata import _years, _years_outside_numbers

    assert _years_outside_numbers(text) == _years_in_windows_as_first_written(text)
    assert [m.group() for m in _years(text)] == _OLD_YEAR.findall(text)

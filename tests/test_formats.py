"""Each format's reader on inputs the tests build: title, date, source, exact body, entities."""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

import test_formats_support as S
from thads_tui.corpus import Corpus, article_id, read_article, read_file, scan
from thads_tui.corpus import formats
from thads_tui.corpus.formats import Record, md, pdf
from thads_tui.corpus.loader import SkippedFile
from thads_tui.extract import extract


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(data, bytes) else lambda d: path.write_text(d, encoding="utf-8"))(data)
    return path


def body(article) -> list[str]:
    return [article.text[s:e] for s, e in article.paragraphs]


def assert_entities_on_their_words(article) -> set:
    """Every entity's offsets cut its own text out of the article; the ones in the body returned."""
    found = set()
    for e in extract(article.text).entities:
        assert article.text[e.start:e.end] == e.text
        if article.in_body(e.start):
            found.add((e.type, e.text))
    assert ("PERSON", "Nguyễn Văn An") in found
    assert ("LEGAL_REF", "Nghị định số 62/2015/NĐ-CP") in found
    assert ("ORG", "Chi cục THADS huyện Chư Sê") in found
    return found


def reason(tmp_path, name, data) -> str:
    with pytest.raises(SkippedFile) as caught:
        read_article(write(tmp_path / name, data))
    return caught.value.problem.reason


# --- HTML ------------------------------------------------------------------------------------
def test_saved_news_page_gives_the_article_and_the_pages_metadata(tmp_path):
    a = read_article(write(tmp_path / "bai-viet.html", S.html()))
    assert a.format == "html"
    assert a.title == S.TITLE  # og:title, not "<title> | Báo Pháp luật"
    assert a.date == "2021-10-21"  # the page's publication time wins over the lead's 20/10/2021
    assert a.source == S.AUTHOR
    assert body(a) == S.BODY  # table rows as lines; no menu, ad, related link or footer
    for noise in ("Trang chủ", "Quảng cáo", "Tin liên quan", "Hà Nội", "Bản quyền"):
        assert noise not in a.text
    assert_entities_on_their_words(a)


def test_a_txt_file_holding_a_web_page_is_read_as_html(tmp_path):
    a = read_article(write(tmp_path / "saved.txt", S.html()))
    assert a.format == "html" and a.title == S.TITLE and body(a) == S.BODY


def test_page_without_article_text_is_skipped_with_its_reason(tmp_path):
    page = "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a></nav></body></html>"
    assert reason(tmp_path, "empty.html", page) == "no article text found in the page"


def test_saved_page_folder_is_not_read_as_articles(tmp_path):
    write(tmp_path / "bai.html", S.html())
    write(tmp_path / "bai_files" / "ads.html", "<html><body><p>Quảng cáo</p></body></html>")
    write(tmp_path / "other_files" / "note.txt", "Ghi chú\nMột thư mục không phải của trang lưu.\n")
    units, problems = scan([tmp_path])
    assert [u.relative_to(tmp_path).as_posix() for u in units] == ["bai.html", "other_files/note.txt"]


# --- Word ------------------------------------------------------------------------------------
def test_docx_paragraphs_and_table_rows_in_document_order(tmp_path):
    a = read_article(write(tmp_path / "bao-cao.docx", S.docx_bytes()))
    assert a.format == "docx"
    assert (a.title, a.date, a.source) == (S.TITLE, "2021-10-21", S.AUTHOR)  # from the text first
    assert body(a) == S.BODY
    assert_entities_on_their_words(a)


def test_docx_core_properties_fill_in_what_the_text_lacks(tmp_path):
    a = read_article(write(tmp_path / "bao-cao.docx", S.docx_bytes(byline=False)))
    assert a.title == S.TITLE  # the Title-styled paragraph, not the core title
    assert a.source == S.AUTHOR  # core author
    assert a.date == "2021-10-20"  # the lead's full date beats the file's creation date (2021-10-22)
    assert body(a) == S.BODY


def test_corrupt_docx_and_zip_bomb_are_refused_before_unpacking(tmp_path):
    assert "not a zip file" in reason(tmp_path, "hong.docx", b"this is not a zip at all")
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("readme.txt", "xin chào")
    assert "without word/document.xml" in reason(tmp_path, "zip.docx", plain_zip.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(12):
                fh.write(b"\0" * 1_048_576)
    assert len(bomb.getvalue()) < 100_000
    assert "zip bomb" in reason(tmp_path, "bomb.docx", bomb.getvalue())


# --- PDF -------------------------------------------------------------------------------------
def test_pdf_text_layer_rejoined_without_running_headers_or_page_numbers(tmp_path):
    data = S.pdf_bytes()
    a = read_article(write(tmp_path / "bao-cao.pdf", data))
    assert a.format == "pdf"
    import pypdf

    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 2  # so the header repeats
    assert (a.title, a.date, a.source) == (S.TITLE, "2021-10-21", S.AUTHOR)
    assert body(a) == S.BODY  # wrapped lines joined: names and figures found whole
    assert "Báo cáo công tác" not in a.text
    assert_entities_on_their_words(a)


def test_pdf_paragraphs_join_wrapped_and_hyphenated_lines():
    lines = [(x, None, None) for x in (  # a page about 45 characters wide
        "Cục Thi hành án dân sự tỉnh Bà Rịa-Vũng Tàu đã thi",
        "hành xong các việc có điều kiện, trong đó có",
        "việc của ông Nguyễn Văn An, với số tiền thu là",
        "1.234,5 triệu đồng, đạt tỷ lệ cao.",
        "Kết quả.",
        "- Một là tiếp tục rà soát và phân loại các",
        "việc còn tồn đọng từ nhiều năm trước đây, và",
        "- Hai là phối hợp với Tòa án nhân dân tỉnh Đồng",
        "Nai trong công tác ủy thác thi hành án, chuyển",
        "giao bản án theo đúng thời hạn của pháp luật về",
        "thi hành án dân sự cho các đương sự được thi hành",
        "án, cho người phải thi hành án và cho các bên liên-",
        "quan tại địa phương.",
    )]
    assert pdf._paragraphs(lines) == [
        "Cục Thi hành án dân sự tỉnh Bà Rịa-Vũng Tàu đã thi hành xong các việc có điều kiện, trong đó có việc "
        "của ông Nguyễn Văn An, với số tiền thu là 1.234,5 triệu đồng, đạt tỷ lệ cao.",
        "Kết quả.",
        "- Một là tiếp tục rà soát và phân loại các việc còn tồn đọng từ nhiều năm trước đây, và",
        "- Hai là phối hợp với Tòa án nhân dân tỉnh Đồng Nai trong công tác ủy thác thi hành án, chuyển giao bản án "
        "theo đúng thời hạn của pháp luật về thi hành án dân sự cho các đương sự được thi hành án, cho người phải thi "
        "hành án và cho các bên liênquan tại địa phương.",
    ]


def _blank_pdf(encrypt: str | None = None) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    if encrypt:
        writer.encrypt(user_password=encrypt, owner_password="chủ", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_without_text_encrypted_or_truncated_gives_its_reason(tmp_path):
    assert reason(tmp_path, "scan.pdf", _blank_pdf()) == "no text layer (a scan?)"
    assert reason(tmp_path, "locked.pdf", _blank_pdf(encrypt="mật khẩu")) == "encrypted (it needs a password)"
    assert reason(tmp_path, "cut.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog").startswith("damaged or truncated PDF")
    assert reason(tmp_path, "fake.pdf", "Tiêu đề\nKhông phải PDF.\n").startswith("not a PDF file")


def test_truncated_pdf_with_text_is_read_or_refused_never_a_crash(tmp_path):
    data = S.pdf_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 40):
        try:
            a = read_article(write(tmp_path / f"cut{cut}.pdf", data[:cut]))
        except SkippedFile as skipped:
            assert skipped.problem.reason
        else:
            assert a.title


def test_missing_library_gives_install_advice_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if installed without it
    monkeypatch.setitem(sys.modules, "docx", None)
    assert "pip install 'thads-tui[pdf]'" in reason(tmp_path, "a.pdf", _blank_pdf_bytes())
    assert "pip install 'thads-tui[docx]'" in reason(tmp_path, "a.docx", b"PK\x03\x04 not really")


def _blank_pdf_bytes() -> bytes:
    return b"%PDF-1.4\n%%EOF\n"


# --- JSON lines and JSON ---------------------------------------------------------------------
def _record(i: int, **extra) -> dict:
    return {"title": f"Chi cục THADS huyện số {i} tổng kết", "content": f"Đoạn một của bài {i}.\nĐoạn hai của bài {i}.",
            "published": "2022-03-0%d" % (i % 9 + 1), "url": f"https://thads.moj.gov.vn/bai-{i}", **extra}


def test_jsonl_dump_one_article_per_record_bad_lines_by_number(tmp_path):
    lines = [json.dumps(_record(1, source="TTXVN"), ensure_ascii=False), "{not json", "",
             json.dumps({"title": "Không có nội dung", "url": "https://x.vn/a"}),
             json.dumps(_record(2, author={"name": "Lê Hà"}, content="<p>Đoạn <b>một</b>.</p><p>Đoạn hai.</p>"),
                        ensure_ascii=False), "[1, 2]"]
    dump = write(tmp_path / "tin.jsonl", "\n".join(lines) + "\n")
    corpus = Corpus([dump])
    assert [u.key for u in corpus.paths] == ["line 1", "line 2", "line 4", "line 5", "line 6"]
    corpus.load()
    first, second = corpus.articles
    assert (first.title, first.date, first.source, first.key) == (
        "Chi cục THADS huyện số 1 tổng kết", "2022-03-02", "TTXVN", "line 1")
    assert body(first) == ["Đoạn một của bài 1.", "Đoạn hai của bài 1."]
    assert first.id == article_id(first.text) and first.file == "tin.jsonl (line 1)"
    assert second.source == "Lê Hà" and body(second) == ["Đoạn một.", "Đoạn hai."]
    reasons = sorted(p.reason for p in corpus.problems)
    assert reasons[0].startswith("line 2: not JSON (")
    assert reasons[1] == "line 4: no text (no content, text or body field)"
    assert reasons[2].startswith("line 6: not a record")
    assert corpus.formats == {"json": (2, 3)}


def test_jsonl_with_100000_records_is_listed_without_reading_a_record(tmp_path, monkeypatch):
    dump = tmp_path / "dump.jsonl"
    with open(dump, "w", encoding="utf-8") as fh:
        for i in range(100_000):
            fh.write(json.dumps(_record(i), ensure_ascii=False) + "\n")
    parsed = []
    real = formats.dump._document
    monkeypatch.setattr(formats.dump, "_document", lambda *a: parsed.append(a) or real(*a))
    units, problems = scan([dump])
    assert len(units) == 100_000 and not problems and not parsed
    a = read_article(units[76_543])  # read on demand, by its place in the file
    assert a.title == "Chi cục THADS huyện số 76543 tổng kết" and a.key == "line 76544" and len(parsed) == 1
    assert isinstance(units[0], Record)


def test_json_file_list_or_wrapped_list_of_records(tmp_path):
    write(tmp_path / "list.json", json.dumps([_record(1), _record(2)], ensure_ascii=False))
    write(tmp_path / "wrapped.json", json.dumps({"articles": [_record(3)], "total": 1}, ensure_ascii=False))
    write(tmp_path / "broken.json", '[{"title": "x",')
    corpus = Corpus([tmp_path])
    corpus.load()
    assert sorted(a.title for a in corpus) == [f"Chi cục THADS huyện số {i} tổng kết" for i in (1, 2, 3)]
    assert [(p.path.name, p.reason[:9]) for p in corpus.problems] == [("broken.json", "not JSON ")]
    articles, problems = read_file(tmp_path / "list.json")
    assert [a.key for a in articles] == ["record 1", "record 2"] and not problems


# --- Markdown --------------------------------------------------------------------------------
NOTE = """---
date: 2023-05-04
---
# Ghi chú về **Cục THADS** tỉnh Nghệ An

Đoạn mở đầu nói về *Chi cục THADS huyện Diễn Châu*
và việc thi hành xong [1.234 việc](https://x.vn).

## Kết quả

- Thu được **120,5 tỷ đồng**.
- Ông Nguyễn Văn An báo cáo.
"""


def test_markdown_title_text_and_style_spans_without_markup(tmp_path):
    a = read_article(write(tmp_path / "ghi-chu.md", NOTE))
    assert a.format == "md"
    assert a.title == "Ghi chú về Cục THADS tỉnh Nghệ An" and a.date == "2023-05-04"
    assert body(a) == ["Đoạn mở đầu nói về Chi cục THADS huyện Diễn Châu và việc thi hành xong 1.234 việc.",
                       "Kết quả", "Thu được 120,5 tỷ đồng.", "Ông Nguyễn Văn An báo cáo."]
    for mark in ("#", "**", "*", "](", "---"):
        assert mark not in a.text
    styled = [(kind, a.text[s:e]) for s, e, kind in a.styles]
    assert ("heading1", a.title) in styled and ("heading2", "Kết quả") in styled
    assert ("bold", "Cục THADS") in styled and ("bold", "120,5 tỷ đồng") in styled
    assert ("italic", "Chi cục THADS huyện Diễn Châu") in styled
    assert ("list_item", "Ông Nguyễn Văn An báo cáo.") in styled
    assert a.id == article_id(NOTE.replace("\r\n", "\n"))  # the raw file's id: earlier notes stay
    assert any(e.text == "Nguyễn Văn An" and a.text[e.start:e.end] == e.text for e in extract(a.text).entities)


def test_markdown_first_heading_is_the_title_even_after_a_paragraph():
    text, styles, heading, meta = md.convert("Lời dẫn.\n\nTiêu đề thật\n============\n\nThân bài **đậm**.\n")
    assert (text, heading) == ("Lời dẫn.\n\nTiêu đề thật\n\nThân bài đậm.", "Tiêu đề thật")
    assert [(k, text[s:e]) for s, e, k in styles] == [("heading1", "Tiêu đề thật"), ("bold", "đậm")]


# --- plain text without line breaks ----------------------------------------------------------
def test_text_without_line_breaks_gets_a_sentence_title_and_paragraphs(tmp_path):
    sentence = "Trong năm, các cơ quan THADS tỉnh Gia Lai đã giải quyết được 1.234 việc với số tiền 120,5 tỷ đồng. "
    text = "Cục THADS tỉnh Gia Lai tổng kết năm 2021. " + sentence * 1700  # ~168 KB, one line
    a = read_article(write(tmp_path / "mot-dong.txt", text))
    assert a.title == "Cục THADS tỉnh Gia Lai tổng kết năm 2021"
    assert len(a.paragraphs) > 100 and all(e - s < 1200 for s, e in a.paragraphs)
    assert not a.body.startswith("Cục THADS tỉnh Gia Lai tổng kết")  # not shown twice
    assert "".join(a.body.split()) == "".join(text[len("Cục THADS tỉnh Gia Lai tổng kết năm 2021. "):].split())


def test_text_without_a_short_first_sentence_gets_a_cut_title(tmp_path):
    text = ("Cục THADS " + "tỉnh Gia Lai và các Chi cục trực thuộc " * 30).strip() + "."
    a = read_article(write(tmp_path / "dai.txt", text))
    assert a.title.endswith("…") and len(a.title) <= 201 and text.startswith(a.title[:-1])
    assert a.body == text  # nothing lost: the whole line is the body


# --- a folder of every kind, and the command line ---------------------------------------------
def test_mixed_folder_loads_every_kind_with_titles_reasons_and_counts(tmp_path):
    root = tmp_path / "kho"
    write(root / "a.txt", S.txt())
    write(root / "b.html", S.html().replace(S.TITLE, S.TITLE + " (bản web)"))
    write(root / "c.docx", S.docx_bytes(byline=False))
    write(root / "d.pdf", S.pdf_bytes())
    write(root / "e.md", NOTE)
    write(root / "f.jsonl", json.dumps(_record(7), ensure_ascii=False) + "\nkhông phải json\n")
    write(root / "hong.docx", b"not a zip")
    write(root / "scan.pdf", _blank_pdf())
    write(root / "trong.html", "<html><body><nav>Trang chủ</nav></body></html>")
    corpus = Corpus([root])
    corpus.load()
    titles = sorted((a.format, a.title) for a in corpus)
    assert titles == sorted([
        ("txt", S.TITLE), ("html", S.TITLE + " (bản web)"), ("md", "Ghi chú về Cục THADS tỉnh Nghệ An"),
        ("json", "Chi cục THADS huyện số 7 tổng kết"), ("docx", S.TITLE),
    ])  # the PDF has the TXT's words: the same article, noted as a copy
    reasons = {(p.path.name, p.reason) for p in corpus.problems}
    assert ("hong.docx", "not a Word document (damaged, or not a .docx: not a zip file)") in reasons
    assert ("scan.pdf", "no text layer (a scan?)") in reasons
    assert ("trong.html", "no article text found in the page") in reasons
    assert any(name == "f.jsonl" and r.startswith("line 2: not JSON") for name, r in reasons)
    assert any(name == "d.pdf" and r.startswith("same article as ") for name, r in reasons)
    assert corpus.formats == {"docx": (1, 1), "html": (1, 1), "json": (1, 1), "md": (1, 0), "pdf": (0, 2),
                              "txt": (1, 0)}


def test_cli_extract_gives_the_same_entities_for_html_docx_pdf_and_txt(tmp_path, capsys):
    from thads_tui.cli import main

    folders = {}
    for name, data in (("a.txt", S.txt()), ("a.html", S.html()), ("a.docx", S.docx_bytes()), ("a.pdf", S.pdf_bytes())):
        folders[name] = write(tmp_path / name.split(".")[1] / name, data)
    seen = {}
    for name, path in folders.items():  # one folder each: the copies would be one article in one
        assert main(["extract", "--json", str(path.parent)]) == 0
        out, err = capsys.readouterr()
        (record,) = json.loads(out)["articles"]
        article = read_article(path)
        seen[name] = {(e["type"], e["text"], e["canonical"]) for e in record["entities"]
                      if any(article.in_body(s) for s, _ in e["occurrences"])}
        assert record["title"] == S.TITLE
    assert seen["a.html"] == seen["a.docx"] == seen["a.pdf"] == seen["a.txt"]
    assert ("PERSON", "Nguyễn Văn An", "Nguyễn Văn An") in seen["a.txt"]


def test_large_documents_are_refused_by_size_before_reading(tmp_path, monkeypatch):
    monkeypatch.setitem(formats.LIMITS, "pdf", 1_048_576)
    monkeypatch.setenv("THADS_TUI_MAX_FILE_SIZE", "512kB")  # documents keep their own larger limit
    assert reason(tmp_path, "big.pdf", b"%PDF-1.4\n" + b"0" * 2_200_000) == (
        "too large (2 200 009 bytes; the limit is 1 048 576 bytes = 1 MiB, see --max-file-size)")


def test_units_articles_and_refusals_cross_a_process_pool(tmp_path):
    """What a catalogue reading in worker processes gets back: plain picklable values."""
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    write(tmp_path / "a.html", S.html())
    write(tmp_path / "b.jsonl", json.dumps(_record(1), ensure_ascii=False) + "\n{bad\n")
    write(tmp_path / "c.docx", b"not a zip")
    units, _ = scan([tmp_path])
    with ProcessPoolExecutor(max_workers=1) as pool:
        results = list(pool.map(read_file, [tmp_path / "a.html", tmp_path / "b.jsonl", tmp_path / "c.docx"]))
    assert [len(a) for a, _ in results] == [1, 1, 0]
    assert results[0][0][0] == read_article(tmp_path / "a.html")
    assert [p.reason[:14] for _, problems in results for p in problems] == ["line 2: not JS", "not a Word doc"]
    assert pickle.loads(pickle.dumps(units)) == units
    with pytest.raises(SkippedFile) as caught:
        read_article(tmp_path / "c.docx")
    assert pickle.loads(pickle.dumps(caught.value)).problem == caught.value.problem


async def test_the_reader_opens_a_folder_of_every_kind(tmp_path):
    """The current UI, unchanged, lists a web page, a Word file, a PDF and a dump's records."""
    from test_ui_support import make_app, ready

    root = tmp_path / "kho"
    write(root / "a.html", S.html())
    write(root / "b.docx", S.docx_bytes(byline=False))  # the page's words exactly: the same article
    write(root / "c.jsonl", "\n".join(json.dumps(_record(i), ensure_ascii=False) for i in range(3)) + "\n")
    write(root / "d.md", NOTE)
    app = make_app(tmp_path, paths=[str(root)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        articles = app.reader.source.articles
        assert len(articles) == 5
        assert [p.reason for p in app.reader.source.problems] == [f"same article as {root / 'a.html'}"]
        files = sorted(a.file for a in articles.values())
        assert files == ["a.html", "c.jsonl (line 1)", "c.jsonl (line 2)", "c.jsonl (line 3)", "d.md"]
        await pilot.press("j")
        assert app.reader.current is not None


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_VALID = {}


def _valid(fmt: str) -> bytes:
    if fmt not in _VALID:
        _VALID[fmt] = {"docx": S.docx_bytes, "html": lambda: S.html().encode(), "md": lambda: NOTE.encode(),
                       "jsonl": lambda: (json.dumps(_record(1)) + "\n").encode(), "pdf": _some_pdf}[fmt]()
    return _VALID[fmt]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["docx", "html", "md", "jsonl", "pdf"]), seed=st.randoms(use_true_random=False),
       junk=st.binary(max_size=300))
def test_damaged_files_of_any_format_are_read_or_refused_never_raise(tmp_path, fmt, seed, junk):
    data = bytearray(_valid(fmt))
    for _ in range(seed.randint(1, 8)):  # flip bytes, cut, or splice junk in
        i = seed.randrange(len(data))
        choice = seed.random()
        if choice < 0.5:
            data[i] = seed.randrange(256)
        elif choice < 0.7:
            del data[i:]
        else:
            data[i:i] = junk
        if not data:
            data = bytearray(junk or b"x")
    path = write(tmp_path / f"x.{fmt}", bytes(data))
    articles, problems = read_file(path)
    assert all(a.title for a in articles) and all(p.reason for p in problems)


def _some_pdf() -> bytes:
    try:
        return S.pdf_bytes()
    except pytest.skip.Exception:  # no font to write text with: a PDF without text still tests the reader
        return _blank_pdf()


def test_ministry_report_header_gives_its_title_date_and_issuer(tmp_path):
    import docx

    d = docx.Document()
    header = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "BỘ TƯ PHÁP", (0, 1): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         (1, 0): "TỔNG CỤC THADS", (1, 1): "Độc lập - Tự do - Hạnh phúc"}.items():
        header.cell(r, c).text = text
    for text in ("Số: 123/BC-TCTHADS", "Hà Nội, ngày 20 tháng 10 năm 2021", "BÁO CÁO",
                 "Kết quả công tác thi hành án dân sự năm 2021", *S.PARAS):
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    a = read_article(write(tmp_path / "bao-cao.docx", out.getvalue()))
    assert a.title == "Báo cáo Kết quả công tác thi hành án dân sự năm 2021"
    assert (a.date, a.source) == ("2021-10-20", "BỘ TƯ PHÁP TỔNG CỤC THADS")
    assert body(a)[-2:] == S.PARAS

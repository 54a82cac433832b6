"""One article written in every format the reader opens, built by the tests themselves.

The same words go into a .txt, a saved web page (menus, ads, related links around the
article), a .docx (python-docx) and a PDF (fpdf2 with a TTF that has Vietnamese glyphs),
so a test can check that each reader finds the same title, body and entities.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

TITLE = "Cục THADS tỉnh Gia Lai thi hành xong 1.234 việc trong năm 2021"
PARAS = [
    "Ngày 20/10/2021, Cục Thi hành án dân sự tỉnh Gia Lai tổ chức hội nghị tổng kết công tác thi hành án dân sự năm 2021.",
    "Theo báo cáo, các cơ quan THADS trong tỉnh đã thi hành xong 1.234 việc, đạt tỷ lệ 85,6%, với số tiền 120,5 tỷ đồng.",
]
ROWS = [["Đơn vị", "Số việc"], ["Chi cục THADS thành phố Pleiku", "456"], ["Chi cục THADS huyện Chư Sê", "321"]]
LAST = ("Ông Nguyễn Văn An, Cục trưởng Cục THADS tỉnh Gia Lai, đề nghị các Chi cục tiếp tục thực hiện "
        "Nghị định số 62/2015/NĐ-CP về thi hành án dân sự.")
AUTHOR = "Trần Thanh"
BODY = PARAS + [" | ".join(r) for r in ROWS] + [LAST]  # the body every reader must give, in order

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")


def txt() -> str:
    return "\n".join([TITLE, "21/10/2021", *BODY, AUTHOR]) + "\n"


def html() -> str:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html>
<!-- saved from url=(0062)https://baophapluat.vn/thi-hanh-an/cuc-thads-gia-lai-1234.html -->
<html lang="vi"><head><meta charset="utf-8">
<title>{TITLE} | Báo Pháp luật</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Báo Pháp luật Việt Nam">
<meta property="article:published_time" content="2021-10-21T08:30:00+07:00">
<meta name="author" content="{AUTHOR}">
<link rel="stylesheet" href="./page_files/style.css"><script src="./page_files/ads.js"></script>
</head><body>
<header><nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/phap-luat">Pháp luật</a></li><li><a href="/thi-hanh-an">Thi hành án</a></li></ul></nav></header>
<div class="ads banner"><a href="https://ads.example/x"><img src="./page_files/banner.gif" alt="Quảng cáo"></a>
Quảng cáo: Vay tiêu dùng lãi suất thấp tại Ngân hàng Đông Á, giải ngân trong 24 giờ!</div>
<main><article class="article-detail">
<h1 class="title">{TITLE}</h1>
<div class="meta"><span class="author">{AUTHOR}</span> <time datetime="2021-10-21">21/10/2021 08:30</time></div>
<div class="article-content">{paras}<table>{rows}</table><p>{LAST}</p></div></article>
<aside class="related"><h3>Tin liên quan</h3><ul><li><a href="/a">Hà Nội: Cục THADS thành phố Hà Nội thi hành xong 2.000 việc</a></li>
<li><a href="/b">Đồng Nai tổng kết năm 2021</a></li></ul></aside></main>
<footer><p>Bản quyền © Báo Pháp luật Việt Nam. Giấy phép số 123/GP-BTTTT.</p></footer>
</body></html>
"""


def docx_bytes(*, title_style: bool = True, core: bool = True, byline: bool = True) -> bytes:
    import docx

    d = docx.Document()
    if title_style:
        d.add_heading(TITLE, level=0)
    else:
        d.add_paragraph(TITLE)
    if byline:
        d.add_paragraph("21/10/2021")
    for p in PARAS:
        d.add_paragraph(p)
    table = d.add_table(rows=len(ROWS), cols=2)
    for r, row in enumerate(ROWS):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    d.add_paragraph(LAST)
    if byline:
        d.add_paragraph(AUTHOR)
    if core:
        d.core_properties.title = "Báo cáo gửi Tổng cục"
        d.core_properties.author = AUTHOR
        import datetime as dt

        d.core_properties.created = dt.datetime(2021, 10, 22, 9, 0)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def font() -> str:
    for folder in FONT_DIRS:
        path = Path(folder) / "DejaVuSans.ttf"
        if path.is_file():
            return str(path)
    pytest.skip("no TTF with Vietnamese glyphs (DejaVuSans.ttf; Debian: fonts-dejavu-core) to write a test PDF")


def pdf_bytes(*, header: str = "Báo cáo công tác THADS tỉnh Gia Lai", pages_of_text: list[list[str]] | None = None) -> bytes:
    """The article on small pages (so it spans several, wrapping names and figures across line
    ends), a running header and a page number on each page."""
    fpdf = pytest.importorskip("fpdf")
    ttf = font()

    class Report(fpdf.FPDF):
        def header(self):
            self.set_font("dejavu", size=8)
            self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self):
            self.set_y(-12)
            self.set_font("dejavu", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Report(format=(105, 148))  # A6 in mm
    pdf.add_font("dejavu", fname=ttf)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("dejavu", size=13)
    pdf.multi_cell(0, 6, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=12)
    pdf.multi_cell(0, 5, "21/10/2021", new_x="LMARGIN", new_y="NEXT")
    for block in BODY + [AUTHOR]:
        pdf.multi_cell(0, 6, block, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())

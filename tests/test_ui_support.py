"""Shared fixtures for the UI tests: article folders written here, a fake extractor with known
spans, and small helpers. (No tests in this module.)"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from pathlib import Path

from textual.worker import WorkerCancelled

from thads_tui.corpus import Article
from thads_tui.extract import Entity, Extraction, Figure
from thads_tui.ui.app import ReaderApp, create_app

SIZE = (140, 45)

ARTICLES = {
    "ha-noi.txt": (
        "Hà Nội đẩy mạnh công tác thi hành án dân sự\n\n"
        "12/03/2023\n\n"
        "Sáng 12/3, Thứ trưởng Bộ Tư pháp Nguyễn Văn Minh làm việc với Cục Thi hành án dân sự "
        "thành phố Hà Nội về kết quả công tác năm 2022.\n\n"
        "Theo báo cáo, Cục THADS Hà Nội đã thi hành xong 13.140 việc, đạt tỷ lệ 82,5% về việc, "
        "thu hồi 970.327 triệu đồng cho ngân sách.\n\n"
        "Thứ trưởng yêu cầu rà soát các vụ việc tồn đọng, xử lý dứt điểm trong quý II; "
        "THADS Hà Nội cần phối hợp chặt chẽ với Tòa án nhân dân thành phố.\n"
    ),
    "da-nang.txt": (
        "Đà Nẵng tăng cường kiểm tra nghiệp vụ thi hành án\n\n"
        "05/01/2022\n\n"
        "Cục Thi hành án dân sự thành phố Đà Nẵng tổ chức hội nghị triển khai nhiệm vụ năm 2022.\n\n"
        "Hội nghị thống nhất tăng cường kiểm tra, giám sát việc tổ chức thi hành án.\n"
    ),
    "khong-ngay.txt": (
        "Ghi nhận những điển hình tiên tiến trong ngành\n\n"
        "Nhiều tập thể, cá nhân được khen thưởng vì thành tích xuất sắc trong công tác thi hành án.\n"
    ),
}
# newest first; the undated article last
ORDER = ["Hà Nội đẩy mạnh", "Đà Nẵng tăng cường", "Ghi nhận những"]

NOTE = "Ghi chú: Thứ trưởng yêu cầu rà soát"

_ENTITIES = [
    ("ORG", "Bộ Tư pháp", "Bộ Tư pháp", None),
    ("ORG", "Cục Thi hành án dân sự thành phố Hà Nội", "Cục THADS Hà Nội", None),
    ("PERSON", "Nguyễn Văn Minh", "Nguyễn Văn Minh", "Thứ trưởng"),
    ("ACRONYM", "THADS", "thi hành án dân sự", None),
    ("LOCATION", "Hà Nội", "Hà Nội", None),
    ("LOCATION", "Đà Nẵng", "Đà Nẵng", None),
]
_FIGURES = [
    ("13.140 việc", 13140, "case", None, None, "thi hành xong"),
    ("82,5%", 82.5, "percent", "đạt", None, "tỷ lệ về việc"),
    ("970.327 triệu đồng", 970_327_000_000, "VND", None, None, "thu hồi"),
]


def fake_extract(article: Article) -> Extraction:
    """Known spans, every occurrence in the body, like the real extractor's output."""
    text = article.text
    body = article.paragraphs[0][0] if article.paragraphs else 0
    ents = [Entity(t, m[0], m.start(), m.end(), canon, role)
            for t, s, canon, role in _ENTITIES for m in re.finditer(re.escape(s), text) if m.start() >= body]
    figs = [Figure(s, m.start(), m.end(), value, unit, qual, of, measure)
            for s, value, unit, qual, of, measure in _FIGURES for m in re.finditer(re.escape(s), text)]
    return Extraction(sorted(ents, key=lambda e: e.start), sorted(figs, key=lambda f: f.start))


class Gate:
    """An extractor that waits until opened: lets a test see the 'analysing…' state."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self, article: Article) -> Extraction:
        self.event.wait(10)
        return fake_extract(article)


def write_articles(folder: Path, extra: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, data in (extra or {}).items():
        (folder / name).write_bytes(data)
    return folder


def make_app(tmp_path: Path, *, extractor=fake_extract, paths=None, **kw) -> ReaderApp:
    if paths is None:
        paths = [str(write_articles(tmp_path / "articles"))]
    return create_app(paths, tmp_path / "db.json", extractor=extractor, **kw)


async def ready(app: ReaderApp, pilot) -> None:
    """Wait until loading and analysis are done and their messages handled."""
    for _ in range(50):
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            await pilot.pause()
            if not any(not w.is_finished for w in app.workers):
                return
        for worker in busy:
            try:
                await worker.wait()
            except WorkerCancelled:  # superseded by a newer analysis: fine
                pass
        await pilot.pause()


def db(tmp_path: Path) -> dict:
    """The annotations file, read independently of the app."""
    return json.loads((tmp_path / "db.json").read_text(encoding="utf-8"))


def records(data: dict, table: str) -> list[dict]:
    return list(data.get(table, {}).values())


def state(data: dict, key: str):
    for rec in records(data, "state"):
        if rec.get("key") == key:
            return rec.get("value")
    return None


# An article whose text is hostile to a terminal UI: markup-like brackets in the title and body
# (Textual parses markup in plain strings), and control characters Rich drops or the terminal
# obeys (form feed, tab, escape sequences, bell, backspace, DEL, a C1 control). Dated newest, so
# the reader opens it first.
HOSTILE_TITLE = "[Video] Cục Tiêu đề [/] lạ [b]x[/b]"
HOSTILE = (
    f"{HOSTILE_TITLE}\n\n14/03/2024\n\n"
    "Trang một\x0ckết thúc. Bộ Tư pháp [/] đạt 82,5% về việc.\tTab [Video] Nguyễn Văn Minh "
    "\x1b[31mđỏ\x1b[0m [b]x[/b]\x07\x08 làm việc với Cục Thi hành án dân sự thành phố Hà Nội.\n\n"
    "Đoạn hai: \x1b]0;HACKED\x07THADS Hà Nội\x85 thu hồi\x7f 970.327 triệu đồng.\n"
)


def make_hostile_app(tmp_path: Path, **kw) -> ReaderApp:
    folder = write_articles(tmp_path / "articles", {"hostile.txt": HOSTILE.encode("utf-8")})
    return make_app(tmp_path, paths=[str(folder)], **kw)


def hostile_extract(article: Article) -> Extraction:
    """fake_extract, plus an entity named like markup and figures qualified like markup."""
    x = fake_extract(article)
    body = article.paragraphs[0][0] if article.paragraphs else 0
    odd = [Entity("ORG", m[0], m.start(), m.end(), m[0]) for m in re.finditer(re.escape("[b]x[/b]"), article.text)
           if m.start() >= body]
    figs = [replace(f, qualifier="[/] q", measure="[Video] m") for f in x.figures]
    return Extraction(sorted(x.entities + odd, key=lambda e: e.start), figs)


async def until(pilot, condition, tries: int = 100) -> None:
    """Let the app run (up to tries × 50 ms) until condition() holds; the caller asserts it."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)

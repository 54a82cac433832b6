"""What the reader screen's workers post (the handlers on the screen own all state)."""
from __future__ import annotations

from textual.message import Message

from ..corpus import Article
from ..extract import Extraction
from .widgets.article_list import Row


class Loaded(Message):
    def __init__(self, articles: list[Article], errors: list[str], done: int, total: int, finished: bool) -> None:
        super().__init__()
        self.articles, self.errors, self.done, self.total, self.finished = articles, errors, done, total, finished
        self.rows = [Row.of(a) for a in articles]  # built in the worker thread


class Analysed(Message):
    def __init__(self, article_id: str, extraction: Extraction | None, error: str | None = None) -> None:
        super().__init__()
        self.article_id, self.extraction, self.error = article_id, extraction, error


class Indexed(Message):
    def __init__(self, done: int, finished: bool) -> None:
        super().__init__()
        self.done, self.finished = done, finished


class Explored(Indexed):
    pass

"""What the workers post to the app (the handlers own the state)."""
from __future__ import annotations

from textual.message import Message

from ..corpus import Article
from ..extract import Extraction
from .sidebar import Row


class Loaded(Message):
    def __init__(self, articles: list[Article], done: int, total: int, finished: bool) -> None:
        super().__init__()
        self.articles, self.done, self.total, self.finished = articles, done, total, finished
        self.rows = [Row.of(a) for a in articles]  # built in the worker thread


class Analysed(Message):
    def __init__(self, article_id: str, extraction: Extraction | None, error: str | None = None) -> None:
        super().__init__()
        self.article_id, self.extraction, self.error = article_id, extraction, error

"""What the reader screen's workers post (the handlers on the screen own all state)."""
from __future__ import annotations

from textual.message import Message

from ..extract import Extraction
from .widgets.article_list import Row


class Loaded(Message):
    """List rows the catalogue added (built in the worker thread) and the ids it no longer holds."""

    def __init__(self, rows: list[Row], errors: list[str], done: int, total: int, finished: bool,
                 gone: list[str] | None = None) -> None:
        super().__init__()
        self.rows, self.errors, self.done, self.total, self.finished = rows, errors, done, total, finished
        self.gone = gone or []


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

"""The search box under the article: typing highlights the matches (accents optional)."""
from __future__ import annotations

from textual.message import Message
from textual.widgets import Input

from .. import actions


class SearchInput(Input):
    """Posts `Step` (enter, up, F3) and `Close` (escape); its parent does the searching."""

    BINDINGS = actions.bindings("search")

    class Step(Message):
        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class Close(Message):
        pass

    def action_next_match(self, delta: int) -> None:
        self.post_message(self.Step(delta))

    def action_close_search(self) -> None:
        self.post_message(self.Close())

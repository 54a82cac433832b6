"""Mouse drag selection for the article view (issue 11): press, drag, release over the text and
the reader gets `Dragged(start, end)` offsets into `article.text` (while dragging, then once
`finished`); a plain click selects nothing. The view supplies `offset_at(x, y)`."""
from __future__ import annotations

from textual import events
from textual.message import Message


class Dragged(Message):
    def __init__(self, start: int, end: int, finished: bool) -> None:
        super().__init__()
        self.start, self.end, self.finished = start, end, finished


class DragSelect:
    """Mixed into a widget with `offset_at(x, y) -> int | None` (content coordinates)."""

    Dragged = Dragged
    ALLOW_SELECT = False  # Textual's own text selection would fight this one
    _drag_from: int | None = None

    def _drag_offset(self, event: events.MouseEvent) -> int | None:
        at = event.get_content_offset_capture(self)
        return self.offset_at(at.x, at.y)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self._drag_from = self._drag_offset(event)
        if self._drag_from is not None:
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None:
            return
        to = self._drag_offset(event)
        if to is not None and to != self._drag_from:
            self.post_message(Dragged(min(self._drag_from, to), max(self._drag_from, to), False))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        start, self._drag_from = self._drag_from, None
        if start is None:
            return
        self.release_mouse()
        to = self._drag_offset(event)
        if to is not None and abs(to - start) > 1:  # a click, or a twitch, is not a selection
            self.post_message(Dragged(min(start, to), max(start, to), True))

"""A titled, scrollable, read-only text dialog."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class InfoScreen(ModalScreen[None]):
    """A titled, scrollable text dialog closed with escape, q or its own key."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="dialog.close")]

    def __init__(self, title: str, body, *, dialog_id: str = "info") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.body, self.dialog_id = title, body, dialog_id

    def compose(self) -> ComposeResult:
        with Vertical(id=self.dialog_id, classes="dialog info"):
            yield Static(self.title_text, classes="dialog-title")
            with VerticalScroll():
                yield Static(self.body, id=f"{self.dialog_id}-body")
            yield Static("escape closes", classes="dialog-hint")

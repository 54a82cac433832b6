"""The note editor: saves in the background, keeps the text until the save is done."""
from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static, TextArea

from .. import actions
from ..cleantext import printable
from .confirm import ConfirmScreen
from .saving import SavingDialog


class NoteEditor(SavingDialog):
    """Edits one note. `save(text)` starts saving; the caller answers as `SavingDialog` says."""

    STATUS = "note-error"

    BINDINGS = actions.bindings("editor")

    def __init__(self, title: str, text: str, save: Callable[[str], None], *, read_only: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.article_title, self.original, self.save = title, text, save
        self.read_only_reason = read_only

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor", classes="dialog"):
            yield Static(printable(f"✎ Note — {self.article_title}"), id="note-title", markup=False)
            yield TextArea(self.original, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(self.read_only_reason or "", id="note-error", classes="error", markup=False)
            yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.query_one("#note-error").display = bool(self.read_only_reason)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        if self.start_saving():
            self.save(self.text)

    def action_cancel(self) -> None:
        if self.busy():
            return
        if self.text == self.original:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?", "Discard", "Keep editing"), answered)

"""The note editor and the small confirm dialog it uses."""
from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static, TextArea

from ..store import AnnotationsError
from . import actions
from .cleantext import printable


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismisses with True for yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Label(printable(self.question), id="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NoteEditor(ModalScreen[bool]):
    """Edits one note. `save(text)` stores it and may raise AnnotationsError: then the editor
    stays open with the text and shows the error. Dismisses True once saved."""

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
        try:
            self.save(self.text)
        except AnnotationsError as err:
            error = self.query_one("#note-error", Static)
            error.update(printable(f"Not saved: {err}"))
            error.display = True
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?", "Discard", "Keep editing"), answered)

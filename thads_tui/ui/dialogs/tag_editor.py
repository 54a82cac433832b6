"""The article's tags: one line, comma-separated, completed from the tags already used (tab or
→ takes the suggestion). A failed save keeps the dialog and the text open and says why."""
from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..cleantext import printable
from .highlight_editor import TagInput, TagSuggester, split_tags
from .saving import SavingDialog


class TagEditor(SavingDialog):
    """`save(tags)` starts saving; the caller answers as `SavingDialog` says."""

    STATUS = "tags-status"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, title: str, tags: list[str], known: list[str], save: Callable[[list[str]], None]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.tags, self.known, self.save = title, tags, known, save

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-editor", classes="dialog"):
            yield Static(printable(f"Tags of “{self.title_text}”"), classes="dialog-title", markup=False)
            yield TagInput(", ".join(self.tags), placeholder="Tags, comma-separated (tab completes)", id="tags-input",
                           suggester=TagSuggester(self.known), select_on_focus=False)  # typing adds, never replaces
            yield Static("enter saves · escape cancels · an empty line removes the tags", id="tags-status",
                         markup=False)

    def on_mount(self) -> None:
        self.query_one("#tags-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self.start_saving():
            self.save(split_tags(self.query_one("#tags-input", Input).value))

    def action_cancel(self) -> None:
        if not self.busy():
            self.dismiss(False)

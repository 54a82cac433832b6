"""The highlight dialog: the quoted passage, an optional note and tags (completed from the tags
already used). Saving failures keep the dialog open with the text and say why."""
from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from ..cleantext import printable
from .saving import SavingDialog


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already used."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        last = last.lstrip()
        if not last:
            return None
        for tag in self.tags:
            if tag.casefold().startswith(last.casefold()) and tag.casefold() != last.casefold():
                return (head + ", " if head else "") + tag
        return None


class TagInput(Input):
    """An input of comma-separated tags: tab takes the completion shown (else moves on)."""

    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def action_complete(self) -> None:
        if self.cursor_at_end and self._suggestion and self._suggestion != self.value:
            self.action_cursor_right()
        else:
            self.screen.focus_next()


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()]


class HighlightEditor(SavingDialog):
    """`save(note, tags)` starts saving; the caller answers as `SavingDialog` says."""

    STATUS = "highlight-error"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, quote: str, save: Callable[[str, list[str]], None], tags: list[str],
                 note: str = "", current: list[str] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.quote, self.save, self.known = quote, save, tags
        self.note, self.current = note, current or []

    def compose(self) -> ComposeResult:
        with Vertical(id="highlight-editor", classes="dialog"):
            shown = self.quote if len(self.quote) < 300 else self.quote[:300] + "…"
            yield Static(printable(f"❝ {shown}"), id="highlight-quote", markup=False)
            yield Input(self.note, placeholder="Note (optional)", id="highlight-note", select_on_focus=False)
            # typing in a field adds to what it holds (the tags already given are never replaced)
            yield TagInput(", ".join(self.current), placeholder="Tags, comma-separated (tab completes)",
                           id="highlight-tags", suggester=TagSuggester(self.known), select_on_focus=False)
            yield Static("enter saves · tab: next field · escape cancels", id="highlight-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#highlight-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()  # from either field, as the hint says

    def action_save(self) -> None:
        if self.start_saving():
            self.save(self.query_one("#highlight-note", Input).value,
                      split_tags(self.query_one("#highlight-tags", Input).value))

    def action_cancel(self) -> None:
        if not self.busy():
            self.dismiss(False)

"""Read-only dialogs: the key help (built from the action table) and the problems list."""
from __future__ import annotations

from typing import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from . import actions
from .cleantext import printable


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


def help_table(keymap: Mapping[str, str] | None = None, legend: Text | None = None) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for heading, rows in actions.help_rows(keymap):
        table.add_row(Text(heading, style="bold underline"), "")
        for keys, text in rows:
            table.add_row(Text(keys), Text(text))
        table.add_row("", "")
    table.add_row(Text("Mouse", style="bold underline"), "")
    table.add_row("click", "open an article, pick an entity or figure, focus a pane")
    table.add_row("wheel", "scroll the list or the article")
    table.add_row("", "")
    table.add_row(Text("Search", style="bold underline"), "")
    table.add_row("", "Case and accents are ignored: “thi hanh an” finds “thi hành án”.")
    table.add_row("", "Search all articles (ctrl+f): every word must occur, as a whole word (the last one may be "
                      "the start of a word while you type); \"quoted words\" must stand together; word* for any "
                      "word starting so.")
    table.add_row("", "Filters of the list combine; the header shows them; x clears them all.")
    table.add_row("", "ctrl+p opens the command palette with every action by name.")
    if legend is not None:
        table.add_row("", "")
        table.add_row(Text("Colours", style="bold underline"), legend)
    return table


class HelpScreen(InfoScreen):
    BINDINGS = [Binding("question_mark", "dismiss", "Close", show=False, id="help.close")]

    def __init__(self, keymap: Mapping[str, str] | None = None, legend: Text | None = None) -> None:
        super().__init__("Keys", help_table(keymap, legend), dialog_id="help")


class ProblemsScreen(InfoScreen):
    BINDINGS = [Binding("l", "dismiss", "Close", show=False, id="problems.close")]

    def __init__(self, problems: list[str]) -> None:
        body = Text(printable("\n".join(f"• {p}" for p in problems)) if problems else "No problems.")
        super().__init__(f"Problems ({len(problems)})", body, dialog_id="problems")


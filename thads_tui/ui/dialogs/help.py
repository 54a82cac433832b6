"""The key help, built from the action table."""
from __future__ import annotations

from typing import Mapping

from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from .. import actions
from .info import InfoScreen


def help_table(keymap: Mapping[str, str] | None = None, legend: Text | None = None) -> Table:
    table = Table.grid(padding=(0, 2))
    # the keys' column never takes more than it needs from the explanations: `shift+space / page up`
    # wraps after `/` (at 40 columns the descriptions were 14 characters wide)
    table.add_column(style="bold", max_width=13, overflow="fold")
    table.add_column(ratio=1)
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

"""Every key of the reader in one table.

The table drives the bindings of each widget (each with a binding id, so a keymap can remap
it: `create_app(..., keymap={"reader.bookmark": "B"})`), the footer, the `?` help screen and
the command palette. Add a key here and it shows up everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from textual.binding import Binding

# Where a key works: the whole app, the article list, the article view, the search box, the
# note editor. The help screen lists them in this order under these headings.
SCOPES = {
    "app": "Everywhere",
    "list": "Article list",
    "article": "Article",
    "search": "Search box",
    "editor": "Note editor",
}


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    keys: str  # Textual key names, comma-separated
    action: str  # action method name, without the `action_` prefix
    label: str  # short, for the footer and the palette title
    help: str  # one sentence, for the help screen and the palette
    scope: str = "app"
    footer: bool = True
    palette: bool = True
    priority: bool = False
    key_display: str | None = None


ACTIONS: tuple[Action, ...] = (
    # everywhere
    Action("reader.help", "question_mark", "help", "Help", "Show every key", key_display="?"),
    Action("reader.bookmark", "b", "toggle_bookmark", "Bookmark", "Bookmark the open article, or remove its bookmark"),
    Action("reader.note", "n", "edit_note", "Note", "Write or edit the note of the open article"),
    Action("reader.entities", "e", "toggle_panel('entities')", "Entities", "Show or hide the entities panel"),
    Action("reader.figures", "f", "toggle_panel('figures')", "Figures", "Show or hide the figures panel"),
    Action("reader.sidebar", "s", "toggle_panel('sidebar')", "List", "Show or hide the article list"),
    Action("reader.search", "slash", "search", "Search", "Search inside the open article (accents optional)", key_display="/"),
    Action("reader.next_match", "f3", "next_match(1)", "Next match", "Next search match", footer=False),
    Action("reader.prev_match", "shift+f3", "next_match(-1)", "Prev match", "Previous search match", footer=False),
    Action("reader.next_mark", "right_square_bracket", "next_mark(1)", "Next occurrence",
           "Next occurrence of the entity or figure chosen in a panel", footer=False, key_display="]"),
    Action("reader.prev_mark", "left_square_bracket", "next_mark(-1)", "Previous occurrence",
           "Previous occurrence of the entity or figure chosen in a panel", footer=False, key_display="["),
    Action("reader.problems", "l", "problems", "Problems", "List skipped files and storage problems", footer=False),
    Action("reader.fresh_db", "ctrl+r", "start_fresh", "Fresh annotations",
           "After a damaged annotations file: keep its backup and start a new, empty one", footer=False),
    Action("reader.focus_next", "tab", "app.focus_next", "Next pane", "Move focus to the next pane", footer=False, palette=False),
    Action("reader.focus_prev", "shift+tab", "app.focus_previous", "Previous pane", "Move focus to the previous pane",
           footer=False, palette=False),
    Action("reader.quit", "q", "quit", "Quit", "Quit the reader (everything is already saved)"),
    # article list
    Action("list.down", "down,j", "cursor(1)", "Down", "Next article", scope="list", footer=False, palette=False),
    Action("list.up", "up,k", "cursor(-1)", "Up", "Previous article", scope="list", footer=False, palette=False),
    Action("list.page_down", "pagedown", "page(1)", "Page down", "One page down", scope="list", footer=False, palette=False),
    Action("list.page_up", "pageup", "page(-1)", "Page up", "One page up", scope="list", footer=False, palette=False),
    Action("list.first", "home", "first", "First", "First article", scope="list", footer=False, palette=False),
    Action("list.last", "end", "last", "Last", "Last article", scope="list", footer=False, palette=False),
    Action("list.open", "enter", "open", "Open", "Open the article and move focus to it", scope="list", palette=False),
    # article view (scrolling keys are Textual's own: up/down/pageup/pagedown/home/end)
    Action("article.back", "escape", "app.back", "Back to list", "Return focus to the article list", scope="article",
           footer=False, palette=False),
    # search box
    Action("search.next", "enter", "next_match(1)", "Next", "Next match (F3 works too)", scope="search", palette=False),
    Action("search.prev", "shift+enter,up", "next_match(-1)", "Previous", "Previous match (shift+F3 works too)",
           scope="search", footer=False, palette=False),
    Action("search.close", "escape", "close_search", "Close", "Close the search box and clear the matches",
           scope="search", palette=False),
    # note editor
    Action("editor.save", "ctrl+s", "save", "Save", "Save the note", scope="editor", palette=False, priority=True),
    Action("editor.cancel", "escape", "cancel", "Cancel", "Close the editor (asks first if the note changed)",
           scope="editor", palette=False),
)

BY_ID = {a.id: a for a in ACTIONS}
assert len(BY_ID) == len(ACTIONS), "duplicate action id"


def bindings(scope: str) -> list[Binding]:
    """Textual bindings for one scope, each carrying its action id for keymaps."""
    return [
        Binding(a.keys, a.action, a.label, show=a.footer, key_display=a.key_display, priority=a.priority,
                id=a.id, tooltip=a.help)
        for a in ACTIONS
        if a.scope == scope
    ]


def palette_actions() -> Iterable[Action]:
    return (a for a in ACTIONS if a.palette)


def display_keys(action: Action, keymap: Mapping[str, str] | None = None) -> str:
    """Keys as a person reads them: `?`, `ctrl+s`, `j / down`."""
    keys = (keymap or {}).get(action.id, action.keys)
    if action.key_display and action.id not in (keymap or {}):
        return action.key_display
    names = {"question_mark": "?", "slash": "/", "right_square_bracket": "]", "left_square_bracket": "[",
             "pagedown": "page down", "pageup": "page up"}
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def help_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(heading, [(keys, help), ...]), ...] in scope order."""
    return [
        (heading, [(display_keys(a, keymap), a.help) for a in ACTIONS if a.scope == scope])
        for scope, heading in SCOPES.items()
    ]

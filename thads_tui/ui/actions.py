"""Every key of the reader in one table.

The table drives the bindings of each widget (each with a binding id, so a keymap can remap
it: `create_app(..., keymap={"reader.bookmark": "B"})`), the footer, the `?` help screen and
the command palette. Add a key here and it shows up everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from textual.binding import Binding
from textual.keys import key_to_character

# Where a key works: the whole app, the article list, the article view, the search box, the
# note editor. The help screen lists them in this order under these headings.
SCOPES = {
    "app": "Everywhere",
    "list": "Article list",
    "article": "Article",
    "search": "Search box",
    "corpus_search": "Search all articles",
    "filters": "Filters",
    "entities_view": "Entities view",
    "figures_view": "Figures view",
    "results_view": "Results view",
    "notes_view": "Notes overview",
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
    group: str | None = None  # neighbours with the same group share one footer label: "e f s Panels"


ACTIONS: tuple[Action, ...] = (
    # everywhere
    Action("reader.help", "question_mark", "app.help", "Help", "Show every key", key_display="?"),
    Action("reader.bookmark", "b", "flow('toggle_bookmark')", "Bookmark", "Bookmark the open article, or remove its bookmark"),
    Action("reader.note", "n", "flow('edit_note')", "Note", "Write or edit the note of the open article"),
    Action("reader.note_outside", "ctrl+e", "flow('edit_note_outside')", "Note in $EDITOR",
           "Write the note of the open article in your own editor ($VISUAL or $EDITOR)", footer=False),
    Action("reader.entities", "e", "toggle_panel('entities')", "Entities", "Show or hide the entities panel", group="Panels"),
    Action("reader.figures", "f", "toggle_panel('figures')", "Figures", "Show or hide the figures panel", group="Panels"),
    Action("reader.notes_panel", "N", "toggle_panel('notes')", "Notes", "Show or hide the notes panel (article note and highlights)",
           footer=False, key_display="N"),
    Action("reader.sidebar", "s", "toggle_panel('sidebar')", "List", "Show or hide the article list", group="Panels"),
    Action("reader.search", "slash", "pane('open_search')", "Search", "Search inside the open article (accents optional)", key_display="/",
           group="Search"),
    Action("reader.corpus_search", "ctrl+f", "flow('corpus_search')", "Search all",
           "Search every article (accents optional); open a result at its first hit", group="Search"),
    Action("reader.filters", "v", "flow('filters_dialog')", "Filter",
           "Filter the list: bookmarked, with a note, unread, year, source, tag, mentioned entity"),
    Action("reader.clear_filters", "x", "clear_filters", "Clear", "Clear every filter of the list"),
    Action("reader.only_bookmarked", "ctrl+b", "toggle_filter('bookmarked')", "Only bookmarked",
           "List only the bookmarked articles, or all again", footer=False),
    Action("reader.only_annotated", "ctrl+a", "toggle_filter('annotated')", "Only with a note",
           "List only the articles with a note, or all again", footer=False),
    Action("reader.entities_view", "E", "flow('entities_view')", "All entities",
           "Every entity of the corpus, with the number of articles naming it", key_display="E",
           group="Views"),
    Action("reader.figures_view", "F", "flow('figures_view')", "All figures",
           "Every figure of the corpus in one table, with what it measures, of whom and when", key_display="F",
           group="Views"),
    Action("reader.results_view", "R", "flow('results_view')", "Results",
           "The results table: rates, cases and money done per subject and period, with a chart", key_display="R",
           group="Views"),
    Action("reader.notes_view", "O", "flow('notes_view')", "All notes",
           "Every note and highlight of every article, filtered as you type; open one, export them", key_display="O",
           group="Views"),
    Action("reader.next_match", "f3", "pane('next_match', 1)", "Next match", "Next search match", footer=False),
    Action("reader.prev_match", "shift+f3", "pane('next_match', -1)", "Prev match", "Previous search match", footer=False),
    Action("reader.next_mark", "right_square_bracket", "pane('next_mark', 1)", "Next occurrence",
           "Next occurrence of the entity or figure chosen in a panel", footer=False, key_display="]"),
    Action("reader.prev_mark", "left_square_bracket", "pane('next_mark', -1)", "Previous occurrence",
           "Previous occurrence of the entity or figure chosen in a panel", footer=False, key_display="["),
    Action("reader.select", "a", "passage('select_start')", "Select", "Select the sentence at the top of the article (again: leave the selection)",
           footer=False),  # h says how to select; the footer keeps room for a filter and the history
    Action("reader.select_more", "shift+down", "passage('select_extend', 1)", "Select more", "Extend the selection by one sentence", footer=False),
    Action("reader.select_less", "shift+up", "passage('select_extend', -1)", "Select less", "Shrink the selection by one sentence", footer=False),
    Action("reader.select_line_more", "ctrl+down", "passage('select_lines', 1)", "Select a line more",
           "Extend the selection to the end of the next line", footer=False),
    Action("reader.select_line_less", "ctrl+up", "passage('select_lines', -1)", "Select a line less",
           "Shrink the selection to the end of the previous line", footer=False),
    Action("reader.select_paragraph", "A", "passage('select_paragraph')", "Select paragraph",
           "Extend the selection to the whole paragraph, then to the next one", footer=False, key_display="A"),
    Action("reader.highlight", "h", "passage('highlight')", "Highlight", "Highlight the selection (passage note), with an optional note and tags"),
    Action("reader.copy", "y", "passage('copy')", "Copy", "Copy the selection, or the article with its citation, to the clipboard", footer=False),
    Action("reader.edit_highlight", "H", "passage('edit')", "Edit highlight",
           "Edit the note and tags of the highlight last jumped to", footer=False, key_display="H"),
    Action("reader.tags", "T", "flow('edit_tags')", "Tags", "Tag the open article (completion from the tags in use)",
           footer=False, key_display="T"),
    Action("reader.next_highlight", "right_curly_bracket", "passage('step', 1)", "Next highlight",
           "Go to the next highlight of the article", footer=False, key_display="}"),
    Action("reader.prev_highlight", "left_curly_bracket", "passage('step', -1)", "Previous highlight",
           "Go to the previous highlight of the article", footer=False, key_display="{"),
    Action("reader.delete_highlight", "D", "passage('delete')", "Delete highlight",
           "Delete the highlight last jumped to (u undoes it)", footer=False, key_display="D"),
    Action("reader.undo_delete", "u", "passage('undo')", "Undo delete", "Put back the highlight deleted last", footer=False),
    Action("reader.toggle_read", "m", "passage('toggle_read')", "Read/unread",
           "Mark the open article read or unread (it is marked read once open for a few seconds)", footer=False),
    Action("reader.next_unread", "U", "passage('next_unread')", "Next unread", "Open the next unread article of the list",
           footer=False, key_display="U"),
    Action("reader.only_unread", "ctrl+n", "passage('toggle_unread_filter')", "Only unread",
           "List only the articles not read yet, or all again", footer=False),
    Action("reader.problems", "l", "flow('problems')", "Problems", "List skipped files and storage problems", footer=False),
    Action("reader.fresh_db", "ctrl+r", "flow('start_fresh')", "Fresh annotations",
           "After a damaged annotations file: keep its backup and start a new, empty one", footer=False),
    Action("reader.focus_next", "tab", "app.focus_next", "Next pane", "Move focus to the next pane", footer=False, palette=False),
    Action("reader.focus_prev", "shift+tab", "app.focus_previous", "Previous pane", "Move focus to the previous pane",
           footer=False, palette=False),
    Action("reader.history_back", "alt+left,less_than_sign", "history(-1)", "Back",
           "Back to the article read before this one", key_display="<", group="History"),
    Action("reader.history_forward", "alt+right,greater_than_sign", "history(1)", "Forward",
           "Forward again, after going back", key_display=">", group="History"),
    Action("reader.quit", "q", "app.quit", "Quit", "Quit the reader (everything is already saved)"),
    # article list
    Action("list.down", "down,j", "cursor(1)", "Down", "Next article", scope="list", footer=False, palette=False),
    Action("list.up", "up,k", "cursor(-1)", "Up", "Previous article", scope="list", footer=False, palette=False),
    Action("list.page_down", "pagedown", "page(1)", "Page down", "One page down", scope="list", footer=False, palette=False),
    Action("list.page_up", "pageup", "page(-1)", "Page up", "One page up", scope="list", footer=False, palette=False),
    Action("list.first", "home", "first", "First", "First article", scope="list", footer=False, palette=False),
    Action("list.last", "end", "last", "Last", "Last article", scope="list", footer=False, palette=False),
    Action("list.open", "enter", "open", "Read", "Move focus to the open article (moving already opens it)",
           scope="list", palette=False, key_display="enter"),
    # article view: reading keys as in less
    Action("article.down", "j,down", "line(1)", "Line down", "Scroll one line down", scope="article", footer=False,
           palette=False),
    Action("article.up", "k,up", "line(-1)", "Line up", "Scroll one line up", scope="article", footer=False,
           palette=False),
    Action("article.page_down", "space,pagedown", "page(1)", "Page down", "Scroll one page down", scope="article",
           footer=False, palette=False),
    Action("article.page_up", "shift+space,pageup", "page(-1)", "Page up", "Scroll one page up", scope="article",
           footer=False, palette=False),
    Action("article.half_down", "ctrl+d", "page(0.5)", "Half page down", "Scroll half a page down",
           scope="article", footer=False, palette=False),
    Action("article.half_up", "ctrl+u", "page(-0.5)", "Half page up", "Scroll half a page up", scope="article",
           footer=False, palette=False),
    Action("article.top", "g,home", "top", "Top", "Go to the top of the article", scope="article", footer=False,
           palette=False),
    Action("article.bottom", "G,end", "bottom", "End", "Go to the last line of the article (and of its note)",
           scope="article", footer=False, palette=False, key_display="G / end"),
    Action("article.back", "escape", "screen.back", "Back to list", "Return focus to the article list", scope="article",
           footer=False, palette=False),
    # search box
    Action("search.next", "enter", "next_match(1)", "Next", "Next match (F3 works too)", scope="search", palette=False),
    Action("search.prev", "shift+enter,up", "next_match(-1)", "Previous", "Previous match (shift+F3 works too)",
           scope="search", footer=False, palette=False),
    Action("search.close", "escape", "close_search", "Close", "Close the search box and clear the matches",
           scope="search", palette=False),
    # search all articles (the query box keeps the focus: up/down move through the results)
    Action("corpus.open", "enter", "open", "Open", "Open the highlighted result at its first hit",
           scope="corpus_search", palette=False),
    Action("corpus.down", "down", "move(1)", "Next result", "Highlight the next result", scope="corpus_search",
           footer=False, palette=False),
    Action("corpus.up", "up", "move(-1)", "Previous result", "Highlight the previous result",
           scope="corpus_search", footer=False, palette=False),
    Action("corpus.close", "escape", "close", "Close", "Back to the reader", scope="corpus_search", palette=False),
    # filters dialog
    Action("filters.clear", "x", "clear_all", "Clear all", "Clear every filter", scope="filters", palette=False),
    Action("filters.close", "escape", "close", "Close", "Close the dialog (the filters stay)", scope="filters",
           palette=False),
    # entities view (the filter box keeps the focus: up/down move through the table)
    Action("entities.choose", "enter", "choose", "List articles",
           "List the articles mentioning the highlighted entity", scope="entities_view", palette=False),
    Action("entities.down", "down", "move(1)", "Down", "Next entity", scope="entities_view", footer=False,
           palette=False),
    Action("entities.up", "up", "move(-1)", "Up", "Previous entity", scope="entities_view", footer=False,
           palette=False),
    Action("entities.sort", "ctrl+s", "sort_next", "Sort", "Sort by the next column (or click a column header)",
           scope="entities_view", palette=False),
    Action("entities.reverse", "ctrl+r", "sort_reverse", "Reverse", "Reverse the order", scope="entities_view",
           palette=False),
    Action("entities.close", "escape", "close", "Close", "Back to the reader", scope="entities_view", palette=False),
    # figures view
    Action("figures.open", "enter", "choose", "Open", "Open the article at the highlighted figure",
           scope="figures_view", palette=False),
    Action("figures.sort", "ctrl+s,s", "sort_next", "Sort", "Sort by the next column (or click a column header)",
           scope="figures_view", palette=False),
    Action("figures.reverse", "ctrl+r,r", "sort_reverse", "Reverse", "Reverse the order", scope="figures_view",
           palette=False),
    Action("figures.export", "w", "export", "Export CSV",
           "Write the table, in this order, to thads-figures-DATE-TIME.csv in the current folder",
           scope="figures_view", palette=False),
    Action("figures.filter", "slash", "filter", "Filter", "Filter by metric, subject, period (enter: back to the table)",
           scope="figures_view", palette=False, key_display="/"),
    Action("figures.results", "R", "switch('results_view')", "Results",
           "The results table (rates, cases and money done per subject and period) instead of this view",
           scope="figures_view", palette=False, footer=False),
    Action("figures.close", "escape", "close", "Close", "Back to the reader", scope="figures_view", palette=False),
    # results view (the table has the focus, as in F: `/` to the filter box, enter back to the table)
    Action("results.open", "enter", "choose", "Open", "Open the article at the highlighted cell's figure",
           scope="results_view", palette=False),
    Action("results.down", "down", "move(1)", "Down", "Next row", scope="results_view", footer=False,
           palette=False),
    Action("results.up", "up", "move(-1)", "Up", "Previous row", scope="results_view", footer=False,
           palette=False),
    Action("results.sort", "ctrl+s,s", "sort_next", "Sort", "Sort by the next column (or click a column header)",
           scope="results_view", palette=False),
    Action("results.reverse", "ctrl+r,r", "sort_reverse", "Reverse", "Reverse the order", scope="results_view",
           palette=False),
    Action("results.chart", "c,ctrl+g", "chart", "Chart",
           "Show or hide the chart: the subject's rates over periods, the subjects compared for the period",
           scope="results_view", palette=False),
    Action("results.filter", "slash", "filter", "Filter", "Filter by subject and/or year (enter: back to the table)",
           scope="results_view", palette=False, key_display="/"),
    Action("results.export", "w,ctrl+w", "export", "Export CSV",
           "Write the table, every value with its source article, to thads-results-DATE-TIME.csv",
           scope="results_view", palette=False),
    Action("results.figures", "F", "switch('figures_view')", "All figures",
           "Every figure of the corpus, with what it measures, of whom and when, instead of this view",
           scope="results_view", palette=False, footer=False),
    Action("results.close", "escape", "close", "Close", "Back to the reader", scope="results_view", palette=False),
    # notes overview (the filter box keeps the focus: up/down move through the table)
    Action("notes.open", "enter", "choose", "Open", "Open the article at the highlighted note's passage",
           scope="notes_view", palette=False),
    Action("notes.down", "down", "move(1)", "Down", "Next note", scope="notes_view", footer=False, palette=False),
    Action("notes.up", "up", "move(-1)", "Up", "Previous note", scope="notes_view", footer=False, palette=False),
    Action("notes.sort", "ctrl+s", "sort_next", "Sort", "Sort by the next column (or click a column header)",
           scope="notes_view", palette=False),
    Action("notes.reverse", "ctrl+r", "sort_reverse", "Reverse", "Reverse the order", scope="notes_view",
           palette=False),
    Action("notes.export_md", "f5", "export('md')", "Export MD",
           "Write the notes listed as a Markdown research log (thads-notes-DATE-TIME.md)", scope="notes_view",
           palette=False),
    Action("notes.export_json", "f6", "export('json')", "JSON",
           "Write the notes listed as JSON with W3C Web Annotation selectors", scope="notes_view", palette=False),
    Action("notes.export_csv", "f7", "export('csv')", "CSV", "Write the notes listed as CSV, one row per note",
           scope="notes_view", palette=False),
    Action("notes.close", "escape", "close", "Close", "Back to the reader", scope="notes_view", palette=False),
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
                id=a.id, tooltip=a.help, group=Binding.Group(a.group) if a.group else None)
        for a in ACTIONS
        if a.scope == scope
    ]


def palette_actions() -> Iterable[Action]:
    return (a for a in ACTIONS if a.palette)


def screen_actions(screen: object) -> list[Action]:
    """The actions of a view's own keys (sort, export, chart…), for the palette opened over it."""
    return [BY_ID[b.id] for b in getattr(type(screen), "BINDINGS", ())
            if isinstance(b, Binding) and b.id in BY_ID]


def display_keys(action: Action, keymap: Mapping[str, str] | None = None) -> str:
    """Keys as a person reads them: `?`, `ctrl+s`, `j / down`."""
    keys = (keymap or {}).get(action.id, action.keys)
    names = {"pagedown": "page down", "pageup": "page up", "slash": "/", "minus": "-", "plus": "+"}

    def shown_key(key: str) -> str:  # `right_curly_bracket` is `}`; `space`, `tab`, `ctrl+s` stay words
        char = key_to_character(key) if "+" not in key else None
        return names.get(key) or (char if char and char.isprintable() and not char.isspace() else key)

    shown = [shown_key(k.strip()) for k in keys.split(",")]
    if action.key_display and action.id not in (keymap or {}):
        if "/" in action.key_display:
            return action.key_display
        # the footer's short form first, then the other keys (`<` / alt+left)
        shown = [action.key_display] + [k for k in shown if k != action.key_display]
    return " / ".join(shown)


def help_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(heading, [(keys, help), ...]), ...] in scope order."""
    return [
        (heading, [(display_keys(a, keymap), a.help) for a in ACTIONS if a.scope == scope])
        for scope, heading in SCOPES.items()
    ]

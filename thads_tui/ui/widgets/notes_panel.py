"""The notes panel beside the article: the article note, then each highlight's quote, note and
tags in text order, the detached ones (quote no longer in the text) last. Choosing one scrolls
the article to it (`Chosen`, as the entity panel does)."""
from __future__ import annotations

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..cleantext import printable
from .panels import Chosen


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def note_prompt(note: str) -> Group:
    """The article note as Markdown (headings, lists, emphasis), under a ✎ heading."""
    text = printable(note.strip())
    if len(text) > 2000:
        text = text[:1999] + "…"
    return Group(Text("✎ Note", style="bold"), Markdown(text))


class NotesPanel(OptionList):
    Chosen = Chosen

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.border_title = "Notes"
        self.spans: dict[str, tuple[int, int]] = {}

    def show(self, note: str, highlights: list[dict]) -> None:
        self.clear_options()
        self.spans = {}
        options: list[Option] = []
        if note.strip():
            options.append(Option(note_prompt(note), id="note"))
        for h in highlights:
            line = Text()
            line.append("⚠ detached: " if h.get("detached") else "❝ ", "bold")
            line.append(_short(h["quote"]), "italic")
            if h.get("text", "").strip():
                line.append("\n  " + _short(h["text"], 300))
            if h.get("tags"):
                line.append("\n  # " + ", ".join(h["tags"]), "dim")
            options.append(Option(line, id=h["id"]))
            if h.get("span"):
                self.spans[h["id"]] = tuple(h["span"])
        if not options:
            options.append(Option(Text("No notes yet: a selects a passage, h highlights it, n writes a note.",
                                       "dim"), disabled=True))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        span = self.spans.get(event.option.id or "")
        if span:
            self.post_message(Chosen(event.option.id, "highlight", [span]))
        elif event.option.id == "note":
            self.post_message(Chosen("note", "note", []))  # the article shows its note at the end

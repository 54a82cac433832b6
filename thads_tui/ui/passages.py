"""The reader's passages (issue 11): the selection, the highlights of the open article, stepping
through them, deleting and undoing, copying, and the read mark.

`Passages` belongs to the reader screen (`screen.passages`); the screen's bindings reach it with
`passage('method', args…)`. Every write is a `saves.Job` run by the screen's `Saver` worker, so a
highlight waits (and says so) while another window holds the annotations file, exactly as notes do.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .dialogs.highlight_editor import HighlightEditor
from .highlights import Selection, add_highlight
from .reading import Reading
from .saves import Job
from .widgets.notes_panel import NotesPanel

if TYPE_CHECKING:
    from .screens.reader import ReaderScreen


class Passages:
    def __init__(self, screen: "ReaderScreen") -> None:
        self.screen = screen
        self.selection: Selection | None = None
        self.anchored: list[dict] = []  # the open article's highlights, re-found in its text
        self.index = -1  # the highlight last jumped to, among the placed ones
        self.deleted: dict | None = None  # for undo
        self.has_notes = False
        self.reading = Reading(screen)  # read marks, unread count and filter

    @property
    def placed(self) -> list[dict]:
        return [h for h in self.anchored if h["span"]]

    def opened(self) -> None:
        """A new article: no selection, no highlight jumped to; read once it stays open."""
        self.selection, self.index = None, -1
        if self.screen.article is not None:
            self.reading.opened(self.screen.article)

    def paint(self) -> None:
        """Highlights as their own layer over the entities, the selection above them; the notes
        panel shows the article's note and highlights, and only when there are some."""
        s = self.screen
        article = s.article
        self.anchored = s.notebook.ann.anchored_passages(article.id, article.text) if article else []
        spans = [(*h["span"], "article--highlight") for h in self.placed]
        if self.selection is not None:
            spans.append((*self.selection.span, "article--selection"))
        s.view.set_layer("highlights", spans)
        s.query_one(NotesPanel).show(s.note if article else "", self.anchored)
        has_notes = bool(article and (s.note.strip() or self.anchored))
        if has_notes != self.has_notes:
            self.has_notes = has_notes
            s.watch_panes(s.panes)

    # --- selection ---------------------------------------------------------------------------------
    def select_start(self) -> None:
        article = self.screen.article
        if article is None:
            return
        if self.selection is not None:
            self.selection = None
        else:
            self.selection = Selection(article.text, article.paragraphs, self.screen.view.top_offset())
            self.screen.notify("Selecting: shift+down/up a sentence more/less, A paragraph, h highlight, y copy, "
                               "a leave.", timeout=4)
        self.paint()

    def dragged(self, start: int, end: int, finished: bool) -> None:
        """A mouse drag over the text: exactly that span is the selection."""
        article = self.screen.article
        if article is None:
            return
        self.selection = Selection.spanning(article.text, article.paragraphs, start, end)
        self.paint()
        if finished:
            self.screen.notify("Selected: h highlights it, y copies it, shift+down/up extend it, a leaves.", timeout=4)

    def select_extend(self, delta: int) -> None:
        if self.selection is not None:
            self.selection.extend(delta)
            self.paint()

    def select_lines(self, delta: int) -> None:
        """Line-wise: the selection ends where the next (previous) screen line ends."""
        if self.selection is not None:
            s, e = self.selection.span
            end = self.screen.view.line_end(max(s, e - 1), delta)
            self.selection.exact = (s, end) if end > s else (s, e)
            self.paint()

    def select_paragraph(self) -> None:
        if self.selection is not None:
            self.selection.paragraph()
            self.paint()

    # --- highlights ----------------------------------------------------------------------------------
    def highlight(self) -> None:
        s = self.screen
        article, selection = s.article, self.selection
        if article is None or selection is None:
            s.notify("Select a passage first: press a, then shift+down to extend it.", timeout=3)
            return
        ann = s.notebook.ann
        editor: HighlightEditor

        def save(note: str, tags: list[str]) -> None:
            s.saver.save(Job("Highlight", lambda: add_highlight(ann, article, selection, note, tags),
                             done=lambda _: saved(), failed=editor.failed))

        def saved() -> None:
            if self.selection is selection:
                self.selection = None
            self.changed("Highlight saved.")
            if editor.is_attached:
                editor.saved()

        editor = HighlightEditor(selection.quote, save, ann.all_tags())
        s.app.push_screen(editor)

    def edit(self) -> None:
        """Change the note and tags of the highlight last jumped to (its passage stays)."""
        placed = self.placed
        if not 0 <= self.index < len(placed):
            self.screen.notify("Jump to a highlight first ({ or }, or choose it in the notes panel), then H edits it.",
                               timeout=3)
            return
        doc = placed[self.index]
        ann = self.screen.notebook.ann
        editor: HighlightEditor

        def save(note: str, tags: list[str]) -> None:
            self.screen.saver.save(Job("Highlight", lambda: ann.update_passage_note(
                doc["id"], note, tags=tags, expected=doc.get("text", ""), expected_tags=doc.get("tags") or []),
                done=lambda _: saved(), failed=editor.failed))

        def saved() -> None:
            self.changed("Highlight saved.")
            if editor.is_attached:
                editor.saved()

        editor = HighlightEditor(doc["quote"], save, ann.all_tags(), note=doc.get("text", ""),
                                 current=list(doc.get("tags") or ()))
        self.screen.app.push_screen(editor)

    def step(self, delta: int) -> None:
        placed = self.placed
        if not placed:
            self.screen.notify("No highlights in this article.", timeout=2)
            return
        i = self.index
        self.index = (i + delta) % len(placed) if i >= 0 else (0 if delta > 0 else len(placed) - 1)
        h = placed[self.index]
        self.screen.view.scroll_to_offset(h["span"][0])
        tags = f" [{', '.join(h['tags'])}]" if h.get("tags") else ""
        self.screen.notify(f"Highlight {self.index + 1} of {len(placed)}: {h.get('text') or h['quote'][:60]}{tags}",
                           timeout=3)

    def go_to(self, note_id: str) -> None:
        """Show a highlight (chosen in the notes overview): marked, scrolled to, and the one `H`
        edits and `D` deletes; a detached one is listed in the notes panel."""
        self.paint()
        ids = [h["id"] for h in self.placed]
        if note_id not in ids:
            self.screen.notify("That highlight's passage is no longer in the article: it is listed as "
                               "detached in the notes panel.", timeout=5)
            return
        self.index = ids.index(note_id)
        self.screen.pane.mark(*self.placed[self.index]["span"])

    def chose(self, note_id: str) -> None:
        """A highlight chosen in the notes panel becomes the one last jumped to; the note shows."""
        if note_id == "note":
            self.screen.view.scroll_to_note()
            return
        ids = [h["id"] for h in self.placed]
        if note_id in ids:
            self.index = ids.index(note_id)

    def delete(self) -> None:
        placed = self.placed
        if not 0 <= self.index < len(placed):
            self.screen.notify("Jump to a highlight first ({ or }), then D deletes it.", timeout=3)
            return
        doc = placed[self.index]
        ann = self.screen.notebook.ann

        def deleted(_) -> None:
            self.deleted, self.index = doc, -1
            self.changed("Highlight deleted; u puts it back.")

        self.screen.saver.save(Job("Highlight deletion", lambda: ann.remove_passage_note(doc["id"]), done=deleted))

    def undo(self) -> None:
        doc = self.deleted
        if doc is None:
            self.screen.notify("Nothing to undo.", timeout=2)
            return
        self.deleted = None  # a second u while the first is saving does nothing twice
        self.screen.saver.save(Job("Highlight", lambda: self.screen.notebook.ann.restore_passage_note(doc),
                                   done=lambda _: self.changed("Highlight restored."),
                                   failed=lambda _sentence: setattr(self, "deleted", doc)))  # u can try again

    def changed(self, said: str) -> None:
        """A highlight was saved, deleted or restored: markers, layer and panel follow."""
        self.screen.reread()
        self.paint()
        self.screen.notify(said, timeout=2)

    # --- copy ------------------------------------------------------------------------------------
    def copy(self) -> None:
        article = self.screen.article
        if article is None:
            return
        if self.selection is not None:
            text, said = self.selection.quote, "Copied the selection."
        else:
            c = article.citation()
            cite = " · ".join(str(c[k]) for k in ("title", "date", "source", "file") if c.get(k))
            text, said = f"{article.text}\n\n— {cite}", "Copied the article with its citation."
        self.screen.app.copy_to_clipboard(text)
        self.screen.notify(said, timeout=2)

"""Mixed into ReaderApp: bookmarks, notes, the reader's saved state, and problems shown to the user.

A failed save (read-only or damaged file, full disk) is an `AnnotationsError` with a sentence
for the user: it becomes a notification and a line in the problems screen, never a traceback.
"""
from __future__ import annotations

import unicodedata
from functools import partial

from ..corpus import Article
from ..store import AnnotationsError
from .help import ProblemsScreen
from .note_editor import ConfirmScreen, NoteEditor


class Annotating:
    def action_toggle_bookmark(self) -> None:
        if self.current is None:
            return
        a = self.current
        try:
            on_now = self.ann.toggle_bookmark(a.id, citation=a.citation())
        except AnnotationsError as err:
            self.report(f"Bookmark not saved: {err}")
            return
        (self.sidebar.bookmarked.add if on_now else self.sidebar.bookmarked.discard)(a.id)
        self.sidebar.refresh()
        self.refresh_counts()
        self.notify("Bookmarked ★" if on_now else "Bookmark removed", timeout=2)

    def action_edit_note(self) -> None:
        if self.current is None:
            return
        reason = "This annotations file is read-only; notes cannot be saved." if self.ann.read_only else None
        note = self._notes[self.current.id] = self.ann.get_note(self.current.id)  # fresh: another window may have saved
        self.push_screen(NoteEditor(self.current.title, note,
                                    partial(self.save_note, self.current, expected=note), read_only=reason))

    def note_of(self, article_id: str) -> str:
        """The article's note, read from the file once per article (every cursor move shows one)."""
        note = self._notes.get(article_id)
        if note is None:
            note = self._notes[article_id] = self.ann.get_note(article_id)
        return note

    def save_note(self, article: Article, text: str, *, expected: str | None = None) -> None:
        """Save; if another window changed the note since the editor opened, the store merges
        both texts instead of overwriting, and the merged note is what the reader then shows."""
        self._notes.pop(article.id, None)
        saved = self.ann.set_note(article.id, text, citation=article.citation(), expected=expected)
        if expected is not None and saved and saved != unicodedata.normalize("NFC", text):
            self.notify("The note had changed in another window: both versions are kept.", timeout=6)
        (self.sidebar.annotated.add if saved.strip() else self.sidebar.annotated.discard)(article.id)
        self._notes[article.id] = saved
        self.sidebar.refresh()
        if self.current is article:
            self.view.set_note(saved)
        self.refresh_counts()

    def save_state(self, key: str, value) -> None:
        try:
            self.ann.set_state(key, value)
        except AnnotationsError as err:
            self.report(f"Reader state not saved: {err}")

    def save_last_article(self) -> None:
        if self.current is not None and self.current.id != self._saved_last:
            self._saved_last = self.current.id
            self.save_state("last_article", self.current.id)

    def report(self, problem: str) -> None:
        self.problems.append(problem)
        self.notify(problem, severity="error", timeout=8)

    def all_problems(self) -> list[str]:
        found = [str(p) for p in self.corpus.problems]
        if getattr(self.ann, "problem", None):
            found.insert(0, f"annotations: {self.ann.problem}")
        return found + self.problems

    def action_problems(self) -> None:
        self.push_screen(ProblemsScreen(self.all_problems()))

    def action_start_fresh(self) -> None:
        """The in-app twin of `--fresh-db`: only offered when the file could not be used."""
        problem = getattr(self.ann, "problem", None)
        if not problem:
            self.notify("The annotations file is fine: nothing to start afresh.", timeout=4)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                backup = self.ann.start_fresh()
            except AnnotationsError as err:
                self.report(f"No fresh annotations file: {err}")
                return
            self._notes.clear()
            self.sidebar.set_markers(self.ann.bookmarked_ids(), self.ann.annotated_ids())
            self.refresh_counts()
            self.notify(f"Started a new annotations file; the old one is kept as {backup}.", timeout=8)

        self.push_screen(ConfirmScreen(f"{problem}\n\nStart a new, empty annotations file? "
                                       "The old file stays as a backup.", yes="Start fresh", no="Keep read-only"),
                         answered)

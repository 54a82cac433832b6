"""The reader's side of the annotations file: notes as last read or saved, the reading position
in each article, the open article to restore, and the problems to show.

Reads are quick and stay on the UI thread; every write is a `saves.Job` the reader screen runs
in a worker (see saves.py).
"""
from __future__ import annotations

from ..corpus import Article
from ..store import Annotations
from .saves import Job

POSITIONS_KEPT = 500  # reading positions remembered (the most recent articles)


class Notebook:
    def __init__(self, ann: Annotations) -> None:
        self.ann = ann
        self._notes: dict[str, str] = {}  # article id -> note, as last read or saved here
        saved = ann.get_state("positions", {})
        self.positions: dict[str, int] = {k: v for k, v in saved.items() if isinstance(v, int)} \
            if isinstance(saved, dict) else {}
        self._saved_positions = dict(self.positions)
        self.last_article: str | None = ann.get_state("last_article")
        self._saved_last = self.last_article
        self.problems: list[str] = []  # runtime problems (failed saves, failed analyses)

    @property
    def read_only(self) -> bool:
        return self.ann.read_only

    @property
    def problem(self) -> str | None:
        return getattr(self.ann, "problem", None)

    def note_of(self, article_id: str, *, fresh: bool = False) -> str:
        """The article's note, read from the file once per article (every cursor move shows one);
        `fresh`: read again (another window may have saved)."""
        note = None if fresh else self._notes.get(article_id)
        if note is None:
            note = self._notes[article_id] = self.ann.get_note(article_id)
        return note

    def noted(self, article_id: str, text: str) -> None:
        self._notes[article_id] = text

    def forget_notes(self) -> None:
        self._notes.clear()

    # --- jobs -----------------------------------------------------------------------------------
    def bookmark_job(self, article: Article, on: bool) -> Job:
        return Job("Bookmark", lambda: self.ann.set_bookmark(article.id, on, citation=article.citation()))

    def note_job(self, article: Article, text: str, expected: str | None) -> Job:
        """Save; if another window changed the note since the editor opened, the store merges both
        texts instead of overwriting, and the merged note is the job's result."""
        return Job("Note", lambda: self.ann.set_note(article.id, text, citation=article.citation(), expected=expected))

    def state_job(self, key: str, value) -> Job:
        return Job("Reader state", lambda: self.ann.set_state(key, value))

    def reading_jobs(self, article_id: str | None) -> list[Job]:
        """The open article and the reading positions, if they changed since last saved; none
        while the file is read-only (they stay in memory: moving the cursor is not an error)."""
        jobs = []
        if self.read_only:
            return jobs
        if article_id is not None and article_id != self._saved_last:
            self._saved_last = article_id
            jobs.append(self.state_job("last_article", article_id))
        if self.positions != self._saved_positions:
            kept = dict(list(self.positions.items())[-POSITIONS_KEPT:])
            self._saved_positions = dict(self.positions)
            jobs.append(self.state_job("positions", kept))
        return jobs

    def moved(self, article_id: str, offset: int) -> None:
        self.positions.pop(article_id, None)  # most recent last
        if offset > 0:
            self.positions[article_id] = offset

    def all_problems(self, corpus_problems) -> list[str]:
        found = [str(p) for p in corpus_problems]
        if self.problem:
            found.insert(0, f"annotations: {self.problem}")
        return found + self.problems

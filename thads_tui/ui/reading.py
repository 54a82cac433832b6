"""Reading state (issue 11): an article is marked read once it has been open for a few seconds
(or with `m`), the header counts the unread ones, a key goes to the next unread article of the
list and a filter lists only the unread ones.

`Reading` belongs to the reader screen's `Passages` (`screen.passages.reading`); the marks are in
the screen's `markers.read` at once and saved by the saves worker.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.timer import Timer

from .saves import Job

if TYPE_CHECKING:
    from ..corpus import Article
    from .screens.reader import ReaderScreen


class Reading:
    READ_AFTER = 3.0  # seconds an article stays open before it counts as read

    def __init__(self, screen: "ReaderScreen") -> None:
        self.screen = screen
        self.timer: Timer | None = None
        self.timed: str | None = None  # the article the timer will mark

    def opened(self, article: "Article") -> None:
        """A new article: the last one's timer stops; this one is read if it stays open."""
        self.stop()
        if article.id not in self.screen.markers.read and not self.screen.notebook.read_only:
            self.timed = article.id
            self.timer = self.screen.set_timer(self.READ_AFTER, lambda: self.time_up(article))

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.timed = None

    def time_up(self, article: "Article") -> None:
        self.timer = self.timed = None
        current = self.screen.article
        if current is not None and current.id == article.id and article.id not in self.screen.markers.read:
            self.mark(article, True, said=None)

    def mark(self, article: "Article", on: bool, said: str | None) -> None:
        s = self.screen
        before = s.markers
        s.markers = before.with_mark("read", article.id, on)  # at once; undone if the save fails

        def failed(_sentence: str) -> None:
            s.markers = s.markers.with_mark("read", article.id, not on)

        def done(_) -> None:
            if said:
                s.notify(said, timeout=2)

        ann = s.notebook.ann
        s.saver.save(Job("Read mark", lambda: ann.set_read(article.id, on, citation=article.citation()),
                         done=done, failed=failed))

    def toggle_read(self) -> None:
        article = self.screen.article
        if article is None:
            return
        if self.screen.notebook.read_only:
            self.screen.report("Read mark not saved: the annotations are open read-only.")
            return
        on = article.id not in self.screen.markers.read
        if self.timed == article.id:
            self.stop()  # marked by hand: the timer must not mark it again
        self.mark(article, on, "Marked as read." if on else "Marked as unread.")

    def unread(self) -> int:
        """Articles of the corpus not marked read."""
        s = self.screen
        known = getattr(s.source, "articles", None)
        read = s.markers.read
        seen = sum(1 for i in read if i in known) if known is not None else len(read)
        return max(0, len(s.source) - seen)

    def next_unread(self) -> None:
        """The next unread article of the list (as filtered), after the open one, wrapping."""
        s = self.screen
        rows = s.sidebar.shown
        current = s.article.id if s.article is not None else None
        at = next((i for i, r in enumerate(rows) if r.id == current), -1)
        read = s.markers.read
        for k in range(1, len(rows) + 1):
            row = rows[(at + k) % len(rows)]
            if row.id not in read and row.id != current:
                s.user_moved = True
                s.sidebar.select_id(row.id)
                s.open(row.id)
                return
        s.notify("No unread article left in the list.", timeout=3)

    def toggle_unread_filter(self) -> None:
        """List only the articles unread now (reading one keeps it listed until the filter changes)."""
        s = self.screen
        on = not s.filters.unread
        s.filters = replace(s.filters, unread=on, read_ids=frozenset(s.markers.read) if on else frozenset())

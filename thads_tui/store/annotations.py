"""The reader's own data: the only thing in this app that cannot be rebuilt from the articles.

Placeholder on TinyDB's stock JSONStorage; issue 5 replaces the storage with a durable one
while keeping this API.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from tinydb import Query, TinyDB


class AnnotationsError(Exception):
    """A problem with the annotations file, phrased for the user."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Annotations:
    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = TinyDB(self.path, ensure_ascii=False, encoding="utf-8")
        self._bookmarks = self._db.table("bookmarks")
        self._notes = self._db.table("notes")
        self._state = self._db.table("state")

    def close(self) -> None:
        self._db.close()

    # bookmarks
    def is_bookmarked(self, article_id: str) -> bool:
        return self._bookmarks.contains(Query().article_id == article_id)

    def set_bookmark(self, article_id: str, on: bool, *, citation: dict | None = None) -> None:
        q = Query().article_id == article_id
        if on:
            self._bookmarks.upsert(
                {"article_id": article_id, "created": _now(), "citation": citation or {}}, q
            )
        else:
            self._bookmarks.remove(q)

    def toggle_bookmark(self, article_id: str, *, citation: dict | None = None) -> bool:
        on = not self.is_bookmarked(article_id)
        self.set_bookmark(article_id, on, citation=citation)
        return on

    def bookmarked_ids(self) -> set[str]:
        return {d["article_id"] for d in self._bookmarks.all()}

    # notes (one article-level note per article)
    def get_note(self, article_id: str) -> str:
        doc = self._notes.get(Query().article_id == article_id)
        return doc["text"] if doc else ""

    def set_note(self, article_id: str, text: str, *, citation: dict | None = None) -> None:
        text = unicodedata.normalize("NFC", text)
        q = Query().article_id == article_id
        if not text.strip():
            self._notes.remove(q)
            return
        old = self._notes.get(q)
        self._notes.upsert(
            {
                "article_id": article_id,
                "text": text,
                "created": old["created"] if old else _now(),
                "updated": _now(),
                "citation": citation or (old or {}).get("citation", {}),
            },
            q,
        )

    def annotated_ids(self) -> set[str]:
        return {d["article_id"] for d in self._notes.all()}

    # reader state (last article, panel layout)
    def get_state(self, key: str, default=None):
        doc = self._state.get(Query().key == key)
        return doc["value"] if doc else default

    def set_state(self, key: str, value) -> None:
        self._state.upsert({"key": key, "value": value}, Query().key == key)

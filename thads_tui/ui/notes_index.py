"""The notes overview's rows (issue 11): every article note and every highlight of the annotations
file, one row each, filtered (accents optional) and sorted, and written out as an export of just
the rows listed (Markdown research log, JSON, CSV: the store's own export, never over a file).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..corpus.fold import fold
from ..store import AnnotationsError
from ..store.exchange import export_annotations, write_export

FORMATS = {"md": "Markdown", "json": "JSON", "csv": "CSV"}


@dataclass(frozen=True, slots=True)
class NoteRow:
    kind: str  # "note" (the article's) or "highlight"
    article_id: str
    title: str
    date: str
    quote: str  # "" for an article note
    note: str
    tags: tuple[str, ...]
    updated: str  # ISO time
    note_id: str = ""  # a highlight's id
    start: int | None = None  # a highlight's stored position (a hint)
    haystack: str = field(default="", compare=False, repr=False)  # folded once: filtering is a scan

    def __post_init__(self) -> None:
        if not self.haystack:
            object.__setattr__(self, "haystack", fold(" ".join((
                self.title, self.date, self.quote, self.note, " ".join(self.tags), " ".join("#" + t for t in self.tags)))))

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.note_id or self.article_id)


def note_rows(ann) -> list[NoteRow]:
    """Every article note and highlight in the file (one read), with the citation's title and date."""
    data = ann.records()
    article_tags = {d.get("article_id"): tuple(d.get("tags") or ()) for d in data.get("tags", [])}
    rows = []
    for d in data.get("notes", []):
        cit = d.get("citation") or {}
        rows.append(NoteRow("note", d["article_id"], cit.get("title") or d["article_id"], cit.get("date") or "",
                            "", d.get("text", ""), article_tags.get(d["article_id"], ()), d.get("updated", "")))
    for d in data.get("passages", []):
        cit = d.get("citation") or {}
        rows.append(NoteRow("highlight", d["article_id"], cit.get("title") or d["article_id"], cit.get("date") or "",
                            d.get("quote", ""), d.get("text", ""), tuple(d.get("tags") or ()), d.get("updated", ""),
                            d.get("id", ""), d.get("start") if isinstance(d.get("start"), int) else None))
    return rows


def filter_rows(rows: list[NoteRow], query: str) -> list[NoteRow]:
    """The rows holding every word of `query` (in title, date, quote, note or tags; `#tag` works too),
    accents and case ignored."""
    words = fold(query).split()
    return [r for r in rows if all(w in r.haystack for w in words)] if words else list(rows)


SORTS = {
    "title": lambda r: (fold(r.title), r.date),
    "date": lambda r: (r.date, fold(r.title)),
    "quote": lambda r: fold(r.quote),
    "note": lambda r: fold(r.note),
    "tags": lambda r: (not r.tags, [fold(t) for t in r.tags]),
    "updated": lambda r: r.updated,
}


def sort_rows(rows: list[NoteRow], by: str, reverse: bool = False) -> list[NoteRow]:
    return sorted(rows, key=SORTS.get(by, SORTS["updated"]), reverse=reverse)


def export_rows(ann, rows: list[NoteRow], fmt: str, folders: list[Path], everything: bool = False,
                now: datetime | None = None) -> Path:
    """Write the rows listed (with their articles' bookmarks and tags) as `thads-notes-DATE-TIME.fmt`
    in the first folder that takes it; `everything`: the whole file. Raises AnnotationsError."""
    notes = {r.article_id for r in rows if r.kind == "note"}
    passages = {r.note_id for r in rows if r.kind == "highlight"}
    articles = {r.article_id for r in rows}

    def keep(kind: str, doc: dict) -> bool:
        if kind == "notes":
            return doc.get("article_id") in notes
        if kind == "passages":
            return doc.get("id") in passages
        return kind != "reads" and doc.get("article_id") in articles

    text = export_annotations(ann, fmt, None if everything else keep)
    stamp = f"thads-notes-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    error: AnnotationsError | None = None
    for folder in folders:
        for n in range(1, 100):
            path = Path(folder) / f"{stamp}{'' if n == 1 else f'-{n}'}.{fmt}"
            if path.exists() or path.is_symlink():
                continue
            try:
                return write_export(text, path, annotations=ann.path, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
            except AnnotationsError as err:
                error = err
                if "already exists" not in str(err) and "appeared meanwhile" not in str(err):
                    break  # this folder does not take it: try the next one
    raise error or AnnotationsError("Not written: no folder to write the export to.")

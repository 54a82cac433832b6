"""The reader's annotation flows that open a screen (issue 11): the notes overview, the article's
tag editor, the note in `$VISUAL`/`$EDITOR`. Like flows.py, each takes the `ReaderScreen`; every
write is a save job run by the screen's saver."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..store import AnnotationsError
from ..store.relink import orphan_moves, relink
from .dialogs.tag_editor import TagEditor
from .notes_index import FORMATS, NoteRow, export_rows
from .saves import Job
from .screens.notes import NotesScreen
from .source import plural

if TYPE_CHECKING:
    from .screens.reader import ReaderScreen


def export_folders(reader: "ReaderScreen") -> list[Path]:
    """The export folder if one is set, else the current directory, else next to the annotations."""
    export_dir = getattr(reader.app, "export_dir", None)
    return [export_dir] if export_dir is not None else [Path.cwd(), reader.notebook.ann.path.parent]


def notes_view(reader: "ReaderScreen") -> None:
    ann = reader.notebook.ann

    def export(rows: list[NoteRow], fmt: str) -> Path | None:
        if not rows:
            reader.notify("No notes listed: nothing to export.", timeout=3)
            return None
        try:
            path = export_rows(ann, rows, fmt, export_folders(reader))
        except AnnotationsError as err:
            reader.report(f"Notes not exported: {err}")
            return None
        reader.notify(f"{plural(len(rows), 'note')} written to {path} ({FORMATS[fmt]})", timeout=10)
        return path

    def chosen(row: NoteRow | None) -> None:
        if row is None:
            return
        if reader.source.get(row.article_id) is None:
            reader.notify(f"“{row.title}” is not in this corpus (its note is kept).", timeout=4)
            return
        from .flows import open_in_reader
        open_in_reader(reader, row.article_id)
        if row.kind == "highlight":
            reader.passages.go_to(row.note_id)
        else:
            reader.view.scroll_to_note()

    reader.app.push_screen(NotesScreen(ann, export), chosen)


def edit_tags(reader: "ReaderScreen") -> None:
    """The open article's own tags (its highlights keep theirs), completed from every tag in use."""
    a = reader.article
    if a is None:
        return
    if reader.notebook.read_only:
        reader.report("Tags not saved: the annotations are open read-only.")
        return
    ann = reader.notebook.ann
    editor: TagEditor

    shown = ann.get_tags(a.id)

    def save(tags: list[str]) -> None:  # a tag another window added meanwhile is kept
        reader.saver.save(Job("Tags", lambda: ann.set_tags(a.id, tags, citation=a.citation(), expected=shown),
                              done=saved, failed=editor.failed))

    def saved(tags: list[str]) -> None:
        reader.reread()
        reader.notify("Tags: " + ", ".join(tags) if tags else "Tags removed.", timeout=2)
        if editor.is_attached:
            editor.saved()

    editor = TagEditor(a.title, shown, ann.all_tags(), save)
    reader.app.push_screen(editor)


def relink_notes(reader: "ReaderScreen") -> None:
    """Once the corpus is loaded: notes whose article file was edited (a new id) follow it."""
    cat = getattr(reader.source, "cat", None)
    if cat is None or reader.notebook.read_only:
        return
    ann = reader.notebook.ann

    def run() -> int:  # in the saves worker: one scan of the file, a lookup per orphan, one write if any moves
        held = _Held(reader.source)
        return relink(ann, orphan_moves(ann, held, held))

    def done(moved: int) -> None:
        if moved:
            reader.reread()
            if reader.article is not None:
                reader.passages.paint()
            reader.notify(f"{plural(moved, 'note')} moved to their edited article files.", timeout=5)

    reader.saver.save(Job("Notes of edited articles", run, done=done))


class _Held:
    """The catalogue as `orphan_moves` asks it: is this id still there (`in`), which id has this file
    (`get`). Asked from the saves worker: one statement at a time on the source's connection."""
    def __init__(self, source) -> None:
        self.source = source

    def __contains__(self, article_id: object) -> bool:
        with self.source._lock:
            return isinstance(article_id, str) and self.source.cat.holds(article_id)

    def get(self, path: str, default: str | None = None) -> str | None:
        with self.source._lock:
            return self.source.cat.id_of_file(path) or default

"""What the reader screen's actions do when they open a dialog or a view, and what comes back.

Each function takes the `ReaderScreen`, pushes one screen and handles its answer by changing the
reader screen's reactives (filters, markers, the open article) or queueing a save job. Kept
apart so the screen itself stays a short list of state, messages and actions.
"""
from __future__ import annotations

import gc
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..explore import EntityEntry, FigureRow, write_csv
from ..store import AnnotationsError
from .dialogs.confirm import ConfirmScreen
from .dialogs.filters import FilterScreen
from .dialogs.note_editor import NoteEditor
from .dialogs.problems import ProblemsScreen
from .dialogs.saving import SavingDialog
from .notes_flows import edit_tags, notes_view, relink_notes  # noqa: F401  (flow('notes_view'), flow('edit_tags'))
from .own_editor import edit_note_outside  # noqa: F401  (flow('edit_note_outside'))
from .screens.corpus_search import CorpusSearchScreen
from .screens.entities import EntitiesScreen
from .screens.figures import FiguresScreen
from .screens.results import ResultsScreen
from .source import plural
from .state import Markers

if TYPE_CHECKING:
    from ..corpus.catalog.search import Hit as SearchResult
    from .screens.reader import ReaderScreen


# --- bookmarks and notes ----------------------------------------------------------------------
def toggle_bookmark(reader: "ReaderScreen") -> None:
    a = reader.article
    if a is None:
        return
    if reader.notebook.read_only:
        reader.report("Bookmark not saved: the annotations are open read-only.")
        return
    on = a.id not in reader.markers.bookmarked
    reader.markers = reader.markers.with_mark("bookmarked", a.id, on)  # at once; undone if the save fails
    job = reader.notebook.bookmark_job(a, on)
    job.failed = lambda _sentence: setattr(reader, "markers", reader.markers.with_mark("bookmarked", a.id, not on))
    reader.saver.save(job)
    reader.notify("Bookmarked ★" if on else "Bookmark removed", timeout=2)


def edit_note(reader: "ReaderScreen") -> None:
    a = reader.article
    if a is None:
        return
    reason = "This annotations file is read-only; notes cannot be saved." if reader.notebook.read_only else None
    note = reader.notebook.note_of(a.id, fresh=True)  # another window may have saved meanwhile
    editor: NoteEditor

    def save(text: str) -> None:
        job = reader.notebook.note_job(a, text, expected=note)
        job.done = lambda saved: note_saved(reader, a.id, text, saved, editor)
        job.failed = editor.failed
        reader.saver.save(job)

    editor = NoteEditor(a.title, note, save, read_only=reason)
    reader.app.push_screen(editor)


def note_saved(reader: "ReaderScreen", article_id: str, text: str, saved: str, editor: NoteEditor | None) -> None:
    if saved and saved != unicodedata.normalize("NFC", text):
        reader.notify("The note had changed in another window: both versions are kept.", timeout=6)
    reader.notebook.noted(article_id, saved)
    reader.markers = reader.markers.with_mark("annotated", article_id, bool(saved.strip()))
    if reader.article is not None and reader.article.id == article_id:
        reader.note = saved
    if editor is not None and editor.is_attached:
        editor.saved()


def save_note(reader: "ReaderScreen", article, text: str) -> None:
    """Save a note now, on this thread (scripts and tests; the editor saves in a worker)."""
    saved = reader.notebook.ann.set_note(article.id, text, citation=article.citation())
    note_saved(reader, article.id, text, saved, None)


def editor_waiting(reader: "ReaderScreen", waiting: bool) -> None:
    if isinstance(reader.app.screen, SavingDialog):
        reader.app.screen.waiting(waiting)


# --- filters and the corpus-wide views ---------------------------------------------------------
def filters_dialog(reader: "ReaderScreen") -> None:
    reader.app.push_screen(FilterScreen(reader.filters, reader.sidebar.rows,
                                        lambda filters: setattr(reader, "filters", filters),
                                        tags=reader.notebook.ann))


def corpus_search(reader: "ReaderScreen") -> None:
    source = reader.source

    def picked(answer: "tuple[str, SearchResult] | None") -> None:
        if answer is None:
            return
        query, result = answer
        open_in_reader(reader, result.id)
        hits = list(result.hits) or source.hits(result.id, query)  # listed past the detailed results
        if not reader.pane.show_corpus_hits(query, hits):
            reader.notify(f"“{query}” is only in the title of this article.", timeout=3)

    reader.app.push_screen(CorpusSearchScreen(source.search, source.index_status, reader.pane.corpus_query,
                                              complete=source.complete), picked)


def open_in_reader(reader: "ReaderScreen", article_id: str) -> None:
    """Open the article as if chosen in the list: the reader shows, the article has the focus."""
    reader.user_moved = True
    reader.sidebar.select_id(article_id)
    reader.open(article_id)
    if reader.panes.cls == "narrow":
        reader.panes = reader.panes.with_panel("sidebar", False)
    reader.view.focus()


def entities_view(reader: "ReaderScreen") -> None:
    reader.feed.explore("entities")

    def chosen(entry: EntityEntry | None) -> None:
        if entry is None:
            return
        reader.filters = replace(reader.filters, entity=entry.key, entity_name=entry.name)
        if not reader.panes.visible("sidebar"):
            reader.action_toggle_panel("sidebar")
        reader.sidebar.focus()
        n = len(reader.sidebar.shown)
        reader.notify(f"{plural(n, 'article')} mention{'s' if n == 1 else ''} “{entry.name}”.", timeout=3)

    reader.app.push_screen(EntitiesScreen(reader.source.exploration,
                                          lambda: reader.source.exploration_status("entities")), chosen)


def figures_view(reader: "ReaderScreen") -> None:
    reader.feed.explore()

    def chosen(row: FigureRow | None) -> None:
        if row is None or reader.source.get(row.article_id) is None:
            return
        open_in_reader(reader, row.article_id)
        reader.pane.mark(row.start, row.end)

    reader.app.push_screen(FiguresScreen(reader.source.exploration, reader.source.exploration_status,
                                         lambda rows: export_figures(reader, rows)), chosen)


def export_figures(reader: "ReaderScreen", rows: list[FigureRow]) -> Path | None:
    """Write the rows as CSV in the export folder (else the current directory, else next to the
    annotations file); tells the user where."""
    return export_csv(reader, lambda folder: reader.source.export_figures(rows, [folder]),
                      "Figures", plural(len(rows), "figure"))


def export_csv(reader: "ReaderScreen", write, what: str, count: str) -> Path | None:
    export_dir = getattr(reader.app, "export_dir", None)
    folders = [export_dir] if export_dir is not None else [Path.cwd(), reader.notebook.ann.path.parent]
    try:
        path = reader.source.export_to(write, folders)
    except OSError as err:
        reader.report(f"{what} not exported: {err}")
        return None
    reader.notify(f"{count} written to {path}", timeout=10)
    return path


def results_view(reader: "ReaderScreen") -> None:
    reader.feed.explore()

    def chosen(source) -> None:  # a results.Source: the article and the figure's offsets
        if source is None or reader.source.get(source.article_id) is None:
            return
        open_in_reader(reader, source.article_id)
        reader.pane.mark(source.start, source.end)

    def export(table) -> Path | None:
        text = table.to_csv()
        return export_csv(reader, lambda folder: write_csv(text, folder, "thads-results"),
                          "Results", plural(len(table), "row"))

    reader.app.push_screen(ResultsScreen(reader.source.exploration, reader.source.exploration_status, export), chosen)


# --- loading and problems -----------------------------------------------------------------------------------
def loading_finished(reader: "ReaderScreen") -> None:
    # 100,000 articles are long-lived objects: keep the cyclic GC from rescanning them on every
    # full collection (tens of ms per key otherwise)
    gc.freeze()
    reader.pending_restore = None
    relink_notes(reader)
    if not reader.source.articles:
        reader.sidebar.empty_text = "No articles."
        reader.view.empty_text = "No articles to read. Press l to see why."
    skipped = len(reader.source.problems)
    if skipped:
        reader.notify(f"{plural(skipped, 'file')} skipped. Press l to see why.", severity="warning", timeout=8)


def problems(reader: "ReaderScreen") -> None:
    reader.app.push_screen(ProblemsScreen(reader.notebook.all_problems(reader.source.problems),
                                          reader.source.formats))


def start_fresh(reader: "ReaderScreen") -> None:
    """The in-app twin of `--fresh-db`: only offered when the file could not be used."""
    problem = reader.notebook.problem
    if not problem:
        reader.notify("The annotations file is fine: nothing to start afresh.", timeout=4)
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            backup = reader.notebook.ann.start_fresh()
        except AnnotationsError as err:
            reader.report(f"No fresh annotations file: {err}")
            return
        reader.notebook.forget_notes()
        reader.markers = Markers.of(reader.notebook.ann)
        reader.mutate_reactive(type(reader).progress)  # the header's "read-only" goes
        reader.notify(f"Started a new annotations file; the old one is kept as {backup}.", timeout=8)

    reader.app.push_screen(ConfirmScreen(f"{problem}\n\nStart a new, empty annotations file? "
                                         "The old file stays as a backup.", yes="Start fresh", no="Keep read-only"),
                           answered)

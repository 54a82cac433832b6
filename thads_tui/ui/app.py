"""The reader app and its factory, shared by the CLI, the tests and the screenshot script.

The App is thin: it starts the reader screen, applies the user's settings (theme, keymap,
panels), saves the theme when it changes, and offers the global actions (help, palette, quit).
Everything about reading lives in `screens/reader.py`.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Mapping

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from ..corpus import Article
from ..extract import Extraction
from ..store import Annotations
from . import actions, flows, settings as user_settings
from .cleantext import printable
from .dialogs.help import HelpScreen
from .notebook import Notebook
from .screens.reader import ReaderScreen
from .settings import Settings
from .source import CorpusSource
from .state import Layout

Extractor = Callable[[Article], Extraction]
LOCK_WAIT = 1.0  # seconds a save waits for another process before the reader says so and retries
# Textual's own palette entries that ours replace (our Quit says that all is saved; our Help lists every key)
HIDDEN_SYSTEM_COMMANDS = {"Quit", "Keys"}


class ReaderApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "THADS reader"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit")]

    def __init__(self, source: CorpusSource, annotations: Annotations, *,
                 keymap: Mapping[str, str] | None = None,
                 close_annotations: bool = False, settings: Settings | None = None,
                 theme: str | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.user_keymap = {**self.settings.keymap, **dict(keymap or {})}
        self.source = source
        self.ann = annotations
        self.notebook = Notebook(annotations)
        self.close_annotations = close_annotations
        self.export_dir: Path | None = None  # where CSV exports go (None: the current directory)
        self.asked_theme = theme or self.settings.theme

    @property
    def reader(self) -> ReaderScreen:
        return self._reader

    def get_default_screen(self) -> ReaderScreen:
        layout = Layout.from_state(self.ann.get_state("panels"), self.settings.panels)
        self._reader = ReaderScreen(self.source, self.notebook, layout)
        return self._reader

    def on_mount(self) -> None:
        self.title = printable(f"THADS reader — {self.source.name}")
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        if self.asked_theme:
            if self.asked_theme in self.available_themes:
                self.theme = self.asked_theme
            else:
                self.notify(f"There is no theme “{self.asked_theme}”; the default is used.", severity="warning")
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self.theme_changed)

    def theme_changed(self, theme) -> None:
        if theme.name != self.settings.theme:
            self.settings = self.settings.with_theme(theme.name)
            problem = user_settings.save(self.settings)
            if problem:
                self.notify(problem, severity="warning")

    def on_app_focus(self) -> None:
        """Back in the terminal: the file may have changed meanwhile (CLI import, another window)."""
        self.reader.reread()

    def on_unmount(self) -> None:
        if self.close_annotations:
            self.ann.close()
        self.source.close()

    def notify(self, message: str, *, markup: bool = False, **kw) -> None:
        """Notifications carry titles, paths and error messages: plain text unless asked."""
        super().notify(message if markup else printable(message), markup=markup, **kw)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.user_keymap, self.reader.pane.legend()))

    def save_note(self, article: Article, text: str) -> None:
        """Save a note at once (scripts and tests); the editor saves in a worker."""
        flows.save_note(self.reader, article, text)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in HIDDEN_SYSTEM_COMMANDS:
                yield command
        own = actions.screen_actions(screen) if screen is not self.reader else []
        for a in own:  # the open view's keys first: its export, sort, chart (the palette finds them all)
            keys = actions.display_keys(a, self.user_keymap)
            yield SystemCommand(a.label, escape(f"{a.help} (key: {keys})"), partial(screen.run_action, a.action))
        for a in actions.palette_actions():
            keys = actions.display_keys(a, self.user_keymap)
            target = self if a.action.startswith("app.") else self.reader
            yield SystemCommand(a.label, escape(f"{a.help} (key: {keys})"),
                                partial(target.run_action, a.action.removeprefix("app.")))


def create_app(paths: list[str] | None, db_path: Path, *, read_only: bool = False,
               settings_file: Path | None = None, extractor: Extractor | None = None, no_cache: bool = False,
               catalog_path: Path | None = None, **kw) -> ReaderApp:
    """The app on these files/folders (None: the bundled seeds) with annotations in db_path and
    the user's settings (default: THADS_TUI_CONFIG, else the user config folder); the corpus
    catalogue in the user cache folder (THADS_TUI_CACHE), in memory with `no_cache`."""
    source = CorpusSource(paths or None, extractor, no_cache=no_cache, catalog_path=catalog_path)
    return ReaderApp(source, Annotations(db_path, read_only=read_only, lock_timeout=LOCK_WAIT),
                     close_annotations=True, settings=user_settings.load(settings_file), **kw)

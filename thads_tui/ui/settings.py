"""User settings: a small TOML file in the user config folder (platformdirs).

    theme = "textual-light"          # saved when the theme is changed in the reader
    [keymap]                         # binding id = keys, as in posting's keymap
    "reader.bookmark" = "B"
    [panels]                         # what each terminal width shows at first
    wide = ["sidebar", "entities", "figures"]
    compact = ["sidebar"]
    narrow = []

A file that cannot be read gives one sentence (shown in the reader) and the defaults.
`THADS_TUI_CONFIG` names another file (tests, several profiles).
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from platformdirs import user_config_dir

from .state import DEFAULT_PANELS, PANELS

FILE_NAME = "settings.toml"


def settings_path() -> Path:
    env = os.environ.get("THADS_TUI_CONFIG")
    return Path(env) if env else Path(user_config_dir("thads-tui")) / FILE_NAME


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    panels: dict[str, frozenset[str]] = field(default_factory=lambda: dict(DEFAULT_PANELS))
    path: Path | None = None
    problem: str | None = None  # why the file was not used

    def with_theme(self, theme: str) -> "Settings":
        return replace(self, theme=theme)


def load(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(path=path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        reason = str(err).split("\n")[0]
        return Settings(path=path, problem=f"The settings file {path} could not be read ({reason}); "
                                           "the defaults are used.")
    try:
        return _parse(data, path)
    except ValueError as err:
        return Settings(path=path, problem=f"The settings file {path} is not valid ({err}); the defaults are used.")


def _parse(data: dict, path: Path) -> Settings:
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ValueError("theme must be a name in quotes")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
        raise ValueError("each keymap line must be \"binding.id\" = \"keys\"")
    panels = dict(DEFAULT_PANELS)
    raw = data.get("panels", {})
    if not isinstance(raw, dict):
        raise ValueError("panels must be a table")
    for cls, names in raw.items():
        if cls not in DEFAULT_PANELS or not isinstance(names, list) or not set(names) <= set(PANELS):
            raise ValueError(f"panels.{cls} must be a list of {', '.join(PANELS)} "
                             f"for wide, compact or narrow")
        panels[cls] = frozenset(names)
    return Settings(theme, dict(keymap), panels, path)


def dumps(settings: Settings) -> str:
    lines = []
    if settings.theme:
        lines.append(f"theme = {json.dumps(settings.theme, ensure_ascii=False)}")
    if settings.keymap:
        lines += ["", "[keymap]"] + [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in settings.keymap.items()]
    if settings.panels != dict(DEFAULT_PANELS):
        lines += ["", "[panels]"]
        lines += [f"{cls} = {json.dumps([p for p in PANELS if p in names])}" for cls, names in settings.panels.items()]
    return "\n".join(lines) + "\n"


def save(settings: Settings) -> str | None:
    """Write the file (atomically); returns a sentence if that failed, else None. A file that
    could not be read is left as it is (the user's text is never overwritten)."""
    if settings.path is None or settings.problem:
        return None
    try:
        settings.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = settings.path.with_name(settings.path.name + ".tmp")
        tmp.write_text(dumps(settings), encoding="utf-8")
        os.replace(tmp, settings.path)
    except OSError as err:
        return f"Settings not saved to {settings.path}: {err.strerror or err}."
    return None

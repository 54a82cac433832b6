"""The article note in the user's own editor (`$VISUAL`, else `$EDITOR`), issue 11.

The reader hands the terminal over (`App.suspend`), the editor edits a temporary `.md` file, and
the text comes back through the same save job as the built-in editor's (merged, not overwritten,
if another window changed the note meanwhile). Whatever goes wrong (no editor set, a terminal
that cannot be handed over, an editor that fails, text that is not UTF-8, a failed save) is said
in one sentence, and text the user wrote is never thrown away: the file is kept and named.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

if TYPE_CHECKING:
    from .screens.reader import ReaderScreen


def editor_command() -> list[str] | None:
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                return [value]
    return None


def edit_note_outside(reader: "ReaderScreen") -> None:
    a = reader.article
    if a is None:
        return
    if reader.notebook.read_only:
        reader.report("This annotations file is read-only; notes cannot be saved.")
        return
    command = editor_command()
    if command is None:
        reader.notify("Set $VISUAL or $EDITOR to write notes in your own editor; n opens the built-in one.",
                      timeout=6)
        return
    note = reader.notebook.note_of(a.id, fresh=True)
    fd, name = tempfile.mkstemp(prefix="thads-note-", suffix=".md")
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(note)
    try:
        with reader.app.suspend():
            code = subprocess.call([*command, str(path)])
    except SuspendNotSupported:
        path.unlink(missing_ok=True)
        reader.notify("This terminal cannot be handed to another program; n opens the built-in note editor.",
                      severity="warning", timeout=6)
        return
    except OSError as err:
        path.unlink(missing_ok=True)
        reader.report(f"The editor “{command[0]}” could not start ({err.strerror or err}); the note is unchanged.")
        return
    if code != 0:
        reader.report(f"The editor “{command[0]}” stopped with code {code}: the note is unchanged; "
                      f"what it wrote is kept in {path}.")
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reader.report(f"The edited note could not be read back ({err}); it is kept in {path}.")
        return
    if text.rstrip("\n") == note.rstrip("\n"):
        path.unlink(missing_ok=True)
        reader.notify("Note unchanged.", timeout=2)
        return
    from .flows import note_saved

    job = reader.notebook.note_job(a, text.rstrip("\n"), expected=note)

    def done(saved: str) -> None:
        path.unlink(missing_ok=True)
        note_saved(reader, a.id, text.rstrip("\n"), saved, None)
        reader.notify("Note saved.", timeout=2)

    job.done = done
    # the screen reports the failure itself (Saved bubbles up): here, where the text is
    job.failed = lambda _sentence: reader.notify(f"Your text is kept in {path}.", severity="warning", timeout=10)
    reader.saver.save(job)

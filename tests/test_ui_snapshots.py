"""What the reader paints, compared with SVG baselines (pytest-textual-snapshot).

Regenerate after an intended change: `python -m pytest tests/test_ui_snapshots.py --snapshot-update`,
then look at the SVGs (tests/__snapshots__/test_ui_snapshots/) before committing them.
Deterministic: a fixed corpus in a folder of a fixed name, the known-span extractor, no clock,
and the working directory as the only path that could show (the annotations file is relative).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import thads_tui.store.annotations as store_annotations
from thads_tui.ui.app import create_app

from test_ui_support import fake_extract, ready, write_articles

# Under load a DataTable row is sometimes painted as more, smaller segments of the same text and
# colours (the same picture, a different SVG); a second look settles it. A real change fails all three.
pytestmark = pytest.mark.flaky(reruns=2)


class _Frozen(datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2026, 1, 2, 3, 4, 5, tzinfo=tz)


@pytest.fixture
def reader(tmp_path, monkeypatch):
    """An app factory in a clean working directory: relative paths only in the picture."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(store_annotations, "datetime", _Frozen)  # backup names carry a time stamp
    write_articles(tmp_path / "articles")

    def make(**kw):
        return create_app(["articles"], Path("db.json"), extractor=fake_extract, **kw)

    return make


async def settle(pilot) -> None:
    """Loaded, analysed, and every table sized: a DataTable measures its columns when it next goes
    idle, which under load came after the picture (the figures panel's columns at their headers'
    widths, `13.140 việc` wrapped)."""
    from textual.widgets import DataTable

    await ready(pilot.app, pilot)
    pilot.app.clear_notifications()
    await pilot.pause()
    for _ in range(100):
        if not any(t._require_update_dimensions or t._updated_cells for t in pilot.app.screen.query(DataTable)):
            break
        await pilot.pause(0.02)


@pytest.mark.parametrize("size", [(140, 45), (100, 30), (80, 24), (60, 20)])
def test_main_screen(snap_compare, reader, size):
    assert snap_compare(reader(), terminal_size=size, run_before=settle)


def test_help(snap_compare, reader):
    assert snap_compare(reader(), terminal_size=(100, 30), run_before=settle, press=["question_mark"])


def test_palette(snap_compare, reader):
    assert snap_compare(reader(), terminal_size=(100, 30), run_before=settle, press=["ctrl+p", *"filter"])


def test_filters_dialog(snap_compare, reader):
    assert snap_compare(reader(), terminal_size=(100, 30), run_before=settle, press=["v"])


def pressed(key: str):
    """Settle, press the key, settle again (the corpus-wide views analyse in a worker)."""
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    return run_before


def test_entities_view(snap_compare, reader):
    assert snap_compare(reader(), terminal_size=(100, 30), run_before=pressed("E"))


def test_figures_view(snap_compare, reader):
    assert snap_compare(reader(), terminal_size=(120, 36), run_before=pressed("F"))


def test_note_editor(snap_compare, reader):
    assert snap_compare(reader(), terminal_size=(100, 30), run_before=settle, press=["n", *"ghi chú"])


def test_damaged_file_notice(snap_compare, reader, tmp_path):
    (tmp_path / "db.json").write_text('{"bookmarks": {"1": ', encoding="utf-8")

    async def run_before(pilot):
        await ready(pilot.app, pilot)  # the notice stays on screen

    assert snap_compare(reader(), terminal_size=(120, 36), run_before=run_before)


def test_light_theme(snap_compare, reader):
    assert snap_compare(reader(theme="textual-light"), terminal_size=(140, 45), run_before=settle)


def test_results_view(snap_compare, tmp_path, monkeypatch):
    """The results view on the bundled seeds, with the real extractor."""
    from thads_tui.analysis import analyse

    monkeypatch.chdir(tmp_path)
    app = create_app(None, Path("db.json"), extractor=analyse)
    async def run_before(pilot):  # the focus in the table: no blinking cursor in the picture
        await pressed("R")(pilot)
        table = pilot.app.screen.table
        table.focus()
        table.move_cursor(row=0, column=0, animate=False)  # the kept cursor depends on when rows came in
        await settle(pilot)

    assert snap_compare(app, terminal_size=(140, 45), run_before=run_before)

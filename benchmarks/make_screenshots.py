"""Write the README screenshots from the bundled seeds with a throwaway annotations file.

    python benchmarks/make_screenshots.py [out_dir]   # default: screenshots/
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from textual.worker import WorkerCancelled

from thads_tui.ui.app import ReaderApp, create_app
from thads_tui.ui.widgets.panels import EntityPanel

NOTE = "Ghi chú: Thứ trưởng yêu cầu rà soát các vụ việc tồn đọng, báo cáo trước quý IV."


async def settle(app: ReaderApp, pilot) -> None:
    for _ in range(20):
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            break
        for worker in busy:
            try:
                await worker.wait()
            except WorkerCancelled:
                pass
    await pilot.pause()


async def shoot(out: Path, db: Path) -> None:
    app = create_app(None, db, settings_file=Path(tempfile.gettempdir()) / "thads-screens-settings.toml")
    async with app.run_test(size=(150, 44)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")
        await settle(app, pilot)
        await pilot.press("b")
        app.save_note(app.reader.current, NOTE)
        panel = app.query_one(EntityPanel)
        first = next((i for i in range(panel.option_count) if not panel.get_option_at_index(i).disabled), None)
        if first is not None:
            panel.focus()
            panel.highlighted = first
            await pilot.press("enter")
        app.reader.sidebar.focus()
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot("main.svg", path=str(out))
        # a passage highlighted with a note and a tag: painted in the text, listed in the notes panel
        app.reader.view.focus()
        await pilot.press("a", "shift+down", "h")
        await pilot.pause()
        await pilot.press(*"Cần đối chiếu số liệu", "tab", *"so-lieu", "enter")
        await settle(app, pilot)
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot("passage.svg", path=str(out))
        await pilot.press("O")  # every note and highlight of the corpus
        await settle(app, pilot)
        await pilot.pause()
        app.save_screenshot("notes.svg", path=str(out))
        await pilot.press("escape")
        app.reader.sidebar.focus()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.save_screenshot("note-editor.svg", path=str(out))
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        app.save_screenshot("help.svg", path=str(out))
        await pilot.press("escape", "ctrl+f", *"thanh", "space", *"hoa")
        await pilot.pause(0.4)
        await settle(app, pilot)
        app.save_screenshot("search.svg", path=str(out))
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.pause(0.3)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot("search-result.svg", path=str(out))
        await pilot.press("E")
        await settle(app, pilot)
        await pilot.press(*"thi", "space", *"hanh")
        await pilot.pause()
        app.save_screenshot("entities.svg", path=str(out))
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("ctrl+b")  # bookmarked + mentions: the header shows both
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot("filtered.svg", path=str(out))
        await pilot.press("x", "v")
        await pilot.pause()
        app.save_screenshot("filters.svg", path=str(out))
        await pilot.press("escape", "F")
        await settle(app, pilot)
        await pilot.pause()
        app.save_screenshot("figures.svg", path=str(out))
        await pilot.press("escape", "R")  # the results table, with the chart of the first rate row
        await settle(app, pilot)
        await pilot.press("enter", "down", "down", "down", "right", "right", "c")
        await pilot.pause()
        app.save_screenshot("results.svg", path=str(out))
    app = create_app(None, db, settings_file=Path(tempfile.gettempdir()) / "thads-screens-settings.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        app.save_screenshot("narrow.svg", path=str(out))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(shoot(out, Path(tmp) / "db.json"))
    for name in ("main", "passage", "notes", "note-editor", "help", "search", "search-result", "entities", "filtered", "filters",
                 "figures", "results", "narrow"):
        print(out / f"{name}.svg")


if __name__ == "__main__":
    main()

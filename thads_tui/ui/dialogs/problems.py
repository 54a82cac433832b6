"""The problems met: skipped files, storage problems, failed saves and analyses."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from ..cleantext import printable
from .info import InfoScreen


class ProblemsScreen(InfoScreen):
    BINDINGS = [Binding("l", "dismiss", "Close", show=False, id="problems.close")]

    def __init__(self, problems: list[str], formats: dict[str, tuple[int, int]] | None = None) -> None:
        body = Text()
        if formats:
            body.append("Formats\n", style="bold")
            for name, (read, skipped) in formats.items():
                body.append(f"  {name:<5} {read} read, {skipped} skipped\n")
            body.append("\n")
        body.append(printable("\n".join(f"• {p}" for p in problems)) if problems else "No problems.")
        super().__init__(f"Problems ({len(problems)})", body, dialog_id="problems")

"""Word wrap by terminal cells, keeping each line's offsets into the text (the article view's
layout: entity, figure and search spans are offsets into `article.text`)."""
from __future__ import annotations

from rich.cells import get_character_cell_size

from ..cleantext import printable


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] into (start, end) offsets of at most `width` cells.

    Control characters count as what they are painted as: one space each (see `printable`)."""
    width = max(1, width)
    segment = text[start:end]
    clean = printable(segment)
    if clean != segment:  # rare (the view passes clean text): wrap a clean copy, same offsets
        text = text[:start] + clean
    lines: list[tuple[int, int]] = []
    for piece_start, piece_end in _hard_lines(text, start, end):
        pos = piece_start
        if pos == piece_end:
            lines.append((pos, pos))
        while pos < piece_end:
            cells, cut = 0, pos
            while cut < piece_end:
                w = get_character_cell_size(text[cut])
                if cells + w > width:
                    break
                cells += w
                cut += 1
            if cut >= piece_end:
                lines.append((pos, piece_end))
                break
            space = text.rfind(" ", pos, cut + 1)
            if space > pos:
                lines.append((pos, space))
                pos = space
            else:
                cut = max(cut, pos + 1)
                lines.append((pos, cut))
                pos = cut
            while pos < piece_end and text[pos] == " ":
                pos += 1
    return lines


def _hard_lines(text: str, start: int, end: int):
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            yield pos, end
            return
        yield pos, nl
        pos = nl + 1

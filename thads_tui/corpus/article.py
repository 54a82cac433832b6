"""One article as the reader sees it: normalised text plus where its parts lie in that text."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Article:
    """A decoded, NFC-normalised article.

    Every offset (paragraphs, the extractor's entities and figures, search hits) points into
    `text`, so highlights land exactly. `paragraphs` are the body: the text without the title
    lines, the date/source lines, photo captions and site boilerplate.
    """

    id: str
    path: Path
    text: str
    title: str
    date: str | None = None
    source: str | None = None
    paragraphs: tuple[tuple[int, int], ...] = field(default=())
    format: str = "txt"  # the reader that made it: txt, md, html, docx, pdf, json
    # (start, end, kind) into `text`: heading1..heading6, bold, italic, list_item (Markdown)
    styles: tuple[tuple[int, int, str], ...] = field(default=())
    key: str | None = None  # the record in a many-article file ("line 17"); None for one file, one article

    @property
    def file(self) -> str:
        return f"{self.path.name} ({self.key})" if self.key else self.path.name

    @property
    def body(self) -> str:
        return "\n\n".join(self.text[s:e] for s, e in self.paragraphs)

    def in_body(self, offset: int) -> bool:
        """Is text[offset] in the body the reader shows (not the title, date line or byline)?"""
        return in_body(self.paragraphs, offset)

    def citation(self) -> dict:
        """What a note or bookmark records so it can be cited without the corpus at hand."""
        return {"title": self.title, "date": self.date, "source": self.source, "file": str(self.path)}


def in_body(paragraphs, offset: int) -> bool:
    """Article.in_body on (start, end) paragraphs in order (tuples or, as stored, lists)."""
    if not paragraphs:
        return True
    i = bisect_right(paragraphs, [offset, float("inf")] if isinstance(paragraphs[0], list)
                     else (offset, float("inf"))) - 1
    return i >= 0 and offset < paragraphs[i][1]

"""Passage selection and highlights in the reader (issue 11).

The selection starts at the sentence under the top of the view and grows by sentences or to the
whole paragraph; `h` turns it into a highlight (note + tags, see dialogs/highlight_editor.py).
Highlights are painted as their own layer (`ArticleView.set_layer("highlights", ...)`), above the
entity colours, so a highlight over an entity shows both.
"""
from __future__ import annotations

import re

from ..store.anchor import make_anchor

_SENTENCE_END = re.compile(r"[.!?…;:](?=\s)|\n")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end] as (start, end), surrounding spaces left out."""
    out, pos = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, end))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


class Selection:
    """A run of whole sentences of one article: [first, last] sentence indexes."""

    def __init__(self, text: str, paragraphs, offset: int) -> None:
        self.text = text
        self.paragraphs = list(paragraphs or ((0, len(text)),))
        self.sentences = [s for p in self.paragraphs for s in sentences(text, *p)] or [(0, len(text))]
        self.first = self.last = self._sentence_at(offset)
        self.exact: tuple[int, int] | None = None  # a span dragged with the mouse, not whole sentences

    def _sentence_at(self, offset: int) -> int:
        return next((k for k, (s, e) in enumerate(self.sentences) if e > offset), len(self.sentences) - 1)

    @classmethod
    def spanning(cls, text: str, paragraphs, start: int, end: int) -> "Selection":
        """Exactly text[start:end] (spaces at either end left out); extending it goes by sentences."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        selection = cls(text, paragraphs, start)
        selection.last = max(selection.first, selection._sentence_at(max(start, end - 1)))
        selection.exact = (start, end) if start < end else None
        return selection

    @property
    def span(self) -> tuple[int, int]:
        if self.exact is not None:
            return self.exact
        return self.sentences[self.first][0], self.sentences[self.last][1]

    @property
    def quote(self) -> str:
        return self.text[slice(*self.span)]

    def extend(self, delta: int) -> None:
        """One more sentence after (delta 1), or one fewer (delta -1; never below one)."""
        if self.exact is not None:  # from a dragged span: its whole sentences, then one more or fewer
            self.exact = None
            if delta < 0:
                return
        self.last = max(self.first, min(len(self.sentences) - 1, self.last + delta))

    def paragraph(self) -> None:
        """Grow to the whole paragraph of the last sentence, then to the next paragraph."""
        self.exact = None
        end = self.sentences[self.last][1]
        for ps, pe in self.paragraphs:
            if ps <= self.sentences[self.last][0] < pe:
                target = pe if end < pe else next((e for s, e in self.paragraphs if s >= pe), pe)
                self.last = max(k for k, (s, e) in enumerate(self.sentences) if e <= target)
                first = min(k for k, (s, e) in enumerate(self.sentences) if s >= ps)
                self.first = min(self.first, first)
                return

    def anchor(self) -> dict:
        start, end = self.span
        return {**make_anchor(self.text, start, end), "start": start, "end": end}


def add_highlight(ann, article, selection: Selection, note: str, tags) -> str:
    """Store the selection as a highlight (raises the store's error: run it as a save job)."""
    paragraph = next((i for i, (s, e) in enumerate(selection.paragraphs) if s <= selection.span[0] < e), None)
    return ann.add_passage_note(article.id, text=note, tags=tags, paragraph=paragraph,
                                citation=article.citation(), **selection.anchor())

"""Markdown (.md, .markdown): the text without its markup, and where the markup styled it.

Headings lose their `#`, bold/italic their `**`/`_`, links keep their words, list items
their words (a numbered item keeps its number), code its content; soft-wrapped lines of a
paragraph are joined. `styles` say where headings (heading1..heading6), bold, italic and list
items lie in the text, for the reader to paint. The title is the first heading's text; YAML
front matter gives title, date and author when present. The article id is computed from the
raw file, so notes taken when Markdown was shown raw stay attached.
"""
from __future__ import annotations

import re

from ..decode import decode
from .base import MAX_TEXT_CHARS, Document, FormatError, clean, iso_date

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_NUMBERED = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]+")
_FRONT = re.compile(r"^(title|date|author|source)\s*:\s*(.*)$", re.IGNORECASE)
# Inline markup, tried left to right; each closes on the nearest match within the same line.
_INLINE = re.compile(
    r"(?P<esc>\\[\\`*_{}\[\]()#+\-.!>~|])"
    r"|(?P<code>`+)(?P<code_text>.+?)(?P=code)"
    r"|!\[(?P<alt>[^\]\n]{0,500})\]\([^)\n]{0,2000}\)"
    r"|\[(?P<link>[^\]\n]{1,500})\]\([^)\n]{0,2000}\)"
    r"|<(?P<auto>https?://[^>\s]{1,2000})>"
    r"|(?P<strong>\*\*|__)(?P<strong_text>\S(?:.{0,2000}?\S)?)(?P=strong)"
    r"|(?P<em>\*|(?<![\w])_)(?P<em_text>\S(?:.{0,2000}?\S)?)(?P=em)(?![\w])"
    r"|<(?P<tag>/?[A-Za-z][A-Za-z0-9]{0,20}\b[^<>\n]{0,500})>"
)
MAX_INLINE_LINE = 20_000  # a longer line keeps its characters as they are


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.styles: list[tuple[int, int, str]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def inline(self, line: str, depth: int = 0) -> None:
        """Append line without inline markup, recording bold/italic spans."""
        if depth > 4 or len(line) > MAX_INLINE_LINE:
            self.add(line)
            return
        pos = 0
        for m in _INLINE.finditer(line):
            self.add(line[pos:m.start()])
            pos = m.end()
            kind = m.lastgroup
            if m["esc"]:
                self.add(m["esc"][1])
            elif m["code"]:
                self.add(m["code_text"])
            elif m["alt"] is not None and m.group(0).startswith("!"):
                self.add(m["alt"])
            elif m["link"]:
                self.inline(m["link"], depth + 1)
            elif m["auto"]:
                self.add(m["auto"])
            elif m["strong"]:
                self._styled(m["strong_text"], "bold", depth)
            elif m["em"]:
                self._styled(m["em_text"], "italic", depth)
            elif kind == "tag" or m["tag"]:
                pass  # inline HTML tags (<br>, <span>) carry no words
        self.add(line[pos:])

    def _styled(self, text: str, kind: str, depth: int) -> None:
        start = self.size
        self.inline(text, depth + 1)
        self.styles.append((start, self.size, kind))

    def block(self, text: str, kind: str | None = None) -> str:
        """Append a block (after a blank line) and return its text."""
        if self.size:
            self.add("\n\n")
        start, first = self.size, len(self.parts)
        self.inline(text)
        if kind:
            self.styles.append((start, self.size, kind))
        return "".join(self.parts[first:])


def _front_matter(lines: list[str]) -> tuple[dict, int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    meta = {}
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in ("---", "..."):
            return meta, i + 1
        m = _FRONT.match(lines[i].strip())
        if m:
            meta[m[1].lower()] = m[2].strip().strip("\"'")
    return {}, 0


def convert(source: str) -> tuple[str, tuple, str | None, dict]:
    """Markdown source to (text, styles, first heading, front matter)."""
    lines = source.split("\n")
    meta, i = _front_matter(lines)
    out = _Builder()
    heading: str | None = None
    para: list[str] = []

    def flush() -> None:
        if para:
            out.block(" ".join(x.strip() for x in para))
            para.clear()

    while i < len(lines):
        raw = lines[i]
        line = raw
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        fence = _FENCE.match(line)
        if fence:
            flush()
            mark, code = fence[1], []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(mark):
                code.append(lines[i])
                i += 1
            if code:
                out.add("\n\n" if out.size else "")
                out.add("\n".join(code))
            i += 1
            continue
        if not line.strip():
            flush()
        elif (m := _ATX.match(line)) and m[2] is not None:
            flush()
            found = out.block(m[2].strip(), f"heading{len(m[1])}")
            heading = heading or found
        elif para and _SETEXT.match(line):  # `Title` over `=====` or `-----`
            found = out.block(" ".join(x.strip() for x in para), "heading1" if "=" in line else "heading2")
            para.clear()
            heading = heading or found
        elif _RULE.match(line):
            flush()
        elif (m := _BULLET.match(line) or _NUMBERED.match(line)):
            flush()
            item = line[m.end():] if _BULLET.match(line) else line.strip()
            out.block(item.strip(), "list_item")
        else:
            para.append(line)
        i += 1
    flush()
    text = "".join(out.parts)
    return text, tuple(sorted(out.styles)), heading, meta


def read(data: bytes) -> list[Document]:
    source = decode(data)
    text, styles, heading, meta = convert(source)
    if not text.strip():
        raise FormatError("no text")
    if len(text) > MAX_TEXT_CHARS:
        raise FormatError("too much text")
    title = clean(meta.get("title")) or clean(heading)
    paragraphs = None
    if title and heading and not text.startswith(heading):
        # the first heading is not the first line: the body is every block but that heading
        blocks, pos = [], 0
        for chunk in text.split("\n\n"):
            if chunk.strip() and chunk != heading:
                blocks.append((pos, pos + len(chunk)))
            pos += len(chunk) + 2
        paragraphs = tuple(blocks)
    return [Document(text=text, format="md", title=title, date=iso_date(meta.get("date")),
                     source=clean(meta.get("author") or meta.get("source")), styles=styles,
                     paragraphs=paragraphs, id_text=source)]

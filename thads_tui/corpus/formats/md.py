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
# Inline markup other than emphasis, tried left to right; every part is bounded, so a line
# is scanned in linear time whatever it holds.
_INLINE = re.compile(
    r"(?P<esc>\\[\\`*_{}\[\]()#+\-.!>~|])"
    r"|(?P<code>`{1,3})(?P<code_text>[^`\n]{1,500})(?P=code)"
    r"|!\[(?P<alt>[^\]\n]{0,300})\]\([^)\n]{0,1000}\)"
    r"|\[(?P<link>[^\]\n]{1,300})\]\([^)\n]{0,1000}\)"
    r"|<(?P<auto>https?://[^>\s]{1,1000})>"
    r"|<(?P<tag>/?[A-Za-z][A-Za-z0-9]{0,20}\b[^<>\n]{0,300})>"
)
_DELIM = re.compile(r"\*\*|__|\*|(?<!\w)_")


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
        if depth > 4:
            self.add(line)
            return
        pos = 0
        for m in _INLINE.finditer(line):
            self.emphasis(line[pos:m.start()], depth)
            pos = m.end()
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
            # an inline HTML tag (<br>, <span>) carries no words
        self.emphasis(line[pos:], depth)

    def emphasis(self, text: str, depth: int) -> None:
        """`**bold**`, `__bold__`, `*italic*`, `_italic_`: each opener paired with the next
        closer of its kind; a kind with no closer left is not looked for again (linear)."""
        pos = i = 0
        exhausted: set[str] = set()
        while depth <= 4 and (m := _DELIM.search(text, i)):
            mark, i = m.group(), m.end()
            if mark in exhausted or i >= len(text) or text[i].isspace():
                continue
            close = text.find(mark, i + 1)
            if close < 0:
                exhausted.add(mark)
                continue
            if text[close - 1].isspace() or (mark == "_" and close + 1 < len(text) and text[close + 1].isalnum()):
                continue
            self.add(text[pos:m.start()])
            start = self.size
            self.emphasis(text[i:close], depth + 1)
            self.styles.append((start, self.size, "bold" if len(mark) == 2 else "italic"))
            pos = i = close + len(mark)
        self.add(text[pos:])

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

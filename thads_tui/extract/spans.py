"""Candidate spans and the overlap rules between them.

Recognisers propose candidates freely; `pick` keeps, per type, a non-overlapping set (earlier
start first, then higher priority, then longer), and `Blocker` lets a later recogniser ignore
text an earlier one already explained (numbers inside dates are not figures, etc.).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str
    canonical: str = ""
    role: str | None = None
    priority: int = 0
    extra: dict | None = None  # figures: value/unit/qualifier/of/measure


def pick(spans: list[Span]) -> list[Span]:
    """Greedy left-to-right choice: at each start the best candidate wins, overlaps drop.

    "Best" = higher priority, then longer; a candidate starting inside a kept one is dropped,
    and a kept one is replaced when a later-starting candidate of higher priority covers it.
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.priority, -(s.end - s.start)))
    kept: list[Span] = []
    for s in ordered:
        if kept and s.start < kept[-1].end:
            last = kept[-1]
            if s.priority > last.priority and s.end >= last.end:
                kept[-1] = s
            continue
        kept.append(s)
    return kept


class Blocker:
    """Fast 'does [a, b) overlap any of these spans' for a fixed, non-overlapping-or-not set."""

    def __init__(self, spans=()):
        starts: list[int] = []
        ends: list[int] = []
        last = -1  # the end of the last merged run (offsets are >= 0)
        for start, end in sorted([(s.start, s.end) for s in spans]):
            if starts and start <= last:
                if end > last:
                    last = ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
                last = end
        self.starts = starts
        self.ends = ends

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start

    def inside(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


def scan(rx: re.Pattern, text: str, bad_left: re.Pattern | None = None, start: int = 0):
    """`rx.finditer`, skipping matches glued to a preceding character matched by `bad_left`.

    This is a leading `(?<!...)` done outside the regex: CPython only uses its fast literal /
    first-character scan when a pattern does not start with an assertion, which makes most
    recognisers several times faster.
    """
    pos = start
    glue = _glue_run(bad_left) if bad_left is not None else None
    glued = _left_chars(bad_left) if bad_left is not None else None
    while True:  # finditer runs on until a glued or empty match makes it restart past it
        for m in rx.finditer(text, pos):
            s, e = m.span()
            if glued is not None and s and (glued.get(text[s - 1]) or (
                    glued.get(text[s - 1]) is None and _is_glued(glued, bad_left, text[s - 1]))):
                # every start up to the end of the glue run after s is glued too
                pos = glue(text, s).end() + 1
                break
            yield m
            if e == s:
                pos = s + 1
                break
        else:
            return


_GLUE_RUNS: dict[re.Pattern, object] = {}
_LEFT_CHARS: dict[re.Pattern, dict[str, bool]] = {}


def _left_chars(bad_left: re.Pattern) -> dict[str, bool]:
    """Memo of `bad_left` (a one-character class) per character: a dict lookup instead of
    a regex call for every match a recogniser finds."""
    memo = _LEFT_CHARS.get(bad_left)
    if memo is None:
        memo = _LEFT_CHARS[bad_left] = {}
    return memo


def _is_glued(memo: dict[str, bool], bad_left: re.Pattern, ch: str) -> bool:
    glued = memo.get(ch)
    if glued is None:
        if len(memo) > 4096:
            memo.clear()
        glued = memo[ch] = bad_left.match(ch) is not None
    return glued


def _glue_run(bad_left: re.Pattern):
    """`match` of a run of `bad_left` characters (a one-character class): a match starting
    inside such a run, or right after it, is glued like the one at its start."""
    run = _GLUE_RUNS.get(bad_left)
    if run is None:
        run = _GLUE_RUNS[bad_left] = re.compile(f"(?:{bad_left.pattern})*", bad_left.flags).match
    return run


def anchored(rx: re.Pattern, anchor: re.Pattern, text: str, bad_left: re.Pattern | None = None,
             until: int | None = None):
    """`scan(rx, text, bad_left)` for a pattern CPython cannot scan fast (it starts with an
    optional part or a group of alternatives): `anchor`, a fast pattern that matches wherever
    `rx` can start, finds the candidates and `rx` is tried at each. Same matches as `scan`;
    with `until`, only the matches whose anchor ends by `until` (the caller knows none after)."""
    q = 0
    search, match = anchor.search, rx.match
    glue = _glue_run(bad_left) if bad_left is not None else None
    end = len(text) if until is None else until
    while True:
        a = search(text, q, end)
        if a is None:
            return
        p = a.start()
        if bad_left is not None and p and bad_left.match(text, p - 1):
            q = glue(text, p).end() + 1  # no start is free before the glue run ends
            continue
        m = match(text, p)
        if m is None:
            q = p + 1
            continue
        yield m
        q = m.end() if m.end() > p else p + 1


def at_literals(rx: re.Pattern, heads: tuple[str, ...], text: str,
                bad_left: re.Pattern | None = None) -> list[re.Match]:
    """`list(scan(rx, text, bad_left))` for a pattern every match of which starts with one of
    a few literals (`heads`): CPython scans a pattern opening with alternatives or a character
    set (`(?:UBND|HĐND)`, `[Bb]ộ`) for its first characters one by one, about ten times
    slower than `str.find` looks for each literal. `rx` is tried where a head starts only,
    left to right, a match's end skipping the starts inside it: the same matches as `scan`."""
    find = text.find
    starts = set()
    for h in heads:
        i = find(h)
        while i >= 0:
            starts.add(i)
            i = find(h, i + 1)
    if not starts:
        return []
    out = []
    match = rx.match
    glue = _glue_run(bad_left) if bad_left is not None else None
    glued = _left_chars(bad_left) if bad_left is not None else None
    q = 0
    for p in sorted(starts):
        if p < q:
            continue
        if glued is not None and p and (glued.get(text[p - 1]) or (
                glued.get(text[p - 1]) is None and _is_glued(glued, bad_left, text[p - 1]))):
            q = glue(text, p).end() + 1  # no start is free before the glue run ends
            continue
        m = match(text, p)
        if m is None:
            continue
        out.append(m)
        q = m.end() if m.end() > p else p + 1
    return out


def at_line_starts(rx: re.Pattern, text: str, holds: str):
    """`rx.finditer(text)` for a pattern starting with `(?:^|\n)` whose matches stay on
    one line and hold the literal `holds` (`:` after a headline's place): tried at the start
    and at each line break before a line holding it (most lines hold none)."""
    match, find, rfind = rx.match, text.find, text.rfind
    m = match(text, 0)
    if m is not None:
        yield m
    q = max(m.end(), 1) if m is not None else 1  # the first line break still to try
    c = find(holds, q)
    while c >= 0:
        i = rfind("\n", 0, c)  # the break before the line holding `holds` at c
        if i >= q:
            m = match(text, i)
            if m is not None:
                yield m
            q = max(i + 1, m.end() if m is not None else 0)
        i = find("\n", c)  # on to the next line holding it
        c = find(holds, i) if i >= 0 else -1


WORD_LEFT = re.compile(r"\w")

# "\s" in a recogniser's pattern means horizontal space only: no entity or figure crosses a
# line break (a heading, a paragraph end, an image caption is never part of a name).
_BACKSLASH_S = re.compile(r"(?<!\\)((?:\\\\)*)\\s")
H_SPACE = r"[^\S\n]"


def compile_line(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile` with every `\\s` read as a horizontal space, so matches stay on one line."""
    return re.compile(_BACKSLASH_S.sub(lambda m: m.group(1) + H_SPACE, pattern), flags)


def one_line(text: str, spans: list[Span]) -> list[Span]:
    """The spans that do not cross a line break: the central guarantee behind compile_line."""
    find = text.find
    return [s for s in spans if find("\n", s.start, s.end) < 0]

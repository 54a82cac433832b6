"""Legal references: numbered documents (`Nghị quyết số 96/2019/QH14`, `Chỉ thị 16-CT/TU`,
`Kế hoạch số 204/KH-UBND`), their short forms (`Nghị quyết số 27`) and named laws
(`Luật Đất đai`, `Bộ luật Dân sự`).

A document number must carry an issuer code (letters after '/' or '-'); that is what tells
`Chỉ thị 16-CT/TU` from a date. The short form `<type> số N` is linked to the full number of
the same type in the article when there is one.
"""
from __future__ import annotations

import re
from functools import cache

from .lexicon import ACRO_WORD, CAP_WORD, LOWER, stop_pattern, trie_pattern, word_list
from .spans import WORD_LEFT, Span, anchored, at_literals, compile_line, scan

DOC_TYPES = (
    "Nghị quyết liên tịch", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Kế hoạch",
    "Thông tư liên tịch", "Thông tư", "Công văn", "Văn bản", "Thông báo", "Kết luận",
    "Hướng dẫn", "Công điện", "Quy định", "Pháp lệnh", "Báo cáo", "Tờ trình", "Quy chế",
    "Đề án", "Chương trình", "Lệnh", "Luật", "Bộ luật",
    # Court and enforcement decisions are numbered documents too (Bản án số 15/2015/DS-PT).
    "Quyết định thi hành án", "Quyết định cưỡng chế", "Quyết định giám đốc thẩm",
    "Quyết định tái thẩm", "Quyết định kháng nghị", "Kháng nghị",
) + tuple(f"Bản án {kind}{stage}".strip() for kind in (
    "", "hình sự ", "dân sự ", "hành chính ", "kinh doanh thương mại ", "kinh doanh, thương mại ",
    "lao động ", "hôn nhân và gia đình ", "hôn nhân gia đình ") for stage in ("", "sơ thẩm",
                                                                           "phúc thẩm"))
_CODE = r"\d+[a-z]?(?:[/-][0-9A-Za-zĐđ]+)+"


@cache
def _anchors() -> tuple[re.Pattern, re.Pattern]:
    """Where a numbered reference (its lead or type) or a named law can start: literal tries
    CPython scans fast, unlike the patterns' optional lead and top-level alternatives."""
    # A numbered reference's type (after an optional lead, itself a type or `Dự thảo`) is
    # followed by its number: the anchor asks for that digit too, so the many bare type words
    # (`kế hoạch`, `báo cáo`, `luật`) cost no match attempt. It matches wherever `numbered` can.
    types = trie_pattern(_TYPE_FORMS)
    return (re.compile(rf"{trie_pattern(_TYPE_FORMS + ('Dự thảo',))}(?:\s+{types})?"
                       r"(?:\s+(?i:số))?\s+\d"),
            re.compile(trie_pattern(("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp"))))


_NAMED_HEADS = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")  # where a named law can start
_TYPE_FORMS = DOC_TYPES + tuple(t[0].lower() + t[1:] for t in DOC_TYPES)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    types = trie_pattern(_TYPE_FORMS)
    # "Thông báo kết luận số ...": a document type may be introduced by another one.
    lead = r"(?:(?:Thông báo|Báo cáo|Dự thảo|Tờ trình)\s+)?"
    numbered = compile_line(
        rf"{lead}(?P<t>{types})(?:\s+(?i:số))?\s+(?P<n>{_CODE})(?![\w/-])")
    short = compile_line(rf"(?P<t>{types})\s+(?i:số)\s+(?P<n>\d+(?:/\d{{4}})?)(?![\w/-])")
    word = rf"(?:{LOWER}+|{ACRO_WORD})"
    stop = stop_pattern()
    named = compile_line(
        rf"(?P<t>Bộ luật|Luật|Pháp lệnh)\s+(?P<n>{trie_pattern(word_list('laws.txt'))}"
        rf"(?!\w)|(?:{CAP_WORD}|{ACRO_WORD})(?:\s+(?!{stop}(?!\w)){word}(?!\w)){{0,6}})"
        rf"|(?P<h>Hiến pháp)(?!\w)")
    return numbered, short, named


# A whole run of '/'- or '-'-joined parts, read possessively from its first digit only: the
# older pattern backtracked through every suffix of a long digit run (quadratic: 32,000
# digits took 20 s). A run is a document number when a part after a separator has a capital.
# (`[0-9][0-9]*+`, not `[0-9]++`: a pattern opening with a character set is scanned fast.)
_DOC_NUMBER = re.compile(r"[0-9][0-9]*+[a-z]?(?:[/-][0-9A-Za-zĐđ]++)*+")  # `*+`: a bare run is consumed whole
_GLUED = re.compile(r"[\w/-]")
_ISSUER = re.compile(r"[/-][0-9A-Za-zĐđ]*[A-ZĐ]")


def document_numbers(text: str) -> list[Span]:
    """Every `15/2015/DS-PT`, `16-CT/TU`, `196/QĐ-TCTHADS`, with or without a document type
    before it: the codes inside (DS, PT, QĐ) are parts of a number, not acronyms."""
    out = []
    if "/" not in text and "-" not in text:
        return out  # (no run has a separator: one-character `in`s, no scan)
    for m in _DOC_NUMBER.finditer(text):
        # a run glued to a word (`A12/B`) is no number, nor any part of it: every character
        # of a run is glue for the next, so no number starts inside it either
        run = m.group()
        if "/" not in run and "-" not in run:
            continue  # a bare number (most runs): no issuer, and no regex to say so
        if (m.start() and _GLUED.match(text, m.start() - 1)) or not _ISSUER.search(run):
            continue
        out.append(Span(m.start(), m.end(), "NUMBER"))
    return out


# `(?i:số)\s+N` ending the short form (`ſ` is a lowercase `s` to (?i)): a superset of its matches.
# Looked for from its rarer second letter, each case a literal CPython finds fast (a leading
# `[sSſ]` is tried at every `s`); no match holds another `ố`, so none hides one.
_SHORT_CUES = tuple(compile_line(o + r"\s+\d+(?:/\d{4})?(?![\w/-])") for o in "ốỐ")


def _short_cue(text: str) -> bool:
    for rx in _SHORT_CUES:
        for m in rx.finditer(text):
            s = m.start()
            if s and text[s - 1] in "sSſ":
                return True
    return False


# Characters outside the blocks Vietnamese text is written in, which hold every decimal digit
# but 0-9 (`\d` reads Arabic-Indic or fullwidth digits too): rare, and then nothing is assumed.
_NOT_LATIN = re.compile("[^\x00-\u065f\u1e00-\u1eff\u2000-\u2bff]")


def _numbered_until(text: str, numbers: list[Span]) -> int:
    """Where the anchor of the last numbered reference with an issuer can end: its number is
    one of `numbers` (digits 0-9, a space before it, a capital after a separator), and its
    anchor ends at that number's first digit. Most articles hold none: no anchor scan at all."""
    if _NOT_LATIN.search(text):
        return len(text)
    return numbers[-1].start + 1 if numbers else 0


def find_legal(text: str, numbers: list[Span] | None = None) -> list[Span]:
    """`numbers`: `document_numbers(text)`, when the caller has them."""
    numbered, short, named = _patterns()
    numbered_at, named_at = _anchors()
    out: list[Span] = []
    full: dict[tuple[str, str], str] = {}
    until = _numbered_until(text, document_numbers(text) if numbers is None else numbers)
    for m in anchored(numbered, numbered_at, text, WORD_LEFT, until):
        if not re.search(r"[A-ZĐ]", m.group("n")):
            continue
        ref = m.group()
        kind = m.group("t").lower()
        full.setdefault((kind, re.match(r"\d+", m.group("n")).group()), ref)
        out.append(Span(m.start(), m.end(), "LEGAL_REF", ref, priority=2,
                        extra={"num": (m.start("n"), m.end("n"))}))
    # Every short form holds `số` then a digit: most articles have none, and the scan for its
    # many possible first letters costs more than this one check.
    for m in scan(short, text, WORD_LEFT) if _short_cue(text) else ():
        key = (m.group("t").lower(), m.group("n").split("/")[0])
        out.append(Span(m.start(), m.end(), "LEGAL_REF", full.get(key, m.group()), priority=1,
                        extra={"num": (m.start("n"), m.end("n"))}))
    for m in at_literals(named, _NAMED_HEADS, text, WORD_LEFT):
        out.append(Span(m.start(), m.end(), "LEGAL_REF", " ".join(m.group().split())))
    return out

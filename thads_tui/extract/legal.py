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
from .spans import WORD_LEFT, Span, compile_line, scan

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
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    types = trie_pattern(DOC_TYPES + tuple(t[0].lower() + t[1:] for t in DOC_TYPES))
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
_DOC_NUMBER = re.compile(r"(?<![\w/-])[0-9]++[a-z]?(?:[/-][0-9A-Za-zĐđ]++)*+")
_ISSUER = re.compile(r"[/-][0-9A-Za-zĐđ]*[A-ZĐ]")


def document_numbers(text: str) -> list[Span]:
    """Every `15/2015/DS-PT`, `16-CT/TU`, `196/QĐ-TCTHADS`, with or without a document type
    before it: the codes inside (DS, PT, QĐ) are parts of a number, not acronyms."""
    return [Span(m.start(), m.end(), "NUMBER") for m in _DOC_NUMBER.finditer(text)
            if _ISSUER.search(m.group())]


def find_legal(text: str) -> list[Span]:
    numbered, short, named = _patterns()
    out: list[Span] = []
    full: dict[tuple[str, str], str] = {}
    for m in scan(numbered, text, WORD_LEFT):
        if not re.search(r"[A-ZĐ]", m.group("n")):
            continue
        ref = m.group()
        kind = m.group("t").lower()
        full.setdefault((kind, re.match(r"\d+", m.group("n")).group()), ref)
        out.append(Span(m.start(), m.end(), "LEGAL_REF", ref, priority=2,
                        extra={"num": (m.start("n"), m.end("n"))}))
    for m in scan(short, text, WORD_LEFT):
        key = (m.group("t").lower(), m.group("n").split("/")[0])
        out.append(Span(m.start(), m.end(), "LEGAL_REF", full.get(key, m.group()), priority=1,
                        extra={"num": (m.start("n"), m.end("n"))}))
    for m in scan(named, text, WORD_LEFT):
        out.append(Span(m.start(), m.end(), "LEGAL_REF", " ".join(m.group().split())))
    return out

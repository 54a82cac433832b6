"""Title, date, source and body of an article file, found from how news pages are laid out.

Scraped articles start with the title (sometimes after a `date 2019-12` marker), often repeat it,
carry a date line (`13/04/2022`), photo captions (`... ảnh 1`), a byline at the end
(`Trần Thanh`, `Phạm Minh Đức - VPTC`) and site boilerplate (`Cùng chuyên mục`, `Đọc thêm`).
The body keeps offsets into the text so highlights land exactly.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
import datetime

_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b\s*", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:thứ\s+\w+|chủ nhật)\s*,?\s*)?(?:ngày\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\(?GMT[+-]\d+\)?)?\s*$",
    re.IGNORECASE,
)
_ISO_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_SOURCE_PREFIX = re.compile(r"^\s*\(([A-ZĐ][A-Za-zĐđ.\- ]{1,30})\)\s*[-–—:]\s*")
_CAPTION = re.compile(r"(?:\bảnh\s+\d+\s*$)|(?:^\(?\s*(?:ảnh|nguồn ảnh)\s*:)", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^\s*(cùng chuyên mục|đọc thêm|các tin khác|tin liên quan|tin cùng chuyên mục|bài viết liên quan"
    r"|xem thêm|tin khác|bài liên quan|chia sẻ bài viết|in bài viết|bình luận)\s*:?\s*$",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?![\d/-])")
# (?<!\d): a match starts only where a digit run does, so a long run is tried once, not once
# per digit (which made a 32,000-digit line take seconds).
_DOC_NUMBER = re.compile(r"(?<!\d)\d+[/-](?:19|20)\d{2}[/-][\wĐđ-]+")
_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})(?![\d/-])")
# a year is a run of exactly four digits; the run's start is checked by _years (a leading
# `(?<!\d)` would make CPython try the pattern at every character: 3.6x slower)
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_AROUND = 40  # characters each side of a year: a document number or a date holding it fits
_SENTENCE_END = re.compile(r"[.!?;:…\"”]\s*$")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?$")
# Where a sentence may end inside a long line: the mark, closing quotes, then space.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»)]*\s+")
TITLE_MAX = 200  # a first line longer than this is not a title: the first sentence is
LONG_LINE = 1200  # a body line longer than this is split into paragraphs of a few sentences
PARAGRAPH_TARGET = 500


@dataclass(frozen=True, slots=True)
class Layout:
    title: str
    date: str | None
    source: str | None
    paragraphs: tuple[tuple[int, int], ...]
    date_inferred: bool = False  # read from the lead (its full date, or its day with the year the text mentions most)


def article_id(text: str) -> str:
    """Same words, same id: a renamed, moved, re-encoded or re-wrapped copy keeps its notes."""
    canonical = "\n".join(filter(None, [" ".join(line.split()) for line in text.split("\n")]))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _lines(text: str):
    """(start, end, stripped) for every non-blank line, offsets of the stripped content."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            yield start, start + len(stripped), stripped
        pos += len(raw) + 1


def _iso_from_line(line: str) -> str | None:
    m = _DATE_LINE.match(line)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return None
    m = _ISO_LINE.match(line)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return None


def _looks_like_byline(line: str) -> bool:
    """`Trần Thanh`, `Phạm Minh Đức - VPTC`, `Nguyễn Hà - Cục THADS tỉnh Khánh Hòa`."""
    if len(line) > 70 or _SENTENCE_END.search(line):
        return False
    name, _, unit = re.sub(r"\s+[-–—]\s+", " - ", line.strip("()")).partition(" - ")
    words = name.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return False
    unit_words = unit.split()
    return len(unit_words) <= 8 and (not unit_words or unit_words[0][0].isupper())


def _years_outside_numbers(text: str) -> Counter:
    """Years the text talks about: not those inside document numbers (`15/2015/DS-PT`) or
    inside full dates of past events (`20-8-2015`), which say little about when it was written.
    Each year is judged in a window around it (2.4x quicker than masking the whole text, the same
    answer on 10,000 real articles)."""
    years: Counter = Counter()
    for m in _years(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before not in "/.-" and not (before.isalnum() or before == "_") and after not in "/-":
            # `năm 2019`: a year inside a number or a date has a letter, digit or separator
            # before it, or opens one (`2015/2016/QĐ`); the windows below are for those
            years[int(m.group())] += 1
            continue
        lo = max(0, m.start() - _AROUND)
        window = text[lo:m.end() + _AROUND]
        a, b = m.start() - lo, m.end() - lo
        if any(d.start() <= a and b <= d.end() for d in _DOC_NUMBER.finditer(window)):
            continue
        masked = _DOC_NUMBER.sub(lambda d: " " * len(d.group()), window)  # as the dates are found after them
        if any(d.start() <= a and b <= d.end() for d in _FULL_DATE.finditer(masked)):
            continue
        years[int(m.group())] += 1
    return years


def _years(text: str):
    """The matches of `(?<!\\d)(?:19|20)\\d\\d(?!\\d)`: no start inside a rejected match is free."""
    for m in _YEAR.finditer(text):
        if not (m.start() and text[m.start() - 1].isdecimal()):
            yield m


def _inferred_date(text: str, lead: str, this_year: int | None = None) -> str | None:
    """The date in the lead (`Ngày 20-10-2021`), else its day/month (`Chiều 24/9`) with the
    year the text talks about most (the latest one on a tie); a lead that names no day gives
    no date. A year after this one is a plan or a forecast (`đến năm 2050`), never when the
    text was written.

    A year alone is never the date: the years a text mentions are a car's model (`Mazda3
    2017`), a history (`Phantom ... 1930`) or the past year reviewed as often as the year of
    writing. Of 10,000 real news articles all written in 2017, 4,758 were dated by a year
    alone this way, and 2,999 of those years were wrong (1930, 1980, 2011...)."""
    this_year = this_year or datetime.date.today().year
    m = _FULL_DATE.search(lead[:40])  # the lead opens with the event's date; later ones cite the past
    if m and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12 and int(m[3]) <= this_year:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
    day = _DAY_MONTH.search(lead)
    if not (day and 1 <= int(day[1]) <= 31 and 1 <= int(day[2]) <= 12):
        return None
    year = reference_year(text, this_year)
    return None if year is None else f"{year}-{int(day[2]):02d}-{int(day[1]):02d}"


def reference_year(text: str, this_year: int | None = None) -> str | None:
    """The year the text talks about most (the latest on a tie; none after this one): no
    article's date, but what a yearless period means when the article has none (`6 tháng đầu
    năm` in a report on 2018 is 2018's; the extractor is given it instead of a date)."""
    this_year = this_year or datetime.date.today().year
    years = _years_outside_numbers(text) or Counter(int(m.group()) for m in _years(text))
    years = Counter({y: n for y, n in years.items() if y <= this_year})
    return f"{max(years, key=lambda y: (years[y], y)):04d}" if years else None


def _sentence_ends(text: str, start: int, stop: int):
    """(end, next) for each likely sentence end in text[start:stop]: `end` just after the mark,
    `next` where the following sentence starts. `TP. Hồ Chí Minh` and `Ô. Nguyễn` are not ends
    (a word of under three letters before the mark). One pass: linear in the length."""
    for m in _SENTENCE_BREAK.finditer(text, start, stop):
        nxt = m.end()
        if nxt >= stop:
            continue
        c = text[nxt]
        if not (c.isupper() or c.isdigit() or c in "\"“(«"):
            continue
        word = text.rfind(" ", start, m.start()) + 1
        if m.start() - max(word, start) < 3:
            continue
        yield m.start() + len(m.group().rstrip()), nxt


def _title_of_long_line(text: str, start: int, end: int) -> tuple[str, int]:
    """A first line too long to be a title (a file without line breaks): its first sentence,
    or its first TITLE_MAX characters cut at a word with '…'. Returns the title and where the
    body starts (after that sentence, or the line's start when the title was cut)."""
    for stop, nxt in _sentence_ends(text, start, min(end, start + TITLE_MAX + 2)):
        if stop - start >= 12:
            title = text[start:stop]
            return (title[:-1] if title.endswith(".") and not title.endswith("..") else title), nxt
    cut = text.rfind(" ", start, start + TITLE_MAX)
    if cut < start + TITLE_MAX // 2:
        cut = start + TITLE_MAX
    return text[start:cut].rstrip(" ,;:-–—") + "…", start


def _paragraphs_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A line too long to read as one paragraph, cut after the sentence that passes
    PARAGRAPH_TARGET characters; offsets stay in the text, nothing is dropped but spaces."""
    if end - start <= LONG_LINE:
        return [(start, end)]
    out, para = [], start
    for stop, nxt in _sentence_ends(text, start, end):
        if stop - para >= PARAGRAPH_TARGET:
            out.append((para, stop))
            para = nxt
    out.append((para, end))
    return out


def layout(text: str) -> Layout:
    lines = list(_lines(text))
    title, date, source = "", None, None
    body: list[tuple[int, int]] = []
    if not lines:
        return Layout("", None, None, ())
    start, end, first = lines[0]
    m = _DATE_MARKER.match(first)
    if m:
        date = m[1]
        first = first[m.end():].strip()
    title = first
    rest = lines[1:]
    if len(first) > TITLE_MAX:  # no line breaks (or a paragraph first): the title is a sentence
        title, lead = _title_of_long_line(text, end - len(first), end)
        if lead < end:
            rest = [(lead, end, text[lead:end])] + rest
    # Everything from the first boilerplate heading on is the site's, not the article's.
    for i, (_, _, line) in enumerate(rest):
        if _BOILERPLATE.match(line):
            rest = rest[:i]
            break
    if rest and _looks_like_byline(rest[-1][2]) and len(rest) > 1:
        source = rest[-1][2]
        rest = rest[:-1]
    for s, e, line in rest:
        if line == title or _CAPTION.search(line):
            continue
        iso = _iso_from_line(line)
        if iso:
            date = date or iso
            continue
        body.extend(_paragraphs_of(text, s, e))
    if body:
        s, e = body[0]
        pm = _SOURCE_PREFIX.match(text[s:e])
        if pm and source is None:
            source = pm[1].strip()
    inferred = date is None
    if inferred:
        lead = text[body[0][0]:body[0][1]] if body else ""
        date = _inferred_date(text, lead)
    return Layout(title=title, date=date, source=source, paragraphs=tuple(body),
                  date_inferred=inferred and date is not None)

"""People: 2-4 Titlecase syllables starting with a family name, or any such run right after a
title (Thứ trưởng Bộ Tư pháp ..., đồng chí), plus the byline at the end of an article.

Words already explained as an organisation, place, law or date are never part of a name, so
`Hồ Chí Minh` stays a city and `Thứ trưởng Bộ Tư pháp Mai Lương Khôi` yields only the last
three syllables. The role is the title phrase written before the name, or else the
comma-separated titles right after it; every mention of a person gets the fullest role seen.
"""
from __future__ import annotations

import re
from functools import cache

from .lexicon import CAP_WORD, UPPER, surnames, trie_pattern, word_list
from .places import provinces
from .spans import WORD_LEFT, Blocker, Span, at_literals, compile_line, scan

BOILERPLATE = re.compile(r"(?i)^(?:các tin khác|tin liên quan|cùng chuyên mục|đọc thêm|xem thêm|"
                         r"tin cùng chuyên mục|bài viết liên quan|chia sẻ|in bài)\W*$")
# Capitalised words that start titles, agency names or sentences, never a name.
_NOT_FIRST = frozenset(
    "Thứ Bộ Tổng Cục Chi Ban Sở Phó Chủ Ủy Uỷ Trưởng Đồng Ông Bà Anh Chị Đoàn Hội Tỉnh Thành "
    "Huyện Quận Thị Xã Phường Quốc Chính Trung Văn Viện Tòa Công Lãnh Đảng Thường Luật Nghị "
    "Quyết Chỉ Kế Thông Theo Tại Trong Sau Khi Các Những Một Với Về Cùng Đây Ngày Tháng Năm Quý "
    "Sáng Chiều Tối Thủ Giám Chánh Bí Phòng Vụ Học Trường Nhà Người Việt Tây Đông Bắc Nam".split())
# ... and the subset that cannot appear inside one either (Văn, Thị, Thành are given names).
NOT_FIRST = _NOT_FIRST
_NOT_INSIDE = frozenset(
    "Thứ Bộ Tổng Cục Ban Sở Phó Chủ Ủy Uỷ Trưởng Tỉnh Huyện Quận Xã Phường Viện Tòa Lãnh Đảng "
    "Luật Nghị Theo Tại Trong Sau Khi Các Những Một Với Về Cùng Ngày Tháng Quý Chiều Tối Giám "
    "Chánh Phòng".split())
_ROLE_STOP = re.compile(
    r"\s(?:làm|đã|đang|sẽ|chủ trì|cho biết|cùng|và|phát biểu|báo cáo|nhấn mạnh|khẳng định|"
    r"yêu cầu|đề nghị|ghi nhận|chia sẻ|tham dự|dự|có|được|tại|trong|với|về|cũng|thăm)(?!\w)")
_BEFORE_STOP = re.compile(r"(?:^|\s)(?:và|đã|đang|sẽ|làm|với|cùng|cho|khi|là|có|được|tại|trong)"
                          r"(?!\w)")
_ADDRESS = frozenset({"ông", "bà", "đồng chí"})
# (`thành phố` is a level word, not a street: `UBND Thành phố Lê Thị Hạnh` names a person.)
_NAMED_AFTER = re.compile(r"(?<!\w)(?i:đường|(?<!hành )(?<!HÀNH )phố|xã|phường|trường|cầu|chợ|đại lộ|quốc lộ|"
                          r"ngõ|hẻm)\s+$")
# ... and so is a name after a house number (`nhà đất 51-53 An Dương Vương`, `tại số 2 Tôn Đức Thắng`).
_HOUSE_NUMBER = re.compile(r"(?<!\w)(?i:nhà|đất|tại|ở)\s+(?:số\s+)?\d+[A-Z]?(?:[-/]\d+[A-Z]?)*\s+$")
_RUN_LEFT = re.compile(r"[\w.]")
_WORD = re.compile(rf"{CAP_WORD}(?!\w)")


@cache
def _patterns():
    titles = trie_pattern(word_list("titles.txt"))
    run = re.compile(rf"{CAP_WORD}(?!\w)(?:[ ]+{CAP_WORD}(?!\w))+")
    title_at = re.compile(rf"{titles}(?!\w)")
    title_end = re.compile(rf"(?<!\w){titles}\s*:?\s*$")
    name = rf"{CAP_WORD}(?!\w)(?:[ ]+{CAP_WORD}(?!\w)){{1,3}}"
    # One author (`Trần Thanh`, `Phạm Minh Đức - VPTC`) or two (`Hà Thu - Đức Anh`,
    # `Minh Châu, Thanh Hà`, `Lan Anh và Quốc Huy`).
    byline = re.compile(
        rf"^\s*(?:(?:Tin|Bài|Ảnh|Tin, ảnh|Bài, ảnh|Tin và ảnh|Bài và ảnh)\s*:\s*)?"
        rf"(?P<n>{name})(?:[ ]*(?:[-,&]|[ ]và)[ ]*(?P<m>{name}))?"
        rf"\s*(?:[-(/]\s*[\w ./]+\)?)?\s*$")
    return run, title_at, title_end, byline


@cache
def _title_last_words() -> tuple[str, ...]:
    """The last word of every title: what a text ending with a title ends with."""
    return tuple(sorted({t.split()[-1] for t in word_list("titles.txt")}))


def _title_before(text: str, pos: int, ends: dict[int, int]) -> bool:
    """Is the text before `pos` a title, possibly followed by an organisation or place?
    `ends` maps the end of each explained span to its start."""
    _, _, title_end, _ = _patterns()
    lasts = _title_last_words()
    for _ in range(4):
        head = text[max(0, pos - 60):pos]
        # (title_end opens with a look-behind, tried at each of the 60 places: first ask
        # whether the head, spaces and one colon stripped, ends with a title's last word)
        stripped = head.rstrip()
        tail = stripped[:-1].rstrip() if stripped.endswith(":") else stripped
        if tail.endswith(lasts) and title_end.search(head):
            return True
        back = pos - (len(head) - len(stripped))
        if back in ends:
            pos = ends[back]
            continue
        return False
    return False


def find_persons(text: str, blocked: list[Span]) -> list[Span]:
    run_rx, *_ = _patterns()
    names = surnames()
    block = Blocker(blocked)
    ends: dict[int, int] = {}
    for s in blocked:  # the longest span ending at each point (an org, not the place inside)
        start = ends.get(s.end)
        if start is None or s.start < start:
            ends[s.end] = s.start
    out: list[Span] = []
    for m in scan(run_rx, text, _RUN_LEFT):
        if block.inside(m.start(), m.end()):
            continue  # a run inside an organisation or a place: no word of it starts a name
        words = [w.span() for w in _WORD.finditer(text, m.start(), m.end())]
        if not block.overlaps(m.start(), m.end()):  # one group: the whole run
            if len(words) > 1:
                out.extend(_names_in(text, words, names, ends))
            continue
        group: list[tuple[int, int]] = []
        for w in words + [None]:
            if w is not None and not block.overlaps(*w):
                group.append(w)
                continue
            if len(group) > 1:  # a name has two words at least
                out.extend(_names_in(text, group, names, ends))
            group = []
    return out


def _names_in(text, words, names, ends) -> list[Span]:
    out = []
    i = 0
    while i < len(words) - 1:
        at = words[i][0]
        first = text[at:words[i][1]]
        if first in _NOT_FIRST:
            i += 1
            continue
        if _NAMED_AFTER.search(text, max(0, at - 9), at) or (
                text[at - 2:at - 1].isdigit() and _HOUSE_NUMBER.search(text, max(0, at - 24), at)):
            # (đường An Dương Vương, xã Phan Thanh: a street or commune named after a person,
            # all of its words: no `Dương Vương` inside it; a person's name may follow it,
            # `phường Phú Đô Nguyễn Thị Hường`: a family name before Văn/Thị or two more words)
            k = i + 1
            while k < len(words) and k - i < 4 and not (
                    names.get(text[words[k][0]:words[k][1]]) is not None
                    and (len(words) - k >= 3 or len(words) - k == 2
                         and text[words[k + 1][0]:words[k + 1][1]] in ("Văn", "Thị"))):
                k += 1
            i = k
            continue
        surname = names.get(first)  # None: no family name; True: an everyday word too
        # (the title before is asked only when it decides: most names start with a sure family name)
        if surname is None and not _title_before(text, at, ends):
            i += 1
            continue
        j = i + 1
        while j < len(words) and j - i < 4 and text[words[j][0]:words[j][1]] not in _NOT_INSIDE:
            j += 1
        ok = j - i >= 2 and (not surname or j - i >= 3 or _title_before(text, at, ends))
        if ok:
            start, end = words[i][0], words[j - 1][1]
            if end - words[j - 1][0] == 1 and text.startswith(".", end):
                end += 1  # an anonymised party, `Trương Văn H.`: the initial keeps its dot
            out.append(Span(start, end, "PERSON", " ".join(text[start:end].split())))
            i = j
        else:
            i += 1
    return out


# A level word right before a place name; `Thành phố`/`TP` included (`UBND TP Lê Văn A`).
_LEVEL_BEFORE = re.compile(r"(?<!\w)(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|"
                           r"đặc khu|Thành phố|Huyện|Quận|Thị xã|TP\.?)[ ]+$")


def release_titled_names(text: str, orgs: list[Span], places: list[Span],
                         known: set[str]) -> tuple[list[Span], list[Span], bool]:
    """Give back a person's name read as a place after a level word.

    In `Viện trưởng VKSND thành phố Lương Công Tráng` the run after `thành phố` is no
    district: it is not in the province gazetteer, it starts with a family name, and a title
    stands before the agency, so the title phrase is about a person. Such a run of 3-4
    syllables (or 2, when the same name is a person elsewhere in the article: district names
    are mostly two syllables, `quận Hoàng Mai`) becomes a name again: its place is dropped and
    every organisation that swallowed it ends at the level word (`VKSND thành phố`).
    Returns the new organisations, places and whether anything changed.
    """
    names = surnames()
    gazetteer = provinces()
    ends: dict[int, int] = {}
    for o in orgs:
        ends[o.end] = min(o.start, ends.get(o.end, o.start))
    cut: dict[int, int] = {}  # a released place's end -> where its level word ends
    dropped: set[int] = set()
    for k, p in enumerate(places):
        name = text[p.start:p.end]
        words = name.split()
        if (name in gazetteer or p.canonical in gazetteer.values() or words[0] not in names
                or any(w in _NOT_INSIDE for w in words[1:])
                or not (3 <= len(words) <= 4 or (len(words) == 2 and name in known))):
            continue
        level = _LEVEL_BEFORE.search(text, max(0, p.start - 12), p.start)
        if not level:
            continue
        agency = min((o.start for o in orgs if o.end == p.end and o.start < level.start()),
                     default=level.start())
        if not _title_before(text, agency, ends):
            continue
        dropped.add(k)
        cut[p.end] = level.end() - len(level.group()) + len(level.group().rstrip())
    if not dropped:
        return orgs, places, False
    new_orgs: dict[tuple[int, int], Span] = {}
    for o in orgs:
        if o.end in cut and o.start < cut[o.end]:
            o.end, o.canonical = cut[o.end], ""
        new_orgs.setdefault((o.start, o.end), o)
    return list(new_orgs.values()), [p for k, p in enumerate(places) if k not in dropped], True


def assign_roles(text: str, persons: list[Span], orgs: list[Span]) -> None:
    """Fill `role` on every mention with the fullest title phrase seen for that person."""
    best: dict[str, str] = {}
    for p in persons:
        role = p.role or _role_before(text, p.start)
        if not role or role.lower() in _ADDRESS:
            role = _role_after(text, p.end) or role
        if role and len(role) > len(best.get(p.canonical, "")):
            if best.get(p.canonical) and role.lower() in _ADDRESS:
                continue
            best[p.canonical] = role
    for p in persons:
        role = best.get(p.canonical, p.role)
        p.role = None if role and role.lower() in _ADDRESS else role  # `ông`, `bà` are no roles


# An anonymised party (`ông N.V. H.`, `bà T.T.M.`): two initials or more after an address word.
_INITIALS = compile_line(r"(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|bị cáo|nguyên đơn|bị đơn)\s+"
                         r"(?P<n>[A-ZĐ]\.(?:\s?[A-ZĐ]\.){1,3})(?!\w)")


_INITIALS_NEED = re.compile(r"\.[^\S\n]?[A-ZĐ]\.")  # (led by a literal: scanned fast)


def find_initials(text: str) -> list[Span]:
    """Parties named by their initials only, as court reports anonymise them (`ông N.V. H.`)."""
    if _INITIALS_NEED.search(text) is None:  # (most texts hold none)
        return []
    return [Span(m.start("n"), m.end("n"), "PERSON", m.group("n"))
            for m in at_literals(_INITIALS, ("ông", "Ông", "bà", "Bà", "anh", "Anh", "chị", "Chị", "bị cáo",
                                             "nguyên đơn", "bị đơn"), text, WORD_LEFT)]


_CREDIT_HEADS = ("Ảnh", "ẢNH", "Nguồn", "NGUỒN", "Video", "Clip")  # (what a credit starts with)


@cache
def _credit_pattern() -> re.Pattern:
    sure = "|".join(re.escape(n.upper()) for n, ambiguous in surnames().items() if not ambiguous)
    word = rf"{UPPER}+(?!\w)"
    return compile_line(rf"(?:Ảnh|ẢNH|Ảnh minh họa|Nguồn|NGUỒN|Video|Clip)\s*:\s*"
                        rf"(?P<n>(?:{sure})(?!\w)(?:\s+{word}){{1,3}})(?=\s*(?:[/,;)\n-]|$))")


def find_credits(text: str) -> list[Span]:
    """Photo credits in capitals (`Ảnh: NGUYỄN VĂN HÙNG`): one person, not a row of acronyms."""
    out = []
    for m in at_literals(_credit_pattern(), _CREDIT_HEADS, text):
        name = " ".join(w[:1] + w[1:].lower() for w in m.group("n").split())
        out.append(Span(m.start("n"), m.end("n"), "PERSON", name, role="ảnh"))
    return out


def _clean(role: str) -> str | None:
    role = " ".join(role.strip(" ,:;-").split())
    return (role.lower() if role.lower() in _ADDRESS else role) or None


def _role_before(text: str, pos: int) -> str | None:
    if not pos or text[pos - 1] != " ":
        return None  # (the window below ends with the character before the name)
    _, title_at, _, _ = _patterns()
    lo = max(0, pos - 160)
    # (a closing bracket ends the previous person's aside: `A (57 tuổi, nguyên Trưởng phòng X), B`)
    rfind = text.rfind
    cut = max(rfind(".", lo, pos), rfind(";", lo, pos), rfind(":", lo, pos), rfind("(", lo, pos),
              rfind(")", lo, pos), rfind("\n", lo, pos), rfind("“", lo, pos), rfind('"', lo, pos))
    window = text[max(lo, cut + 1):pos]
    if not window.strip():
        return None
    for t in scan(title_at, window, WORD_LEFT):
        rest = window[t.start():]
        if _BEFORE_STOP.search(rest):
            continue
        if t.group().lower() == "đồng chí":
            more = [x for x in scan(title_at, window, WORD_LEFT, t.end())]
            if more:
                rest = window[more[0].start():]
        return _clean(rest)
    return None


_AFTER_END = re.compile(r"[.;:(\n]")


def _role_after(text: str, pos: int) -> str | None:
    _, title_at, _, _ = _patterns()
    window = text[pos:pos + 200]
    if not window.startswith(","):
        return None
    window = _AFTER_END.split(window[1:], maxsplit=1)[0]
    parts = []
    for seg in window.split(","):
        seg = seg.strip()
        t = title_at.match(seg)
        if not t or t.group().lower() in _ADDRESS:
            break
        stop = _ROLE_STOP.search(seg)
        parts.append(seg[: stop.start()] if stop else seg)
        if stop:
            break
    return _clean(", ".join(parts)) if parts else None


def find_bylines(text: str) -> list[Span]:
    """The author line at the end (`Trần Thanh`, `Phạm Minh Đức - VPTC`, two authors as in
    `Hà Thu - Đức Anh`), read before any trailing navigation block (`Đọc thêm`, `Tin liên
    quan` and the headlines listed under it); empty as soon as body text is reached."""
    *_, byline = _patterns()
    end = _before_navigation(text)
    seen = 0
    while end > 0 and seen < 4:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip():
            continue
        seen += 1
        if BOILERPLATE.match(line.strip()):
            continue
        m = byline.match(line)
        if not m or not text[:start].strip():
            return []
        out = []
        for group in ("n", "m"):
            name = m.group(group)
            if name is None:
                continue
            if any(w in _NOT_INSIDE for w in name.split()) or name in provinces():
                if group == "n":
                    return []
                continue
            s = start + m.start(group)
            out.append(Span(s, start + m.end(group), "PERSON", name, role="tác giả"))
        return out
    return []


# Related-article blocks start this far from the end at most, in lines.
_NAVIGATION_LINES = 15


def _before_navigation(text: str) -> int:
    """Where the trailing navigation block starts (its first header line), or len(text)."""
    end = len(text)
    cut = end
    for _ in range(_NAVIGATION_LINES):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end) + 1
        if BOILERPLATE.match(text[start:end].strip()):
            cut = start
        end = start - 1
    return cut

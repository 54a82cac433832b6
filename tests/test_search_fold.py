"""Accent and case folding with a map back to the original offsets."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from thads_tui.corpus.fold import fold, fold_char, fold_with_map, folds_one_to_one

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]  # huyền, sắc, ngã, hỏi, nặng


def vietnamese_letters() -> list[str]:
    letters = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
    letters += [c.upper() for c in letters]
    letters += list("bcdghklmnpqrstvx") + list("BCDGHKLMNPQRSTVX")
    return letters


def test_every_vietnamese_letter_folds_to_one_ascii_letter():
    for letter in vietnamese_letters():
        assert len(letter) == 1, letter
        folded = fold(letter)
        assert len(folded) == 1 and folded.isascii() and folded.isalpha() and folded.islower(), (letter, folded)


def test_d_with_stroke_folds_to_d():
    assert fold("Đồng Nai") == "dong nai"
    assert fold("đ") == fold("Đ") == "d"
    assert fold("\u00d0") == "d"  # Ð (eth), sometimes typed for Đ
    assert unicodedata.normalize("NFD", "đ") == "đ"  # why NFD stripping alone is not enough


def test_spellings_of_one_name_fold_alike():
    spellings = ["Thanh Hóa", "thanh hoa", "THANH HOA", "thanh hóa", "Thanh Hoá", "THANH HÓA"]
    assert {fold(s) for s in spellings} == {"thanh hoa"}
    assert fold("Thừa Thiên Huế") == "thua thien hue"
    assert fold("Nghị quyết 96/2019/QH14") == "nghi quyet 96/2019/qh14"


def test_ordinary_article_text_has_identity_map():
    text = "Cục Thi hành án dân sự tỉnh Đắk Lắk đã thu hồi 12,5 tỷ đồng.\n\nNgười phải thi hành án tự nguyện."
    folded, where = fold_with_map(text)
    assert where.identity and len(folded) == len(text)
    assert where.span(4, 7) == (4, 7)
    assert folds_one_to_one(text)


def test_uncomposed_mark_stays_with_its_letter():
    text = "Tha\u0300nh co\u0302ng"  # not NFC on purpose: marks a decoder left uncomposed
    folded, where = fold_with_map(text)
    assert folded == "thanh cong"
    assert not where.identity
    start, end = where.span(0, 5)
    assert text[start:end] == "Tha\u0300nh"
    start, end = where.span(2, 3)  # the `a` brings its grave accent along
    assert text[start:end] == "a\u0300"
    start, end = where.span(6, 10)
    assert text[start:end] == "co\u0302ng"


def test_characters_folding_to_several_or_none():
    assert fold("Straße") == "strasse"
    assert fold_char("ß") == "ss"
    assert fold("\u0301") == ""  # a lone combining mark
    text = "Straße nở"
    folded, where = fold_with_map(text)
    assert folded == "strasse no"
    assert where.span(4, 6) == (4, 5)  # both s of ß map to ß
    assert where.span(8, 10) == (7, 9)


def test_other_scripts_fold_to_ascii():
    assert fold("北京").strip() == "bei jing"
    assert fold("Москва") == "moskva"
    assert fold("“trích dẫn”") == '"trich dan"'


# ----------------------------------------------------------------------------- properties

mixed_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(vietnamese_letters() + list(" ,.;:\n-/0123456789\"'ß\u0300\u0301\u0323北京Ωé😀")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(mixed_text)
def test_fold_is_ascii_lowercase_idempotent_and_compositional(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(folded) == folded
    assert "".join(fold(c) for c in text) == folded


@settings(max_examples=300, deadline=None)
@given(mixed_text)
def test_map_is_in_bounds_and_monotonic(text):
    folded, where = fold_with_map(text)
    assert folded == fold(text)
    assert len(where) == len(folded)
    previous = (0, 0)
    for k in range(len(folded)):
        start, end = where.start(k), where.end(k)
        assert 0 <= start < end <= len(text)
        assert start >= previous[0] and end >= previous[1]
        assert folded[k] in fold(text[start:end])
        previous = (start, end)
    assert where.start(len(folded)) == len(text)


@settings(max_examples=300, deadline=None)
@given(mixed_text, st.data())
def test_any_substring_is_found_in_folded_text_and_maps_back_exactly(text, data):
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    needle = fold(text[i:j])
    folded, where = fold_with_map(text)
    at = len(fold(text[:i]))
    assert folded[at:at + len(needle)] == needle
    assert folded.find(needle) != -1
    if needle:
        start, end = where.span(at, at + len(needle))
        assert i <= start < end
        assert fold(text[start:end]) == needle


def _reference_map(text: str) -> tuple[list[int], list[int]]:
    """The one-character-at-a-time map the bulk builder replaced (the specification)."""
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        out = fold_char(text[i])
        j = i + 1
        if out:
            while j < n and not fold_char(text[j]) and unicodedata.category(text[j])[0] == "M":
                j += 1
            starts += [i] * len(out)
            ends += [j] * len(out)
        i = j
    return starts, ends


MIXED = st.text(alphabet=st.sampled_from(
    list("ab đ.") + ["\u0300", "\u0301", "ß", "北", "😀", "\u200b", "Ð", "ắ", "\u0323", "ﬁ"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_bulk_map_equals_the_character_by_character_map(text):
    folded, where = fold_with_map(text)
    starts, ends = _reference_map(text)
    assert len(where) == len(starts) == len(folded)
    assert [where.start(k) for k in range(len(folded))] == starts
    assert [where.end(k) for k in range(len(folded))] == ends


def test_fold_window_maps_back_into_the_whole_text():
    from thads_tui.corpus.fold import fold_window
    text = "x" * 1000 + "Tha\u0300nh Hóa" + "ß" * 10 + "y" * 1000
    folded, where, base = fold_window(text, 1003, 1020)  # starts on the mark: widened to its letter
    assert base == 1002
    k = folded.index("anh")
    a, b = where.span(k, k + 3)
    assert text[base + a:base + b] == "a\u0300nh"


def test_no_character_decomposes_to_an_ascii_letter_beside_another_base_character():
    """What folding by NFD decomposition (fold's fast way) rests on: a character whose canonical
    decomposition holds an ASCII character holds only that one, with combining marks."""
    import sys

    odd = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        parts = unicodedata.normalize("NFD", c)
        ascii_parts = [p for p in parts if p.isascii()]
        if ascii_parts and (len(ascii_parts) > 1 or any(not p.isascii() and not unicodedata.combining(p) for p in parts)):
            odd.append(c)
    assert odd == []


NEWS = st.text(alphabet=st.sampled_from(
    vietnamese_letters() + list(" .,\n0123456789") + ["…", "“", "”", "–", "—", "’", "\xa0", "\u200b", "«", "°"]),
    max_size=80)


@settings(max_examples=300, deadline=None)
@given(NEWS, st.sampled_from(["", "ß", "\u0301", "北", "Ð", "😀"]))
def test_fold_equals_the_table_character_by_character(text, odd):
    for t in (text, text + odd + text):  # the fast way, and a text it leaves to the table
        assert fold(t) == "".join(fold_char(c) for c in t)


@settings(max_examples=300, deadline=None)
@given(NEWS)
def test_map_of_news_text_with_ellipses_equals_the_character_by_character_map(text):
    folded, where = fold_with_map(text)
    starts, ends = _reference_map(text)
    assert where.identity == (len(folded) == len(text))
    assert [where.start(k) for k in range(len(folded))] == starts
    assert [where.end(k) for k in range(len(folded))] == ends
    assert where.start(len(folded)) == len(text)


def test_ellipsis_maps_its_three_dots_to_itself():
    text = "Hà Nội… và Đồng Nai…"
    folded, where = fold_with_map(text)
    assert folded == "ha noi... va dong nai..."
    assert not where.identity
    k = folded.index("dong")
    assert text[slice(*where.span(k, k + 8))] == "Đồng Nai"
    assert where.span(6, 9) == (6, 7)  # the three dots: the one `…`

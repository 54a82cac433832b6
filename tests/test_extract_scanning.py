"""The fast scanning forms give the same matches as the plain ones they replace.

CPython scans a pattern fast only when it starts with a literal or a character set; the
recognisers were rewritten to start so (`FIGURE_NUMBER`, `ACRO_WORD`) or to be tried at the
positions a literal anchor finds (`anchored`, `at_line_starts`). These properties pin that
the rewrites change no match; benchmarks/extract_digest.py checks whole extractions.
"""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from thads_tui.extract import extract, legal, orgs
from thads_tui.extract.figures import FIGURE_NUMBER
from thads_tui.extract.lexicon import fold
from thads_tui.extract.numbers import NUMBER
from thads_tui.extract.spans import WORD_LEFT, anchored, at_line_starts, compile_line, scan

numberish = st.text(alphabet="0123456789.,/ a", max_size=24)
words = st.lists(st.sampled_from(["Luật", "Bộ luật", "luật", "Đất đai", "Hiến pháp", "xLuật",
                                  "Pháp lệnh", " ", "\n", "Án", "A", "số", "5"]),
                 max_size=20).map("".join)


@given(numberish)
def test_figure_number_reads_what_number_reads(text):
    ascii_number = NUMBER.replace(r"\d", "[0-9]")
    assert [m.span() for m in re.finditer(FIGURE_NUMBER, text)] == \
        [m.span() for m in re.finditer(ascii_number, text)]


@given(words)
def test_anchored_scan_finds_what_scan_finds(text):
    rx = re.compile(r"(?P<t>Bộ luật|Luật|Pháp lệnh) (?P<n>[A-ZĐ]\w*(?: \w+)?)|(?P<h>Hiến pháp)(?!\w)")
    anchor = re.compile(r"Bộ luật|Luật|Pháp lệnh|Hiến pháp")
    assert [m.span() for m in anchored(rx, anchor, text, WORD_LEFT)] == \
        [m.span() for m in scan(rx, text, WORD_LEFT)]


@given(st.lists(st.sampled_from(["Luật", "Đất đai", "A", "a", " ", "\n", ":", ": ", "5"]),
                max_size=24).map("".join))
def test_line_start_matches_are_finditers(text):
    rx = re.compile(r"(?:^|\n)(?P<n>[A-ZĐ]\w*(?:[^\S\n][A-ZĐ]\w*)*):")
    assert [m.span() for m in at_line_starts(rx, text, ":")] == [m.span() for m in rx.finditer(text)]


def test_old_tone_folding_skips_qu():
    assert fold("Thanh Hoà, quà, Quý, thuỷ") == "Thanh Hòa, quà, Quý, thủy"


def test_bare_year_phrases_still_give_periods():
    text = "Kết quả\nTrong năm, Cục THADS tỉnh Gia Lai thi hành xong 3.000 việc, đạt 80% về việc."
    periods = {f.text: f.period for f in extract(text, "2024-11-02").figures}
    assert periods["80%"] == "2024"


legal_words = st.lists(st.sampled_from(["Quyết định", "quyết định", "Nghị quyết", "Thông báo", "số", "Số",
                                        " ", "  ", "\n", "12", "5", "/", "-", "QĐ", "UBND", "2020", "a",
                                        "Quy", "quy định", "x", "١", "５"]),
                   max_size=24).map("".join)


@given(legal_words)
def test_numbered_references_are_not_looked_for_after_the_last_number(text):
    numbered, _, _ = legal._patterns()
    anchor, _ = legal._anchors()
    every = [m.span() for m in anchored(numbered, anchor, text, WORD_LEFT)
             if re.search("[A-ZĐ]", m.group("n"))]
    assert [(s.start, s.end) for s in legal.find_legal(text) if s.priority == 2] == every


@given(st.lists(st.sampled_from(["Ủy ban ", "ủy", " ", "Tỉnh", "Ban Chỉ đạo", "Ban", "THA", "THADS", "UBND",
                                 "UBMTTQ", "Công ty", "công ty", "Tòa án", " nhân dân", "Viện", " kiểm sát",
                                 "Văn phòng", " Quốc hội", " Chính phủ", "Ngân hàng", " Nhà nước", "x",
                                 "\n"]), max_size=20).map("".join))
def test_need_words_found_in_one_pass_are_those_the_text_holds(text):
    words = {w for *_, needs, _ in orgs._patterns() for group in needs for w in group}
    assert orgs._present(text) == {w for w in words if w in text}


@given(st.lists(st.sampled_from(["số", "Số", "SỐ", "ſố", "sỐ", "tố", "ố", "Ố", "s", " ", "\t", "\n", "5",
                                 "12", "/", "2020", "-", "a"]), max_size=16).map("".join))
def test_short_reference_cue_is_found_from_its_second_letter(text):
    every_s = compile_line(r"[sSſ][ốỐ]\s+\d+(?:/\d{4})?(?![\w/-])")  # the one-pattern form
    assert legal._short_cue(text) == bool(every_s.search(text))


cue_text = st.lists(st.sampled_from(["tiền", "số tiền", "Tổng", "tổng số", "số", "x", "thu hồi", "hồi",
                                     " ", " ", ",", "(", "\n", "việc"]), max_size=24).map("".join)


@given(cue_text)
def test_cues_are_the_word_starting_matches_of_a_rescan_from_every_word(text):
    """`index_cues` finds a cue at each word start the trie matches there, leftmost-longest and
    without overlaps: a cue glued to the word before (`số tiền` in `Tổngsố tiền`) is none, and
    hides none inside it (`tiền`). Checked against a plain scan restarting at each word."""
    from thads_tui.extract.cues import _cue_pattern, index_cues
    rx, _ = _cue_pattern()
    expected, pos = [], 0
    while pos < len(text):
        m = rx.match(text, pos) if not (pos and WORD_LEFT.match(text, pos - 1)) else None
        if m and m.end() > pos:
            expected.append((m.start(), m.end()))
            pos = m.end()
        else:
            pos += 1
    found = sorted({(c[1], c[0]) for hits in index_cues(text).values() for c in hits.cues
                    if c[2] not in ("total_noun", "tracked")})
    assert found == sorted(set(expected))


def test_a_glued_cue_hides_no_cue_inside_it():
    from thads_tui.extract.cues import index_cues
    cues = index_cues("Tổngsố tiền phải trả")["tiền"].cues
    assert [(c[1], c[0]) for c in cues] == [(7, 11)]  # `tiền`, not `số tiền` glued to `Tổng`

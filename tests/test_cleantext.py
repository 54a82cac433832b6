"""clip: one cell's text cut to a width, with the quick path for one-cell letters."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st
from rich.cells import cell_len, set_cell_size

from thads_tui.textsafe import printable
from thads_tui.ui.cleantext import clip

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ 0123456789.,:;%/–—…-"


def rich_clip(text: str, width: int) -> str:
    text = printable(text)
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=VIET, max_size=60) | st.text(max_size=30), st.integers(min_value=1, max_value=40))  # rich cuts "00" to 0 cells as "0…"
def test_clip_is_rich_cut_whatever_the_text(text, width):
    assert clip(text, width) == rich_clip(text, width)


def test_clip_cuts_wide_and_vietnamese_text_to_the_width():
    assert clip("Cục Thi hành án dân sự tỉnh Gia Lai", 12) == "Cục Thi hàn…"
    assert cell_len(clip("法院判决执行情况报告", 7)) <= 7 and clip("法院判决执行情况报告", 7).endswith("…")
    assert clip(None, 5) == "" and clip("a\x1bb", 5) == "a b"

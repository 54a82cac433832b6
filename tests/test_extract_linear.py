"""Issue 14 item 6: every recogniser is linear on adversarial text.

Each hostile text (~100 KB of digits, slashes, dots, repeated tokens) must extract within a
budget per KB measured against plain article text of the same size: a ratio, never an absolute
time, so the test holds on a slow or busy machine.
"""
from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads_tui.corpus import bundled_seeds
from thads_tui.extract import extract

SIZE = 100_000
RATIO = 15.0  # the quadratic faults this guards against were 100x-1000x; 5x flaked on a loaded 2-core machine,
# and 10x on `figures` (a figure every 10 characters: 9.8x the seeds' time per KB on a quiet one)
HOSTILE_TOKENS = ["1", "9", "/", ".", ",", "-", "12/3", "1.000", "0,5", "%", " ", "A", "QĐ",
                  "/QĐ-", "số ", "tháng 1 và ", "1 vụ việc ", "tăng 1% về việc ", "(", ")",
                  "Nguyễn Văn ", "THADS ", "Công ty ", "tỷ ", "2020", "năm 2021 "]


def _plain() -> str:
    text = "\n".join(unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
                     for p in sorted(bundled_seeds().glob("*.txt")))
    return (text * (SIZE // len(text) + 1))[:SIZE]


def _best(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        extract(text)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.fixture(scope="module")
def plain_time() -> float:
    extract("Cục THADS tỉnh Gia Lai 5 tháng đầu năm 2022: 47,28% về việc.")  # warm the caches
    return _best(_plain())


HOSTILE = {
    "digits": "1" * SIZE,
    "slashes": "1/" * (SIZE // 2),
    "dashes": "1-" * (SIZE // 2),
    "dots": "1." * (SIZE // 2),
    "commas": "1," * (SIZE // 2),
    "codes": "12/QĐ-" * (SIZE // 6),
    "mixed": "12/3.4-5,6/A" * (SIZE // 12),
    "figures": "1 vụ việc " * (SIZE // 10),
    "rates": "tăng 1% về việc " * (SIZE // 16),
    "months": "tháng 1 và " * (SIZE // 11),
    "brackets": "(" * SIZE,
    "names": "Nguyễn Văn " * (SIZE // 11),
    "orgs": "Công ty " * (SIZE // 8),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_extracts_in_linear_time(kind, plain_time):
    text = HOSTILE[kind]
    assert _best(text) <= RATIO * plain_time + 0.05, kind


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_scales_linearly(kind):
    """Four times the text, about four times the time (a quadratic recogniser: sixteen). A
    figure-dense text costs more per KB than an article (`1 vụ việc` ×10,000 is ten times the
    seeds' time), so the ratio above is loose; this one holds whatever the density."""
    text = HOSTILE[kind]
    quarter = _best(text[:len(text) // 4])
    assert _best(text) <= 8 * quarter + 0.05, kind


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(HOSTILE_TOKENS), min_size=1, max_size=6))
def test_repeated_hostile_tokens_stay_linear(plain_time, tokens):
    unit = "".join(tokens)
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    # `1%` repeated is a figure every two characters: 50,000 figures' own (linear) work, ~14x plain
    # text under load; the quadratic faults this guards against were 100x-1000x.
    assert _best(text, runs=2) <= 2 * RATIO * plain_time + 0.05, tokens


def test_32000_digits_are_no_figure_soup():
    x = extract("1" * 32_000)
    assert len(x.figures) <= 1 and not x.entities

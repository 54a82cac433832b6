"""A list row's file label: the file's name as os.fsdecode gives it (decoded directly, per row)."""
from __future__ import annotations

import os

from hypothesis import given, strategies as st

from thads_tui.corpus.catalog.search import _label


@given(st.binary(max_size=40), st.sampled_from(["", "3", "bài-2"]))
def test_a_label_is_the_fsdecoded_file_name(path, key):
    name = os.fsdecode(path.rpartition(os.sep.encode())[2])
    expected = f"{name} ({key})" if key else name
    assert _label(path, key) == expected == _label(memoryview(path), key)

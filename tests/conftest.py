import os

import pytest

# The tests never touch the user's real annotations file.
@pytest.fixture(autouse=True)
def _isolated_db(tmp_path, monkeypatch):
    monkeypatch.setenv("THADS_TUI_DB", str(tmp_path / "default-annotations.json"))
    monkeypatch.setenv("THADS_TUI_CONFIG", str(tmp_path / "settings.toml"))  # nor the user's settings
    monkeypatch.setenv("THADS_TUI_CACHE", str(tmp_path / "cache"))  # nor the user's corpus catalogues
    yield


@pytest.fixture
def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0

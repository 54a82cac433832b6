"""thads-tui: an offline terminal reader for Vietnamese civil judgment enforcement (THADS) texts."""

__version__ = "0.1.0"

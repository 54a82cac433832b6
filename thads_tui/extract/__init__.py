"""Entities and figures from Vietnamese THADS texts: pure Python, gazetteers in data files."""
from __future__ import annotations

from .model import ENTITY_TYPES, FIGURE_UNITS, Entity, Extraction, Figure

__all__ = ["ENTITY_TYPES", "FIGURE_UNITS", "Entity", "Extraction", "Figure", "extract"]


def extract(text: str) -> Extraction:
    """Placeholder until the extraction engine lands (issue 3): finds nothing."""
    return Extraction()

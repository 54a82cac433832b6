"""Entities and figures from Vietnamese THADS texts: pure Python, gazetteers in data files."""
from __future__ import annotations

from .engine import extract

# Stamped on cached extractions: bump it whenever the extractor's output can change.
EXTRACTOR_VERSION = 14
from .model import ENTITY_TYPES, FIGURE_UNITS, Entity, Extraction, Figure
from .numbers import format_vn_number, parse_vn_number

__all__ = ["EXTRACTOR_VERSION", "ENTITY_TYPES", "FIGURE_UNITS", "Entity", "Extraction", "Figure", "extract",
           "format_vn_number", "parse_vn_number"]

"""Entities and figures from Vietnamese THADS texts: pure Python, gazetteers in data files."""
from __future__ import annotations

from .engine import extract
from .model import ENTITY_TYPES, FIGURE_UNITS, Entity, Extraction, Figure
from .numbers import format_vn_number, parse_vn_number

EXTRACTOR_VERSION = 1  # bump when extraction changes: cached results with another stamp are redone

__all__ = ["ENTITY_TYPES", "EXTRACTOR_VERSION", "FIGURE_UNITS", "Entity", "Extraction", "Figure", "extract",
           "format_vn_number", "parse_vn_number"]

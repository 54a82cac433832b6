"""Entities and figures from Vietnamese THADS texts: pure Python, gazetteers in data files."""
from __future__ import annotations

from .engine import extract
from .model import ENTITY_TYPES, FIGURE_UNITS, Entity, Extraction, Figure
from .numbers import format_vn_number, parse_vn_number

__all__ = ["ENTITY_TYPES", "FIGURE_UNITS", "Entity", "Extraction", "Figure", "extract",
           "format_vn_number", "parse_vn_number"]

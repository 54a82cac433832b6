"""Bookmarks, notes and reader state, keyed by the stable article id."""
from .annotations import Annotations, AnnotationsError

__all__ = ["Annotations", "AnnotationsError"]

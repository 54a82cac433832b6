"""What makes two canonical names one entity in the corpus-wide views (E, the entity filter)."""
from __future__ import annotations


def name_key(canonical: str) -> str:
    """The key that makes two canonical names one entity: case and spacing do not matter."""
    return " ".join(canonical.casefold().split())

"""What the extractor finds, with offsets into the NFC text it read.

Field names follow ../shared/gold/README.md so `thads-tui extract --json` can be scored directly.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

ENTITY_TYPES = ("PERSON", "ORG", "LOCATION", "LEGAL_REF", "DATE", "ACRONYM")
FIGURE_UNITS = ("percent", "VND", "USD", "case", "rank", "count", "duration", "area")


@dataclass(frozen=True, slots=True)
class Entity:
    type: str
    text: str
    start: int
    end: int
    canonical: str
    role: str | None = None

    def to_json(self) -> dict:
        d = asdict(self)
        if d["role"] is None:
            del d["role"]
        return d


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None = None
    of: float | None = None
    measure: str | None = None
    metric: str = "other"
    subject: str | None = None
    period: str | None = None
    unit_word: str | None = None  # the unit as written: `tháng`, `ha`, `bản án`

    def to_json(self) -> dict:
        d = asdict(self)
        if d["of"] is None:
            del d["of"]
        return d


@dataclass(slots=True)
class Extraction:
    """All entities and figures of one text, each occurrence once, sorted by start."""

    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

"""What the extractor finds, with offsets into the NFC text it read.

Field names follow ../shared/gold/README.md so `thads-tui extract --json` can be scored directly.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

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


def _maker(cls, names: tuple[str, ...]):
    """`cls(*values)` for a frozen slotted dataclass with every field given in order, built
    without the generated __init__'s lookup of `object.__setattr__` per field: the same
    object (same slots, same equality and hash), in about 60% of the time. The pipeline
    builds one per entity and figure."""
    assert tuple(f.name for f in fields(cls)) == names, cls
    setters = [cls.__dict__[n].__set__ for n in names]
    new = object.__new__
    if len(names) == 6:
        a, b, c, d, e, f = setters

        def make6(v0, v1, v2, v3, v4, v5):
            o = new(cls)
            a(o, v0); b(o, v1); c(o, v2); d(o, v3); e(o, v4); f(o, v5)  # noqa: E702
            return o
        return make6
    a, b, c, d, e, f, g, h, i, j, k, m = setters

    def make12(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11):
        o = new(cls)
        a(o, v0); b(o, v1); c(o, v2); d(o, v3); e(o, v4); f(o, v5)  # noqa: E702
        g(o, v6); h(o, v7); i(o, v8); j(o, v9); k(o, v10); m(o, v11)  # noqa: E702
        return o
    return make12


new_entity = _maker(Entity, ("type", "text", "start", "end", "canonical", "role"))
new_figure = _maker(Figure, ("text", "start", "end", "value", "unit", "qualifier", "of", "measure",
                             "metric", "subject", "period", "unit_word"))

"""The extraction pipeline: recognisers in dependency order, overlap rules, canonical names.

Order matters because later recognisers skip what earlier ones explained: legal references
and dates first (their numbers are not figures, their codes not acronyms), then places and
organisations (their capitalised words are not names), then people, acronyms and figures.
Recognisers run on a same-length folded copy of the text, so every offset is an offset into
the original and `text == source[start:end]` holds by construction. No item crosses a line
break: recognisers compile with `compile_line` and every candidate list passes `one_line`.
"""
from __future__ import annotations

from operator import attrgetter

from .acronyms import find_acronyms
from .dates import complete_dates, find_dates
from .facts import FactFinder
from .figures import find_figures, measure
from .legal import document_numbers, find_legal
from .lexicon import fold
from .model import Extraction, new_entity, new_figure
from .names import assign_roles, find_bylines, find_credits, find_initials, find_persons, release_titled_names
from .orgs import ATOMIC, canonical_org, find_orgs, join_companies, main_province
from .places import drop_names_in_places, find_places, province_names
from .spans import Blocker, Span, one_line, pick


def extract(text: str, date: str | None = None) -> Extraction:
    """Every entity and figure occurrence in `text` (NFC, '\\n' line ends), sorted by start.

    `date` (the article's, `YYYY-MM[-DD]`) completes yearless dates (`24/9`) and resolves
    `trong năm` to a THADS year; each figure gets its metric, subject and period."""
    if not isinstance(text, str) or not text:
        return Extraction()
    folded = fold(text)
    numbers = document_numbers(folded)
    legal = pick(one_line(folded, find_legal(folded, numbers)))
    legal_block = Blocker(legal)
    dates = [d for d in pick(one_line(folded, find_dates(folded)))
             if not legal_block.overlaps(d.start, d.end)]
    places = drop_names_in_places(folded, pick(one_line(folded, find_places(folded))))
    orgs = _pick_orgs(one_line(folded, find_orgs(folded)))
    # A place name glued to a name-like word is a person's given name, not the place.
    persons = one_line(folded, find_persons(folded, orgs + places + legal + dates))
    # `Viện trưởng VKSND thành phố Lương Công Tráng`: a titled name is no district.
    orgs, places, released = release_titled_names(folded, orgs, places,
                                                  {p.canonical for p in persons})
    if released:
        persons = one_line(folded, find_persons(folded, orgs + places + legal + dates))
    authors = set()  # bylines and photo credits: never whom a figure is about
    for byline in find_bylines(folded):
        if "\n" not in folded[byline.start:byline.end]:
            authors.add((byline.start, byline.end))
            persons = [p for p in persons if not (p.start < byline.end and byline.start < p.end)]
            persons.append(byline)
    initials = find_initials(folded)
    if initials:
        person_block = Blocker(persons)
        persons += [p for p in initials if not person_block.overlaps(p.start, p.end)]
    credits = find_credits(folded)
    authors.update((c.start, c.end) for c in credits)
    if credits:
        credit_block = Blocker(credits)
        persons = [p for p in persons if not credit_block.overlaps(p.start, p.end)] + credits
    persons = pick(persons)
    person_block = Blocker(persons)
    places = [p for p in places if not person_block.overlaps(p.start, p.end)]
    numbers = Blocker([Span(*s.extra["num"], "") for s in legal if s.extra] + places
                      + numbers + credits)
    acronyms = [a for a in one_line(folded, find_acronyms(folded))
                if not numbers.overlaps(a.start, a.end)]
    taken = Blocker(legal + dates)
    figures = [f for f in pick(one_line(folded, find_figures(folded)))
               if not taken.overlaps(f.start, f.end)]
    assign_roles(folded, persons, orgs)
    home = main_province(places)
    for o in orgs:
        o.canonical = canonical_org(o.canonical or folded[o.start:o.end], home)
    join_companies(folded, orgs)
    complete_dates(dates, date)
    if figures:
        FactFinder(folded, places, orgs, persons, dates, date, home,
                   province_names(), authors).assign(figures)  # (sorted: `pick` keeps starts in order)
    short_names = {(o.start, o.end): o.canonical for o in orgs}
    for a in acronyms:  # `(BIDV)` after a bank's name stands for that bank
        a.canonical = short_names.get((a.start, a.end), a.canonical)
    entities = [new_entity(s.kind, t, s.start, s.end, s.canonical or t, s.role)
                for s in persons + orgs + places + legal + dates + acronyms
                for t in (text[s.start:s.end],)]
    entities.sort(key=attrgetter("start", "end", "type"))
    return Extraction(entities, [_figure(text, f, measure(folded, f.extra["at"], f.end))
                                 for f in figures
                                 if not f.extra.get("drop")])


def _pick_orgs(candidates: list[Span]) -> list[Span]:
    """Overlaps are resolved within each layer, so `Chính phủ` survives inside
    `Văn phòng Chính phủ`; identical spans from both layers collapse to one."""
    atomic = [c for c in candidates if c.extra["layer"] == ATOMIC]
    compound = [c for c in candidates if c.extra["layer"] != ATOMIC]
    seen: dict[tuple[int, int], Span] = {}
    for s in pick(compound) + pick(atomic):
        seen.setdefault((s.start, s.end), s)
    return list(seen.values())


def _figure(text: str, s: Span, gloss: str | None):
    x = s.extra
    return new_figure(text[s.start:s.end], s.start, s.end, float(x["value"]), x["unit"],
                  x["qualifier"], x["of"], gloss, x.get("metric", "other"),
                  x.get("subject"), x.get("period"), x.get("unit_word"))

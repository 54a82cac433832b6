"""Joins the corpus and the extractor: one cached extraction per article, and its JSON record."""
from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from .corpus import Article
from .corpus.metadata import reference_year
from .extract import Extraction, extract

_CACHE_SIZE = 512
_cache: OrderedDict[tuple[str, int], Extraction] = OrderedDict()
_lock = Lock()


def analyse(article: Article) -> Extraction:
    """The extraction of an article, computed once per article text (thread-safe). Keyed by
    id and text: copies with one id (a .txt and the .docx or re-wrapped file of the same words)
    lay the words out differently, so their offsets differ."""
    key = (article.id, hash(article.text))
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    result = extract(article.text, article.date or reference_year(article.text))  # (a yearless period's year)
    with _lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def in_body(article: Article, extraction: Extraction) -> Extraction:
    """The entities and figures the reader can show and scroll to: those starting in the body.
    (The extractor reads the whole file, so bylines and dates count for `extract --json`.)"""
    return Extraction([e for e in extraction.entities if article.in_body(e.start)],
                      [f for f in extraction.figures if article.in_body(f.start)])


READING = ("metric", "subject", "period")


def _grouped(items, key, in_body, read: tuple[str, ...] = ()) -> list[dict]:
    """One record per key, with every occurrence; `read`: the fields each occurrence may read
    differently (a figure's metric, subject, period), listed per occurrence in `readings` when
    one does (`chiếm đoạt 12 tỷ đồng` … `buộc bồi thường 12 tỷ đồng`; the record's own are the
    first's: the gold schema's shape)."""
    groups: dict = {}
    for item in items:
        record = groups.get(key(item))
        if record is None:
            record = groups[key(item)] = item.to_json() | {"count": 0, "body_count": 0, "occurrences": []}
        record["count"] += 1
        record["body_count"] += in_body(item.start)
        record["occurrences"].append([item.start, item.end])
        if read:
            record.setdefault("_readings", []).append(
                {"start": item.start, "end": item.end} | {k: getattr(item, k) for k in read})
    for record in groups.values():
        readings = record.pop("_readings", ())
        if any(any(r[k] != record[k] for k in read) for r in readings):
            record["readings"] = readings
    return list(groups.values())


def article_record(article: Article, extraction: Extraction | None = None) -> dict:
    """The `thads-tui extract --json` shape: one entry per distinct (type, text) / figure text,
    with `start`/`end` of the first occurrence, `count` and every occurrence's offsets.

    One definition of a mention everywhere: `count` is every occurrence in the file, title and
    date line included (the gold schema's `count`); `body_count` those in the body, the mentions
    the reader's entities panel and entities view count (see `in_body`). A figure whose
    occurrences are read differently (metric, subject, period) lists each in `readings`."""
    extraction = extraction if extraction is not None else analyse(article)
    return {
        "file": str(article.path),
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "entities": _grouped(extraction.entities, lambda e: (e.type, e.text), article.in_body),
        "figures": _grouped(extraction.figures, lambda f: f.text, article.in_body, READING),
    }

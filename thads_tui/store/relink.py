"""Notes follow an edited article file (issue 11).

An article's id is a hash of its words (corpus/metadata.py: a moved or re-encoded copy keeps its
notes), so editing the file gives it a new id and would leave its bookmark, note, tags and
highlights on the old one. `orphan_moves` finds the records whose article is gone but whose
citation names a file the corpus still has, under a new id; `relink` moves them there in one
write (the highlights are then re-found in the new text by their quotes, or listed as detached).
Nothing is dropped: two notes on the same article are merged, two tag sets joined.
"""
from __future__ import annotations

from typing import Container, Mapping

from .annotations import Annotations, _now, merge_text, normalise_tags

ARTICLE_TABLES = ("bookmarks", "notes", "passages", "tags", "reads")


def orphan_moves(ann: Annotations, known: Container[str], id_of_file: Mapping[str, str]) -> dict[str, str]:
    """{old id: new id} for records of articles not `known` whose citation's file is in `id_of_file`."""
    moves: dict[str, str] = {}
    records = ann.records()
    for table in ARTICLE_TABLES:
        for doc in records.get(table, []):
            old = doc.get("article_id")
            if not old or old in known or old in moves:
                continue
            new = id_of_file.get(str((doc.get("citation") or {}).get("file") or ""))
            if new and new != old:
                moves[old] = new
    return moves


def relink(ann: Annotations, moves: Mapping[str, str]) -> int:
    """Move every record of each old id to its new id; returns how many records moved."""
    if not moves:
        return 0
    moved = 0
    with ann.bulk() as data:
        for table in ARTICLE_TABLES:
            docs = data.get(table, {})
            by_article = {d.get("article_id"): key for key, d in docs.items()}
            for key in list(docs):
                doc = docs[key]
                new = moves.get(doc.get("article_id"))
                if new is None:
                    continue
                moved += 1
                there = by_article.get(new) if table != "passages" else None
                if there is None or there not in docs:
                    doc["article_id"] = new
                    by_article[new] = key
                    continue
                target = docs[there]  # the new id has one already: keep both, in one record
                if table == "notes":
                    merged = merge_text(target.get("text", ""), doc.get("text", ""))
                    if merged is not None:
                        target["text"], target["updated"] = merged, _now()
                elif table == "tags":
                    target["tags"] = normalise_tags([*target.get("tags", []), *doc.get("tags", [])])
                del docs[key]
    return moved

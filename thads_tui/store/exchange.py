"""Export annotations (Markdown research log, JSON, CSV) and import them back without duplicates.

JSON is the exchange format: `export_annotations(ann, "json")` then `import_annotations` into an
empty file gives the same export again, and importing the same data twice adds nothing. Each
record keeps the citation (title, date, source, file) captured when it was made, so an export
can be read and cited without the corpus at hand.
"""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..textsafe import csv_cell, has_surrogates, without_surrogates
from .durable import MAX_DEPTH, NotRegularFile, check_regular, too_deep, write_atomically
from .annotations import SCHEMA, Annotations, AnnotationsError, _valid_doc, merge_text, nfc, normalise_tags

FORMAT = "thads-tui-annotations"
KINDS = ("bookmarks", "notes", "passages", "tags", "reads")
_FIELDS = {
    "bookmarks": ("article_id", "created", "updated", "citation"),
    "notes": ("article_id", "text", "created", "updated", "citation"),
    "passages": ("id", "article_id", "quote", "prefix", "suffix", "paragraph", "start", "end",
                 "text", "tags", "created", "updated", "citation"),
    "tags": ("article_id", "tags", "created", "updated", "citation"),
    "reads": ("article_id", "created", "updated", "citation"),
}
_TEXT_FIELDS = ("text", "quote", "prefix", "suffix")
_CITATION_KEYS = ("title", "date", "source", "file")
_LABEL = {"bookmarks": "bookmark", "notes": "note", "passages": "passage note", "tags": "tag set",
          "reads": "read mark"}


def _clean(kind: str, doc: dict) -> dict:
    """A record with exactly the exchange fields, text in NFC."""
    rec: dict[str, Any] = {}
    for name in _FIELDS[kind]:
        value = doc.get(name)
        if name in _TEXT_FIELDS:
            value = nfc(value or "")
        elif name == "citation":
            value = dict(value or {})
        elif name == "tags":
            value = normalise_tags(value or [])
        elif name in ("created", "updated"):
            value = value or doc.get("created") or ""
        elif name in ("paragraph", "start", "end") and (type(value) is not int or value < 0):
            value = None
        rec[name] = value
    return rec


def _sort_key(kind: str):
    if kind == "passages":
        return lambda r: (r["article_id"], r["paragraph"] is None, r["paragraph"] or 0, r["created"], r["id"])
    return lambda r: r["article_id"]


def _records(ann: Annotations, keep: Callable[[str, dict], bool] | None = None) -> dict[str, list[dict]]:
    raw = ann.records()
    return {kind: sorted((_clean(kind, d) for d in raw[kind] if keep is None or keep(kind, d)), key=_sort_key(kind))
            for kind in KINDS}


# -- export ----------------------------------------------------------------------------------
def export_annotations(ann: Annotations, fmt: str = "md", keep: Callable[[str, dict], bool] | None = None) -> str:
    """The annotations as Markdown ("md"), JSON ("json") or CSV ("csv") text; `keep(kind, doc)`
    chooses the records (the notes overview exports what it lists), None keeps them all."""
    records = _records(ann, keep)
    if fmt == "json":
        doc = {"format": FORMAT, "schema": SCHEMA, **records,
               "passages": [{**rec, "target": web_annotation_target(rec)} for rec in records["passages"]]}
        text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if has_surrogates(text):  # a lone surrogate in a note: \\u escapes keep it, and the text UTF-8
            text = json.dumps(doc, ensure_ascii=True, indent=2, sort_keys=True) + "\n"
        return text
    if fmt == "csv":
        return without_surrogates(_csv(records))
    if fmt == "md":
        return without_surrogates(_markdown(records))
    raise AnnotationsError(f"Unknown export format {fmt!r}; choose md, json or csv.")


def web_annotation_target(rec: dict) -> dict:
    """The passage as a W3C Web Annotation target: a TextQuoteSelector (exact + prefix/suffix)
    and, when the position is known, a TextPositionSelector (character offsets, NFC text)."""
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": rec["quote"],
                              "prefix": rec["prefix"], "suffix": rec["suffix"]}]
    if isinstance(rec.get("start"), int) and isinstance(rec.get("end"), int):
        selectors.append({"type": "TextPositionSelector", "start": rec["start"], "end": rec["end"]})
    return {"source": rec["citation"].get("file") or rec["article_id"], "selector": selectors}


def write_export(text: str, output: str | Path, *, annotations: str | Path | None = None,
                 force: bool = False, encoding: str = "utf-8") -> Path:
    """Write an export to `output` all at once (a full disk or a crash leaves no half file).

    Refused with AnnotationsError (nothing written): an `output` that already exists, unless
    `force` (then it is replaced: a symbolic link is replaced itself, its target is untouched);
    anything that is not a regular file (a folder, a FIFO, a device), even with `force`; and the
    annotations file itself (or its lock), which the export would destroy.
    """
    output = Path(output)
    if annotations is not None:
        real = os.path.realpath(annotations)
        if os.path.realpath(output) in (real, real + ".lock"):
            raise AnnotationsError(f"Not written: {output} is the annotations file itself; choose another file to export to.")
    try:
        st = os.lstat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise AnnotationsError(f"Not written: {output} cannot be checked ({exc.strerror or exc}).") from exc
    if st is not None:
        if stat.S_ISLNK(st.st_mode) and not force:
            raise AnnotationsError(f"Not written: {output} is a symbolic link; choose another file, or add "
                                   "--force to replace the link (its target stays as it is).")
        if not stat.S_ISLNK(st.st_mode) and not stat.S_ISREG(st.st_mode):
            raise AnnotationsError(f"Not written: {output} is not a regular file (a folder, a device or a pipe).")
        if not force:
            raise AnnotationsError(f"Not written: {output} already exists; add --force to replace it.")
    umask = os.umask(0)
    os.umask(umask)
    try:
        fd = write_atomically(output, text.encode(encoding), mode=0o666 & ~umask, overwrite=force)
    except FileExistsError:
        raise AnnotationsError(f"Not written: {output} appeared meanwhile; add --force to replace it.") from None
    except OSError as exc:
        reason = "the disk is full" if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) \
            else (exc.strerror or str(exc)).lower()
        raise AnnotationsError(f"Not written: {output} could not be written ({reason}); nothing was changed.") from exc
    os.close(fd)
    return output


def _citation(rec: dict) -> dict:
    cit = rec.get("citation") or {}
    return {key: cit.get(key) or "" for key in _CITATION_KEYS}


#: `paragraph` is counted from 1 here, as in the Markdown log (it is stored counted from 0).
CSV_COLUMNS = ("kind", "article_id", "title", "date", "source", "file", "quote", "text", "tags",
               "paragraph", "created", "updated", "note_id")


def _csv(records: dict[str, list[dict]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for kind in KINDS:
        for rec in records[kind]:
            writer.writerow({name: csv_cell(value) for name, value in {
                "kind": _LABEL[kind].replace(" ", "_"), "article_id": rec["article_id"], **_citation(rec),
                "quote": rec.get("quote", ""), "text": rec.get("text", ""),
                "tags": "; ".join(rec.get("tags", [])),
                "paragraph": rec["paragraph"] + 1 if isinstance(rec.get("paragraph"), int) else "",
                "created": rec["created"], "updated": rec["updated"], "note_id": rec.get("id", ""),
            }.items()})
    return out.getvalue()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _when(iso: str) -> str:
    """'2026-11-23T09:03:25.123+00:00' -> '2026-11-23 09:03:25 UTC'."""
    if not iso:
        return "unknown time"
    return re.sub(r"\.\d+(?=[+-]|Z|$)", "", iso).replace("T", " ").replace("+00:00", " UTC")


def _quote_block(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.splitlines() or [""]]


def _markdown(records: dict[str, list[dict]]) -> str:
    articles: dict[str, dict[str, Any]] = {}
    kinds = [k for k in KINDS if k != "reads"]  # read marks are state, not part of the log
    for kind in kinds:
        for rec in records[kind]:
            entry = articles.setdefault(rec["article_id"], {"citation": {}, "first": rec["created"],
                                                            "passages": []})
            entry["citation"] = entry["citation"] or rec.get("citation") or {}
            entry["first"] = min(entry["first"], rec["created"]) if rec["created"] else entry["first"]
            if kind == "passages":
                entry["passages"].append(rec)
            else:
                entry[kind] = rec

    now = datetime.now(timezone.utc).isoformat(timespec="minutes")
    counts = ", ".join(_plural(len(records[k]), _LABEL[k]) for k in kinds)
    lines = ["# thads-tui research log", "",
             f"Exported {_when(now)}: {counts}, on {_plural(len(articles), 'article')}.", ""]
    order = sorted(articles.items(), key=lambda kv: kv[1]["first"])
    for number, (article_id, entry) in enumerate(order, 1):
        cit = _citation(entry)
        lines += [f"## {number}. {cit['title'] or article_id}", ""]
        facts = [f"Date: {cit['date']}" if cit["date"] else "", f"Source: {cit['source']}" if cit["source"] else "",
                 f"File: `{cit['file']}`" if cit["file"] else "", f"Id: `{article_id}`"]
        lines.append("- " + " · ".join(f for f in facts if f))
        if "bookmarks" in entry:
            lines.append(f"- Bookmarked {_when(entry['bookmarks']['created'])}")
        if "tags" in entry:
            lines.append("- Tags: " + ", ".join(entry["tags"]["tags"]))
        lines.append("")
        if "notes" in entry:
            note = entry["notes"]
            lines += [f"### Note ({_stamp(note)})", "", *note["text"].splitlines(), ""]
        if entry["passages"]:
            lines += ["### Passages", ""]
            for rec in entry["passages"]:
                where = f"paragraph {rec['paragraph'] + 1}, " if isinstance(rec["paragraph"], int) else ""
                lines += [*_quote_block(rec["quote"]), "", f"*({where}{_stamp(rec)})*", ""]
                if rec["tags"]:
                    lines += ["Tags: " + ", ".join(rec["tags"]), ""]
                if rec["text"].strip():
                    lines += [*rec["text"].splitlines(), ""]
    if not articles:
        lines += ["No bookmarks or notes yet.", ""]
    return "\n".join(lines)


def _stamp(rec: dict) -> str:
    if rec["updated"] and rec["updated"] != rec["created"]:
        return f"written {_when(rec['created'])}, last changed {_when(rec['updated'])}"
    return f"written {_when(rec['created'])}"


# -- import ----------------------------------------------------------------------------------
@dataclass
class ImportSummary:
    """What an import did: records added, records merged into existing ones, records already present
    and records that were not understood (skipped)."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    merged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: int = 0
    skipped: int = 0

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def __str__(self) -> str:
        parts = [_plural(n, _LABEL[k]) for k, n in self.added.items() if n]
        text = "Imported " + (", ".join(parts) if parts else "nothing new")
        merged = sum(self.merged.values())
        if merged:
            text += f"; merged {_plural(merged, 'record')} into existing ones"
        if self.unchanged:
            text += f"; {_plural(self.unchanged, 'record')} already present"
        if self.skipped:
            text += f"; skipped {_plural(self.skipped, 'record')} that could not be understood"
        return text + "."


def read_export(path: str | Path) -> dict:
    """Load a JSON export file for `import_annotations`, with user-phrased errors."""
    try:
        text = _read_regular(Path(path)).decode("utf-8-sig")
    except NotRegularFile:
        raise AnnotationsError(f"Could not read {path} (it is not a regular file); choose a JSON export file.") from None
    except OSError as exc:
        raise AnnotationsError(f"Could not read {path} ({exc.strerror or exc}).") from exc
    except UnicodeDecodeError as exc:
        raise AnnotationsError(f"{path} is not a thads-tui JSON export (it is not UTF-8 text).") from exc
    too_deep_ = f"{path} is not a thads-tui JSON export (it nests more than {MAX_DEPTH} levels deep)."
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AnnotationsError(f"{path} is not a thads-tui JSON export (invalid JSON at line {getattr(exc, 'lineno', '?')}).") from exc
    except RecursionError:
        raise AnnotationsError(too_deep_) from None
    if too_deep(data):
        raise AnnotationsError(too_deep_)
    return data


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file; NotRegularFile (never a hang) for a FIFO, a device or a folder."""
    check_regular(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        return f.read()


_merge_text = merge_text  # the old name (the merge now lives with the notes it protects)


def _next_id(table: dict) -> int:
    return max((int(k) for k in table), default=0) + 1


def _validated(data: Any) -> dict[str, list]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnnotationsError("This is not a thads-tui annotations export (JSON), so nothing was imported.")
    schema = data.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA:
        raise AnnotationsError(f"This export was made by a newer version of thads-tui (format {schema}); "
                               "update thads-tui to import it. Nothing was imported.")
    lists = {kind: data.get(kind, []) for kind in KINDS}
    if not all(isinstance(v, list) for v in lists.values()):
        raise AnnotationsError("This annotations export is damaged (a section is not a list), so nothing was imported.")
    return lists


def import_annotations(ann: Annotations, data: dict) -> ImportSummary:
    """Merge an export (the dict from `read_export`/`json.loads`) into `ann` in one atomic save.

    Bookmarks and tags are united. A note or passage note that already exists keeps its text if
    that text contains the imported one; otherwise the two texts are joined, so nothing is lost
    and a second import of the same data changes nothing. Passage notes are matched by id, and
    also by (article, quote, text) so the same highlight is not added twice.
    """
    lists = _validated(data)
    summary = ImportSummary()
    with ann.bulk() as db:
        for kind in KINDS:
            table = db.setdefault(kind, {})
            key = "id" if kind == "passages" else "article_id"
            index = {doc.get(key): doc_id for doc_id, doc in table.items()}
            seen = {(d.get("article_id"), d.get("quote"), d.get("text")) for d in table.values()} \
                if kind == "passages" else set()
            for raw in lists[kind]:
                if not _valid_doc(kind, raw):
                    summary.skipped += 1
                    continue
                rec = _clean(kind, raw)
                doc_id = index.get(rec[key])
                if doc_id is None:
                    if (rec.get("article_id"), rec.get("quote"), rec.get("text")) in seen:
                        summary.unchanged += 1
                        continue
                    doc_id = str(_next_id(table))
                    table[doc_id] = rec
                    index[rec[key]] = doc_id
                    summary.added[kind] += 1
                    continue
                if _merge_into(kind, table[doc_id], rec):
                    summary.merged[kind] += 1
                else:
                    summary.unchanged += 1
    return summary


def _merge_into(kind: str, doc: dict, rec: dict) -> bool:
    """Merge an imported record into an existing document; True if the document changed."""
    changed = False
    if not doc.get("citation") and rec["citation"]:
        doc["citation"] = rec["citation"]
    if kind in ("notes", "passages"):
        text = _merge_text(doc.get("text", ""), rec["text"])
        if text is not None and text != doc.get("text"):
            doc["text"], changed = text, True
    if kind in ("tags", "passages"):
        tags = normalise_tags([*(doc.get("tags") or []), *rec["tags"]])
        if tags != doc.get("tags"):
            doc["tags"], changed = tags, True
    if changed:
        doc["updated"] = max(doc.get("updated") or "", rec["updated"] or "")
    return changed


"""Finding article files and turning them into Articles, one at a time, with reasons for refusals.

Scanning only lists units (cheap even for 100,000 files); reading and laying out an article
happens when it is asked for, so the UI can fill the sidebar in a background worker. A unit
is a Path (a file holding one article: .txt, .md, .html, .docx, .pdf) or a formats.Record
(one article of a news dump, .jsonl/.json: listed by its place in the file, parsed on demand).

The interface other modules (the UI, the CLI, a catalogue) use:
    scan(paths) -> (units, problems)       list, read nothing (a dump's line ends are found)
    read_article(unit) -> Article          or raises SkippedFile(problem) with the reason
    read_file(path) -> (articles, problems) every article of one file (a dump: all its records)
    format_of(unit) -> str                 the format a unit will be read as, by its name
All of these are plain picklable values: reading can run in a process pool.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from operator import attrgetter
from typing import Iterable

from . import formats
from .article import Article
from .decode import UnreadableText, max_bytes, too_large
from .formats import Document, FormatError, Record
from .metadata import article_id, layout

ARTICLE_SUFFIXES = tuple(formats.SUFFIXES)
Unit = Path | Record
_NAME = attrgetter("name")


@dataclass(frozen=True, slots=True)
class Problem:
    """A path that was skipped, and why, in words for the user."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


class SkippedFile(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    def __reduce__(self):  # picklable, so a process pool can hand it back
        return (SkippedFile, (self.problem,))


def bundled_seeds() -> Path:
    """The five articles shipped with the package, used when no path is given."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "seeds"  # a wheel maps the repo's seeds/ to thads_tui/seeds
    return installed if installed.is_dir() else package.parent / "seeds"


def _os_reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def scan(paths: Iterable[str | Path]) -> tuple[list[Unit], list[Problem]]:
    """Every article under the given files and folders (recursive), sorted, plus problems:
    a file's Path, or each Record of a news dump."""
    files, problems = scan_files(paths)
    units: list[Unit] = []
    for path in files:
        if formats.is_dump(path):
            units.extend(_records(path, problems))
        else:
            units.append(path)
    return units, problems


def _records(path: Path, problems: list[Problem]) -> list[Record]:
    try:
        return formats.list_records(path)
    except (FormatError, UnreadableText) as err:
        problems.append(Problem(path, str(err)))
    except OSError as err:
        problems.append(Problem(path, f"cannot read: {_os_reason(err)}"))
    return []


def scan_files(paths: Iterable[str | Path], *, with_stat: bool = False) -> tuple[list, list[Problem]]:
    """The article files under the given files and folders (recursive, sorted), plus problems.

    with_stat: (path as str, size, mtime_ns) for each instead of a Path, in no set order (the
    catalogue compares sets), from the folder listing's own entries (os.scandir: one stat per
    file, no Path objects, no sorting)."""
    found: list = []
    problems: list[Problem] = []
    given = list(paths)
    for source in given:
        path = Path(source).expanduser()
        if path.is_dir():
            found.extend(_walk(path, problems, with_stat))
        elif path.is_file():
            if with_stat:
                st = path.stat()
                found.append((str(path), st.st_size, st.st_mtime_ns))
            else:
                found.append(path)
        elif not path.exists():
            problems.append(Problem(path, "no such file or folder"))
        else:
            problems.append(Problem(path, "not a regular file or folder"))
    if len(given) <= 1:  # one folder's walk never lists a file twice
        return found, problems
    seen: set[str] = set()
    unique = []
    for p in found:  # overlapping arguments (a folder and a file in it): list each file once
        key = os.path.realpath(p[0] if with_stat else p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, problems


def _walk(root: Path, problems: list[Problem], with_stat: bool) -> list:
    """Depth-first, each folder's entries sorted by name (with_stat: as listed); a folder reached
    twice (links back up the tree) is read once. The loop body runs for each of 100,000 files at
    every launch, so it does as little as it can: no Path, no sort, a file's name and its stat
    (a stat relative to the open folder's descriptor measured no faster)."""
    found: list = []
    add = found.append
    stack = [str(root)]
    seen: set[tuple[int, int]] = set()
    suffixes = ARTICLE_SUFFIXES
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = list(it) if with_stat else sorted(it, key=_NAME)
        except OSError as err:
            problems.append(Problem(Path(folder), f"cannot read folder: {_os_reason(err)}"))
            continue
        subfolders = []
        names: set[str] | None = None
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                if entry.is_dir():
                    if name[-6:].lower() == "_files":
                        names = names or {e.name.lower() for e in entries}
                        if _saved_page_folder(name, names):
                            continue
                    subfolders.append(entry.path)
                elif not name.lower().endswith(suffixes):
                    continue
                elif entry.is_file():
                    if with_stat:
                        st = entry.stat()
                        add((entry.path, st.st_size, st.st_mtime_ns))
                    else:
                        add(Path(entry.path))
                elif entry.is_symlink() and not os.path.exists(entry.path):
                    problems.append(Problem(Path(entry.path), "broken link: its target does not exist"))
                else:
                    problems.append(Problem(Path(entry.path), "not a regular file"))
            except OSError as err:
                problems.append(Problem(Path(entry.path), _os_reason(err)))
        stack.extend(reversed(subfolders))
    return found


def _saved_page_folder(name: str, names: set[str]) -> bool:
    """`page_files/` beside `page.html`: a saved page's images, scripts and ads, not articles."""
    low = name.lower()
    if not low.endswith("_files"):
        return False
    stem = low[: -len("_files")]
    return any(f"{stem}{ext}" in names for ext in (".html", ".htm", ".xhtml"))


def format_of(unit: Unit) -> str:
    """The format a unit is read as, judged by its name (reading may find out otherwise)."""
    return "json" if isinstance(unit, Record) else formats.SUFFIXES.get(unit.suffix.lower(), "txt")


def read_article(unit: Unit) -> Article:
    """Read, decode and lay out one file or record; raises SkippedFile with the reason."""
    path = unit.path if isinstance(unit, Record) else unit
    try:
        if isinstance(unit, Record):
            doc = formats.read_record(unit)
        elif formats.is_dump(unit):
            raise FormatError("a news dump: its records are read one by one (scan lists them)")
        else:
            doc = formats.read(unit, _read_bytes(unit))
    except (FormatError, UnreadableText) as err:
        raise SkippedFile(Problem(path, str(err))) from None
    except OSError as err:
        raise SkippedFile(Problem(path, f"cannot read: {_os_reason(err)}")) from None
    except Exception as err:  # a reader library's own failure on a strange file skips that file only
        raise SkippedFile(Problem(path, f"could not be read ({type(err).__name__})")) from None
    article = to_article(doc, path)
    if article is None:
        raise SkippedFile(Problem(path, f"{doc.key}: no text" if doc.key else "no text"))
    return article


def _read_bytes(path: Path) -> bytes:
    setting = max_bytes()  # read once: a setting in the environment costs as much as a small file's layout
    size = path.stat().st_size
    largest = max(formats.limit(fmt, setting) for fmt in formats.FORMATS)
    if size > largest:
        raise FormatError(_too_large(size, largest))
    with open(path, "rb") as fh:
        head = fh.read(4096)
        limit = formats.limit(formats.kind(path, head), setting)
        if size > limit:
            raise FormatError(_too_large(size, limit))
        return head + fh.read(limit + 1 - len(head))


def _too_large(size: int, limit: int) -> str:
    return too_large(size, limit)


def to_article(doc: Document, path: Path) -> Article | None:
    """A Document laid out as the reader shows it: the file's own metadata first, then what
    the text's layout says, then the fallback metadata (None when there is no text at all)."""
    parts = layout(doc.text)
    title = doc.title or parts.title or doc.fallback_title
    if not title:
        return None
    # A full date the text gives, even one read from its lead ("Ngày 5/10/2023, ..."), beats a
    # file's creation date (Word and PDF files are often made long after); a year alone does not.
    inferred_day = parts.date_inferred and parts.date and len(parts.date) == 10
    date = (doc.date or (parts.date if inferred_day or not parts.date_inferred else None)
            or doc.fallback_date or parts.date)
    return Article(
        id=article_id(doc.id_text or doc.text),
        path=path,
        text=doc.text,
        title=title,
        date=date,
        source=doc.source or parts.source or doc.fallback_source,
        paragraphs=parts.paragraphs if doc.paragraphs is None else doc.paragraphs,
        format=doc.format,
        styles=doc.styles,
        key=doc.key,
    )


def read_file(path: Path) -> tuple[list[Article], list[Problem]]:
    """Every article in one file (a dump: each of its records), and the problems met."""
    problems: list[Problem] = []
    units: list[Unit] = _records(path, problems) if formats.is_dump(path) else [path]
    articles = []
    for unit in units:
        try:
            articles.append(read_article(unit))
        except SkippedFile as skipped:
            problems.append(skipped.problem)
    return articles, problems

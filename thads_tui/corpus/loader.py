"""Finding article files and turning them into Articles, one at a time, with reasons for refusals.

Scanning only lists paths (cheap even for 100,000 files); reading and laying out an article
happens when it is asked for, so the UI can fill the sidebar in a background worker.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .article import Article
from .decode import UnreadableText, decode, max_bytes, too_large
from .metadata import article_id, layout

ARTICLE_SUFFIXES = (".txt", ".md")


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


def bundled_seeds() -> Path:
    """The five articles shipped with the package, used when no path is given."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "seeds"  # a wheel maps the repo's seeds/ to thads_tui/seeds
    return installed if installed.is_dir() else package.parent / "seeds"


def _os_reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def scan(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Every article file under the given files and folders (recursive), sorted, plus problems."""
    found: list[Path] = []
    problems: list[Problem] = []
    given = list(paths)
    for source in given:
        path = Path(source).expanduser()
        if path.is_dir():
            found.extend(_walk(path, problems))
        elif path.is_file():
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
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique, problems


def _walk(root: Path, problems: list[Problem]) -> Iterator[Path]:
    """Depth-first, sorted; a folder reached twice (links back up the tree) is read once."""
    stack = [root]
    seen: set[tuple[int, int]] = set()
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            problems.append(Problem(folder, f"cannot read folder: {_os_reason(err)}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append(Path(entry.path))
                elif not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                elif entry.is_file():
                    yield Path(entry.path)
                elif entry.is_symlink() and not os.path.exists(entry.path):
                    problems.append(Problem(Path(entry.path), "broken link: its target does not exist"))
                else:
                    problems.append(Problem(Path(entry.path), "not a regular file"))
            except OSError as err:
                problems.append(Problem(Path(entry.path), _os_reason(err)))
        stack.extend(reversed(subfolders))


def read_article(path: Path) -> Article:
    """Read, decode and lay out one file; raises SkippedFile with the reason."""
    try:
        size, limit = path.stat().st_size, max_bytes()
        if size > limit:
            raise UnreadableText(too_large(size, limit))
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        text = decode(data)
    except UnreadableText as err:
        raise SkippedFile(Problem(path, str(err))) from None
    except OSError as err:
        raise SkippedFile(Problem(path, f"cannot read: {_os_reason(err)}")) from None
    parts = layout(text)
    if not parts.title:
        raise SkippedFile(Problem(path, "no text"))
    return Article(
        id=article_id(text),
        path=path,
        text=text,
        title=parts.title,
        date=parts.date,
        source=parts.source,
        paragraphs=parts.paragraphs,
    )

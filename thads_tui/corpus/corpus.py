"""A set of articles from files and folders: listed at once, read on demand, one per id."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import Article
from .loader import Problem, SkippedFile, Unit, bundled_seeds, format_of, read_article, scan


class Corpus:
    """The articles a session reads.

    `paths` (the units: a file's Path, or one Record of a news dump) is known right after
    construction; `load()` reads them in order (call it from a worker for big folders). Two
    files with the same normalised text are one article: the first path wins and the copy is
    noted as a problem the user can see. `formats` counts, per format, the articles read and
    the units skipped.
    """

    def __init__(self, sources: Iterable[str | Path] | None = None, *, name: str | None = None) -> None:
        given = [Path(s) for s in (sources or [])]
        self.bundled = not given
        if self.bundled:
            given = [bundled_seeds()]
        self.name = name or ("bundled seeds" if self.bundled else ", ".join(p.name or str(p) for p in given))
        self.paths, self.problems = scan(given)
        self._articles: dict[str, Article] = {}
        self._loaded_paths: set[Unit] = set()
        self.read_counts: Counter[str] = Counter()
        self.skipped_counts: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles.values())

    def get(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    @property
    def articles(self) -> list[Article]:
        return list(self._articles.values())

    @property
    def formats(self) -> dict[str, tuple[int, int]]:
        """{format: (articles read, units skipped)} for the formats met so far, e.g. for the
        problems screen: `html: 12 read, 1 skipped`."""
        names = sorted(set(self.read_counts) | set(self.skipped_counts))
        return {f: (self.read_counts[f], self.skipped_counts[f]) for f in names}

    def load_one(self, path: Unit) -> Article | None:
        if path in self._loaded_paths:
            return None
        self._loaded_paths.add(path)
        try:
            article = read_article(path)
        except SkippedFile as skipped:
            self.problems.append(skipped.problem)
            self.skipped_counts[format_of(path)] += 1
            return None
        if article.id in self._articles:
            first = self._articles[article.id]
            where = f"{first.path} ({first.key})" if first.key else str(first.path)
            self.problems.append(Problem(article.path, (f"{article.key}: " if article.key else "")
                                         + f"same article as {where}"))
            self.skipped_counts[article.format] += 1
            return None
        self._articles[article.id] = article
        self.read_counts[article.format] += 1
        return article

    def load(self, progress: Callable[[int, int], None] | None = None) -> list[Article]:
        """Read every listed file not read yet; returns the new articles."""
        new = []
        total = len(self.paths)
        for i, path in enumerate(self.paths, 1):
            article = self.load_one(path)
            if article is not None:
                new.append(article)
            if progress is not None and (i % 200 == 0 or i == total):
                progress(i, total)
        return new


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Sidebar order: dated articles newest first, undated last, ties by title."""
    arts = sorted(articles, key=lambda a: a.title.casefold())
    return sorted(arts, key=lambda a: a.date or "", reverse=True)

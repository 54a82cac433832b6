"""Files to clean, identified articles. No UI imports here."""
from .article import Article
from .corpus import Corpus, newest_first
from .decode import UnreadableText, decode, normalise
from .loader import Problem, SkippedFile, bundled_seeds, read_article, scan
from .metadata import article_id, layout

__all__ = [
    "Article", "Corpus", "Problem", "SkippedFile", "UnreadableText", "article_id", "bundled_seeds",
    "decode", "layout", "newest_first", "normalise", "read_article", "scan",
]

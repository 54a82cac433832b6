"""Files to clean, identified articles. No UI imports here."""
from .article import Article
from .corpus import Corpus, newest_first
from .decode import UnreadableText, decode, normalise
from .formats import Document, FormatError, Record
from .loader import Problem, SkippedFile, bundled_seeds, read_article, read_file, scan, to_article
from .metadata import article_id, layout

__all__ = [
    "Article", "Corpus", "Document", "FormatError", "Problem", "Record", "SkippedFile", "UnreadableText",
    "article_id", "bundled_seeds", "decode", "layout", "newest_first", "normalise", "read_article",
    "read_file", "scan", "to_article",
]

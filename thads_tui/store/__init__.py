"""Bookmarks, notes and reader state, keyed by the stable article id."""
from .anchor import locate_passage, make_anchor
from .annotations import SCHEMA, Annotations, AnnotationsError
from .durable import DurableStorage, DurableTable, DurableTinyDB
from .exchange import ImportSummary, export_annotations, import_annotations, read_export, write_export

__all__ = [
    "SCHEMA", "Annotations", "AnnotationsError", "DurableStorage", "DurableTable", "DurableTinyDB",
    "ImportSummary", "export_annotations", "import_annotations", "locate_passage", "make_anchor",
    "read_export", "write_export",
]

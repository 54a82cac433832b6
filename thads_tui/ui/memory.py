"""Keeping Python's cyclic garbage collector off the bulks of long-lived rows the UI holds (the
list's 100,000 rows, the views' 100,000s of entities and figures): a full collection walks every
object, several times while they are built and then at every key."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """No cyclic garbage collection meanwhile (a bulk of long-lived, acyclic objects is made)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def keep() -> None:
    """What exists now lives long: later full collections skip it (gc.freeze)."""
    gc.freeze()

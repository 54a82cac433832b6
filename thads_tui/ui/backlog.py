"""Work handed from the UI thread to one background thread worker, as articles load."""
from __future__ import annotations

import time
from queue import Empty, SimpleQueue
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
_END = object()


class Backlog:
    """A queue the UI fills (`put`) and closes once nothing more will come (`close`); the worker
    iterates it (`drain`) until it is closed and empty, or until `cancelled()` says stop."""

    def __init__(self) -> None:
        self._queue: SimpleQueue = SimpleQueue()
        self.closed = False
        self.added = 0  # how many items were put, ever

    def put(self, items: Iterable) -> None:
        for item in items:
            self._queue.put(item)
            self.added += 1

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._queue.put(_END)

    def drain(self, cancelled: Callable[[], bool], progress: Callable[[], None] | None = None,
              every: float = 0.0) -> Iterator:
        """The items as they come; after an item is handled, `progress()` if `every` seconds
        have passed since the start or the last call."""
        last = time.monotonic()
        while not cancelled():
            try:
                item = self._queue.get(timeout=0.1)
            except Empty:
                continue
            if item is _END:
                return
            yield item
            if progress is not None and time.monotonic() - last >= every:
                last = time.monotonic()
                progress()

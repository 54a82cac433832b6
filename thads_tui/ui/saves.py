"""Saving to the annotations file off the UI thread, one change at a time, in order.

While another process holds the file's lock a save waits; the saver says so (`Waiting`) and
tries again until it can write, so nothing is lost when the lock frees. A save that fails for
another reason (read-only, full disk) comes back as `Saved` with the error's sentence, and the
caller keeps what it wanted to save (the note editor keeps its text).
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from textual.message import Message

from ..store import AnnotationsError
from ..store.durable import LockTimeout


@dataclass(eq=False)
class Job:
    what: str  # for the user: "Bookmark", "Note", "Reader state"
    run: Callable[[], Any]
    done: Callable[[Any], None] | None = None  # on the UI thread, with run()'s result
    failed: Callable[[str], None] | None = None  # on the UI thread, with the sentence


class Saved(Message):
    def __init__(self, job: Job, result: Any = None, error: str | None = None) -> None:
        super().__init__()
        self.job, self.result, self.error = job, result, error


class Waiting(Message):
    """The job waits for another process to release the annotations file."""

    def __init__(self, job: Job, waiting: bool) -> None:
        super().__init__()
        self.job, self.waiting = job, waiting


def _locked(err: AnnotationsError) -> bool:
    return isinstance(err.__cause__, (LockTimeout, TimeoutError))


class SaveQueue:
    """Jobs run oldest first under one lock: each worker thread takes the oldest job, whichever
    thread gets the lock first, so two quick bookmark toggles are saved in the order pressed."""

    def __init__(self) -> None:
        self._jobs: deque[Job] = deque()
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def put(self, job: Job) -> None:
        self._jobs.append(job)

    def run_oldest(self, post: Callable[[Message], object] | None = None,
                   cancelled: Callable[[], bool] = lambda: False) -> Saved | None:
        """In a worker thread: run the oldest job, waiting (and saying so) while the file is locked."""
        with self._lock:
            try:
                job = self._jobs.popleft()
            except IndexError:
                return None
            return self._run(job, post, cancelled)

    def _run(self, job: Job, post, cancelled) -> Saved:
        waiting = False
        while True:
            try:
                result = job.run()
            except AnnotationsError as err:
                if _locked(err) and not cancelled():
                    if not waiting and post is not None:
                        waiting = True
                        post(Waiting(job, True))
                    continue
                return Saved(job, error=f"{job.what} not saved: {err}")
            except Exception as err:  # a store bug must not take the reader down
                return Saved(job, error=f"{job.what} not saved: {err}")
            if waiting and post is not None:
                post(Waiting(job, False))
            return Saved(job, result)

    def drain(self) -> list[Saved]:
        """What is still queued, tried once each now (on quit)."""
        out = []
        while (saved := self.run_oldest(None, lambda: True)) is not None:
            out.append(saved)
        return out

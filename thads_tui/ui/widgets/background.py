"""Non-visual widgets that own the reader's background work; their workers only post messages.

`Feed` lists the catalogue's rows and brings the catalogue up to date and, on demand, explores the
corpus, all through the `CorpusSource`; it posts `Loaded` for each batch and `Feed.Grew` as the catalogue and the
exploration advance, and `Analysed` when the article it was asked to analyse is done. `Saver` runs annotation save jobs one at a time (saves.py), calls each
job's `done`/`failed` on the UI thread and posts `Saver.Waiting` while another window holds the
file.
"""
from __future__ import annotations

from textual import on, work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from ..messages import Analysed, Explored, Indexed, Loaded
from ..saves import Job, Saved, SaveQueue, Waiting
from ..source import CorpusSource


class Feed(Widget):
    DEFAULT_CSS = "Feed { display: none; }"

    class Grew(Message):
        """The index ("index") or the exploration ("explore") holds more articles."""

        def __init__(self, what: str) -> None:
            super().__init__()
            self.what = what

    def __init__(self, source: CorpusSource) -> None:
        super().__init__()
        self.source = source

    def start(self) -> None:
        self.load_corpus()

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        def post(rows, errors, done, total, finished, gone) -> None:
            self.post_message(Loaded(rows, errors, done, total, finished, gone))
            self.post_message(Indexed(done, finished))  # the search screen may find more

        worker = get_current_worker()
        self.source.load(post, lambda: worker.is_cancelled)  # quitting stops the catalogue's update

    @work(thread=True, exclusive=True, group="analyse")
    def analyse(self, article) -> None:
        """The open article's entities and figures (the newest request wins)."""
        try:
            self.post_message(Analysed(article.id, self.source.analyse(article)))
        except Exception as err:  # shown to the user, never a stack trace
            self.post_message(Analysed(article.id, None, f"could not analyse “{article.title}”: {err}"))

    def explore(self, kind: str = "figures") -> None:
        """Start the corpus-wide analysis unless it runs already; a view of `kind` wants its rows."""
        self.source.want(kind)
        if self.source.start_exploring():
            self.explore_corpus()

    @work(thread=True, group="explore")
    def explore_corpus(self) -> None:
        worker = get_current_worker()
        for n in self.source.explore_all(lambda: worker.is_cancelled):
            self.post_message(Explored(n, False))
        self.post_message(Explored(len(self.source.exploration), True))

    @on(Indexed)
    def grew(self, message: Indexed) -> None:
        message.stop()
        if isinstance(message, Explored):
            self.source.exploring_done = message.finished
            self.post_message(self.Grew("explore"))
        else:
            self.source.index_finished = message.finished  # in order: the last one says finished
            self.post_message(self.Grew("index"))


class Saver(Widget):
    DEFAULT_CSS = "Saver { display: none; }"

    Waiting = Waiting
    Saved = Saved

    def __init__(self) -> None:
        super().__init__()
        self.queue = SaveQueue()

    def save(self, job: Job) -> None:
        self.queue.put(job)
        self.run_save()

    @work(thread=True, group="save")
    def run_save(self) -> None:
        worker = get_current_worker()
        saved = self.queue.run_oldest(self.post_message, lambda: worker.is_cancelled)
        if saved is not None:
            self.post_message(saved)

    @on(Saved)
    def saved(self, message: Saved) -> None:
        """Runs the job's answer, then lets the message bubble (the screen reports errors)."""
        if message.error:
            if message.job.failed:
                message.job.failed(message.error)
        elif message.job.done:
            message.job.done(message.result)

    def finish(self, jobs: list[Job]) -> None:
        """On quit: what is still queued and these last jobs, tried once each, here and now."""
        for job in jobs:
            self.queue.put(job)
        self.queue.drain()

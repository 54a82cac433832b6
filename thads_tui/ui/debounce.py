"""One pending call that every new key or move postpones: the work runs once input pauses."""
from __future__ import annotations

from typing import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debounce:
    def __init__(self, owner: MessagePump, delay: float, callback: Callable[[], object]) -> None:
        self.owner, self.delay, self.callback = owner, delay, callback
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def poke(self) -> None:
        """(Re)start the wait: the callback runs `delay` seconds after the last poke."""
        self.cancel()
        self._timer = self.owner.set_timer(self.delay, self._fire)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> bool:
        """Run a pending call now (enter pressed before the pause); False if none was pending."""
        if self._timer is None:
            return False
        self.cancel()
        self.callback()
        return True

    def _fire(self) -> None:
        self._timer = None
        self.callback()

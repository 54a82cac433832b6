"""What every editing dialog does while its text is being saved in the background."""
from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import Static

from ..cleantext import printable


class SavingDialog(ModalScreen[bool]):
    """`start_saving()` shows "Saving…"; the caller answers with `saved()` (the dialog closes,
    True), `failed(sentence)` (it stays open with the text and says why) or `waiting(True/False)`
    (another window holds the annotations file). `STATUS` is the id of the dialog's status line."""

    STATUS = "status"
    saving = False

    def start_saving(self) -> bool:
        if self.saving:
            return False
        self.saving = True
        self.say("Saving…", error=False)
        return True

    def busy(self) -> bool:
        """True while a save runs: escape must wait for its answer (a failure is shown here, with
        the text still in the dialog; a closed dialog would lose both)."""
        if self.saving:
            self.say("Saving… (escape works once the save has answered)", error=False)
        return self.saving

    def saved(self) -> None:
        self.saving = False
        if self.is_attached:
            self.dismiss(True)

    def failed(self, sentence: str) -> None:
        self.saving = False
        self.say(sentence)

    def waiting(self, waiting: bool) -> None:
        if self.saving:
            self.say("Waiting for another window to release the annotations file…" if waiting else "Saving…",
                     error=False)

    def say(self, text: str, *, error: bool = True) -> None:
        if not self.is_attached:
            return
        line = self.query_one(f"#{self.STATUS}", Static)
        line.update(printable(text))
        line.set_class(not error, "-info")
        line.display = True

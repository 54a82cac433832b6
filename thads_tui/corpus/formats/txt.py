"""Plain text (.txt and anything not recognised as another format): decoded, laid out by the loader."""
from __future__ import annotations

from ..decode import decode
from .base import Document


def read(data: bytes) -> list[Document]:
    return [Document(text=decode(data), format="txt")]

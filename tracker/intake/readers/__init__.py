"""One reader per form of parliamentary paper. Each says whether it recognises the paper and, if so, which
items it reads from it (with the sentence per field); tracker.intake.proposal runs them in order and
combines what they find.

    class Reader(Protocol):
        name: str
        def recognise(self, paper: Paper) -> bool: ...
        def read(self, paper: Paper) -> list[Item]: ...

A reader may also complete the documents it recognises (an Aanhangsel answer is dated on "ontvangen").
"""
from __future__ import annotations

from .base import Paper, Reader
from . import aanhangsel, annex, commitments, delays, exchange, ek_toezeggingen, letter_mentions, motions

# In this order: a later reader can see what an earlier one found (delays postpone the items found before).
READERS: list[Reader] = [aanhangsel.READER, ek_toezeggingen.READER, motions.READER, exchange.READER,
                         letter_mentions.READER, annex.READER, commitments.READER]
FINISHERS = [delays.postpone]

__all__ = ["Paper", "Reader", "READERS", "FINISHERS"]

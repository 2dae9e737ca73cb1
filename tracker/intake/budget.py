"""A time budget for reading a paper: past it, intake stops with a message instead of holding a web worker.

Reading a paper is pure computation over its text (regular expressions, the readers), so it can be stopped
at any point without anything to clean up. Two ways, both always on inside `limited`:

- in the main thread (a gunicorn sync worker, the CLI) a timer signal (SIGALRM) interrupts the work wherever
  it is — also inside one regular expression, which checks for signals while it backtracks;
- in any thread, `check()` between the steps of intake (each letter, each reader) stops it at the next step.

The first catches a pattern that would run for hours however the code around it looks; the second is what a
threaded server gets. Neither needs a second process.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("intake_deadline", default=None)


class OutOfTime(ValueError):
    """Reading took longer than its budget (a ValueError: the pages show it as they show any unreadable paper)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        shown = f"{seconds:g}".replace(".", ",")  # Dutch: "0,5 seconden"
        super().__init__(f"Het inlezen duurde langer dan {shown} seconden en is afgebroken. Lees het document "
                         f"in delen in (bijvoorbeeld per brief), of meld het aan de beheerder als het een gewoon "
                         f"document is.")


def check() -> None:
    """Raise OutOfTime when the budget of the enclosing `limited` block has run out."""
    budget = _deadline.get()
    if budget is not None and time.monotonic() > budget[0]:
        raise OutOfTime(budget[1])


@contextmanager
def limited(seconds: float | None):
    """Run the block within `seconds` (None or 0: no limit); raises OutOfTime past it."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _deadline.set((time.monotonic() + seconds, seconds))
    use_timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer") \
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # a timer someone else set is left alone

    def out_of_time(_signum, _frame):
        raise OutOfTime(seconds)

    previous = signal.signal(signal.SIGALRM, out_of_time) if use_timer else None
    try:
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        try:
            if use_timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            if use_timer:
                signal.signal(signal.SIGALRM, previous)
            _deadline.reset(token)

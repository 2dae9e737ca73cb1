"""What the `tracker` command prints reaches a terminal, which obeys control characters: an ESC in a stored title
could colour, move or rewrite what the operator sees. Every write of a command goes through EscapedStream, which
writes such characters as escapes (tracker.text_hygiene.printable)."""
from __future__ import annotations

import sys
from contextlib import contextmanager

from .text_hygiene import printable

# Click's own progress bar hides the cursor while it draws (and shows it after): its writes pass as they are.
_PROGRESS_BAR = ("\r\x1b[?25l", "\x1b[?25h\n")


class EscapedStream:
    """A text stream (stdout, stderr) that writes control characters as escapes; anything else it passes on."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        if isinstance(text, str) and not text.startswith(_PROGRESS_BAR):
            # a leading CR is the command's own (a counter that rewrites its line); one inside a text is escaped
            text = text[:1] + printable(text[1:]) if text.startswith("\r") else printable(text)
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextmanager
def escaped_output():
    """stdout and stderr escaped while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapedStream(saved[0]), EscapedStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved

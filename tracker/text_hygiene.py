"""One rule for what counts as text, at every door and in every output.

Text is what a person can read: no control characters except tab, line feed and carriage return, no DEL, no C1
controls, no lone surrogates (half of a UTF-16 pair) and no Unicode noncharacters. XML (XLSX, Atom) cannot carry
most of them, a terminal obeys them (ESC starts an ANSI sequence), a mail header breaks on a line break. A
single-line field (nummer, titel, kenmerk, …) holds no line break either.

Where a person types or a file gives the text (forms, API, import), such a character is refused with the field
named (`problem`); where the text is a document someone else wrote (an intake paper, the open data), it is
stripped (`clean`). Outputs clean again, so that rows stored before this rule cannot break them.
"""
from __future__ import annotations

import re

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
# never text, anywhere (tab, LF and CR are not in it)
_NEVER = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# what ends a line: in a single-line field it is refused, or becomes a space
_LINE_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")
_BREAKS_AROUND = re.compile("[ \t]*(?:\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])[ \t]*")
# a vertical tab, form feed or NEL in a document is a line or page break: kept as a line break
_VERTICAL = re.compile("[\x0b\x0c\x85]")


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def problem(value: str | None, multiline: bool = True) -> str | None:
    """What is wrong with this text (Dutch, for after the field's name), or None when it is text."""
    if not value:
        return None
    found = _NEVER.search(value)
    if found:
        char = found[0]
        if char == "\x00":
            return "bevat een NUL-teken (geen tekst)"
        if "\ud800" <= char <= "\udfff":
            return f"bevat een half UTF-16-teken ({codepoint(char)}; geen tekst)"
        if char <= "\x9f":
            return f"bevat een stuurteken ({codepoint(char)}; geen tekst)"
        return f"bevat een teken dat geen tekst is ({codepoint(char)})"
    if not multiline and _LINE_BREAK.search(value):
        return "bevat een regelovergang; dit veld is één regel"
    return None


def clean(value: str | None, multiline: bool = True) -> str | None:
    """The text with everything that is no text taken out: a vertical tab or form feed becomes a line break (in
    a single line every line break a space), the other characters go."""
    if not value:
        return value
    if multiline:
        value = _VERTICAL.sub("\n", value)
    else:
        value = _BREAKS_AROUND.sub(" ", value)
    return _NEVER.sub("", value)


def one_line(value: str | None) -> str:
    """A text for one line: a mail header, a calendar summary, a feed title."""
    return clean(value or "", multiline=False)


def is_clean(value: str | None, multiline: bool = True) -> bool:
    return problem(value, multiline) is None


def printable(value: str) -> str:
    """For a terminal: every character that is no text written as an escape (\\u001b), so none reaches the
    terminal; valid inside a JSON string too. Tab and line feed pass; a carriage return only in CR LF (alone it
    would let a text overwrite the line it is on)."""
    return _TERMINAL.sub(lambda m: m[0] if m[0] == "\r\n" else f"\\u{ord(m[0]):04x}", value)


_TERMINAL = re.compile("\r\n|[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

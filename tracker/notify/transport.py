"""Where mail goes: an SMTP server ($SMTP_URL), or without one the outbox folder (.eml files) a person can read.

smtp://host:port (STARTTLS when the server offers it), smtps://user:password@host:465 (TLS from the start);
user and password also work with smtp://. Nothing here decides what is sent; tracker.notify.deliver does.
"""
from __future__ import annotations

import os
import re
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

TIMEOUT = 20  # seconds per SMTP step: a hanging server ends the run instead of holding it


class TransportDown(Exception):
    """The mail server cannot be reached or stopped answering: nothing more can be sent in this run."""


class Refused(Exception):
    """The server refused this recipient (the others can still go)."""


class Outbox:
    """Messages as .eml files in a folder (the embedded default: a new user sees exactly what would go out)."""

    claim = None  # called (by tracker.notify.deliver) right before a message becomes final: see Smtp.claim

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, message: EmailMessage, name: str) -> str:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120]
        path = self.folder / f"{safe}.eml"
        # a partial file of its own (two writers of one name never share one), renamed into place whole: a
        # reader never sees half a message
        descriptor, partial = tempfile.mkstemp(dir=self.folder, prefix=f".{safe[:60]}-", suffix=".eml.part")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(message.as_bytes())
            if self.claim:
                self.claim()
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        return path.name

    def close(self) -> None:
        pass


def without_password(url: str) -> str:
    """The URL as it may be shown (a message, a log): whatever stands between the user name and the last @ is
    replaced, also when the URL is too malformed to parse."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "…" if "@" in url else url
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        credentials, _, host = authority.rpartition("@")
        authority = f"{credentials.partition(':')[0]}:***@{host}" if ":" in credentials else f"{credentials}@{host}"
    elif "@" in path:  # a password with a / in it: the parser would take part of it for the path
        return f"{scheme}://***"
    return f"{scheme}://{authority}{slash}{path}"


class _ClaimBeforeEndOfData:
    """smtplib's DATA with one step more: `before_end` runs after the message text has gone and before the
    line with the single dot that ends it. Until that dot the server keeps nothing (a connection that drops
    before it is a message never sent), so a run killed before it can send the message again without a
    duplicate; only between the dot and the mark of "verstuurd" can a message go twice."""

    before_end = None

    def data(self, msg):
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        text = smtplib._quote_periods(msg)
        if text[-2:] != smtplib.bCRLF:
            text += smtplib.bCRLF
        self.send(text)
        if self.before_end:
            try:
                self.before_end()
            except BaseException:
                self.close()  # hang up without the dot: the server drops the message
                raise
        self.send(b"." + smtplib.bCRLF)
        return self.getreply()


class _Smtp(_ClaimBeforeEndOfData, smtplib.SMTP):
    pass


class _Smtps(_ClaimBeforeEndOfData, smtplib.SMTP_SSL):
    pass


class Smtp:
    # Called right before the message becomes the server's (the end of DATA): tracker.notify.deliver records
    # there that this message is on its way, so a later run knows it may have gone.
    claim = None

    def __init__(self, url: str):
        wrong = ValueError(f"SMTP_URL moet smtp://host:poort of smtps://gebruiker:wachtwoord@host:465 zijn, niet "
                           f"'{without_password(url)}'")
        try:
            parts = urlsplit(url)
            port = parts.port  # a port that is no number raises here (and its text may hold the password)
        except ValueError:
            raise wrong from None
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise wrong
        self.tls = parts.scheme == "smtps"
        self.host, self.port = parts.hostname, port or (465 if self.tls else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.connection: smtplib.SMTP | None = None

    def open(self) -> None:
        try:
            if self.tls:
                self.connection = _Smtps(self.host, self.port, timeout=TIMEOUT,
                                                   context=ssl.create_default_context())
            else:
                self.connection = _Smtp(self.host, self.port, timeout=TIMEOUT)
                self.connection.ehlo()
                if self.connection.has_extn("starttls"):
                    self.connection.starttls(context=ssl.create_default_context())
                    self.connection.ehlo()
            if self.user:
                self.connection.login(self.user, self.password or "")
        except (OSError, smtplib.SMTPException) as error:
            raise TransportDown(f"de mailserver {self.host}:{self.port} is niet bereikbaar ({error})") from None

    def send(self, message: EmailMessage, name: str) -> None:
        assert self.connection is not None
        self.connection.before_end = self.claim
        try:
            refused = self.connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise Refused("; ".join(f"{who}: {code} {text.decode(errors='replace')}"
                                    for who, (code, text) in error.recipients.items())) from None
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as error:
            raise TransportDown(f"de verbinding met de mailserver viel weg ({error})") from None
        except smtplib.SMTPResponseException as error:
            if 500 <= error.smtp_code < 600:
                raise Refused(f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}") from None
            raise TransportDown(f"de mailserver weigert nu ({error.smtp_code}); later opnieuw") from None
        if refused:
            raise Refused("; ".join(f"{who}: {code}" for who, (code, _) in refused.items()))

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                pass

"""Configuration from the environment, with a working local default (SQLite under instance/)."""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path


def instance_path() -> Path:
    """Where the local database and the generated secret key live: $TRACKER_INSTANCE or ./instance."""
    return Path(os.environ.get("TRACKER_INSTANCE") or Path.cwd() / "instance").resolve()


def normalise_database_url(url: str) -> str:
    """Accept postgres:// and postgresql:// (as hosting platforms write them) and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def database_url() -> str:
    """$DATABASE_URL, or the SQLite file instance/tracker.db."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_database_url(url)
    path = instance_path()
    path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path / 'tracker.db'}"


def secret_key() -> str:
    """$SECRET_KEY, or a random key generated once into instance/secret_key (never a fixed default)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = instance_path()
    path.mkdir(parents=True, exist_ok=True)
    key_file = path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def secure_cookies() -> bool:
    """Session cookies only over HTTPS when TRACKER_SECURE_COOKIES=1 (set it behind TLS in production)."""
    return os.environ.get("TRACKER_SECURE_COOKIES", "0") in ("1", "true", "yes")


def proxy_hops() -> int:
    """How many reverse proxies stand before the app ($TRACKER_PROXY_HOPS, default 0: none are trusted)."""
    value = os.environ.get("TRACKER_PROXY_HOPS", "0").strip() or "0"
    if not value.isdecimal():
        raise ValueError(f"TRACKER_PROXY_HOPS moet een geheel getal zijn, niet '{value}'")
    return int(value)


def api_rate_per_minute() -> int:
    """Requests per minute per API token, over all workers and servers ($TRACKER_API_RATE, default 600): a runaway
    client slows down before it slows everyone else down (counted in the database: tracker.rate_limit)."""
    value = os.environ.get("TRACKER_API_RATE", "600").strip() or "600"
    if not value.isdecimal() or int(value) < 1:
        raise ValueError(f"TRACKER_API_RATE moet een positief geheel getal zijn, niet '{value}'")
    return int(value)


def intake_seconds() -> float:
    """How long reading one paper on the web may take ($TRACKER_INTAKE_SECONDS, default 20): past it the page
    says so, and the worker is free again (gunicorn would kill it at 120 s)."""
    value = os.environ.get("TRACKER_INTAKE_SECONDS", "20").strip() or "20"
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if not 0 < seconds <= 3600:
        raise ValueError(f"TRACKER_INTAKE_SECONDS moet een aantal seconden zijn (hoogstens 3600), niet '{value}'")
    return seconds


def host() -> str:
    """The address `tracker serve` listens on ($TRACKER_HOST; not $HOST, which some shells set to the machine's
    name and would open the app to the network unasked)."""
    return os.environ.get("TRACKER_HOST", "").strip() or "127.0.0.1"


def port() -> int:
    """The port `tracker serve` (and so `bin/start`) listens on: $PORT, else 5000."""
    value = os.environ.get("PORT", "").strip() or "5000"
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise ValueError(f"PORT moet een poortnummer zijn (1–65535), niet '{value}'")
    return int(value)


def base_url() -> str:
    """Where people open Kamertracker ($TRACKER_BASE_URL): the links in e-mails and feeds point there. Unset: the
    address `tracker serve` listens on ($TRACKER_HOST and $PORT, by default http://127.0.0.1:5000); a server
    listening on every address (0.0.0.0) is reached on this machine as 127.0.0.1 — set TRACKER_BASE_URL for others."""
    configured = configured_base_url()
    if configured:
        return configured
    shown = host()
    if shown in ("0.0.0.0", "::", ""):
        shown = "127.0.0.1"
    elif ":" in shown:
        shown = f"[{shown}]"  # an IPv6 address in a URL
    try:
        return f"http://{shown}:{port()}"
    except ValueError:
        return f"http://{shown}:5000"  # a wrong PORT is refused by `tracker serve`, not by every link


def configured_base_url() -> str | None:
    """$TRACKER_BASE_URL as set, or None: absolute URLs are made from it only, never from a request's Host
    header (which the client chooses)."""
    return os.environ.get("TRACKER_BASE_URL", "").strip().rstrip("/") or None


def umask() -> int:
    """The file mode mask of every command and of `tracker serve` ($TRACKER_UMASK, octal, default 077: files
    0600, folders 0700; 027 lets the group read). Others never get any right, whatever is set."""
    value = os.environ.get("TRACKER_UMASK", "077").strip() or "077"
    if not re.fullmatch(r"0?[0-7]{3}", value):
        raise ValueError(f"TRACKER_UMASK moet een octaal masker zijn zoals 077 of 027, niet '{value}'")
    return int(value, 8) | 0o007


def mail_from() -> str:
    return os.environ.get("MAIL_FROM", "Kamertracker <kamertracker@localhost>").strip()


def smtp_url() -> str | None:
    """$SMTP_URL (smtp://host:port or smtps://user:pass@host:465); unset: messages go to instance/outbox/."""
    return os.environ.get("SMTP_URL", "").strip() or None


def outbox_path() -> Path:
    return instance_path() / "outbox"


def local_outbox_warning(url: str | None = None) -> str | None:
    """A warning when messages would go to this host's outbox while the database is a server that several app hosts
    may share (PostgreSQL): the outbox is a folder on one host, for one host or a demo. None otherwise."""
    if smtp_url() or (url or database_url()).startswith("sqlite"):
        return None
    return (f"Let op: SMTP_URL is niet gezet, dus berichten van `tracker notify` gaan naar de outbox op deze host "
            f"({outbox_path()}). Bij meer dan één host ziet alleen deze host ze (ook Beheer → Berichten op een andere "
            f"host vindt ze niet) en leest niemand ze als mail: zet SMTP_URL.")


def digest_day() -> str:
    """The weekday of the weekly digest ($NOTIFY_DIGEST_DAY, default maandag)."""
    from .domain.reminders import WEEKDAYS
    value = os.environ.get("NOTIFY_DIGEST_DAY", "maandag").strip().lower()
    if value not in WEEKDAYS:
        raise ValueError(f"NOTIFY_DIGEST_DAY moet een weekdag zijn ({', '.join(WEEKDAYS)}), niet '{value}'")
    return value


def reminder_days() -> tuple[int, ...]:
    """Days before an internal or real deadline a behandelaar is reminded ($NOTIFY_REMINDER_DAYS, default 7,1)."""
    from .domain.reminders import parse_days
    return parse_days(os.environ.get("NOTIFY_REMINDER_DAYS", "7,1"))

"""Run the app on gunicorn, a production WSGI server (never Flask's debug server)."""
from __future__ import annotations

import multiprocessing
import re

from gunicorn.app.base import BaseApplication
from gunicorn.config import KNOWN_SETTINGS
from gunicorn.glogging import Logger

# A secret in a request line: the token of an ICS or Atom link, a bearer token. The access log keeps the rest.
_SECRETS = [(re.compile(r"(/agenda/|/feeds/)[^/?#\s\"]+(\.ics|\.atom)"), r"\1***\2"),
            (re.compile(r"(?i)(bearer\s+)\S+"), r"\1***")]


def scrub(text: str) -> str:
    """The text with every feed token and bearer token replaced by ***."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def _scrub_record(record) -> bool:
    record.msg, record.args = scrub(record.getMessage()), None
    return True


class ScrubbingLogger(Logger):
    """gunicorn's logger, with secrets scrubbed from every access-log field (request line, path, referer, headers
    a custom format might print): whoever reads the log gets no working feed link."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(_scrub_record)  # "Error handling request /agenda/<token>.ics" too

    def atoms(self, resp, req, environ, request_time):
        return {key: scrub(value) if isinstance(value, str) else value
                for key, value in super().atoms(resp, req, environ, request_time).items()}


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from . import create_app
        return create_app()


def default_workers() -> int:
    """One sync worker per core (at least 2, at most 8).

    The pages are CPU-bound once the overview is cached; on the 2-core reference machine,
    2 workers gave p95 71 ms on Te laat at 20 clients where gunicorn's 2 × cores + 1 gave 161 ms.
    """
    return max(2, min(multiprocessing.cpu_count(), 8))


def _post_fork(_server, _worker) -> None:
    from .. import db
    db.forget_inherited_connections()


def options(host: str, port: int, workers: int | None = None) -> dict:
    # timeout: an import or a long voortgangsbrief may take a minute; a page never does.
    # control_socket_disable: gunicorn 24+ opens a control socket at one fixed path in the home directory by
    # default; every instance would share it (and its runtime commands). Kamertracker needs none.
    chosen = {"bind": f"{host}:{port}", "workers": workers or default_workers(), "accesslog": "-",
              "logger_class": ScrubbingLogger, "preload_app": False, "post_fork": _post_fork, "timeout": 120}
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):  # older ones have no socket
        chosen["control_socket_disable"] = True
    return chosen


def run(host: str, port: int, workers: int | None = None) -> None:
    _Gunicorn(options(host, port, workers)).run()

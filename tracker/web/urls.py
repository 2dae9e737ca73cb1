"""Absolute URLs come from TRACKER_BASE_URL only, never from a request's Host header: the client chooses that
header, and an API `next` link, the OpenAPI server or a calendar link built from it would point wherever it says."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for

from .. import config


def _path(endpoint: str, **values) -> str:
    """The endpoint's path below TRACKER_BASE_URL (which includes any prefix the app is mounted under)."""
    path, root = url_for(endpoint, **values), request.script_root
    return path[len(root):] if root and path.startswith(root) else path


def public_url(endpoint: str, **values) -> str:
    """TRACKER_BASE_URL + the path when it is set; else the path alone (relative to the request's own origin)."""
    base = config.configured_base_url()
    return base + _path(endpoint, **values) if base else url_for(endpoint, **values)


def absolute_url(endpoint: str, **values) -> str:
    """For where only an absolute URL will do (a link to copy into a calendar, a link inside an ICS event):
    TRACKER_BASE_URL, or without it the documented fallback http://127.0.0.1:5000 (config.base_url)."""
    return config.base_url() + _path(endpoint, **values)


def public_host() -> str:
    """The host name of TRACKER_BASE_URL (the domain of calendar event UIDs)."""
    return urlsplit(config.base_url()).hostname or "localhost"

"""The JSON API, /api/v1: bearer tokens, problem+json errors, per-token rate limits, OpenAPI from the models.

Only the Authorization header identifies the caller: a browser's session cookie is never accepted here, so
no other site can make a logged-in browser call the API (and the API needs no CSRF token).
"""
from __future__ import annotations

import threading
import time

from flask import Blueprint, current_app, g, request

from ... import db
from ...services.tokens import touch, user_for_token
from .. import app_engine
from .problems import ApiProblem, problem_response
from .spec import Spec

bp = Blueprint("api", __name__, url_prefix="/api/v1")
spec = Spec("Kamertracker API", "1", "Moties, toezeggingen, Kamervragen en commissiebrieven met hun termijnen: lezen, "
            "bijwerken en synchroniseren. Elk verzoek draagt `Authorization: Bearer TOKEN`; een schrijfactie op een "
            "item draagt `If-Match` met de versie die u las (de ETag). Fouten zijn application/problem+json.")
PUBLIC = {"api.openapi_document", "api.docs", "api.docs_asset"}


class RateLimiter:
    """A fixed one-minute window per key, in this worker's memory (each gunicorn worker counts its own)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}

    def hit(self, key: str, per_minute: int) -> int | None:
        """Count a request; None when allowed, else the seconds until the next window."""
        now = time.time()
        window = int(now // 60)
        with self._lock:
            start, count = self._windows.get(key, (window, 0))
            if start != window:
                start, count = window, 0
            count += 1
            self._windows[key] = (start, count)
            if len(self._windows) > 10_000:  # old windows of idle tokens
                self._windows = {k: v for k, v in self._windows.items() if v[0] == window}
        return None if count <= per_minute else max(1, int((window + 1) * 60 - now) + 1)


limiter = RateLimiter()


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return problem_response(401, "Geef een token mee: Authorization: Bearer TOKEN (maak er een met "
                                     "`tracker api-token NAAM` of onder Mijn instellingen).",
                                headers={"WWW-Authenticate": 'Bearer realm="kamertracker"'})
    with db.transaction(app_engine()) as session:
        user = user_for_token(session, token.strip())
    if user is not None:
        touch(app_engine(), user)  # best effort, after the read: a GET never fails for it
    if user is None:
        return problem_response(401, "Dit token is onbekend, ingetrokken of van een uitgeschakelde gebruiker.",
                                headers={"WWW-Authenticate": 'Bearer realm="kamertracker", error="invalid_token"'})
    wait = limiter.hit(f"token:{user.token_id}", current_app.config["API_RATE_PER_MINUTE"])
    if wait is not None:
        return problem_response(429, f"Te veel verzoeken met dit token; probeer het over {wait} seconden opnieuw.",
                                headers={"Retry-After": str(wait)})
    g.api_user = user
    return None


@bp.errorhandler(ApiProblem)
def api_problem(error: ApiProblem):
    return error.get_response()


from . import routes  # noqa: E402,F401  (registers the operations on bp and spec)
from . import search_routes  # noqa: E402,F401  (GET /zoek, GET /dossiers/{nummer})

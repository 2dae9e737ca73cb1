"""The JSON API, /api/v1: bearer tokens, problem+json errors, per-token rate limits (counted in the database, for
all servers together), OpenAPI from the models.

Only the Authorization header identifies the caller: a browser's session cookie is never accepted here, so
no other site can make a logged-in browser call the API (and the API needs no CSRF token).
"""
from __future__ import annotations

from flask import Blueprint, current_app, g, request

from ... import db
from ...rate_limit import key_for
from ...services.tokens import touch, user_for_token
from .. import app_engine
from .problems import ApiProblem, problem_response
from .spec import Spec

bp = Blueprint("api", __name__, url_prefix="/api/v1")
spec = Spec("Kamertracker API", "1", "Moties, toezeggingen, Kamervragen en commissiebrieven met hun termijnen: lezen, "
            "bijwerken en synchroniseren. Elk verzoek draagt `Authorization: Bearer TOKEN`; een schrijfactie op een "
            "item draagt `If-Match` met de versie die u las (de ETag). Fouten zijn application/problem+json.")
PUBLIC = {"api.openapi_document", "api.docs", "api.docs_asset"}


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
    # counted in the database: the limit holds for the token over every worker of every server (tracker.rate_limit)
    wait = current_app.extensions["rate_limiter"].hit(app_engine(), key_for("token", str(user.token_id)),
                                                      current_app.config["API_RATE_PER_MINUTE"])
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

"""Errors of the API as application/problem+json (RFC 9457), in Dutch, naming the parameter or field."""
from __future__ import annotations

import json

from flask import Response
from pydantic import BaseModel, ConfigDict
from werkzeug.exceptions import HTTPException

MEDIA_TYPE = "application/problem+json"
TITLES = {400: "Ongeldig verzoek", 401: "Niet aangemeld", 403: "Geen toegang", 404: "Niet gevonden",
          405: "Methode niet toegestaan", 409: "Conflict", 412: "Item intussen gewijzigd", 413: "Te groot",
          415: "Verkeerd mediatype", 422: "Invoer breekt een regel", 428: "If-Match ontbreekt",
          429: "Te veel verzoeken", 500: "Interne fout", 503: "Database niet beschikbaar"}


class Problem(BaseModel):
    """One thing wrong: the query parameter or body field, and what."""

    model_config = ConfigDict(extra="forbid")
    parameter: str | None = None
    field: str | None = None
    detail: str


class ProblemResponse(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[Problem] | None = None
    allowed_statuses: list[str] | None = None


class ApiProblem(HTTPException):
    """Raised anywhere in an API view: becomes its problem+json response."""

    def __init__(self, status: int, detail: str, errors: list[Problem] | None = None, headers: dict | None = None,
                 **extra):
        super().__init__(description=detail)
        self.code = status
        self.errors, self.extra_headers, self.extra = errors, headers or {}, extra

    def get_response(self, environ=None, scope=None) -> Response:
        return problem_response(self.code, self.description, self.errors, self.extra_headers, **self.extra)


def bad_request(detail: str, errors: list[Problem]) -> ApiProblem:
    return ApiProblem(400, detail, errors)


def problem_response(status: int, detail: str, errors: list[Problem] | None = None, headers: dict | None = None,
                     **extra) -> Response:
    body = ProblemResponse(title=TITLES.get(status, "Fout"), status=status, detail=detail, errors=errors, **extra)
    response = Response(json.dumps(body.model_dump(exclude_none=True), ensure_ascii=False), status=status,
                        mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response

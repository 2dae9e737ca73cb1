"""Schemathesis: requests generated from the API's own OpenAPI document, against the app on the demo data.

No request may end in a 5xx, and no response may contradict the document (status code, content type,
headers, body schema). Runs on SQLite and PostgreSQL (the `app` fixture is per backend). Driven through
Hypothesis directly: schemathesis' pytest plugin does not load under this pytest."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from sqlmodel import select

from tracker import db
from tracker.models import User
from tracker.services.tokens import create_token

EXAMPLES = 100  # per operation
# No 5xx, and nothing the document does not promise. (Not positive_data_acceptance: a well-formed but unknown
# ministry code is a 400 that names the parameter, which that check counts as a rejected valid request.)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance, checks.missing_required_header,
          checks.ignored_auth]


def test_the_api_keeps_its_own_contract(app, demo):
    with db.transaction(demo) as session:  # an officer: reads everything, writes its own ministry's items
        user = session.exec(select(User).where(User.username == "bzk")).one()
        token = create_token(session, user, "schemathesis")[1]
    app.config["API_RATE_PER_MINUTE"] = 1_000_000
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures, tried, statuses = {}, [], {}
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
            statuses.setdefault(operation.label, set()).add(response.status_code)

        try:
            check()
        except Exception as error:  # noqa: BLE001 - collected: every operation is tried, then all are reported
            failures[operation.label] = str(error)[:3000]
    assert len(tried) >= 11
    assert failures == {}
    assert set(statuses) == set(tried)  # every operation was called
    assert 200 in statuses["GET /items"] and 200 in statuses["GET /overdue"] and 200 in statuses["GET /items/{item_id}"]

"""schemathesis against the API's own OpenAPI schema: generated requests, valid and invalid,
never get a 5xx nor an answer that contradicts the schema (status, content type, body)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from schemathesis.specs.openapi import checks as openapi_checks

from bob_emploi.web.accounts.models import User
from bob_emploi.web.accounts.services import create_api_token
from tests.web.conftest import PASSWORD

# Read from the app itself, through WSGI, at collection (the schema needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())

CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """A real WSGI handler closes "old" database connections when a request starts, which would
    end the test's transaction on PostgreSQL; Django's test client does the same as this."""
    request_started.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)


@pytest.fixture
def token(db: None) -> str:
    return create_api_token(User.objects.create_user("fuzz@example.org", PASSWORD))


@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    derandomize=True,
)
@pytest.mark.django_db
def test_api_conforms_to_its_schema(case: Any, token: str) -> None:
    if case.path == "/api/v1/me" and case.method == "DELETE":
        return  # deleting the account would leave the other operations without a user
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

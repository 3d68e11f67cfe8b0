"""schemathesis against the API's own OpenAPI schema: generated requests, valid and invalid,
never get a 5xx nor an answer that contradicts the schema (status, content type, body)."""

from __future__ import annotations

import uuid
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


# One plain pytest parameter per operation: schemathesis' own `parametrize` gives every operation
# the same node id, and xdist's loadgroup scheduling then runs only one of them.
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_api_conforms_to_its_schema(operation: Any, token: str) -> None:
    deletes_the_account = operation.label == "DELETE /api/v1/me"

    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: Any) -> None:
        bearer = token
        if deletes_the_account:  # it takes the token with it: each example gets an account of its own
            bearer = create_api_token(User.objects.create_user(f"fuzz-{uuid.uuid4().hex}@example.org", PASSWORD))
        case.call_and_validate(headers={"Authorization": f"Bearer {bearer}"}, checks=CHECKS)

    check()


def test_every_operation_is_checked() -> None:
    assert len({operation.label for operation in OPERATIONS}) == len(OPERATIONS) > 20

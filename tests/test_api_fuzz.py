"""Schemathesis against /api/v1/openapi.json: thousands of generated requests, anonymous and
as a dispatcher; none may get a 5xx or see a phone number echoed back."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from vecinos.networks.services import create_token
from vecinos.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
PHONE_LIKE = re.compile(rb"\+?1?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}")
CASES_PER_OPERATION = 300  # seven operations: over 2,000 cases in all


pytestmark = pytest.mark.usefixtures("wsgi_in_the_test_transaction")


@pytest.fixture
def token(dispatcher) -> str:
    return create_token(dispatcher)


@schema.parametrize()
@settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_no_request_breaks_the_api(case, network, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, response.text[:300]
    sent = (case.body if isinstance(case.body, dict) else {}) or {}
    if "address" not in sent:
        assert not PHONE_LIKE.search(response.content), response.text[:300]

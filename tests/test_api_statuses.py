"""Every answer of the JSON API is in /api/v1/openapi.json for its operation, status and body:
generated requests, valid and not, anonymous, as a dispatcher and as staff who is not one."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from vecinos.networks.services import create_token
from vecinos.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(modes=list(schemathesis.GenerationMode))
CASES_PER_OPERATION = 15  # nine operations, three callers: about 400 cases
pytestmark = pytest.mark.usefixtures("wsgi_in_the_test_transaction")


@pytest.fixture(params=["anonymous", "dispatcher", "outsider"])
def headers(request) -> dict[str, str]:
    """Anonymous callers get whatever token schemathesis makes up, which is none of ours."""
    if request.param == "anonymous":
        return {}
    user = request.getfixturevalue(request.param)
    return {"Authorization": f"Bearer {create_token(user)}"}


@schema.parametrize()
@settings(max_examples=CASES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_every_answer_is_documented(case, confirmed, headers):
    response = case.call(headers=headers)
    case.validate_response(response, checks=[status_code_conformance, response_schema_conformance])

"""Property-based API run from /openapi.json: no input gives a 5xx."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from detector.api import create_app
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings

app = create_app(
    DetectorSettings(max_request_bytes=50_000, max_leaves=500),
    loader=DetectionEngine.load_default,
    load_in_background=False,
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case[Any]) -> None:
    response = case.call()
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])

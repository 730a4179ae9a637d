"""Schemathesis against the live /api/openapi.json with a valid key: no answer is a 5xx and
every answer matches the schema (bounded: a few examples per operation, well under 90 s).

Hypothesis drives each operation's strategy directly: schemathesis's pytest plugin needs the
schema at collection time, before the server of the `brand` fixture runs."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import Brand

EXAMPLES = 12


def test_the_api_answers_every_generated_request_by_its_schema(brand: Brand):
    schema = schemathesis.openapi.from_url(f"{brand.base_url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def answers_by_the_schema(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=f"{brand.base_url}/api", headers={"apikey": brand.key})

        answers_by_the_schema()

"""The sandbox keeps its store in a SQLite file, so a restart forgets nothing."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.sandbox.payloads import error_code, event, event_definition
from tests.sandbox_server import basic_auth_header, control_headers, running_sandbox


def test_a_restarted_sandbox_still_knows_its_events_and_definitions(tmp_path: Path) -> None:
    with running_sandbox(tmp_path) as url, httpx.Client(headers=basic_auth_header()) as client:
        client.post(f"{url}/v2/events", json=event_definition()).raise_for_status()
        first = client.post(f"{url}/webhooks/sandbox", json=event(1)).json()["requestId"]
    with running_sandbox(tmp_path) as url, httpx.Client(headers=basic_auth_header()) as client:
        assert error_code(client.post(f"{url}/v2/events", json=event_definition())) == 1806
        again = client.post(f"{url}/webhooks/sandbox", json=event(1)).json()["requestId"]
        assert again == first
        assert (
            client.get(f"{url}/_sandbox/stats", headers=control_headers()).json()["events_stored"]
            == 1
        )

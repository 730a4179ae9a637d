"""Fault injection: shares of 5xx, 429 with Retry-After, latency and dropped connections."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from tests.sandbox.payloads import define_water_glass, event
from tests.sandbox_server import basic_auth_header, control_headers, running_sandbox


def set_faults(sandbox: httpx.Client, **faults: object) -> None:
    sandbox.put("/_sandbox/faults", json=faults).raise_for_status()


def test_with_error_rate_1_every_business_call_fails_but_sandbox_endpoints_work(
    sandbox: httpx.Client, capillary: httpx.Client
) -> None:
    set_faults(sandbox, error_rate=1, error_statuses=[502, 503])
    for path in ("/v2/events", "/v3/milestones", "/v2/customers/lookup"):
        assert capillary.get(path).status_code in {502, 503}
    assert capillary.post("/webhooks/sandbox", json=event(1)).status_code in {502, 503}
    assert sandbox.get("/_sandbox/stats").json()["faults"]["errors"] == 4
    assert sandbox.get("/_sandbox/faults").json()["error_rate"] == 1
    assert sandbox.get("/_sandbox/events").status_code == 200


def test_rate_limiting_answers_429_with_retry_after(
    sandbox: httpx.Client, capillary: httpx.Client
) -> None:
    set_faults(sandbox, rate_limit_rate=1, retry_after_s=2)
    answer = capillary.get("/v2/events")
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "2"


def test_latency_is_added_to_each_call(sandbox: httpx.Client, capillary: httpx.Client) -> None:
    set_faults(sandbox, latency_ms=[150, 150])
    started = time.monotonic()
    assert capillary.get("/v2/events").status_code == 200
    assert time.monotonic() - started >= 0.15


def test_a_dropped_connection_is_a_transport_error_for_httpx(
    sandbox: httpx.Client, capillary: httpx.Client
) -> None:
    set_faults(sandbox, drop_rate=1)
    with pytest.raises(httpx.TransportError):
        capillary.get("/v2/events")
    assert sandbox.get("/_sandbox/stats").json()["faults"]["dropped"] == 1


def test_some_dropped_posts_were_stored_before_the_connection_broke(
    sandbox: httpx.Client, capillary: httpx.Client
) -> None:
    define_water_glass(capillary)
    set_faults(sandbox, drop_rate=1, seed=7)
    for log_id in range(20):
        with pytest.raises(httpx.TransportError):
            capillary.post("/webhooks/sandbox", json=event(log_id))
    stored = sandbox.get("/_sandbox/stats").json()["events_stored"]
    assert 0 < stored < 20
    faults = {entry["fault"] for entry in sandbox.get("/_sandbox/requests").json()["requests"]}
    assert faults >= {"dropped", "dropped_after_processing"}


def test_the_journal_records_each_calls_idempotency_key(
    sandbox: httpx.Client, capillary: httpx.Client
) -> None:
    set_faults(sandbox, error_rate=1, error_statuses=[503])
    capillary.get("/v2/events", headers={"Idempotency-Key": "outbox-41"})
    sandbox.put("/_sandbox/faults", json={}).raise_for_status()
    capillary.get("/v2/events", headers={"Idempotency-Key": "outbox-41"})
    entries = sandbox.get("/_sandbox/requests", params={"limit": 2}).json()["requests"]
    assert [(e["idempotency_key"], e["status"], e["fault"]) for e in entries] == [
        ("outbox-41", 503, "error"),
        ("outbox-41", 200, None),
    ]
    assert all(e["path"] == "/v2/events" for e in entries)


def test_faults_that_make_no_sense_are_refused(sandbox: httpx.Client) -> None:
    assert sandbox.put("/_sandbox/faults", json={"error_rate": 2}).status_code == 400
    assert sandbox.put("/_sandbox/faults", json={"error_statuses": [404]}).status_code == 400
    assert sandbox.put("/_sandbox/faults", json={"made_up": 1}).status_code == 400


def test_faults_from_the_environment_apply_from_the_start_and_after_reset(tmp_path: Path) -> None:
    faults = json.dumps({"error_rate": 1, "error_statuses": [500]})
    with running_sandbox(tmp_path, SANDBOX_FAULTS=faults) as url:
        with httpx.Client(base_url=url, headers=basic_auth_header()) as client:
            assert client.get("/v2/events").status_code == 500
            client.put("/_sandbox/faults", json={}, headers=control_headers()).raise_for_status()
            assert client.get("/v2/events").status_code == 200
            client.post("/_sandbox/reset", headers=control_headers()).raise_for_status()
            assert client.get("/v2/events").status_code == 500

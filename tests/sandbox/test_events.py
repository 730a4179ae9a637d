"""Event definitions (`/v2/events`) and event posts (`/webhooks/sandbox`)."""

from __future__ import annotations

import httpx

from tests.sandbox.payloads import define_water_glass, error_code, event, event_definition


def test_defining_an_event_twice_answers_1806(capillary: httpx.Client) -> None:
    first = capillary.post("/v2/events", json=event_definition())
    assert first.status_code == 200
    assert first.json() == {"warnings": [], "errors": []}
    again = capillary.post("/v2/events", json=event_definition())
    assert again.status_code == 400
    assert error_code(again) == 1806


def test_defined_events_are_listed(capillary: httpx.Client) -> None:
    define_water_glass(capillary)
    names = [e["eventName"] for e in capillary.get("/v2/events").json()["data"]]
    assert names == ["water_glass"]


def test_an_event_without_actions_is_refused_with_1810(capillary: httpx.Client) -> None:
    body = {**event_definition(), "actions": []}
    assert error_code(capillary.post("/v2/events", json=body)) == 1810


def test_a_posted_event_is_pushed_and_creates_its_customer(
    capillary: httpx.Client, sandbox: httpx.Client
) -> None:
    define_water_glass(capillary)
    answer = capillary.post("/webhooks/sandbox", json=event(1))
    assert answer.status_code == 200
    assert answer.json()["status"] == {
        "code": 1100,
        "message": "Event is pushed to transformation state",
    }
    lookup = capillary.get(
        "/v2/customers/lookup",
        params={
            "source": "INSTORE",
            "identifierName": "externalId",
            "identifierValue": "goalpost-person-7",
        },
    )
    assert lookup.status_code == 200
    stored = sandbox.get("/_sandbox/events").json()["events"]
    assert stored[0]["customer_id"] == lookup.json()["entity"]
    assert stored[0]["event_time"] == "2026-11-21T08:30:00.000Z"


def test_the_same_external_event_id_twice_is_stored_once_with_the_same_request_id(
    capillary: httpx.Client, sandbox: httpx.Client
) -> None:
    define_water_glass(capillary)
    first = capillary.post("/webhooks/sandbox", json=event(1))
    again = capillary.post("/webhooks/sandbox", json=event(1))
    assert again.status_code == 200
    assert again.json()["requestId"] == first.json()["requestId"]
    stats = sandbox.get("/_sandbox/stats").json()
    assert (stats["events_stored"], stats["event_posts"]) == (1, 2)
    assert sandbox.get("/_sandbox/events").json()["events"][0]["times_received"] == 2


def test_an_event_nobody_defined_is_refused(capillary: httpx.Client) -> None:
    answer = capillary.post("/webhooks/sandbox", json=event(1))
    assert answer.status_code == 400
    assert error_code(answer) == 1811


def test_an_unknown_webhook_token_is_not_found(capillary: httpx.Client) -> None:
    define_water_glass(capillary)
    assert capillary.post("/webhooks/elsewhere", json=event(1)).status_code == 404


def test_a_non_numeric_amount_is_refused(capillary: httpx.Client) -> None:
    define_water_glass(capillary, attribute="glasses")
    answer = capillary.post("/webhooks/sandbox", json=event(1, glasses="two"))
    assert error_code(answer) == 1802

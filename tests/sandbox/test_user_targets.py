"""`enrolledTargets` (a customer's active targets) and `trackedTargetEvents` (what counted)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.sandbox.payloads import add_customer, create_group, enrol, error_code, event


def test_the_targets_a_customer_is_enrolled_in_are_listed(capillary: httpx.Client) -> None:
    group = create_group(capillary)
    other = create_group(capillary, name="goalpost-18", event_defined=True)
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    path = f"/v3/users/{customer_id}/enrolledTargets"
    listed = capillary.get(path).json()
    assert [t["id"] for t in listed["data"]] == [group["targets"][0]["id"]]
    assert listed["data"][0]["enrolmentMethod"] == "IMPORT"
    assert capillary.get(path, params={"enrollmentType": "TRANSACTION"}).json()["data"] == []
    assert (
        capillary.get(path, params={"targetRuleIds": str(other["targets"][0]["id"])}).json()["data"]
        == []
    )
    assert error_code(capillary.get(path, params={"enrollmentType": "BY_HAND"})) == 310130
    assert error_code(capillary.get("/v3/users/12345/enrolledTargets")) == 310011


def tracked(capillary: httpx.Client, customer_id: int, target_id: int, **params: Any) -> Any:
    return capillary.get(f"/v3/users/{customer_id}/trackedTargetEvents/{target_id}", params=params)


def test_the_events_that_counted_are_named_by_their_request_id(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=3)
    target_id = group["targets"][0]["id"]
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    request_ids = [
        capillary.post("/webhooks/sandbox", json=event(n, at=at)).json()["requestId"]
        for n, at in ((1, "2026-11-21 08:30:00"), (2, "2026-11-22 09:00:00"), (3, "2030-01-01"))
    ]
    answer = tracked(capillary, customer_id, target_id).json()
    assert answer["pagination"] == {"limit": 10, "offset": 0, "total": 2}
    assert [e["uniqueId"] for e in answer["data"]] == request_ids[:2]  # the third is outside
    first = answer["data"][0]
    assert (first["eventName"], first["eventDisplayName"]) == ("GENERIC_EVENT", "water_glass")
    assert (first["eventDate"], first["targetValue"]) == ("2026-11-21 08:30:00.0", 1.0)
    assert first["periodId"] == group["periods"][0]["id"]
    second_period = tracked(capillary, customer_id, target_id, periodId=group["periods"][1]["id"])
    assert [e["uniqueId"] for e in second_period.json()["data"]] == request_ids[1:2]
    page = tracked(capillary, customer_id, target_id, limit=1, offset=1).json()
    assert [e["uniqueId"] for e in page["data"]] == request_ids[1:2]


def test_tracked_events_name_what_is_unknown(capillary: httpx.Client) -> None:
    group = create_group(capillary)
    target_id = group["targets"][0]["id"]
    customer_id = add_customer(capillary)
    assert error_code(tracked(capillary, customer_id, target_id)) == 310149
    assert error_code(tracked(capillary, customer_id, 999999)) == 310018
    assert error_code(tracked(capillary, 12345, target_id)) == 310011
    enrol(capillary, group, customer_id).raise_for_status()
    assert error_code(tracked(capillary, customer_id, target_id, periodId=1)) == 310019

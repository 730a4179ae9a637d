"""Customers (lookup, idempotent create) and enrolment on a target."""

from __future__ import annotations

from typing import Any

import httpx

from tests.sandbox.payloads import add_customer, create_group, enrol, error_code


def lookup(capillary: httpx.Client, name: str, value: str) -> httpx.Response:
    params = {"source": "INSTORE", "identifierName": name, "identifierValue": value}
    return capillary.get("/v2/customers/lookup", params=params)


def test_a_customer_is_found_by_external_id_or_email(capillary: httpx.Client) -> None:
    customer_id = add_customer(capillary, person=7)
    for name, value in (("externalId", "goalpost-person-7"), ("email", "person7@example.com")):
        answer = lookup(capillary, name, value)
        assert answer.status_code == 200
        assert answer.json() == {"entity": customer_id, "warnings": []}


def test_nobody_found_answers_404_with_8015(capillary: httpx.Client) -> None:
    answer = lookup(capillary, "externalId", "goalpost-person-404")
    assert answer.status_code == 404
    assert answer.json() == {
        "entity": None,
        "warnings": [],
        "errors": [{"code": 8015, "message": "No customer found"}],
    }


def test_creating_the_same_customer_twice_answers_the_same_id_with_a_warning(
    capillary: httpx.Client,
) -> None:
    first = add_customer(capillary, person=7)
    body = {"profiles": [{"identifiers": [{"type": "externalId", "value": "goalpost-person-7"}]}]}
    again = capillary.post("/v2/customers", json=body).json()
    assert again["createdId"] == first
    assert again["warnings"]


def test_enrolling_twice_answers_310119(capillary: httpx.Client) -> None:
    group = create_group(capillary)
    customer_id = add_customer(capillary)
    first = enrol(capillary, group, customer_id)
    assert first.json() == {"data": customer_id, "errors": None, "warnings": None}
    again = enrol(capillary, group, customer_id)
    assert again.status_code == 400
    assert error_code(again) == 310119


def test_an_unknown_customer_answers_310011_and_an_unknown_period_310019(
    capillary: httpx.Client,
) -> None:
    group = create_group(capillary)
    assert error_code(enrol(capillary, group, 12345)) == 310011
    customer_id = add_customer(capillary)
    target_id = group["targets"][0]["id"]
    answer = capillary.post(
        f"/v3/targetGroups/{group['id']}/targets/{target_id}/enroll",
        json=[{"customerId": customer_id, "periodName": "Cycle_99"}],
    )
    assert error_code(answer) == 310019


def unenrol(capillary: httpx.Client, group: dict[str, Any], customer_id: int) -> httpx.Response:
    target_id = group["targets"][0]["id"]
    return capillary.post(
        f"/v3/targetGroups/{group['id']}/targets/{target_id}/unEnroll",
        json=[{"customerId": customer_id}],
    )


def test_unenrolling_twice_answers_500_with_310126_and_enrolling_again_works(
    capillary: httpx.Client,
) -> None:
    group = create_group(capillary)
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    answer = unenrol(capillary, group, customer_id)
    assert answer.json() == {"data": customer_id, "errors": None, "warnings": None}
    again = unenrol(capillary, group, customer_id)
    assert again.status_code == 500  # the reference's own example, "When user is not enroled yet"
    assert again.json() == {
        "data": None,
        "errors": [{"code": 310126, "message": "User is not enrolled to this target"}],
        "warnings": None,
    }
    progress = capillary.get(f"/v3/users/{customer_id}/targetGroups").json()
    assert progress["data"]["targetGroups"] == []
    assert enrol(capillary, group, customer_id).status_code == 200


def test_an_initial_balance_starts_the_period_enrolled_into(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=3)
    customer_id = add_customer(capillary)
    target_id = group["targets"][0]["id"]
    path = f"/v3/targetGroups/{group['id']}/targets/{target_id}"
    body = [{"customerId": customer_id, "periodName": "Cycle_1", "initialBalance": 3}]
    capillary.post(path + "/enroll", json=body).raise_for_status()
    rows = _rows(capillary, customer_id)
    assert [r["targetAchievedValue"] for r in rows] == [3, 0, 0]
    # Re-enrolling with a null balance keeps the one given before; a number replaces it.
    capillary.post(path + "/unEnroll", json=[{"customerId": customer_id}]).raise_for_status()
    body[0]["initialBalance"] = None
    capillary.post(path + "/enroll", json=body).raise_for_status()
    assert _rows(capillary, customer_id)[0]["targetAchievedValue"] == 3
    capillary.post(path + "/unEnroll", json=[{"customerId": customer_id}]).raise_for_status()
    body[0]["initialBalance"] = 1
    capillary.post(path + "/enroll", json=body).raise_for_status()
    assert _rows(capillary, customer_id)[0]["targetAchievedValue"] == 1


def _rows(capillary: httpx.Client, customer_id: int) -> list[dict[str, Any]]:
    answer = capillary.get(
        f"/v3/users/{customer_id}/targetGroups", params={"includeInactive": "true"}
    )
    return answer.json()["data"]["targetGroups"][0]["targets"]


def test_unenrolling_an_unknown_customer_answers_310011(capillary: httpx.Client) -> None:
    group = create_group(capillary)
    assert error_code(unenrol(capillary, group, 12345)) == 310011

"""`isValidName` and `editTargetGroup`: a name is asked about before it is used, and renamed."""

from __future__ import annotations

import httpx

from tests.sandbox.payloads import create_group, error_code


def is_valid(capillary: httpx.Client, kind: str, value: str) -> httpx.Response:
    return capillary.post("/v3/targetGroups/isValidName", json={"type": kind, "value": value})


def test_a_taken_name_is_not_valid_whatever_its_case(capillary: httpx.Client) -> None:
    create_group(capillary)
    assert is_valid(capillary, "targetGroupName", "GOALPOST-17").json() == {
        "data": False,
        "errors": None,
        "warnings": None,
    }
    assert is_valid(capillary, "targetGroupName", "goalpost-18").json()["data"] is True
    assert is_valid(capillary, "targetName", "drink water").json()["data"] is False
    assert is_valid(capillary, "periodName", "Cycle_1").json()["data"] is False


def test_an_unknown_kind_of_name_answers_310145(capillary: httpx.Client) -> None:
    answer = is_valid(capillary, "challengeName", "x")
    assert answer.status_code == 400
    assert error_code(answer) == 310145


def test_renaming_a_group_and_its_target_shows_everywhere(capillary: httpx.Client) -> None:
    group = create_group(capillary)
    target = group["targets"][0]
    body = {"id": group["id"], "name": "goalpost-17-b", "targets": [{"id": target["id"]}]}
    body["targets"][0]["name"] = "Drink more water"
    answer = capillary.put(f"/v3/targetGroups/editTargetGroup/{group['id']}", json=body)
    assert answer.status_code == 200, answer.text
    edited = answer.json()["data"]
    assert (edited["name"], edited["targets"][0]["name"]) == ("goalpost-17-b", "Drink more water")
    assert edited["periods"] and edited["userCreated"] is True
    assert is_valid(capillary, "targetGroupName", "goalpost-17").json()["data"] is True
    assert is_valid(capillary, "targetName", "Drink more water").json()["data"] is False


def test_an_edit_keeps_the_creation_rules(capillary: httpx.Client) -> None:
    first = create_group(capillary)
    second = create_group(capillary, name="goalpost-18", event_defined=True)
    path = f"/v3/targetGroups/editTargetGroup/{second['id']}"
    assert error_code(capillary.put(path, json={"name": first["name"].upper()})) == 310069
    long_name = {"targets": [{"id": second["targets"][0]["id"], "name": "x" * 201}]}
    assert error_code(capillary.put(path, json=long_name)) == 310008
    assert error_code(capillary.put(path, json={"userCreated": False})) == 300004
    other_target = {"targets": [{"id": first["targets"][0]["id"], "name": "x"}]}
    assert error_code(capillary.put(path, json=other_target)) == 300004
    unknown = capillary.put("/v3/targetGroups/editTargetGroup/999999", json={})
    assert unknown.status_code == 404

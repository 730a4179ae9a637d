"""`POST /v3/targetGroups`: validation codes in the contract's order, and seed 003's shape."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sandbox.payloads import create_group, define_water_glass, error_code, target_group

# Keys seed 003's answer carries (plus what docs/upstream.md adds: userCreated, timeZoneName).
GROUP_KEYS = {
    "id", "name", "fromDate", "toDate", "active", "preferredTillId", "periods", "totalPeriods",
    "targetEvaluationType", "recurringCycles", "frequency", "targetCycleStartDate",
    "targetCycleEndDate", "targetCycleStartDateISO", "targetCycleEndDateISO", "trackingType",
    "targets", "leaderboardEnabled", "userCreated", "timeZoneName",
}  # fmt: skip
PERIOD_KEYS = {
    "id", "attribution", "startDate", "endDate", "refCode", "periodStatus", "targetGroupId",
    "description", "active",
}  # fmt: skip
TARGET_KEYS = {
    "id", "attribution", "name", "emfRuleSetId", "targetType", "targetEntity", "eventName",
    "targetGroupId", "active", "expression", "expressionJson", "filters", "enrolmentMethod",
    "defaultValues", "targetPeriodDefaultValuesMap",
}  # fmt: skip
ATTRIBUTION_KEYS = {
    "createdOn", "createdOnISO", "lastUpdatedOn", "lastUpdatedOnISO", "lastUpdatedBy", "createdBy",
}  # fmt: skip


def post(capillary: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return capillary.post("/v3/targetGroups", json=body)


def test_the_answer_has_seed_003s_shape_with_linked_ids(capillary: httpx.Client) -> None:
    define_water_glass(capillary)
    response = post(capillary, target_group(periods=2))
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] is None and body["warnings"] is None
    group = body["data"]
    assert group.keys() >= GROUP_KEYS
    assert group["userCreated"] is True
    period_ids = [p["id"] for p in group["periods"]]
    for period in group["periods"]:
        assert period.keys() >= PERIOD_KEYS
        assert period["attribution"].keys() >= ATTRIBUTION_KEYS
        assert period["targetGroupId"] == group["id"]
    (target,) = group["targets"]
    assert target.keys() >= TARGET_KEYS
    assert target["targetGroupId"] == group["id"]
    assert [v["periodId"] for v in target["defaultValues"]] == period_ids
    assert target["targetPeriodDefaultValuesMap"] == {
        str(v["periodId"]): v for v in target["defaultValues"]
    }
    assert len({group["id"], target["id"], *period_ids}) == 2 + len(period_ids)


def test_periods_come_back_as_local_dates(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=2)
    first = group["periods"][0]
    # 2026-11-20T23:00Z is midnight of 21 November in Stockholm.
    assert (first["startDate"], first["endDate"]) == ("2026-11-21", "2026-11-21")
    assert first["refCode"] == "Cycle_1"


def test_singular_streak_spellings_are_answered_in_the_plural(capillary: httpx.Client) -> None:
    streak = [{"name": "Drink water", "targetCountOfSequence": 3}]
    group = create_group(capillary, trackingType="STREAK", streaks=streak)
    assert group["trackingType"] == "STREAKS"
    other = create_group(
        capillary, name="goalpost-18", trackingType="NON_CONTINUOUS_STREAK", streaks=streak,
        event_defined=True,
    )  # fmt: skip
    assert other["trackingType"] == "NON_CONTINUOUS_STREAKS"


def test_a_name_taken_in_another_case_answers_310069(capillary: httpx.Client) -> None:
    create_group(capillary, name="goalpost-17")
    again = post(capillary, target_group(name="GoalPost-17"))
    assert again.status_code == 400
    assert error_code(again) == 310069


def test_a_target_rule_name_over_200_characters_answers_310008(capillary: httpx.Client) -> None:
    define_water_glass(capillary)
    body = target_group()
    body["targets"][0]["name"] = "x" * 201
    assert error_code(post(capillary, body)) == 310008


def _user_created_not_a_boolean(body: dict[str, Any]) -> None:
    body["userCreated"] = "yes"


def _unknown_enrolment(body: dict[str, Any]) -> None:
    body["userCreated"] = False
    body["targets"][0]["enrolmentMethod"] = "BY_HAND"


def _two_targets(body: dict[str, Any]) -> None:
    body["targets"].append(dict(body["targets"][0]))


def _transaction_enrolment(body: dict[str, Any]) -> None:
    body["targets"][0]["enrolmentMethod"] = "TRANSACTION"


def _undefined_event(body: dict[str, Any]) -> None:
    body["targets"][0]["eventName"] = "never_defined"


def _sum_without_attribute(body: dict[str, Any]) -> None:
    body["targets"][0]["targetType"] = "EVENT_ATTRIBUTE"


def _one_value_short(body: dict[str, Any]) -> None:
    body["targets"][0]["defaultValues"].pop()


def _no_periods(body: dict[str, Any]) -> None:
    body["totalPeriods"] = 0


def _unknown_tracking(body: dict[str, Any]) -> None:
    body["trackingType"] = "CAPPING"


def _unknown_window(body: dict[str, Any]) -> None:
    body["targetEvaluationType"] = "SOMETIMES"


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (_user_created_not_a_boolean, "userCreated"),
        (_unknown_enrolment, "enrolmentMethod"),
        (_two_targets, "targets"),
        (_transaction_enrolment, "enrolmentMethod"),
        (_undefined_event, "eventName"),
        (_sum_without_attribute, "extendedFieldInfo"),
        (_one_value_short, "defaultValues"),
        (_no_periods, "totalPeriods"),
        (_unknown_tracking, "trackingType"),
        (_unknown_window, "targetEvaluationType"),
    ],
)
def test_anything_else_invalid_answers_300004_naming_the_field(
    capillary: httpx.Client, spoil: Any, field: str
) -> None:
    define_water_glass(capillary)
    body = target_group()
    spoil(body)
    answer = post(capillary, body)
    assert answer.status_code == 400
    assert error_code(answer) == 300004
    assert field in answer.json()["errors"][0]["message"]


def test_a_taken_name_is_reported_before_other_problems(capillary: httpx.Client) -> None:
    create_group(capillary)
    body = target_group()
    body["targets"][0]["name"] = "x" * 201
    body["userCreated"] = False
    assert error_code(post(capillary, body)) == 310069


def test_a_group_can_be_read_back_by_id_with_its_periods(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=3)
    answer = capillary.get(
        f"/v3/targetGroups/{group['id']}",
        params={"includePeriods": "true", "includeUserCreatedTargetGroups": "true"},
    )
    assert answer.status_code == 200
    assert [p["id"] for p in answer.json()["data"]["periods"]] == [
        p["id"] for p in group["periods"]
    ]
    assert capillary.get("/v3/targetGroups/999999").status_code == 404
    # A user-created group is data "related to UCC": only with the flag (seed 000).
    assert capillary.get(f"/v3/targetGroups/{group['id']}").status_code == 404


def test_user_created_groups_are_listed_only_when_asked_for(capillary: httpx.Client) -> None:
    group = create_group(capillary)
    hidden = capillary.get("/v3/milestones", params={"name": "goalpost-17"}).json()
    assert hidden["data"] == [] and hidden["pagination"]["total"] == 0
    shown = capillary.get(
        "/v3/milestones",
        params={"includeUserCreatedTargetGroups": "true", "name": "GOALPOST-17", "limit": 10},
    ).json()
    assert set(shown) == {"pagination", "data", "errors", "warnings"}
    assert [g["id"] for g in shown["data"]] == [group["id"]]
    assert shown["data"][0]["description"] == "Drink water"
    assert shown["data"][0]["targets"][0]["eventName"] == "water_glass"
    listed = capillary.get("/v3/targetGroups").json()["data"]
    assert listed == []
    listed = capillary.get("/v3/targetGroups", params={"includeUserCreatedTargetGroups": "true"})
    assert [g["id"] for g in listed.json()["data"]] == [group["id"]]


def test_the_ucc_rules_bind_user_created_groups_only(capillary: httpx.Client) -> None:
    define_water_glass(capillary)
    ordinary = target_group(name="ordinary")
    del ordinary["userCreated"]
    ordinary["targets"][0]["enrolmentMethod"] = "TRANSACTION"
    answer = post(capillary, ordinary)
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["userCreated"] is False
    assert answer.json()["data"]["targets"][0]["enrolmentMethod"] == "TRANSACTION"
    listed = capillary.get("/v3/targetGroups").json()["data"]
    assert [g["name"] for g in listed] == ["ordinary"]

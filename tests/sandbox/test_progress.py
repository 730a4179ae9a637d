"""`GET /v3/users/{id}/targetGroups`: progress per period, worked out from stored events."""

from __future__ import annotations

from typing import Any

import httpx

from tests.sandbox.payloads import add_customer, create_group, enrol, event

WEEK = [
    {
        "active": True,
        "description": "Week 1",
        "refCode": "Cycle_1",
        "periodStatus": "RUNNING",
        "startDate": "2026-11-20T23:00:00.000Z",  # Monday 23 Nov is not needed: any 7 days
        "endDate": "2026-11-27T22:59:59.999Z",
    }
]


def post_events(capillary: httpx.Client, *events: dict[str, Any]) -> None:
    for body in events:
        capillary.post("/webhooks/sandbox", json=body).raise_for_status()


def progress(capillary: httpx.Client, customer_id: int) -> list[dict[str, Any]]:
    answer = capillary.get(
        f"/v3/users/{customer_id}/targetGroups", params={"includeInactive": "true"}
    )
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert data["userId"] == customer_id
    (group,) = data["targetGroups"]
    targets: list[dict[str, Any]] = group["targets"]
    return targets


def test_count_counts_the_events_in_each_local_day(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=2, target_value=2)
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    post_events(
        capillary,
        event(1, at="2026-11-21 08:30:00"),
        event(2, at="2026-11-21 09:00:00"),
        event(3, at="2026-11-21 23:30:00"),  # 00:30 on 22 November in Stockholm
    )
    first, second = progress(capillary, customer_id)
    assert (first["targetAchievedValue"], second["targetAchievedValue"]) == (2, 1)
    assert first["targetValue"] == 2
    assert first["targetAchievedDateTime"] == "2026-11-21T09:00:00.000+0000"
    assert second["targetAchievedDateTime"] is None
    assert first["periodId"] == group["periods"][0]["id"]
    assert first["targetRuleId"] == group["targets"][0]["id"]
    assert first["periodStartDate"] == "2026-11-21"
    assert first["periodStartDateWithTimeStamp"] == "2026-11-20T23:00:00.000Z"


def test_events_sent_before_enrolment_count_too(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=1, target_value=1)
    post_events(capillary, event(1, at="2026-11-21 08:30:00"))
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    assert progress(capillary, customer_id)[0]["targetAchievedValue"] == 1


def test_a_repeated_event_counts_once(capillary: httpx.Client) -> None:
    group = create_group(capillary, periods=1)
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    post_events(capillary, event(1), event(1), event(1))
    assert progress(capillary, customer_id)[0]["targetAchievedValue"] == 1


def test_visit_counts_local_days_not_utc_days(capillary: httpx.Client) -> None:
    group = create_group(
        capillary, target_type="VISIT", periods=1, target_value=3, periods_override=WEEK
    )
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    post_events(
        capillary,
        event(1, at="2026-11-20 23:30:00"),  # 21 Nov 00:30 in Stockholm, 20 Nov in UTC
        event(2, at="2026-11-21 10:00:00"),  # 21 Nov in both
        event(3, at="2026-11-23 10:00:00"),
    )
    assert progress(capillary, customer_id)[0]["targetAchievedValue"] == 2


def test_sum_adds_up_the_attribute(capillary: httpx.Client) -> None:
    group = create_group(capillary, target_type="EVENT_ATTRIBUTE", periods=1, target_value=5)
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    post_events(capillary, event(1, glasses=2), event(2, glasses=3.5), event(3, glasses=1))
    first = progress(capillary, customer_id)[0]
    assert first["targetAchievedValue"] == 6.5
    assert first["targetAchievedDateTime"] is not None


def test_a_cyclic_window_starts_at_the_local_midnight_of_the_first_event(
    capillary: httpx.Client,
) -> None:
    group = create_group(
        capillary,
        periods=3,
        targetEvaluationType="CYCLIC_WINDOW",
        periods_override=[],
        values_override=[{"defaultValue": 1}],
    )
    assert group["periods"] == []
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    assert progress(capillary, customer_id) == []
    post_events(capillary, event(1, at="2026-11-25 10:00:00"), event(2, at="2026-11-27 10:00:00"))
    cycles = progress(capillary, customer_id)
    assert [c["periodRefCode"] for c in cycles] == ["Cycle_1", "Cycle_2", "Cycle_3"]
    assert cycles[0]["periodStartDateWithTimeStamp"] == "2026-11-24T23:00:00.000Z"
    assert [c["targetAchievedValue"] for c in cycles] == [1, 0, 1]


def test_a_streak_is_achieved_by_consecutive_achieved_periods(capillary: httpx.Client) -> None:
    streak = [{"name": "Three days", "targetCountOfSequence": 2}]
    group = create_group(
        capillary, periods=3, target_value=1, trackingType="STREAKS", streaks=streak
    )
    customer_id = add_customer(capillary)
    enrol(capillary, group, customer_id).raise_for_status()
    post_events(capillary, event(1, at="2026-11-21 10:00:00"), event(2, at="2026-11-22 10:00:00"))
    answer = capillary.get(
        f"/v3/users/{customer_id}/targetGroups", params={"includeInactive": "true"}
    ).json()
    (streak_progress,) = answer["data"]["targetGroups"][0]["streaks"]
    assert streak_progress["status"] == "ACHIEVED"
    assert streak_progress["currentCount"] == 2

"""A customer's progress on one enrolled group, worked out from the stored events.

COUNT = events in the period; VISIT = distinct local days (in the group's zone); SUM = sum of
the attribute. Events count when their time falls in the period, whenever they arrived.
Cyclic periods start at the local midnight of the first event that arrived after enrolment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.sandbox.target_group_rules import CYCLIC, FREQUENCY_DAYS, FREQUENCY_MONTHS
from app.sandbox.times import capillary_stamp, iso_z, local_date, local_midnight_ms, months_later

USER_TARGETS_PER_ENROLMENT = 100_000  # spacing of the per-period user target ids


@dataclass(frozen=True)
class StoredEvent:
    id: int
    at_ms: int
    attributes: str  # JSON, parsed only for SUM targets
    request_id: str = ""
    received_ms: int = 0


@dataclass(frozen=True)
class PeriodScore:
    index: int
    achieved: float
    target: float
    achieved_at_ms: int | None
    enrolled: bool


def group_progress(
    plan: dict[str, Any], enrolment: dict[str, Any], events: list[StoredEvent], now: int
) -> dict[str, Any]:
    """The `targetGroups[]` entry of `GET /v3/users/{id}/targetGroups` for one enrolment."""
    zone = ZoneInfo(plan["zone"])
    periods = _periods(plan, enrolment, events, zone)
    first_enrolled = _first_enrolled_index(plan, enrolment, periods)
    scores = [
        _score(
            plan,
            index,
            period,
            events,
            zone,
            enrolled=index >= first_enrolled,
            # initialBalance is where the period enrolled into starts (the enrol page)
            balance=(enrolment["initial_balance"], enrolment["enrolled_ms"])
            if index == first_enrolled
            else (0.0, 0),
        )
        for index, period in enumerate(periods)
    ]
    target = plan["target"]
    rows = [
        {
            "targetId": _user_target_id(enrolment, score),
            "periodId": period["id"],
            "periodRefCode": period["ref"],
            "periodStartDate": local_date(period["start_ms"], zone).isoformat(),
            "periodEndDate": local_date(period["end_ms"], zone).isoformat(),
            "periodStartDateWithTimeStamp": iso_z(period["start_ms"]),
            "periodEndDateWithTimeStamp": iso_z(period["end_ms"]),
            "targetValue": score.target,
            "targetAchievedValue": score.achieved if score.enrolled else 0.0,
            "targetName": target["name"],
            "targetType": target["type"],
            "targetEntity": "EVENT",
            "targetRuleId": target["id"],
            "enrolledOn": capillary_stamp(enrolment["enrolled_ms"]),
            "eventName": target["event_name"],
            "targetAchievedDateTime": (
                capillary_stamp(score.achieved_at_ms)
                if score.enrolled and score.achieved_at_ms is not None
                else None
            ),
            "currentPeriod": period["start_ms"] <= now <= period["end_ms"],
        }
        for period, score in zip(periods, scores, strict=True)
    ]
    return {
        "id": plan["id"],
        "name": plan["name"],
        "trackingType": plan["tracking"],
        "targetEvaluationType": plan["evaluation"],
        "timeZoneName": plan["zone"],
        "targets": rows,
        "streaks": [_streak(plan, enrolment, s, scores) for s in plan["streaks"]],
    }


def counted_events(
    plan: dict[str, Any], enrolment: dict[str, Any], events: list[StoredEvent]
) -> list[tuple[StoredEvent, dict[str, Any]]]:
    """The events that count toward the target, each with its period, oldest first."""
    zone = ZoneInfo(plan["zone"])
    periods = _periods(plan, enrolment, events, zone)
    first = _first_enrolled_index(plan, enrolment, periods)
    return [
        (event, period)
        for period in periods[first:]
        for event in events
        if period["start_ms"] <= event.at_ms <= period["end_ms"]
    ]


def _periods(
    plan: dict[str, Any], enrolment: dict[str, Any], events: list[StoredEvent], zone: ZoneInfo
) -> list[dict[str, Any]]:
    if plan["evaluation"] != CYCLIC:
        return list(plan["periods"])
    arrived_after = [e.at_ms for e in events if e.id > enrolment["events_before"]]
    if not arrived_after:
        return []  # the first cycle has not started
    first_day = local_date(min(arrived_after), zone)
    kind, every = plan["frequency_type"], plan["frequency"]
    starts = []
    for index in range(plan["total_periods"] + 1):
        if kind in FREQUENCY_MONTHS:
            day = months_later(first_day, index * every * FREQUENCY_MONTHS[kind])
        else:
            day = first_day + timedelta(days=index * every * FREQUENCY_DAYS[kind])
        starts.append(local_midnight_ms(day, zone))
    return [
        {"id": None, "ref": f"Cycle_{i + 1}", "start_ms": starts[i], "end_ms": starts[i + 1] - 1}
        for i in range(plan["total_periods"])
    ]


def _first_enrolled_index(
    plan: dict[str, Any], enrolment: dict[str, Any], periods: list[dict[str, Any]]
) -> int:
    refs = [p["ref"] for p in periods] if plan["evaluation"] != CYCLIC else None
    name = enrolment["period_ref"]
    if name is None:  # the running or next cycle
        later = [i for i, p in enumerate(periods) if p["end_ms"] >= enrolment["enrolled_ms"]]
        return later[0] if later else len(periods)
    if refs is None:
        return int(name.removeprefix("Cycle_")) - 1
    return refs.index(name) if name in refs else 0


def _score(
    plan: dict[str, Any],
    index: int,
    period: dict[str, Any],
    events: list[StoredEvent],
    zone: ZoneInfo,
    *,
    enrolled: bool,
    balance: tuple[float, int],
) -> PeriodScore:
    values = plan["values"]
    target = float(values[index] if index < len(values) else values[0])
    kind, attribute = plan["target"]["type"], plan["target"]["attribute"]
    start, given_at = float(balance[0]), balance[1]
    achieved, days = start, set()
    achieved_at = given_at if start and start >= target else None
    for event in events:  # sorted by time
        if not period["start_ms"] <= event.at_ms <= period["end_ms"]:
            continue
        if kind == "COUNT":
            achieved += 1
        elif kind == "VISIT":
            days.add(local_date(event.at_ms, zone))
            achieved = start + len(days)
        else:
            achieved += _amount(event.attributes, attribute)
        if achieved_at is None and achieved >= target:
            achieved_at = event.at_ms
    return PeriodScore(index, achieved, target, achieved_at, enrolled)


def _streak(
    plan: dict[str, Any],
    enrolment: dict[str, Any],
    streak: dict[str, Any],
    scores: list[PeriodScore],
) -> dict[str, Any]:
    """STREAKS counts the longest run of achieved periods; NON_CONTINUOUS any achieved ones."""
    needed, count, best, completed_by = streak["count"], 0, 0, None
    for score in scores:
        if score.enrolled and score.achieved >= score.target:
            count += 1
        elif plan["tracking"] == "STREAKS":
            count = 0
        best = max(best, count)
        if count >= needed and completed_by is None:
            completed_by = score
    return {
        "userStreakId": enrolment["id"] * 100 + plan["streaks"].index(streak) + 1,
        "streakId": streak["id"],
        "streakName": streak["name"],
        "status": "ACHIEVED" if completed_by else "IN_PROGRESS",
        "currentCount": min(best, needed),
        "totalTargetCountOfSequence": needed,
        "streakAchievedUserTargetId": (
            _user_target_id(enrolment, completed_by) if completed_by else None
        ),
        "streakAchievedDateTime": (
            capillary_stamp(completed_by.achieved_at_ms)
            if completed_by and completed_by.achieved_at_ms is not None
            else None
        ),
    }


def _user_target_id(enrolment: dict[str, Any], score: PeriodScore) -> int | None:
    if not score.enrolled:
        return None
    return int(enrolment["id"]) * USER_TARGETS_PER_ENROLMENT + score.index + 1


def _amount(attributes: str, name: str) -> float:
    value = json.loads(attributes).get(name)
    if isinstance(value, bool):
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0

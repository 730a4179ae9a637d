"""Pure translation from our rows to the payloads of docs/upstream.md; no I/O, no clock reads."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.db.tables import Challenge, EventType, Log, Period, Person
from app.domain.challenge import Frequency, Measure, Tracking, Window

FAR_FUTURE = datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
TRUE_EXPRESSION = json.dumps(
    {"arity": "literal", "value": "true", "type": "boolean:primitive"}, separators=(",", ":")
)
_TRACKING = {
    Tracking.DEFAULT: "DEFAULT",
    Tracking.STREAK: "STREAKS",
    Tracking.NON_CONTINUOUS_STREAK: "NON_CONTINUOUS_STREAKS",
}
_TARGET_TYPE = {Measure.COUNT: "COUNT", Measure.VISIT: "VISIT", Measure.SUM: "EVENT_ATTRIBUTE"}


# --- names ------------------------------------------------------------------------------------


def customer_external_id(prefix: str, person_id: int) -> str:
    return f"{prefix}-person-{person_id}"


def group_name(prefix: str, challenge_id: int) -> str:
    return f"{prefix}-{challenge_id}"


def promotion_identifier(prefix: str, challenge_id: int) -> str:
    return f"{prefix}-{challenge_id}-promotion"


def external_event_id(prefix: str, log_id: int) -> str:
    return f"{prefix}-log-{log_id}"


def period_ref(index: int) -> str:
    return f"Cycle_{index + 1}"


# --- payloads ---------------------------------------------------------------------------------


def event_definition(event_type: EventType) -> dict[str, Any]:
    """`POST /v2/events`: a customer field, and the attribute field when the type has one."""
    fields: list[dict[str, Any]] = [
        {
            "name": "customer_id",
            "type": "customer",
            "attributes": {
                "identifierType": {"valueType": "String", "value": "externalId"},
                "addCustomerIfNotExists": {"valueType": "Boolean", "value": "true"},
            },
        }
    ]
    if event_type.attribute:
        fields.append(
            {
                "name": event_type.attribute,
                "type": "double",
                "attributes": {"isRequired": {"valueType": "Boolean", "value": "false"}},
            }
        )
    return {
        "eventName": event_type.key,
        "description": f"{event_type.label} (Goalpost)",
        "actions": ["EMFConsumer"],
        "fields": fields,
    }


def target_group(
    challenge: Challenge,
    periods: Sequence[Period],
    event_type: EventType,
    *,
    prefix: str,
    now: datetime,
) -> dict[str, Any]:
    """`POST /v3/targetGroups`: the group, its periods and its one target rule."""
    window = Window(challenge.window)
    tracking = Tracking(challenge.tracking)
    frequency_type, frequency = _frequency(challenge)
    sent_periods = [] if window is Window.CYCLIC_WINDOW else sorted(periods, key=_index)
    total_periods = 1 if window is Window.PERIOD_AGNOSTIC_WINDOW else challenge.total_periods
    starts, ends = cycle_bounds(challenge, periods)
    zone = ZoneInfo(challenge.timezone)
    body: dict[str, Any] = {
        "name": group_name(prefix, _id(challenge)),
        "description": challenge.name,
        "active": True,
        "userCreated": True,
        "trackingType": _TRACKING[tracking],
        "targetEvaluationType": window.value,
        "totalPeriods": total_periods,
        "frequencyType": frequency_type,
        "frequency": frequency,
        "recurringCycles": 1,
        "timeZoneName": challenge.timezone,
        "targetCycleStartDateISO": _iso_offset(starts, zone),
        "targetCycleEndDateISO": _iso_offset(ends, zone),
        "periods": [_period(p, now) for p in sent_periods],
        "targets": [_target(challenge, event_type, sent_periods or [None] * total_periods)],
    }
    if tracking is not Tracking.DEFAULT:
        body["streaks"] = [
            {"name": challenge.name, "targetCountOfSequence": challenge.required_periods}
        ]
    return body


def promotion(
    challenge: Challenge,
    periods: Sequence[Period],
    *,
    prefix: str,
    program_id: int,
    group_id: int,
    target_id: int,
    award_strategy: str,
    expiry_strategy: str,
) -> dict[str, Any]:
    """The UCC promotion that links the group to the org's award strategy (ids all -1)."""
    cid = _id(challenge)
    starts, ends = cycle_bounds(challenge, periods)
    action = {
        "id": -1,
        "actionName": "AWARD_TARGET_POINTS_ACTION",
        "mandatoryPropertiesValues": {
            "TargetGroupId": str(group_id),
            "TargetRuleName": challenge.name,
            "AwardStrategy": award_strategy,
            "ExpiryStrategy": expiry_strategy,
            "ProRateOnSourceValue": "EVENT_DEFAULT_VALUE",
            "DelayStrategy": "AS_DEFINED_IN_ALLOCATION_STRATEGY",
            "SourceValueRoundingStrategy": "ACTUAL",
            "PointsRoundingStrategy": "ACTUAL",
        },
    }
    rule = {
        "id": -1,
        "name": f"{group_name(prefix, cid)}-rule",
        "exp": "true",
        "expJSON": TRUE_EXPRESSION,
        "isActive": True,
        "ruleSetId": -1,
        "caseToActions": {"true": [action]},
    }
    ruleset = {
        "id": -1,
        "name": f"{group_name(prefix, cid)}-ruleset",
        "type": "USER_CREATED",
        "contextID": program_id,
        "orgID": 0,
        "contextType": "program",
        "endpointName": "POINTSENGINE_ENDPOINT",
        "active": True,
        "startDate": _epoch_ms(starts),
        "endDate": _epoch_ms(ends),
        "rules": [rule],
    }
    identifier = promotion_identifier(prefix, cid)
    return {
        "promotion": {
            "id": -1,
            "name": identifier,
            "identifier": identifier,
            "programId": program_id,
            "startDate": _iso_z(starts),
            "endDate": _iso_z(ends),
            "eventName": "TARGETCOMPLETED",
            "promotionSourceType": "USER_CREATED",
            "promotionType": "CUSTOMER",
            "allocatePointsOn": "CUSTOMER",
            "pointsOfferType": "LOYALTY",
            "limits": {
                "pointsPerCustomer": -1,
                "numberOfTimesPerCustomer": -1,
                "totalPointsInPromotion": -1,
            },
            "promotionRestrictions": {
                "isExclusive": False,
                "isConsideredForRanking": False,
                "isStackable": True,
                "loyaltyEarningType": "DIRECT_EARN",
                "targetGroupIds": [group_id],
                "targetRuleIds": [target_id],
            },
            "rulesetInfos": [ruleset],
        }
    }


def customer(person: Person, *, prefix: str) -> dict[str, Any]:
    """`POST /v2/customers`: our external id and the email as identifiers."""
    first_name = person.display_name or person.email.split("@")[0]
    return {
        "profiles": [
            {
                "firstName": first_name,
                "identifiers": [
                    {"type": "externalId", "value": customer_external_id(prefix, _id(person))},
                    {"type": "email", "value": person.email},
                ],
            }
        ]
    }


def event_post(log: Log, event_type: EventType, *, prefix: str) -> dict[str, Any]:
    """The webhook's flat body: one event for the log, whichever challenges it feeds, with
    the event type's attribute when the log carries a number for it."""
    body: dict[str, Any] = {
        "event_name": event_type.key,
        "customer_id": customer_external_id(prefix, log.person_id),
        "external_event_id": external_event_id(prefix, _id(log)),
        "eventDateTime": log.occurred_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
    }
    amount = logged_amount(log, event_type)
    if event_type.attribute and amount is not None:
        body[event_type.attribute] = _number(amount)
    return body


def logged_amount(log: Log, event_type: EventType) -> float | None:
    """The number the log carries for its event type's attribute; None when it has none."""
    raw = log.attributes.get(event_type.attribute) if event_type.attribute else None
    if raw is None or isinstance(raw, bool):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def cycle_bounds(challenge: Challenge, periods: Sequence[Period]) -> tuple[datetime, datetime]:
    """Start and end of the challenge's whole window; open-ended windows end far away."""
    ordered = sorted(periods, key=_index)
    if Window(challenge.window) is Window.FIXED_CALENDAR_WINDOW and ordered:
        return ordered[0].starts_at, ordered[-1].ends_at or FAR_FUTURE
    start = ordered[0].starts_at if ordered else challenge.created_at
    return start, FAR_FUTURE


# --- helpers ----------------------------------------------------------------------------------


def _target(
    challenge: Challenge, event_type: EventType, periods: Sequence[Period | None]
) -> dict[str, Any]:
    measure = Measure(challenge.measure)
    target: dict[str, Any] = {
        "active": True,
        "name": challenge.name,
        "targetEntity": "EVENT",
        "eventName": event_type.key,
        "targetType": _TARGET_TYPE[measure],
        "defaultValues": [
            {"defaultValue": _number(p.target if p is not None else challenge.target)}
            for p in periods
        ],
        "expression": "true",
        "expressionJson": TRUE_EXPRESSION,
        "filters": [],
        "enrolmentMethod": "IMPORT",
        "targetMilestoneTriggers": [],
    }
    if measure is Measure.SUM:
        target["extendedFieldInfo"] = {"name": challenge.attribute, "aggregateFunction": "SUM"}
    return target


def _period(period: Period, now: datetime) -> dict[str, Any]:
    ends = period.ends_at or FAR_FUTURE
    if now < period.starts_at:
        status = "NOT_STARTED"
    elif now < ends:
        status = "RUNNING"
    else:
        status = "ENDED"
    return {
        "active": True,
        "description": f"Period {period.index + 1}",
        "refCode": period_ref(period.index),
        "periodStatus": status,
        "startDate": _iso_z(period.starts_at),
        "endDate": _iso_z(ends if ends == FAR_FUTURE else ends - timedelta(milliseconds=1)),
    }


def _frequency(challenge: Challenge) -> tuple[str, int]:
    frequency = Frequency(challenge.frequency)
    if frequency is Frequency.EVERY_N_DAYS:
        return "DAILY", challenge.every_n_days
    return frequency.value, 1


def _iso_z(instant: datetime) -> str:
    """`2026-11-20T23:00:00.000Z`"""
    utc = instant.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _iso_offset(instant: datetime, zone: ZoneInfo) -> str:
    """`2026-11-21T00:00:00+01:00`, in the challenge's zone (UTC for the far future)."""
    if instant >= FAR_FUTURE:
        return "9999-12-31T23:59:59+00:00"
    return instant.astimezone(zone).replace(microsecond=0).isoformat()


def _epoch_ms(instant: datetime) -> int:
    return int(instant.timestamp() * 1000)


def _number(value: float) -> float | int:
    """2.0 → 2, as the contract's examples write whole amounts."""
    return int(value) if float(value).is_integer() else value


def _index(period: Period) -> int:
    return period.index


def _id(row: Challenge | Person | Log) -> int:
    assert row.id is not None, "only stored rows are mirrored"
    return row.id

"""Request bodies shaped as docs/upstream.md writes them, with small overrides per test."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import httpx

TREE = {"arity": "literal", "value": "true", "type": "boolean:primitive"}


def event_definition(name: str = "water_glass", attribute: str | None = None) -> dict[str, Any]:
    customer = {
        "name": "customer_id",
        "type": "customer",
        "attributes": {
            "identifierType": {"valueType": "String", "value": "externalId"},
            "addCustomerIfNotExists": {"valueType": "Boolean", "value": "true"},
        },
    }
    fields: list[dict[str, Any]] = [customer]
    if attribute:
        required = {"isRequired": {"valueType": "Boolean", "value": "false"}}
        fields.append({"name": attribute, "type": "double", "attributes": required})
    return {
        "eventName": name,
        "description": f"{name} (Goalpost)",
        "actions": ["EMFConsumer"],
        "fields": fields,
    }


def event(
    log_id: int, person: int = 7, at: str = "2026-11-21 08:30:00", **attributes: Any
) -> dict[str, Any]:
    return {
        "event_name": "water_glass",
        "customer_id": f"goalpost-person-{person}",
        "external_event_id": f"goalpost-log-{log_id}",
        "eventDateTime": at,
        **attributes,
    }


def daily_periods(first_utc_start: str, count: int) -> list[dict[str, Any]]:
    """`count` one-day periods; `first_utc_start` is an ISO instant like 2026-11-20T23:00:00."""
    start = datetime.fromisoformat(first_utc_start)
    periods = []
    for index in range(count):
        begins = start + timedelta(days=index)
        ends = begins + timedelta(days=1) - timedelta(milliseconds=1)
        periods.append(
            {
                "active": True,
                "description": f"Period {index + 1}",
                "refCode": f"Cycle_{index + 1}",
                "periodStatus": "RUNNING",
                "startDate": begins.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "endDate": ends.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ends.microsecond // 1000:03d}Z",
            }
        )
    return periods


def target_group(
    name: str = "goalpost-17",
    *,
    target_type: str = "COUNT",
    periods: int = 7,
    target_value: float = 8,
    zone: str = "Europe/Stockholm",
    first_start: str = "2026-11-20T23:00:00",
    periods_override: list[dict[str, Any]] | None = None,
    values_override: list[dict[str, Any]] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    period_list = (
        daily_periods(first_start, periods) if periods_override is None else periods_override
    )
    values = [{"defaultValue": target_value} for _ in period_list]
    target: dict[str, Any] = {
        "active": True,
        "name": "Drink water",
        "targetEntity": "EVENT",
        "eventName": "water_glass",
        "targetType": target_type,
        "defaultValues": values if values_override is None else values_override,
        "expression": "true",
        "expressionJson": json.dumps(TREE),
        "filters": [],
        "enrolmentMethod": "IMPORT",
        "targetMilestoneTriggers": [],
    }
    if target_type == "EVENT_ATTRIBUTE":
        target["extendedFieldInfo"] = {"name": "glasses", "aggregateFunction": "SUM"}
    body: dict[str, Any] = {
        "name": name,
        "description": "Drink water",
        "active": True,
        "userCreated": True,
        "trackingType": "DEFAULT",
        "targetEvaluationType": "FIXED_CALENDAR_WINDOW",
        "totalPeriods": periods,
        "frequencyType": "DAILY",
        "frequency": 1,
        "recurringCycles": 1,
        "timeZoneName": zone,
        "periods": period_list,
        "targets": [target],
    }
    body.update(overrides)
    return body


def promotion(group_id: int, target_id: int, name: str = "goalpost-17-promotion") -> dict[str, Any]:
    action = {
        "id": -1,
        "actionName": "AWARD_TARGET_POINTS_ACTION",
        "mandatoryPropertiesValues": {
            "TargetGroupId": str(group_id),
            "TargetRuleName": "Drink water",
            "AwardStrategy": "82690",
        },
    }
    rule = {
        "id": -1,
        "name": "goalpost-17-rule",
        "exp": "true",
        "expJSON": "{}",
        "isActive": True,
        "ruleSetId": -1,
        "caseToActions": {"true": [action]},
    }
    ruleset = {
        "id": -1,
        "name": "goalpost-17-ruleset",
        "type": "USER_CREATED",
        "contextID": 1,
        "orgID": 0,
        "contextType": "program",
        "endpointName": "POINTSENGINE_ENDPOINT",
        "active": True,
        "startDate": 1_795_000_000_000,
        "endDate": 1_796_000_000_000,
        "rules": [rule],
    }
    return {
        "promotion": {
            "id": -1,
            "name": name,
            "identifier": name,
            "programId": 1,
            "startDate": "2026-11-21T00:00:00.000Z",
            "endDate": "2026-11-28T00:00:00.000Z",
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


def define_water_glass(capillary: httpx.Client, attribute: str | None = None) -> None:
    capillary.post("/v2/events", json=event_definition(attribute=attribute)).raise_for_status()


def create_group(capillary: httpx.Client, **kwargs: Any) -> dict[str, Any]:
    """Define the event and create a group; the group as answered."""
    if not kwargs.pop("event_defined", False):
        define_water_glass(capillary, attribute="glasses")
    answer = capillary.post("/v3/targetGroups", json=target_group(**kwargs))
    assert answer.status_code == 200, answer.text
    group: dict[str, Any] = answer.json()["data"]
    return group


def add_customer(capillary: httpx.Client, person: int = 7) -> int:
    identifiers = [
        {"type": "externalId", "value": f"goalpost-person-{person}"},
        {"type": "email", "value": f"person{person}@example.com"},
    ]
    body = {"profiles": [{"firstName": f"Person {person}", "identifiers": identifiers}]}
    answer = capillary.post("/v2/customers", json=body)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["createdId"])


def enrol(capillary: httpx.Client, group: dict[str, Any], customer_id: int) -> httpx.Response:
    target_id = group["targets"][0]["id"]
    return capillary.post(
        f"/v3/targetGroups/{group['id']}/targets/{target_id}/enroll",
        json=[{"customerId": customer_id, "periodName": "Cycle_1"}],
    )


def error_code(response: httpx.Response) -> int:
    """The Capillary error code of a v3, v2, promotion or webhook refusal."""
    body = response.json()
    if body.get("errors"):
        return int(body["errors"][0]["code"])
    return int(body["status"]["code"])

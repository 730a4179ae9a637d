"""What a customer is enrolled in (`enrolledTargets`) and which events counted
(`trackedTargetEvents`), as the reference pages "Get active targets" and "Get target events"
answer them."""

from __future__ import annotations

import copy
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from app.sandbox.customers import customer_exists
from app.sandbox.enrolments import active_enrolments, enrolment_of
from app.sandbox.envelopes import CapillaryError, Family, json_response, v3
from app.sandbox.event_posts import customer_events
from app.sandbox.params import Id, Offset, OptionalId
from app.sandbox.progress import counted_events
from app.sandbox.state import sandbox_state
from app.sandbox.target_groups import group_of_target, is_active, load_group
from app.sandbox.times import utc

ENROLMENT_TYPES = {"TRANSACTION", "IMPORT", "AUDIENCE_FILTER"}
BEHAVIOURAL = "GENERIC_EVENT"  # the reference's eventName for behavioural events

router = APIRouter()


@router.get("/v3/users/{customer_id}/enrolledTargets")
async def enrolled_targets(
    request: Request,
    customer_id: Id,
    targetRuleIds: str | None = None,
    enrollmentType: str | None = None,
    includeOnlyUserCreated: bool = False,
) -> Response:
    """The active targets the customer is enrolled in, as the groups' answers show them."""
    db = sandbox_state(request).db
    _check_customer(db, customer_id)
    if enrollmentType is not None and enrollmentType not in ENROLMENT_TYPES:
        raise CapillaryError(Family.V3, 310130, "Invalid enrollment type as input")
    wanted = _ids(targetRuleIds)
    targets: list[dict[str, Any]] = []
    for enrolment in active_enrolments(db, customer_id):
        found = load_group(db, enrolment["group_id"])
        if found is None or not is_active(found[0]):
            continue
        answer = found[0]
        target = answer["targets"][0]
        if wanted is not None and target["id"] not in wanted:
            continue
        if enrollmentType is not None and target["enrolmentMethod"] != enrollmentType:
            continue
        if includeOnlyUserCreated and not answer["userCreated"]:
            continue
        targets.append(copy.deepcopy(target))
    return v3(targets)


@router.get("/v3/users/{customer_id}/trackedTargetEvents/{target_id}")
async def tracked_target_events(
    request: Request,
    customer_id: Id,
    target_id: Id,
    periodId: OptionalId = None,
    limit: Annotated[int, Query(ge=0, le=1000)] = 10,
    offset: Offset = 0,
) -> Response:
    """The customer's events that counted toward the target, oldest first, one page."""
    db = sandbox_state(request).db
    _check_customer(db, customer_id)
    group_id = group_of_target(db, target_id)
    found = None if group_id is None else load_group(db, group_id)
    if found is None:
        raise CapillaryError(Family.V3, 310018, f"Target rule not found: {target_id}")
    plan = found[1]
    if periodId is not None and periodId not in {p["id"] for p in plan["periods"]}:
        raise CapillaryError(Family.V3, 310019, f"Target period not found: {periodId}")
    enrolment = enrolment_of(db, target_id, customer_id)
    if enrolment is None:
        raise CapillaryError(
            Family.V3,
            310149,
            "No record found in user target for given UserId and TargetId",
        )
    events = customer_events(db, customer_id, plan["target"]["event_name"])
    rows = [
        _row(event, period, plan, customer_id)
        for event, period in counted_events(plan, enrolment, events)
        if periodId is None or period["id"] == periodId
    ]
    pagination = {"limit": limit, "offset": offset, "total": len(rows)}
    page = rows[offset * limit : offset * limit + limit]  # offset is a page number
    return json_response({"pagination": pagination, "data": page, "errors": [], "warnings": []})


def _row(event: Any, period: dict[str, Any], plan: dict[str, Any], customer_id: int) -> dict:
    return {
        "eventLogId": event.id,
        "eventName": BEHAVIOURAL,
        "customerId": customer_id,
        "eventDisplayName": plan["target"]["event_name"],
        "uniqueId": event.request_id,  # a behavioural event's requestId (the page says)
        "eventDate": _log_time(event.at_ms),
        "eventProcessedDate": _log_time(event.received_ms),
        "periodId": period["id"],
        "targetGroupId": plan["id"],
        "targetRuleId": plan["target"]["id"],
        "targetValue": 1.0,  # "For behavioral event the value is always 1.000"
    }


def _log_time(ms: int) -> str:
    """`2025-01-09 12:00:12.0`, UTC (the sandbox is an EU-cluster org)."""
    moment = utc(ms)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + str(moment.microsecond // 100_000)


def _check_customer(db: Any, customer_id: int) -> None:
    if not customer_exists(db, customer_id):
        raise CapillaryError(Family.V3, 310011, f"Invalid userId: {customer_id}")


def _ids(text: str | None) -> set[int] | None:
    if text is None:
        return None
    try:
        return {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        raise CapillaryError(
            Family.V3, 300004, f"Invalid input: targetRuleIds {text!r} are ids, comma-separated"
        ) from None

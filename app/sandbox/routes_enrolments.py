"""Enrolment on a group's target, un-enrolment, and the customer's progress."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from app.sandbox.bodies import json_body
from app.sandbox.customers import customer_exists
from app.sandbox.enrolments import active_enrolments, enrol, unenrol
from app.sandbox.envelopes import CapillaryError, Family, v3
from app.sandbox.event_posts import customer_events
from app.sandbox.params import Id, OptionalId
from app.sandbox.progress import group_progress
from app.sandbox.state import sandbox_state
from app.sandbox.target_groups import is_active, load_group
from app.sandbox.times import now_ms

TARGET = "/v3/targetGroups/{group_id}/targets/{target_id}"

router = APIRouter()


@router.post(TARGET + "/enroll")
async def enrol_customers(request: Request, group_id: Id, target_id: Id) -> Response:
    """Enrol customers (array body); 310119 when one is enrolled already."""
    body = await json_body(request, Family.V3)
    return v3(enrol(sandbox_state(request).db, group_id, target_id, body))


@router.post(TARGET + "/unEnroll")
async def unenrol_customers(request: Request, group_id: Id, target_id: Id) -> Response:
    """Un-enrol customers (array body); someone not enrolled is fine."""
    body = await json_body(request, Family.V3)
    return v3(unenrol(sandbox_state(request).db, group_id, target_id, body))


@router.get("/v3/users/{customer_id}/targetGroups")
async def progress(
    request: Request,
    customer_id: Id,
    targetRuleId: OptionalId = None,
    includeInactive: bool = False,
    includeInactiveTargets: bool = False,
) -> Response:
    """Progress on every group the customer is enrolled in: the running period, or all.

    `includeInactive=false` (the default) shows only the current cycle; `true` every cycle.
    `includeInactiveTargets=false` leaves out deactivated groups and targets.
    """
    db = sandbox_state(request).db
    if not customer_exists(db, customer_id):
        raise CapillaryError(Family.V3, 310011, f"Invalid userId: {customer_id}")
    now = now_ms()
    groups: list[dict[str, Any]] = []
    for enrolment in active_enrolments(db, customer_id):
        if targetRuleId is not None and enrolment["target_id"] != targetRuleId:
            continue
        found = load_group(db, enrolment["group_id"])
        if found is None or not (includeInactiveTargets or is_active(found[0])):
            continue
        plan = found[1]
        events = customer_events(db, customer_id, plan["target"]["event_name"])
        group = group_progress(plan, enrolment, events, now)
        if not includeInactive:
            group["targets"] = [row for row in group["targets"] if row["currentPeriod"]]
        groups.append(group)
    return v3({"userId": customer_id, "customer": {"id": customer_id}, "targetGroups": groups})

"""Target groups and milestones (`/v3/targetGroups`, `/v3/milestones`)."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Query, Request, Response

from app.sandbox.bodies import json_body
from app.sandbox.envelopes import CapillaryError, Family, json_response, v3
from app.sandbox.params import Id, Offset
from app.sandbox.state import sandbox_state
from app.sandbox.target_group_edits import edit_target_group, name_is_free
from app.sandbox.target_groups import (
    create_target_group,
    list_groups,
    load_group,
    with_period_status,
)
from app.sandbox.times import now_ms

router = APIRouter()


@router.post("/v3/targetGroups")
async def create(request: Request) -> Response:
    """Create a user-created target group with its periods and its one target rule."""
    state = sandbox_state(request)
    body = await json_body(request, Family.V3)
    return v3(create_target_group(state.db, body, state.credentials.till))


@router.post("/v3/targetGroups/isValidName")
async def is_valid_name(request: Request) -> Response:
    """Whether a group, target, streak, streak level or period name is still free (true)."""
    body = await json_body(request, Family.V3)
    if not isinstance(body, dict):
        raise CapillaryError(Family.V3, 310145, "Invalid key is passed")
    return v3(name_is_free(sandbox_state(request).db, body.get("type"), body.get("value")))


@router.put("/v3/targetGroups/editTargetGroup/{group_id}")
async def edit(request: Request, group_id: Id) -> Response:
    """Rename, describe or switch a group and its target; the group as stored now."""
    state = sandbox_state(request)
    body = await json_body(request, Family.V3)
    answer = edit_target_group(state.db, group_id, body)
    found = load_group(state.db, group_id)
    assert found is not None
    return v3(_shown(answer, found[1], include_periods=True))


@router.get("/v3/targetGroups/{group_id}")
async def get_one(
    request: Request,
    group_id: Id,
    includePeriods: bool = False,
    includeUserCreatedTargetGroups: bool = False,
) -> Response:
    """One group by id; a user-created one only with includeUserCreatedTargetGroups=true."""
    found = load_group(sandbox_state(request).db, group_id)
    if found is None or (_user_created(found[1]) and not includeUserCreatedTargetGroups):
        raise CapillaryError(Family.V3, 300004, f"Target group {group_id} not found", status=404)
    return v3(_shown(*found, include_periods=includePeriods))


@router.get("/v3/targetGroups")
async def get_all(
    request: Request, includeUserCreatedTargetGroups: bool = False, includePeriods: bool = False
) -> Response:
    """Every group; user-created ones only with includeUserCreatedTargetGroups=true."""
    groups = list_groups(
        sandbox_state(request).db, include_user_created=includeUserCreatedTargetGroups
    )
    return v3([_shown(*g, include_periods=includePeriods) for g in groups])


@router.get("/v3/milestones")
async def milestones(
    request: Request,
    includeUserCreatedTargetGroups: bool = False,
    name: str | None = None,
    limit: int = Query(10, ge=0, le=1000),
    offset: Offset = 0,
) -> Response:
    """A page of groups (name matches exactly, case-insensitively); UCC only when asked."""
    groups = list_groups(
        sandbox_state(request).db, include_user_created=includeUserCreatedTargetGroups, name=name
    )
    page = [_shown(*g, include_periods=True) for g in groups[offset : offset + limit]]
    pagination = {"limit": limit, "offset": offset, "total": len(groups)}
    return json_response({"pagination": pagination, "data": page, "errors": [], "warnings": []})


def _shown(
    answer: dict[str, Any], plan: dict[str, Any], *, include_periods: bool
) -> dict[str, Any]:
    shown = with_period_status(copy.deepcopy(answer), plan, now_ms())
    if not include_periods:
        shown["periods"] = []
    return shown


def _user_created(plan: dict[str, Any]) -> bool:
    return bool(plan.get("user_created", True))  # stores older than ordinary groups: all UCC

"""The six challenge endpoints of Voyado Engage (seed 002), under /api/v3/challenges and, with
string enums in place of numbers, under /api/v2/challenges. Routes parse, call one service and
shape the answer; app/api/errors.py turns service errors into HTTP answers."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Header, Query, Request
from sqlalchemy.engine import Engine

from app.clock import Clock
from app.domain.definitions import DefinitionStatus
from app.services.assigned import (
    AssignmentFilter,
    AssignmentState,
    AssignmentView,
    list_assignments,
    read_assignment,
    required_checkpoints,
)
from app.services.assignments import assign_contact
from app.services.checkpoints import MAX_ROWS, CheckpointRow, record_checkpoints
from app.services.definitions import DefinitionView, list_definitions, read_definition_by_public_id

from . import models
from .errors import ERROR_RESPONSES

Version = Literal["v3", "v2"]
MAX_COUNT = 100
MAX_OFFSET = 1_000_000
DEFINITION_STATUS_NUMBERS = {
    DefinitionStatus.ACTIVE: 1,
    DefinitionStatus.DRAFT: 2,
    DefinitionStatus.SCHEDULED: 3,
    DefinitionStatus.ENDED: 4,
}
ASSIGNMENT_STATUS_NUMBERS = {
    AssignmentState.UNKNOWN: 0,
    AssignmentState.COMPLETED: 1,
    AssignmentState.NOT_COMPLETED: 2,
    AssignmentState.ACTIVE: 3,
}


class StatusFilter(StrEnum):
    ALL = "All"
    ACTIVE = "Active"
    DRAFT = "Draft"
    SCHEDULED = "Scheduled"
    ENDED = "Ended"


Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Count = Annotated[int, Query(ge=1, le=MAX_COUNT, description=f"Rows to return, 1–{MAX_COUNT}.")]
Rows = Annotated[list[models.CheckpointIn], Body(max_length=MAX_ROWS)]


def challenges_router(version: Version, *, engine: Engine, clock: Clock) -> APIRouter:
    """The six endpoints for one API version."""
    v3 = version == "v3"
    definition_model = models.DefinitionV3 if v3 else models.DefinitionV2
    assignment_model = models.AssignmentV3 if v3 else models.AssignmentV2
    router = APIRouter(
        prefix=f"/{version}/challenges", tags=[f"challenges {version}"], responses=ERROR_RESPONSES
    )

    @router.get(
        "/definitions",
        response_model=models.DefinitionPageV3 if v3 else models.DefinitionPageV2,
        operation_id=f"list_definitions_{version}",
    )
    def get_definitions(
        request: Request,
        offset: Offset = 0,
        count: Count = MAX_COUNT,
        status: StatusFilter = StatusFilter.ALL,
    ) -> dict[str, Any]:
        """The brand's challenge definitions, newest first, one page at a time."""
        wanted = None if status is StatusFilter.ALL else DefinitionStatus(status.value)
        page = list_definitions(engine, now=clock.now(), status=wanted, offset=offset, count=count)
        items = [_definition(request, version, d) for d in page.items]
        return _page(request, items, page.total, offset, count)

    @router.get(
        "/definitions/{definitionId}",
        response_model=definition_model,
        operation_id=f"get_definition_{version}",
    )
    def get_definition(request: Request, definitionId: uuid.UUID) -> dict[str, Any]:
        """One challenge definition by its id."""
        found = read_definition_by_public_id(engine, public_id=str(definitionId), now=clock.now())
        return _definition(request, version, found)

    @router.post(
        "/definitions/{definitionId}/assign",
        response_model=bool,
        operation_id=f"assign_{version}",
    )
    def assign(definitionId: uuid.UUID, contactId: uuid.UUID) -> bool:
        """Assign and activate an Active definition for a contact (true also if it already was)."""
        assign_contact(
            engine,
            contact_id=str(contactId),
            definition_public_id=str(definitionId),
            now=clock.now(),
        )
        return True

    if not v3:  # Voyado's v2 developer docs call assign "activate" (upstream-apis.md §2.3)
        router.add_api_route(
            "/definitions/{definitionId}/activate",
            assign,
            methods=["POST"],
            response_model=bool,
            operation_id="activate_v2",
            summary="Activate",
            description="The same as assign: v2's other name for it.",
        )

    @router.post(
        "/checkpoints",
        response_model=models.CheckpointAnswer,
        operation_id=f"add_checkpoints_{version}",
    )
    def add_checkpoints(
        request: Request,
        rows: Rows,
        idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    ) -> dict[str, Any]:
        """Award checkpoints, at most 1000 rows a batch; bad rows are skipped and reported."""
        return record_checkpoints(
            engine,
            rows=[CheckpointRow(r.definitionId, r.contactId, r.checkpointAmount) for r in rows],
            now=clock.now(),
            api_key_id=request.state.api_key_id,
            idempotency_key=idempotency_key,
        )

    @router.get(
        "",
        response_model=models.AssignmentPageV3 if v3 else models.AssignmentPageV2,
        operation_id=f"list_challenges_{version}",
    )
    def get_challenges(
        request: Request,
        contactId: uuid.UUID,
        definitionId: uuid.UUID | None = None,
        offset: Offset = 0,
        count: Count = MAX_COUNT,
        filter: AssignmentFilter = AssignmentFilter.ALL,
    ) -> dict[str, Any]:
        """A contact's challenges (assignments), completed ones too, one page at a time."""
        page = list_assignments(
            engine,
            contact_id=str(contactId),
            definition_id=str(definitionId) if definitionId else None,
            state_filter=filter,
            offset=offset,
            count=count,
            now=clock.now(),
        )
        items = [_assignment(request, version, a) for a in page.items]
        return _page(request, items, page.total, offset, count)

    @router.get(
        "/{challengeId}", response_model=assignment_model, operation_id=f"get_challenge_{version}"
    )
    def get_challenge(request: Request, challengeId: uuid.UUID) -> dict[str, Any]:
        """One challenge (assignment) with the contact's progress."""
        found = read_assignment(engine, public_id=str(challengeId), now=clock.now())
        return _assignment(request, version, found)

    return router


def _page(
    request: Request, items: list[dict[str, Any]], total: int, offset: int, count: int
) -> dict[str, Any]:
    previous = (
        str(request.url.include_query_params(offset=max(offset - count, 0), count=count))
        if offset > 0
        else None
    )
    following = (
        str(request.url.include_query_params(offset=offset + count, count=count))
        if offset + count < total
        else None
    )
    return {
        "links": [
            {"href": previous, "method": "GET", "rel": "previous"},
            {"href": following, "method": "GET", "rel": "next"},
        ],
        "count": len(items),
        "offset": offset,
        "items": items,
        "totalCount": total,
    }


def _base(request: Request, version: Version) -> str:
    root = request.scope.get("root_path", "")
    return f"{request.url.scheme}://{request.url.netloc}{root}/{version}/challenges"


def _definition(request: Request, version: Version, view: DefinitionView) -> dict[str, Any]:
    spec, rule = view.rule.spec, view.rule
    href = f"{_base(request, version)}/definitions/{view.public_id}"
    return {
        "id": view.public_id,
        "name": view.name,
        "description": rule.description,
        "requiredNumberOfCheckpoints": required_checkpoints(
            spec.total_periods, spec.target, spec.periods_needed
        ),
        "checkpointAssignOn": 0 if version == "v3" else "None",
        "checkpointAssignOnAmount": None,
        "expirationMonths": rule.expiration_months,
        "isContactConsentRequired": rule.consent_required,
        "isScheduled": rule.scheduled_from is not None,
        "scheduledFrom": rule.scheduled_from,
        "scheduledTo": rule.scheduled_to,
        "createdBy": view.created_by,
        "createdOn": view.created_on,
        "modifiedBy": view.modified_by,
        "modifiedOn": view.modified_on,
        "status": DEFINITION_STATUS_NUMBERS[view.status] if version == "v3" else view.status.value,
        "links": [{"id": view.public_id, "href": href, "method": "GET", "rel": "self"}],
    }


def _assignment(request: Request, version: Version, view: AssignmentView) -> dict[str, Any]:
    base = _base(request, version)
    return {
        "id": view.public_id,
        "challengeId": view.definition_public_id,
        "contactId": view.contact_id,
        "challengeStart": view.started,
        "challengeEnd": view.ends,
        "challengeCompletedOn": view.completed_on,
        "completedCheckpoints": view.completed_checkpoints,
        "requiredCheckpoints": view.required_checkpoints,
        "isActive": view.state is AssignmentState.ACTIVE,
        "isChallengeCompleted": view.state is AssignmentState.COMPLETED,
        "latestCheckpointAddedOn": view.latest_checkpoint_on,
        "imageUrl": None,
        "status": ASSIGNMENT_STATUS_NUMBERS[view.state] if version == "v3" else view.state.value,
        "links": [
            {
                "id": view.public_id,
                "href": f"{base}/{view.public_id}",
                "method": "GET",
                "rel": "self",
            },
            {
                "id": view.definition_public_id,
                "href": f"{base}/definitions/{view.definition_public_id}",
                "method": "GET",
                "rel": "definition",
            },
        ],
    }

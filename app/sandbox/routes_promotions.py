"""UCC promotions (`/api_gateway/loyalty/v1/programs/{programId}/…`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from app.sandbox.bodies import json_body
from app.sandbox.envelopes import CapillaryError, Family, json_response
from app.sandbox.params import Id, OptionalCount
from app.sandbox.promotions import create_promotion, list_promotions
from app.sandbox.state import sandbox_state

PREFIX = "/api_gateway/loyalty/v1/programs/{program_id}"
PROMOTION_TYPES = {"simple", "range", "keyword"}
SOURCE_TYPES = {
    "UI",
    "IMPORT",
    "GOODWILL",
    "CAMPAIGN",
    "POINTS_TRANSFER",
    "IMPORT_API",
    "PROMOTION_API",
    "POINTS_CONTRIBUTION_TO_GROUP",
    "MANUAL_POINTS_ADJUSTMENT",
    "BADGES",
    "USER_CREATED",
}
SUCCESS = {"code": 200, "message": "success"}

router = APIRouter()


@router.post(PREFIX + "/createPromotion/{promotion_type}")
async def create(request: Request, program_id: Id, promotion_type: str) -> Response:
    """Create a UCC promotion linking a target group to the org's award strategy."""
    if promotion_type.lower() not in PROMOTION_TYPES:
        raise CapillaryError(
            Family.PROMOTION, 300004, f"Invalid input: promotion type {promotion_type!r}"
        )
    body = await json_body(request, Family.PROMOTION)
    promotion = create_promotion(sandbox_state(request).db, program_id, body)
    return json_response({"status": SUCCESS, "validationErrors": None, "data": [promotion]})


@router.get(PREFIX + "/promotionsV2")
@router.get(PREFIX + "/userCreatedPromotions")
async def listing(
    request: Request,
    program_id: Id,
    limit: OptionalCount = None,
    offset: OptionalCount = None,
    sourceType: str | None = None,
) -> Response:
    """A page of the program's promotions; the sandbox holds USER_CREATED ones only."""
    if limit is None or offset is None or not sourceType:
        raise CapillaryError(Family.PROMOTION, 4086, "limit, offset and sourceType are required")
    if limit > 100 or limit < 0 or offset < 0:
        raise CapillaryError(Family.PROMOTION, 4055, "limit is 0..100 and offset at least 0")
    if sourceType not in SOURCE_TYPES:
        raise CapillaryError(Family.PROMOTION, 4085, f"Wrong sourceType {sourceType!r}")
    promotions: list[dict[str, Any]] = []
    total = 0
    if sourceType == "USER_CREATED":
        promotions, total = list_promotions(sandbox_state(request).db, program_id, limit, offset)
    page = {"pageNumber": offset // limit if limit else 0, "pageSize": limit, "totalEntries": total}
    return json_response(
        {"status": SUCCESS, "validationErrors": None, "data": promotions, "pageDetails": page}
    )

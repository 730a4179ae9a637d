"""Reading a request body the way Capillary does: malformed JSON is a business error."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from app.sandbox.envelopes import CapillaryError, Family

INVALID_INPUT = {Family.V3: 300004, Family.PROMOTION: 300004, Family.V2: 400, Family.WEBHOOK: 400}


async def json_body(request: Request, family: Family) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except ValueError:
        raise CapillaryError(
            family, INVALID_INPUT[family], "Invalid input: the body is not valid JSON"
        ) from None

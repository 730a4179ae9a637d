"""Capillary's answer envelopes, one per API family, and the error that carries them.

docs/upstream.md names no HTTP status for the business error codes; the sandbox answers 400
unless a route says otherwise (404 for an unknown id, 401 for credentials).
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from starlette.responses import Response


class Family(Enum):
    V2 = "v2"  # /v2/events, /v2/customers
    V3 = "v3"  # /v3/... target groups, milestones, users, oauth
    PROMOTION = "promotion"  # /api_gateway/loyalty/v1/...
    WEBHOOK = "webhook"  # /webhooks/{token}


class CapillaryError(Exception):
    """A refusal in Capillary's words: `code` is Capillary's error code."""

    def __init__(self, family: Family, code: int, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.family = family
        self.code = code
        self.message = message
        self.status = status

    def response(self) -> Response:
        return json_response(error_body(self.family, self.code, self.message), self.status)


def error_body(family: Family, code: int, message: str) -> dict[str, Any]:
    error = {"code": code, "message": message}
    if family is Family.V3:
        return {"data": None, "errors": [error], "warnings": None}
    if family is Family.PROMOTION:
        return {"status": error, "validationErrors": [error], "data": None}
    if family is Family.WEBHOOK:
        return {"status": error, "requestId": None}
    return {"warnings": [], "errors": [error]}


def v3(data: Any) -> Response:
    return json_response({"data": data, "errors": None, "warnings": None})


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """Serialise with the standard library directly: no model validation on the way out."""
    content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(content, status, headers=headers, media_type="application/json")

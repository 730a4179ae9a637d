"""`POST /v3/oauth/token/generate`: a token for the API client's key and secret."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.sandbox.auth import TOKEN_TTL_SECONDS
from app.sandbox.bodies import json_body
from app.sandbox.envelopes import CapillaryError, Family, json_response
from app.sandbox.state import sandbox_state

router = APIRouter()


@router.post("/v3/oauth/token/generate")
async def generate_token(request: Request) -> Response:
    """Exchange the API client's key and secret for an access token (no other auth needed)."""
    body = await json_body(request, Family.V3)
    key = body.get("key") if isinstance(body, dict) else None
    secret = body.get("secret") if isinstance(body, dict) else None
    token = None
    if isinstance(key, str) and isinstance(secret, str):
        token = sandbox_state(request).credentials.issue_token(key, secret)
    if token is None:
        raise CapillaryError(Family.V3, 401, "Failed to generate OAuth token", status=401)
    data = {"accessToken": token, "ttlSeconds": TOKEN_TTL_SECONDS}
    return json_response({"data": data, "errors": None})

"""The API's one lock: a live API key in `apikey` (or `Authorization: Bearer`), and the per-key
rate limit (Voyado's 200 requests/s by default, `API_RATE_LIMIT`)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from fastapi import Header, HTTPException
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.engine import Engine

from app.clock import Clock
from app.services.api_keys import key_for

MISSING = (
    "Send your API key in the 'apikey' header (or 'Authorization: Bearer <key>'); "
    "an operator creates keys in the brand console under API keys."
)
WRONG = "That API key is unknown or revoked: check it, or ask an operator for a new one."


def api_key_guard(
    engine: Engine, clock: Clock, rate_limit: str, *, storage: str = "memory://", scope: str = ""
) -> Callable[..., int]:
    """A FastAPI dependency: the calling key's id, or 401; 429 past the key's rate limit.
    The window is counted in `storage`: this process's memory, or with several instances
    the Redis they share (`redis://…`), so a key's limit is one limit, not one per instance;
    `scope` keeps deployments that share a Redis apart."""
    limit = parse(rate_limit)
    limiter = MovingWindowRateLimiter(storage_from_string(storage))

    def calling_key(
        apikey: str | None = Header(None, max_length=200, description="Your API key."),
        authorization: str | None = Header(None, max_length=220, include_in_schema=False),
    ) -> int:
        presented = apikey or _bearer(authorization)
        if not presented:
            raise HTTPException(401, MISSING, headers={"WWW-Authenticate": "apikey"})
        key_id = key_for(engine, presented.strip(), now=clock.now())
        if key_id is None:
            raise HTTPException(401, WRONG, headers={"WWW-Authenticate": "apikey"})
        counted = f"{scope}api-key-{key_id}"
        if not limiter.hit(limit, counted):
            reset = limiter.get_window_stats(limit, counted).reset_time
            wait = max(1, math.ceil(reset - time.time()))
            raise HTTPException(
                429,
                f"Over this key's rate limit of {rate_limit}: retry in {wait} s.",
                headers={"Retry-After": str(wait)},
            )
        return key_id

    return calling_key


def _bearer(authorization: str | None) -> str | None:
    scheme, _, given = (authorization or "").strip().partition(" ")
    return given.strip() if scheme.lower() == "bearer" else None

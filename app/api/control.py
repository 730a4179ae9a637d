"""The one lock on the test and demo tools: `Authorization: Bearer <CONTROL_SECRET>`.

The demo clock uses it here; the mounted sandbox checks the same secret at its own gate.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from fastapi import Header, HTTPException


def control_guard(secret: str) -> Callable[[str | None], None]:
    """A FastAPI dependency that answers 401 unless the request carries `secret`."""
    expected = secret.encode()

    def require_control_secret(authorization: str | None = Header(None)) -> None:
        scheme, _, given = (authorization or "").strip().partition(" ")
        if scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), expected):
            return
        raise HTTPException(
            status_code=401,
            detail="This is a test and demo tool: send 'Authorization: Bearer <CONTROL_SECRET>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )

    return require_control_secret

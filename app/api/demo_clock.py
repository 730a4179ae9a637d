"""Moving the app's clock forward: registered only when ALLOW_CLOCK_OVERRIDE is on."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, HTTPException

from app.clock import Clock


def clock_router(clock: Clock) -> APIRouter:
    router = APIRouter(prefix="/_demo/clock", tags=["demo"])

    @router.get("")
    def read_clock() -> dict[str, str]:
        """The app's current time."""
        return {"now": clock.now().isoformat()}

    @router.post("/advance")
    def advance_clock(days: float = 0, hours: float = 0, minutes: float = 0) -> dict[str, str]:
        """Move the app's clock forward, so a week passes in seconds (tests and demos only)."""
        try:
            now = clock.advance(timedelta(days=days, hours=hours, minutes=minutes))
        except ValueError as error:
            raise HTTPException(status_code=422, detail=str(error)) from error
        return {"now": now.isoformat()}

    return router

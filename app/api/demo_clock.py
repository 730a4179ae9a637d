"""Moving the app's clock forward: registered only when ALLOW_CLOCK_OVERRIDE is on, and only
for callers with the control secret."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from app.api.control import control_guard
from app.clock import MAX_STEP, Clock

MAX_DAYS = MAX_STEP.days


def _amount(most: int) -> object:
    return Query(ge=0, le=most, allow_inf_nan=False)


Days = Annotated[float, _amount(MAX_DAYS)]
Hours = Annotated[float, _amount(MAX_DAYS * 24)]
Minutes = Annotated[float, _amount(MAX_DAYS * 24 * 60)]


def clock_router(clock: Clock, *, control_secret: str) -> APIRouter:
    router = APIRouter(
        prefix="/_demo/clock", tags=["demo"], dependencies=[Depends(control_guard(control_secret))]
    )

    @router.get("")
    def read_clock() -> dict[str, str]:
        """The app's current time."""
        return {"now": clock.now().isoformat()}

    @router.post("/advance")
    def advance_clock(days: Days = 0, hours: Hours = 0, minutes: Minutes = 0) -> dict[str, str]:
        """Move the app's clock forward, so a week passes in seconds (tests and demos only)."""
        try:
            now = clock.advance(timedelta(days=days, hours=hours, minutes=minutes))
        except ValueError as error:
            raise HTTPException(status_code=422, detail=str(error)) from error
        return {"now": now.isoformat()}

    return router

"""Resetting the demo to its first state: registered only in demo mode, and only for
callers with the control secret."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from app.api.control import control_guard
from app.demo import DemoWorld


def demo_reset_router(world: DemoWorld, *, control_secret: str) -> APIRouter:
    router = APIRouter(
        prefix="/_demo", tags=["demo"], dependencies=[Depends(control_guard(control_secret))]
    )

    @router.post("/reset")
    async def reset_demo() -> dict[str, object]:
        """Put the demo back as it started: people, history, sandbox records and clock."""
        # On the event loop, without awaiting: no request (the sandbox's above all) runs
        # half before and half after the reset. It takes tens of milliseconds.
        report = world.reset()
        return {"reset": True, "seconds": round(report.seconds, 3), "now": report.now.isoformat()}

    return router

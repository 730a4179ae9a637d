"""Sandbox-only endpoints (`/_sandbox/*`): faults, reset, stats, stored events, journal.

Not Capillary's: no faults, not journalled, and behind the sandbox's control secret
(`Authorization: Bearer …`, checked in the gate) instead of Capillary's credentials.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from pydantic import ValidationError

from app.sandbox.envelopes import json_response
from app.sandbox.event_posts import stored_events
from app.sandbox.faults import FaultPlan, FaultSettings
from app.sandbox.params import Offset
from app.sandbox.state import sandbox_state

router = APIRouter(prefix="/_sandbox")


@router.get("/faults")
async def get_faults(request: Request) -> Response:
    """The faults in force."""
    return json_response(sandbox_state(request).faults.settings.model_dump())


@router.put("/faults")
async def put_faults(request: Request) -> Response:
    """Replace the faults in force (fields left out take their defaults: no fault)."""
    try:
        settings = FaultSettings.model_validate_json(await request.body() or b"{}")
    except ValidationError as error:
        problems = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
        return json_response({"error": "invalid faults", "problems": problems}, 400)
    state = sandbox_state(request)
    counters = state.faults.counters
    state.faults = FaultPlan(settings)
    state.faults.counters = counters
    return json_response(settings.model_dump())


@router.post("/reset")
async def reset(request: Request) -> Response:
    """Empty the store and the journal; faults go back to those set at start."""
    sandbox_state(request).reset()
    return json_response({"reset": True})


@router.delete("/tokens")
async def revoke_tokens(request: Request) -> Response:
    """Revoke every OAuth token, so a client's next call meets a 401."""
    sandbox_state(request).credentials.revoke_tokens()
    return json_response({"revoked": True})


@router.get("/stats")
async def stats(request: Request) -> Response:
    """Counts of what is stored and of the faults injected."""
    state = sandbox_state(request)
    db = state.db
    (events, posts) = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(times_received), 0) FROM events"
    ).fetchone()
    counts = {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("target_groups", "promotions", "customers")
    }
    (enrolments,) = db.execute("SELECT COUNT(*) FROM enrolments WHERE active = 1").fetchone()
    counters = state.faults.counters
    return json_response(
        {
            "events_stored": events,
            "event_posts": posts,
            **counts,
            "enrolments": enrolments,
            "requests": state.journal.total,
            "faults": {
                "errors": counters.errors,
                "rate_limited": counters.rate_limited,
                "dropped": counters.dropped,
            },
        }
    )


@router.get("/events")
async def events(
    request: Request, limit: int = Query(100, ge=0, le=10_000), offset: Offset = 0
) -> Response:
    """Stored events in arrival order, with how often each was received."""
    page, total = stored_events(sandbox_state(request).db, limit, offset)
    return json_response({"total": total, "events": page})


@router.get("/requests")
async def requests(request: Request, limit: int = Query(100, ge=0, le=10_000)) -> Response:
    """The latest Capillary calls, oldest first, with their Idempotency-Key."""
    journal = sandbox_state(request).journal
    return json_response({"total": journal.total, "requests": journal.latest(limit)})

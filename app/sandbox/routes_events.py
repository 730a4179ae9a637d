"""Behavioural events: definitions (`/v2/events`) and posts (`/webhooks/{token}`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.routing import Route

from app.sandbox.bodies import json_body
from app.sandbox.envelopes import CapillaryError, Family, json_response
from app.sandbox.event_definitions import define_event, list_events
from app.sandbox.event_posts import store_event
from app.sandbox.state import sandbox_state

WEBHOOK_TOKEN = "sandbox"
PUSHED = (
    b'{"status":{"code":1100,"message":"Event is pushed to transformation state"},"requestId":"'
)

router = APIRouter()


@router.post("/v2/events")
async def create_event(request: Request) -> Response:
    """Define a behavioural event; 1806 when it exists already."""
    state = sandbox_state(request)
    define_event(state.db, await json_body(request, Family.V2))
    return json_response({"warnings": [], "errors": []})


@router.get("/v2/events")
async def get_events(request: Request) -> Response:
    """The org's event definitions, as they were sent."""
    events = list_events(sandbox_state(request).db)
    return json_response({"data": events, "warnings": [], "errors": []})


async def post_event(request: Request) -> Response:
    """Ingest one event (flat body); a repeated external_event_id answers the first requestId."""
    token = request.path_params["token"]
    if token != WEBHOOK_TOKEN:
        raise CapillaryError(Family.WEBHOOK, 404, f"No webhook {token!r}", status=404)
    state = sandbox_state(request)
    request_id = store_event(state, await request.body())
    return Response(PUSHED + request_id.encode() + b'"}', media_type="application/json")


# The hot path skips FastAPI's request parsing: a plain Starlette route, matched first.
webhook_route = Route("/webhooks/{token}", post_event, methods=["POST"])

"""Event ingestion (`POST /webhooks/{token}`): the hot path, one indexed upsert per event.

A repeat of an `external_event_id` answers the first post's `requestId` and counts nothing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from app.sandbox.customers import add_customer, find_customer
from app.sandbox.db import transaction
from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.event_definitions import EventShape, load_shape
from app.sandbox.progress import StoredEvent
from app.sandbox.state import SandboxState
from app.sandbox.times import iso_z, now_ms, parse_instant_ms

STANDARD_KEYS = ("event_name", "external_event_id", "eventDateTime")

UPSERT = (
    "INSERT INTO events (external_event_id, request_id, event_name, customer_id, event_ms,"
    " attributes, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (external_event_id) DO UPDATE SET times_received = times_received + 1"
    " RETURNING request_id"
)


def store_event(state: SandboxState, raw: bytes) -> str:
    """Store one posted event (or count a repeat); the answer's `requestId`."""
    db = state.db
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise CapillaryError(Family.WEBHOOK, 400, "The body must be a flat JSON object")
    shape = _shape(db, state.event_shapes, body.get("event_name"))
    customer_id = _customer(db, state.customer_ids, shape, body)
    event_ms = _event_time(body.get("eventDateTime"))
    attributes = {
        key: value
        for key, value in body.items()
        if key not in STANDARD_KEYS and key != shape.customer_field
    }
    for name in shape.numeric_fields & attributes.keys():
        if _number(attributes[name]) is None:
            raise CapillaryError(
                Family.WEBHOOK,
                1802,
                f"Attribute {name!r} must be a number, got {attributes[name]!r}",
            )
    external_id = body.get("external_event_id")
    row = db.execute(
        UPSERT,
        (
            None if external_id in (None, "") else str(external_id),
            str(uuid.uuid4()),
            shape.name,
            customer_id,
            event_ms,
            json.dumps(attributes, separators=(",", ":")),
            now_ms(),
        ),
    ).fetchone()
    return str(row[0])


def customer_events(db: sqlite3.Connection, customer_id: int, event_name: str) -> list[StoredEvent]:
    """One customer's events of one name, oldest first."""
    rows = db.execute(
        "SELECT id, event_ms, attributes, request_id, received_ms FROM events"
        " WHERE customer_id = ? AND event_name = ? ORDER BY event_ms, id",
        (customer_id, event_name),
    )
    return [StoredEvent(*row) for row in rows]


def stored_events(
    db: sqlite3.Connection, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of every stored event in arrival order, and the total (for /_sandbox/events)."""
    (total,) = db.execute("SELECT COUNT(*) FROM events").fetchone()
    rows = db.execute(
        "SELECT external_event_id, request_id, event_name, customer_id, event_ms, attributes,"
        " times_received, received_ms FROM events ORDER BY id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    events = [_event_row(*row) for row in rows]
    return events, int(total)


def _event_row(
    external_id: str | None,
    request_id: str,
    name: str,
    customer_id: int,
    event_ms: int,
    attributes: str,
    times: int,
    received_ms: int,
) -> dict[str, Any]:
    return {
        "external_event_id": external_id,
        "request_id": request_id,
        "event_name": name,
        "customer_id": customer_id,
        "event_time": iso_z(event_ms),
        "attributes": json.loads(attributes),
        "times_received": times,
        "first_received_at": iso_z(received_ms),
    }


def _shape(db: sqlite3.Connection, shapes: dict[str, EventShape], name: Any) -> EventShape:
    shape = load_shape(db, shapes, name) if isinstance(name, str) else None
    if shape is None:
        raise CapillaryError(
            Family.WEBHOOK, 1811, f"Event name invalid: {name!r} is not defined (POST /v2/events)"
        )
    if shape.customer_field is None:
        raise CapillaryError(
            Family.WEBHOOK, 8013, f"Event {shape.name!r} has no field of type customer"
        )
    return shape


def _customer(
    db: sqlite3.Connection,
    known: dict[tuple[str, str], int],
    shape: EventShape,
    body: dict[str, Any],
) -> int:
    assert shape.customer_field is not None
    value = body.get(shape.customer_field)
    if value is None or value == "":
        raise CapillaryError(
            Family.WEBHOOK, 8013, f"Invalid identifier: {shape.customer_field!r} is missing"
        )
    identifier = (shape.identifier_type, str(value))
    customer_id = known.get(identifier) or find_customer(db, *identifier)
    if customer_id is None:
        if not shape.add_customer_if_missing:
            raise CapillaryError(
                Family.WEBHOOK, 8015, f"No customer found with {identifier[0]} {identifier[1]!r}"
            )
        with transaction(db):
            customer_id = add_customer(db, [identifier])
    known[identifier] = customer_id
    return customer_id


def _event_time(value: Any) -> int:
    if value is None or value == "":
        return now_ms()  # as Capillary does when no time is mapped
    try:
        return parse_instant_ms(str(value))
    except ValueError:
        raise CapillaryError(
            Family.WEBHOOK, 1802, f"eventDateTime {value!r} is not 'yyyy-MM-dd HH:mm:ss' (UTC)"
        ) from None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None

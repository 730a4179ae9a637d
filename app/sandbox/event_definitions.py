"""Behavioural event definitions (`POST /v2/events`) and the shape an event post must have."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.times import now_ms

ACTIONS = {"EMFConsumer", "EIConsumer"}
FIELD_TYPES = {
    "tillCode",
    "couponCode",
    "customer",
    "productSku",
    "productBrand",
    "productCategory",
    "string",
    "double",
}
IDENTIFIER_TYPES = {
    "userId",
    "mobile",
    "email",
    "externalId",
    "wechat",
    "martjackId",
    "cuid",
    "fbid",
    "unionId",
    "fcmToken",
    "line",
    "cardnumber",
    "cardExternalId",
}
# Capillary's sample resolves the customer field by mobile number when no type is given.
DEFAULT_IDENTIFIER_TYPE = "mobile"
EVENT_NAME = re.compile(r"^[A-Za-z0-9_]{1,100}$")


@dataclass(frozen=True)
class EventShape:
    """What the ingestion path needs to know about one defined event."""

    name: str
    customer_field: str | None
    identifier_type: str
    add_customer_if_missing: bool
    numeric_fields: frozenset[str]


def define_event(db: sqlite3.Connection, body: Any) -> None:
    """Store a new event definition; 1806 when one of that name exists."""
    name = _event_name(body)
    if db.execute("SELECT 1 FROM event_definitions WHERE name = ?", (name,)).fetchone():
        raise CapillaryError(Family.V2, 1806, f"Event_{name} event already exists")
    _check_actions(body.get("actions"))
    _check_fields(body.get("fields", []))
    db.execute(
        "INSERT INTO event_definitions (name, body, created_ms) VALUES (?, ?, ?)",
        (name, json.dumps(body), now_ms()),
    )


def list_events(db: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = db.execute("SELECT body FROM event_definitions ORDER BY created_ms, name")
    return [json.loads(body) for (body,) in rows]


def event_is_defined(db: sqlite3.Connection, name: str) -> bool:
    return (
        db.execute("SELECT 1 FROM event_definitions WHERE name = ?", (name,)).fetchone() is not None
    )


def load_shape(
    db: sqlite3.Connection, cache: dict[str, EventShape], name: str
) -> EventShape | None:
    """The shape of a defined event, cached after the first read; None when undefined."""
    shape = cache.get(name)
    if shape is not None:
        return shape
    row = db.execute("SELECT body FROM event_definitions WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    shape = shape_of(json.loads(row[0]))
    cache[name] = shape
    return shape


def shape_of(definition: dict[str, Any]) -> EventShape:
    customer_field, identifier_type, add_if_missing = None, DEFAULT_IDENTIFIER_TYPE, False
    numeric: set[str] = set()
    for item in definition.get("fields", []):
        attributes = item.get("attributes") or {}
        if item["type"] == "customer" and customer_field is None:
            customer_field = item["name"]
            identifier_type = _attribute(attributes, "identifierType") or identifier_type
            add_if_missing = _attribute(attributes, "addCustomerIfNotExists") == "true"
        elif item["type"] == "double":
            numeric.add(item["name"])
    return EventShape(
        definition["eventName"], customer_field, identifier_type, add_if_missing, frozenset(numeric)
    )


def _event_name(body: Any) -> str:
    if not isinstance(body, dict):
        raise CapillaryError(Family.V2, 1811, "Event name invalid: the body must be a JSON object")
    name = body.get("eventName")
    if not isinstance(name, str) or not EVENT_NAME.match(name):
        raise CapillaryError(
            Family.V2, 1811, "Event name invalid: use 1-100 letters, digits or underscores"
        )
    return name


def _check_actions(actions: Any) -> None:
    if not isinstance(actions, list) or not actions or not set(actions) <= ACTIONS:
        raise CapillaryError(
            Family.V2, 1810, f"Event actions invalid: give a non-empty list of {sorted(ACTIONS)}"
        )


def _check_fields(fields: Any) -> None:
    if not isinstance(fields, list):
        raise CapillaryError(Family.V2, 1823, "Invalid event field type: fields must be a list")
    for index, item in enumerate(fields):
        where = f"fields[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise CapillaryError(Family.V2, 1823, f"Invalid event field type: {where} needs a name")
        if item.get("type") not in FIELD_TYPES:
            raise CapillaryError(
                Family.V2,
                1823,
                f"Invalid event field type: {where}.type must be one of {sorted(FIELD_TYPES)}",
            )
        attributes = item.get("attributes") or {}
        required = _attribute(attributes, "isRequired")
        if required is not None and required not in {"true", "false"}:
            raise CapillaryError(
                Family.V2, 1802, f"Field attribute value fails validation type isRequired ({where})"
            )
        identifier = _attribute(attributes, "identifierType")
        if item["type"] == "customer" and identifier not in (None, *IDENTIFIER_TYPES):
            raise CapillaryError(
                Family.V2,
                1823,
                f"Invalid event field type: {where} identifierType "
                f"{identifier!r} is not one of {sorted(IDENTIFIER_TYPES)}",
            )


def _attribute(attributes: Any, key: str) -> str | None:
    """The string value of a `{valueType, value}` attribute, lower-cased for booleans."""
    if not isinstance(attributes, dict):
        return None
    entry = attributes.get(key)
    if not isinstance(entry, dict) or entry.get("value") is None:
        return None
    value = str(entry["value"])
    return value.lower() if value.lower() in {"true", "false"} else value

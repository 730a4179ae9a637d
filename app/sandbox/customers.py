"""Customers and their identifiers (externalId, email, mobile, …), each unique per type."""

from __future__ import annotations

import sqlite3
from typing import Any

from app.sandbox.db import next_ids, transaction
from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.times import now_ms

LOOKUP_IDENTIFIERS = {"mobile", "email", "externalId", "cardnumber", "wechat", "martjackId", "fbId"}


def find_customer(db: sqlite3.Connection, identifier_type: str, value: str) -> int | None:
    row = db.execute(
        "SELECT customer_id FROM customer_identifiers WHERE type = ? AND value = ?",
        (identifier_type, value),
    ).fetchone()
    return None if row is None else int(row[0])


def customer_exists(db: sqlite3.Connection, customer_id: Any) -> bool:
    if not isinstance(customer_id, int) or isinstance(customer_id, bool):
        return False
    return db.execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone() is not None


def add_customer(
    db: sqlite3.Connection,
    identifiers: list[tuple[str, str]],
    first_name: str | None = None,
    last_name: str | None = None,
) -> int:
    """A new customer holding `identifiers`, which the caller has checked are free."""
    (customer_id,) = next_ids(db, "customer")
    db.execute(
        "INSERT INTO customers (id, first_name, last_name, created_ms) VALUES (?, ?, ?, ?)",
        (customer_id, first_name, last_name, now_ms()),
    )
    db.executemany(
        "INSERT INTO customer_identifiers (type, value, customer_id) VALUES (?, ?, ?)",
        [(kind, value, customer_id) for kind, value in identifiers],
    )
    return customer_id


def register_customer(db: sqlite3.Connection, body: Any) -> dict[str, Any]:
    """`POST /v2/customers`: a repeat (an identifier already known) answers the known id."""
    profile = _first_profile(body)
    identifiers = _identifiers(profile)
    for kind, value in identifiers:
        known = find_customer(db, kind, value)
        if known is not None:
            warning = {
                "code": 1011,
                "message": f"Customer with {kind} {value!r} already exists; nothing was changed",
            }
            return {"createdId": known, "warnings": [warning]}
    with transaction(db):
        customer_id = add_customer(
            db, identifiers, profile.get("firstName"), profile.get("lastName")
        )
    return {"createdId": customer_id, "warnings": []}


def look_up_customer(db: sqlite3.Connection, identifier_name: str, value: str) -> int | None:
    """`GET /v2/customers/lookup`: the customer id, None when nobody holds the identifier."""
    if identifier_name not in LOOKUP_IDENTIFIERS:
        raise CapillaryError(
            Family.V2,
            8013,
            f"Invalid identifier {identifier_name!r}: use one of {sorted(LOOKUP_IDENTIFIERS)}",
        )
    return find_customer(db, identifier_name, value)


def _first_profile(body: Any) -> dict[str, Any]:
    profiles = body.get("profiles") if isinstance(body, dict) else None
    if not isinstance(profiles, list) or len(profiles) != 1 or not isinstance(profiles[0], dict):
        raise CapillaryError(
            Family.V2, 8013, "Invalid identifier: give exactly one profile in 'profiles'"
        )
    return profiles[0]


def _identifiers(profile: dict[str, Any]) -> list[tuple[str, str]]:
    raw = profile.get("identifiers")
    if not isinstance(raw, list) or not raw:
        raise CapillaryError(Family.V2, 8013, "Invalid identifier: the profile has no identifiers")
    identifiers = []
    for item in raw:
        kind = item.get("type") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if kind not in LOOKUP_IDENTIFIERS or not isinstance(value, str) or not value:
            raise CapillaryError(
                Family.V2,
                8013,
                f"Invalid identifier {item!r}: type one of "
                f"{sorted(LOOKUP_IDENTIFIERS)} and a non-empty value",
            )
        identifiers.append((kind, value))
    if len({kind for kind, _ in identifiers}) != len(identifiers):
        raise CapillaryError(Family.V2, 8013, "Invalid identifier: one identifier per type")
    return identifiers

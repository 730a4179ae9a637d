"""Enrolling customers on a group's target (with an initial balance), and un-enrolling them.

The enrol reference page: `initialBalance` starts the achieved value of the period enrolled
into; on a re-enrolment a null one keeps the balance given before; streaks ignore it.
Un-enrolling someone who is not enrolled answers HTTP 500 with 310126, as the reference's
own example does.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from app.sandbox.customers import customer_exists
from app.sandbox.db import transaction
from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.target_group_rules import CYCLIC
from app.sandbox.target_groups import load_group
from app.sandbox.times import now_ms

ENROLMENT_COLUMNS = (
    "id, target_group_id, target_id, period_ref, enrolled_ms, events_before,"
    " COALESCE(initial_balance, 0)"
)
ENROLMENT_KEYS = (
    "id",
    "group_id",
    "target_id",
    "period_ref",
    "enrolled_ms",
    "events_before",
    "initial_balance",
)


def enrol(db: sqlite3.Connection, group_id: int, target_id: int, body: Any) -> int:
    """Enrol every listed customer (all or none); the first customer's id."""
    plan = _plan(db, group_id, target_id)
    items = _items(body)
    for item in items:
        _check_customer(db, item.get("customerId"))
        _check_period(plan, item.get("periodName"))
        _check_balance(item.get("initialBalance"))
        if _is_enrolled(db, target_id, item["customerId"]):
            raise CapillaryError(
                Family.V3, 310119, f"User already enrolled for the target: {item['customerId']}"
            )
    now = now_ms()
    # Events stored before this mark do not start a cyclic window (docs/upstream.md).
    (events_before,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()
    with transaction(db):
        for item in items:
            db.execute(
                "INSERT INTO enrolments (target_group_id, target_id, customer_id, period_ref,"
                " enrolled_ms, events_before, active, initial_balance)"
                " VALUES (?, ?, ?, ?, ?, ?, 1, ?)"
                " ON CONFLICT (target_id, customer_id) DO UPDATE SET"
                " period_ref = excluded.period_ref, enrolled_ms = excluded.enrolled_ms,"
                " events_before = excluded.events_before, active = 1,"
                " initial_balance = COALESCE(excluded.initial_balance, initial_balance)",
                (
                    group_id,
                    target_id,
                    item["customerId"],
                    item.get("periodName"),
                    now,
                    events_before,
                    None if plan["streaks"] else item.get("initialBalance"),
                ),
            )
    return int(items[0]["customerId"])


def unenrol(db: sqlite3.Connection, group_id: int, target_id: int, body: Any) -> int:
    """Un-enrol every listed customer (all or none); 310126 when one is not enrolled."""
    _plan(db, group_id, target_id)
    items = _items(body)
    for item in items:
        _check_customer(db, item.get("customerId"))
        if not _is_enrolled(db, target_id, item["customerId"]):
            raise CapillaryError(
                Family.V3, 310126, "User is not enrolled to this target", status=500
            )
    with transaction(db):
        for item in items:
            db.execute(
                "UPDATE enrolments SET active = 0 WHERE target_id = ? AND customer_id = ?",
                (target_id, item["customerId"]),
            )
    return int(items[0]["customerId"])


def active_enrolments(db: sqlite3.Connection, customer_id: int) -> list[dict[str, Any]]:
    rows = db.execute(
        f"SELECT {ENROLMENT_COLUMNS} FROM enrolments WHERE customer_id = ? AND active = 1"
        " ORDER BY id",
        (customer_id,),
    )
    return [dict(zip(ENROLMENT_KEYS, row, strict=True)) for row in rows]


def enrolment_of(db: sqlite3.Connection, target_id: int, customer_id: int) -> dict | None:
    """The customer's active enrolment on one target, or None."""
    row = db.execute(
        f"SELECT {ENROLMENT_COLUMNS} FROM enrolments"
        " WHERE target_id = ? AND customer_id = ? AND active = 1",
        (target_id, customer_id),
    ).fetchone()
    return None if row is None else dict(zip(ENROLMENT_KEYS, row, strict=True))


def _plan(db: sqlite3.Connection, group_id: int, target_id: int) -> dict[str, Any]:
    found = load_group(db, group_id)
    if found is None or found[1]["target"]["id"] != target_id:
        raise CapillaryError(
            Family.V3, 300004, f"Target group {group_id} has no target {target_id}", status=404
        )
    return found[1]


def _items(body: Any) -> list[dict[str, Any]]:
    if not isinstance(body, list) or not body or not all(isinstance(i, dict) for i in body):
        raise CapillaryError(
            Family.V3, 300004, 'Invalid input: the body is a JSON array like [{"customerId": N}]'
        )
    return body


def _check_customer(db: sqlite3.Connection, customer_id: Any) -> None:
    if not customer_exists(db, customer_id):
        raise CapillaryError(Family.V3, 310011, f"Invalid userId: {customer_id!r}")


def _check_period(plan: dict[str, Any], name: Any) -> None:
    if name is None:
        return  # Capillary then enrols into the running or next cycle
    if plan["evaluation"] == CYCLIC:
        known = {f"Cycle_{i + 1}" for i in range(plan["total_periods"])}
    else:
        known = {p["ref"] for p in plan["periods"]}
    if name not in known:
        raise CapillaryError(Family.V3, 310019, f"Target period not found: {name!r}")


def _check_balance(value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise CapillaryError(
            Family.V3, 300004, f"Invalid input: initialBalance must be a number ≥ 0: {value!r}"
        )


def _is_enrolled(db: sqlite3.Connection, target_id: int, customer_id: int) -> bool:
    found = db.execute(
        "SELECT 1 FROM enrolments WHERE target_id = ? AND customer_id = ? AND active = 1",
        (target_id, customer_id),
    )
    return found.fetchone() is not None

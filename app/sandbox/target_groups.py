"""Target groups: storing a checked draft, and answering it in seed 003's shape."""

from __future__ import annotations

import json
import sqlite3
from typing import Any
from zoneinfo import ZoneInfo

from app.sandbox.db import next_ids, transaction
from app.sandbox.event_definitions import event_is_defined
from app.sandbox.target_group_rules import GroupDraft, check_target_group
from app.sandbox.times import capillary_stamp, iso_seconds_z, iso_z, local_date, now_ms

TILL_ID = 75_152_721  # the sandbox's one till, the author of everything it stores


def create_target_group(db: sqlite3.Connection, body: Any, till: str) -> dict[str, Any]:
    """Check and store one group (ordinary or user-created); the answer, as seed 003 shows it."""
    draft = check_target_group(
        body,
        name_taken=lambda name: _name_taken(db, name),
        event_defined=lambda name: event_is_defined(db, name),
    )
    with transaction(db):
        return _store(db, body, draft, till)


def load_group(
    db: sqlite3.Connection, group_id: int
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The stored answer and plan of one group, or None."""
    row = db.execute("SELECT body, plan FROM target_groups WHERE id = ?", (group_id,)).fetchone()
    return None if row is None else (json.loads(row[0]), json.loads(row[1]))


def list_groups(
    db: sqlite3.Connection, *, include_user_created: bool, name: str | None = None
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    sql = "SELECT body, plan FROM target_groups WHERE (user_created = 0 OR ?)"
    params: list[Any] = [include_user_created]
    if name is not None:
        sql += " AND name_key = ?"
        params.append(name.casefold())
    rows = db.execute(sql + " ORDER BY id", params)
    return [(json.loads(body), json.loads(plan)) for body, plan in rows]


def group_of_target(db: sqlite3.Connection, target_id: int) -> int | None:
    row = db.execute("SELECT target_group_id FROM targets WHERE id = ?", (target_id,)).fetchone()
    return None if row is None else int(row[0])


def is_active(answer: dict[str, Any]) -> bool:
    """A group counts as active while it and its target are (editTargetGroup can switch it)."""
    return bool(answer.get("active", True)) and all(
        t.get("active", True) for t in answer["targets"]
    )


def with_period_status(answer: dict[str, Any], plan: dict[str, Any], now: int) -> dict[str, Any]:
    """Period statuses move with the clock, so they are worked out on every read."""
    for period, bounds in zip(answer["periods"], plan["periods"], strict=True):
        if now < bounds["start_ms"]:
            period["periodStatus"] = "NOT_STARTED"
        elif now <= bounds["end_ms"]:
            period["periodStatus"] = "RUNNING"
        else:
            period["periodStatus"] = "ENDED"
    return answer


def _store(
    db: sqlite3.Connection, body: dict[str, Any], draft: GroupDraft, till: str
) -> dict[str, Any]:
    created = now_ms()
    (group_id,) = next_ids(db, "target_group")
    (target_id,) = next_ids(db, "target")
    (ruleset_id,) = next_ids(db, "ruleset")
    period_ids = next_ids(db, "period", len(draft.periods)) if draft.periods else []
    value_ids = next_ids(db, "default_value", len(draft.values))
    streak_ids = next_ids(db, "streak", len(draft.streaks)) if draft.streaks else []
    plan = _plan(draft, group_id, target_id, period_ids, streak_ids, created)
    answer = _answer(body, draft, plan, value_ids, ruleset_id, _attribution(created, till))
    db.execute(
        "INSERT INTO target_groups (id, name_key, user_created, body, plan, created_ms)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            group_id,
            draft.name.casefold(),
            draft.user_created,
            json.dumps(answer),
            json.dumps(plan),
            created,
        ),
    )
    db.execute(
        "INSERT INTO targets (id, target_group_id, name) VALUES (?, ?, ?)",
        (target_id, group_id, answer["targets"][0]["name"]),
    )
    return with_period_status(answer, plan, created)


def _name_taken(db: sqlite3.Connection, name: str) -> bool:
    found = db.execute("SELECT 1 FROM target_groups WHERE name_key = ?", (name.casefold(),))
    return found.fetchone() is not None


def _plan(
    draft: GroupDraft,
    group_id: int,
    target_id: int,
    period_ids: list[int],
    streak_ids: list[int],
    created: int,
) -> dict[str, Any]:
    """What progress needs, in plain values (the answer is for callers)."""
    return {
        "id": group_id,
        "name": draft.name,
        "user_created": draft.user_created,
        "zone": draft.zone,
        "evaluation": draft.evaluation,
        "tracking": draft.tracking,
        "frequency_type": draft.frequency_type,
        "frequency": draft.frequency,
        "total_periods": draft.total_periods,
        "target": {
            "id": target_id,
            "name": draft.target["name"],
            "type": draft.target_type,
            "event_name": draft.event_name,
            "attribute": draft.attribute,
        },
        "periods": [
            {"id": pid, "ref": p.ref, "start_ms": p.start_ms, "end_ms": p.end_ms}
            for pid, p in zip(period_ids, draft.periods, strict=True)
        ],
        "values": draft.values,
        "streaks": [{"id": sid, **s} for sid, s in zip(streak_ids, draft.streaks, strict=True)],
        "created_ms": created,
    }


def _answer(
    body: dict[str, Any],
    draft: GroupDraft,
    plan: dict[str, Any],
    value_ids: list[int],
    ruleset_id: int,
    attribution: dict[str, Any],
) -> dict[str, Any]:
    zone = ZoneInfo(draft.zone)
    group_id = plan["id"]
    periods = [
        {
            "id": bounds["id"],
            "attribution": attribution,
            "startDate": local_date(p.start_ms, zone).isoformat(),
            "endDate": local_date(p.end_ms, zone).isoformat(),
            "refCode": p.ref,
            "periodStatus": "NOT_STARTED",
            "targetGroupId": group_id,
            "description": p.description,
            "active": p.active,
        }
        for bounds, p in zip(plan["periods"], draft.periods, strict=True)
    ]
    period_ids: list[int | None] = [p["id"] for p in periods] or [None] * len(draft.values)
    values = [
        {"id": vid, "periodId": pid, "defaultValue": _number(value)}
        for vid, pid, value in zip(value_ids, period_ids, draft.values, strict=True)
    ]
    target = {
        **{k: v for k, v in draft.target.items() if k not in {"defaultValues", "id"}},
        "id": plan["target"]["id"],
        "attribution": attribution,
        "emfRuleSetId": ruleset_id,
        "targetGroupId": group_id,
        "active": draft.target.get("active", True),
        "expression": str(draft.target.get("expression", "true")).lower(),
        "filters": draft.target.get("filters", []),
        "targetMilestoneTriggers": draft.target.get("targetMilestoneTriggers", []),
        "defaultValues": values,
        "targetPeriodDefaultValuesMap": {str(v["periodId"]): v for v in values if v["periodId"]},
    }
    first = draft.periods[0].start_ms if draft.periods else None
    last = draft.periods[-1].end_ms if draft.periods else None
    answer: dict[str, Any] = {
        "id": group_id,
        "attribution": attribution,
        "orgId": 0,
        "name": draft.name,
        "description": body.get("description", ""),
        # Left out, the dates are the periods' first and last day, the till the caller's.
        "fromDate": _date_only(body.get("fromDate")) or _first_day(periods, plan),
        "toDate": _date_only(body.get("toDate")) or _last_day(periods, plan),
        "active": body.get("active", True),
        "preferredTillId": body.get("preferredTillId", TILL_ID),
        "periods": periods,
        "totalPeriods": draft.total_periods,
        "targetEvaluationType": draft.evaluation,
        "recurringCycles": body.get("recurringCycles", 1),
        "frequency": draft.frequency,
        "frequencyType": draft.frequency_type,
        "targetCycleStartDate": None if first is None else iso_z(first),
        "targetCycleEndDate": None if last is None else iso_z(last),
        "targetCycleStartDateISO": body.get("targetCycleStartDateISO")
        or (None if first is None else iso_seconds_z(first)),
        "targetCycleEndDateISO": body.get("targetCycleEndDateISO")
        or (None if last is None else iso_seconds_z(last)),
        "trackingType": draft.tracking,
        "targets": [target],
        "leaderboardEnabled": False,
        "userCreated": draft.user_created,
        "timeZoneName": draft.zone,
        "createdOn": plan["created_ms"],
    }
    if plan["streaks"]:
        answer["streaks"] = [
            {"id": s["id"], "name": s["name"], "targetCountOfSequence": s["count"]}
            for s in plan["streaks"]
        ]
    return answer


def _attribution(ms: int, till: str) -> dict[str, Any]:
    who = {"id": TILL_ID, "code": till, "description": "", "name": till, "type": "TILL"}
    return {
        "createdOn": capillary_stamp(ms),
        "createdOnISO": iso_seconds_z(ms),
        "lastUpdatedOn": capillary_stamp(ms),
        "lastUpdatedOnISO": iso_seconds_z(ms),
        "lastUpdatedBy": who,
        "createdBy": who,
    }


def _first_day(periods: list[dict[str, Any]], plan: dict[str, Any]) -> str:
    created = local_date(plan["created_ms"], ZoneInfo(plan["zone"])).isoformat()
    return str(periods[0]["startDate"]) if periods else created


def _last_day(periods: list[dict[str, Any]], plan: dict[str, Any]) -> str:
    return str(periods[-1]["endDate"]) if periods else _first_day(periods, plan)


def _date_only(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() else value

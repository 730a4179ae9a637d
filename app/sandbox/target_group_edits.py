"""Changing a group after creation (`editTargetGroup`) and asking whether a name is free.

editTargetGroup changes what a person may rename or switch: the group's name, description,
active flag, dates and till, and each target's name, description and active flag (by target
id). Periods, default values, streaks, tracking and evaluation stay as created: the
reference's example sends them back unchanged. A user-created group never turns into an
ordinary one, nor the other way (seed 000).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from app.sandbox.db import transaction
from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.target_group_rules import MAX_NAME, check_target_name, invalid
from app.sandbox.target_groups import load_group
from app.sandbox.times import capillary_stamp, iso_seconds_z, now_ms

GROUP_FIELDS = ("description", "active", "fromDate", "toDate", "preferredTillId")
TARGET_FIELDS = ("description", "active")
NAME_TYPES = {"targetGroupName", "streakName", "targetName", "streakLevelName", "periodName"}


def edit_target_group(db: sqlite3.Connection, group_id: int, body: Any) -> dict[str, Any]:
    """Apply the editable fields of `body` to the stored group; the group as now stored."""
    found = load_group(db, group_id)
    if found is None:
        raise CapillaryError(Family.V3, 300004, f"Target group {group_id} not found", status=404)
    answer, plan = found
    if not isinstance(body, dict):
        raise invalid("the body", "must be a JSON object")
    if body.get("id", group_id) != group_id:
        raise invalid("id", f"must be the group in the path ({group_id})")
    if body.get("userCreated", answer["userCreated"]) != answer["userCreated"]:
        raise invalid("userCreated", "cannot change: a user-created group stays user-created")
    name = body.get("name", answer["name"])
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise invalid("name", f"is required, at most {MAX_NAME} characters")
    if name.casefold() != answer["name"].casefold() and not name_is_free(
        db, "targetGroupName", name
    ):
        raise CapillaryError(Family.V3, 310069, f"Target group name already exists: {name!r}")
    answer["name"] = plan["name"] = name
    answer.update({key: body[key] for key in GROUP_FIELDS if key in body})
    _edit_targets(answer, plan, body.get("targets", []))
    stamp = now_ms()
    for holder in (answer, *answer["targets"]):
        holder["attribution"] = {
            **holder["attribution"],
            "lastUpdatedOn": capillary_stamp(stamp),
            "lastUpdatedOnISO": iso_seconds_z(stamp),
        }
    with transaction(db):
        db.execute(
            "UPDATE target_groups SET name_key = ?, body = ?, plan = ? WHERE id = ?",
            (name.casefold(), json.dumps(answer), json.dumps(plan), group_id),
        )
        db.execute(
            "UPDATE targets SET name = ? WHERE id = ?",
            (plan["target"]["name"], plan["target"]["id"]),
        )
    return answer


def name_is_free(db: sqlite3.Connection, kind: Any, value: Any) -> bool:
    """`isValidName`: no group, target, streak or period of that kind is called `value`."""
    if kind not in NAME_TYPES:
        raise CapillaryError(Family.V3, 310145, "Invalid key is passed")
    if not isinstance(value, str) or not value.strip():
        raise invalid("value", "is the name to check")
    wanted = value.casefold()
    return all(wanted != taken.casefold() for taken in _names(db, kind))


def _edit_targets(answer: dict[str, Any], plan: dict[str, Any], targets: Any) -> None:
    if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
        raise invalid("targets", "must be a list of targets")
    stored = answer["targets"][0]
    for index, target in enumerate(targets):
        if target.get("id", stored["id"]) != stored["id"]:
            raise invalid(f"targets[{index}].id", f"is not a target of group {answer['id']}")
        name = target.get("name", stored["name"])
        check_target_name(name)
        stored["name"] = plan["target"]["name"] = name
        stored.update({key: target[key] for key in TARGET_FIELDS if key in target})


def _names(db: sqlite3.Connection, kind: str) -> list[str]:
    if kind == "targetGroupName":
        return [
            name for (name,) in db.execute("SELECT json_extract(body, '$.name') FROM target_groups")
        ]
    if kind == "targetName":
        return [name for (name,) in db.execute("SELECT name FROM targets")]
    plans = [json.loads(plan) for (plan,) in db.execute("SELECT plan FROM target_groups")]
    if kind == "periodName":
        return [period["ref"] for plan in plans for period in plan["periods"]]
    return [streak["name"] for plan in plans for streak in plan["streaks"]]

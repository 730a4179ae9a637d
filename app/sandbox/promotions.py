"""UCC promotions: the checks of docs/upstream.md in order, storage, and the listing.

Order: ids -1 (300004), promotionSourceType (4079), eventName (4083), startDate (4011) and
endDate (4012) present and ISO 8601 (the UCC promotion page), one ruleset (4075),
ruleset name/contextID/contextType (4076), target group and rule ids (4074), name (4003),
identifier (4007).
"""

from __future__ import annotations

import copy
import json
import sqlite3
from typing import Any

from app.sandbox.db import next_ids, transaction
from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.times import now_ms, parse_instant_ms


def create_promotion(db: sqlite3.Connection, program_id: int, body: Any) -> dict[str, Any]:
    """Check and store one UCC promotion; the promotion as answered, with its new ids."""
    promotion = body.get("promotion") if isinstance(body, dict) else None
    if not isinstance(promotion, dict):
        raise _refuse(300004, 'Invalid input: the body must be {"promotion": {...}}')
    rulesets = promotion.get("rulesetInfos")
    rulesets = rulesets if isinstance(rulesets, list) else []
    _check_new_ids(promotion, rulesets)
    source = promotion.get("promotionSourceType")
    if not source:
        raise _refuse(4079, "Promotion Source Type cannot be null or empty")
    if source != "USER_CREATED":
        raise _refuse(300004, "Invalid input: the sandbox keeps USER_CREATED promotions only")
    if str(promotion.get("eventName", "")).upper() != "TARGETCOMPLETED":
        raise _refuse(4083, "Incorrect event name: a UCC promotion listens to TARGETCOMPLETED")
    _check_date(promotion.get("startDate"), 4011, "start")
    _check_date(promotion.get("endDate"), 4012, "end")
    if len(rulesets) != 1:
        raise _refuse(4075, "UCC Promotions should always have one RuleSet")
    _check_ruleset(rulesets[0], program_id)
    _check_targets(db, promotion.get("promotionRestrictions"))
    name, identifier = promotion.get("name"), promotion.get("identifier")
    if not isinstance(name, str) or not name or not isinstance(identifier, str) or not identifier:
        raise _refuse(300004, "Invalid input: name and identifier are required")
    if _taken(db, program_id, "name", name):
        raise _refuse(4003, f"A promotion with the same name exists for the program: {name!r}")
    if _taken(db, program_id, "identifier", identifier):
        raise _refuse(4007, f"Promotion identifier already exists for the program: {identifier!r}")
    return _store(db, program_id, promotion)


def list_promotions(
    db: sqlite3.Connection, program_id: int, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the program's UCC promotions, oldest first, and the total."""
    total = db.execute("SELECT COUNT(*) FROM promotions WHERE program_id = ?", (program_id,))
    rows = db.execute(
        "SELECT body FROM promotions WHERE program_id = ? ORDER BY id LIMIT ? OFFSET ?",
        (program_id, limit, offset),
    )
    return [json.loads(body) for (body,) in rows], int(total.fetchone()[0])


def _check_new_ids(promotion: dict[str, Any], rulesets: list[Any]) -> None:
    ids = [("promotion.id", promotion.get("id"))]
    for r, ruleset in enumerate(rulesets):
        ruleset = _mapping(ruleset)
        ids.append((f"rulesetInfos[{r}].id", ruleset.get("id")))
        for n, rule in enumerate(_items(ruleset.get("rules"))):
            where = f"rulesetInfos[{r}].rules[{n}]"
            ids.append((f"{where}.id", rule.get("id")))
            for key, actions in _mapping(rule.get("caseToActions")).items():
                for a, action in enumerate(_items(actions)):
                    ids.append((f"{where}.caseToActions.{key}[{a}].id", action.get("id")))
    for where, value in ids:
        if value != -1:
            raise _refuse(300004, f"Invalid input: {where} must be -1 for a new promotion")


def _check_date(value: Any, code: int, which: str) -> None:
    try:
        parse_instant_ms(str(value))
    except ValueError:
        raise _refuse(
            code, f"Given {which} date is null or empty, or not ISO 8601: {value!r}"
        ) from None
    if not isinstance(value, str) or not value.strip():
        raise _refuse(code, f"Given {which} date is null or empty")


def _check_ruleset(ruleset: Any, program_id: int) -> None:
    good = (
        isinstance(ruleset, dict)
        and bool(ruleset.get("name"))
        and str(ruleset.get("contextID")) == str(program_id)
        and ruleset.get("orgID") is not None
        and ruleset.get("contextType") == "program"
        and ruleset.get("startDate") is not None
        and ruleset.get("endDate") is not None
    )
    if not good:
        raise _refuse(
            4076,
            "Invalid UCC Promotions Ruleset: check ruleSetName, ContextId (the program id), "
            "OrgId, ContextType ('program') and start & end not null",
        )


def _check_targets(db: sqlite3.Connection, restrictions: Any) -> None:
    restrictions = restrictions if isinstance(restrictions, dict) else {}
    groups, rules = restrictions.get("targetGroupIds"), restrictions.get("targetRuleIds")
    message = "For SourceType UserCreated, TargetGroupId and TargetRuleId are mandatory"
    if not isinstance(groups, list) or not groups or not isinstance(rules, list) or not rules:
        raise _refuse(4074, message)
    for rule_id in rules:
        row = db.execute("SELECT target_group_id FROM targets WHERE id = ?", (rule_id,)).fetchone()
        if row is None or row[0] not in groups:
            raise _refuse(
                4074, f"{message}: target rule {rule_id!r} is not in target groups {groups}"
            )
    for group_id in groups:
        if db.execute("SELECT 1 FROM target_groups WHERE id = ?", (group_id,)).fetchone() is None:
            raise _refuse(4074, f"{message}: target group {group_id!r} does not exist")


def _taken(db: sqlite3.Connection, program_id: int, column: str, value: str) -> bool:
    sql = f"SELECT 1 FROM promotions WHERE program_id = ? AND {column} = ?"
    return db.execute(sql, (program_id, value)).fetchone() is not None


def _store(db: sqlite3.Connection, program_id: int, promotion: dict[str, Any]) -> dict[str, Any]:
    answer = copy.deepcopy(promotion)
    with transaction(db):
        return _store_ids(db, program_id, answer)


def _store_ids(db: sqlite3.Connection, program_id: int, answer: dict[str, Any]) -> dict[str, Any]:
    (answer["id"],) = next_ids(db, "promotion")
    answer.update(programId=program_id, promotionStatus="LIVE", isActive=True)
    for ruleset in answer["rulesetInfos"]:
        (ruleset["id"],) = next_ids(db, "ruleset")
        for rule in _items(ruleset.get("rules")):
            (rule["id"],) = next_ids(db, "rule")
            rule["ruleSetId"] = ruleset["id"]
            for actions in _mapping(rule.get("caseToActions")).values():
                for action in _items(actions):
                    (action["id"],) = next_ids(db, "action")
    db.execute(
        "INSERT INTO promotions (id, program_id, name, identifier, body, created_ms)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            answer["id"],
            program_id,
            answer["name"],
            answer["identifier"],
            json.dumps(answer),
            now_ms(),
        ),
    )
    return answer


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    """The objects of a list, each as a mapping (anything else reads as empty)."""
    return [_mapping(item) for item in value] if isinstance(value, list) else []


def _refuse(code: int, message: str) -> CapillaryError:
    return CapillaryError(Family.PROMOTION, code, message)

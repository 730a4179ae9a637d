"""Goalpost's own JSON export (Settings → "Download my data", format goalpost-export/1)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.domain.challenge import ChallengeSpec
from app.services.data_export import FORMAT
from app.services.definitions import RULE_FIELDS
from app.services.imports.beaver import load_json
from app.services.imports.plan import (
    CarriedBalance,
    FileRefused,
    ImportPlan,
    PlannedChallenge,
    PlannedLog,
    file_hash,
)

LABEL = "Goalpost"
# A definition's rule fields, less what it pays (an import pays nothing), plus name and zone.
_SPEC_FIELDS = (
    *(f for f in RULE_FIELDS if f != "event_type" and not f.startswith("points")),
    "name",
    "timezone",
)


def is_goalpost(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read_goalpost(content: bytes) -> ImportPlan:
    """The export's challenges as they were set (paying nothing here) and its logs, in order."""
    data = load_json(content)
    if not is_goalpost(data):
        raise FileRefused(f"This is not a Goalpost export (format {FORMAT}).")
    challenges = tuple(_challenge(c, n) for n, c in enumerate(data.get("challenges", []), 1))
    known = {c.key for c in challenges}
    logs, skipped = [], []
    for number, log in enumerate(data.get("logs", []), start=1):
        planned = _log(log, number)
        if planned.source_challenge not in known:
            skipped.append(f"log {number}: not logged from one of the export's challenges")
            continue
        logs.append(planned)
    logs.sort(key=lambda log: log.logged_at)
    plan_challenges = tuple(
        _with_logs(c, [log for log in logs if log.source_challenge == c.key]) for c in challenges
    )
    return ImportPlan(
        "goalpost",
        LABEL,
        file_hash(content),
        plan_challenges,
        tuple(skipped),
        tuple(logs),
        carried=_carried(data),
    )


def _carried(data: dict[str, Any]) -> CarriedBalance | None:
    profile = data.get("profile")
    account = profile.get("public_id") if isinstance(profile, dict) else None
    balance = data.get("balance")
    if not isinstance(account, str) or not isinstance(balance, int) or balance <= 0:
        return None
    return CarriedBalance(account, balance, data, str(data.get("exported_at", "")))


def _challenge(row: Any, number: int) -> PlannedChallenge:
    where = f"Challenge {number}"
    if not isinstance(row, dict):
        raise FileRefused(f"{where} is not an object.")
    try:
        spec = ChallengeSpec(
            **{name: row[name] for name in _SPEC_FIELDS},
            event_type=str(row["event_type"]),
            start_date=_day(row.get("start_date")),
        )
        created_at = _instant(row["created_at"])
    except KeyError as missing:
        raise FileRefused(f"{where} has no {missing}.") from None
    except (TypeError, ValueError) as error:
        raise FileRefused(f"{where} ('{row.get('name')}'): {error}") from None
    return PlannedChallenge(str(row.get("id", number)), spec, created_at, event_label="")


def _log(row: Any, number: int) -> PlannedLog:
    where = f"Log {number}"
    if not isinstance(row, dict):
        raise FileRefused(f"{where} is not an object.")
    try:
        attributes = row.get("attributes") or {}
        if not isinstance(attributes, dict):
            raise ValueError("its attributes are not an object")
        undone = row.get("undone_at")
        return PlannedLog(
            logged_at=_instant(row["created_at"]),
            occurred_at=_instant(row["occurred_at"]),
            attributes=attributes,
            undone_at=_instant(undone) if undone else None,
            source_challenge=None if row.get("challenge_id") is None else str(row["challenge_id"]),
        )
    except KeyError as missing:
        raise FileRefused(f"{where} has no {missing}.") from None
    except (TypeError, ValueError) as error:
        raise FileRefused(f"{where}: {error}") from None


def _with_logs(challenge: PlannedChallenge, logs: list[PlannedLog]) -> PlannedChallenge:
    return PlannedChallenge(challenge.key, challenge.spec, challenge.created_at, logs=tuple(logs))


def _instant(text: object) -> datetime:
    value = datetime.fromisoformat(str(text))
    if value.tzinfo is None:
        raise ValueError(f"'{text}' has no time zone")
    return value


def _day(text: object) -> date | None:
    return None if text in (None, "") else date.fromisoformat(str(text))

"""Checkpoints from a brand's systems: a batch of rows, each adding to one contact's assignment
of one definition, recorded in ONE transaction through the log machinery a tap uses (periods,
streaks, points, ledger and the outbox follow). Bad rows are skipped and reported.

What a checkpointAmount is for each measure, and why rows are refused: docs/api.md.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import ApiRequest, Challenge, ChallengeDefinition, Person, saved_id
from app.domain.challenge import Measure
from app.domain.definitions import DefinitionStatus
from app.services.batch_logging import LogRow, record_rows
from app.services.definitions import status_of

MAX_ROWS = 1000
# COUNT and VISIT: a checkpointAmount of N is N logs, so it is a whole number this large at most.
MAX_LOGS_PER_ROW = 100


@dataclass(frozen=True)
class CheckpointRow:
    definition_id: str
    contact_id: str
    amount: float


@dataclass(frozen=True)
class Refusal:
    row: CheckpointRow
    reason: str


@dataclass
class CheckpointReport:
    missing_contact_ids: list[str] = field(default_factory=list)
    missing_definition_ids: list[str] = field(default_factory=list)
    not_accepted: list[Refusal] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The answer in Voyado's field names (also what a replayed request returns)."""
        return {
            "missingContactIds": self.missing_contact_ids,
            "missingDefinitionIds": self.missing_definition_ids,
            "notAccepted": [
                {
                    "definitionId": r.row.definition_id,
                    "contactId": r.row.contact_id,
                    "checkpointAmount": r.row.amount,
                    "reason": r.reason,
                }
                for r in self.not_accepted
            ],
        }


class IdempotencyConflict(ValueError):
    """The Idempotency-Key was used before with a different batch."""


def record_checkpoints(
    engine: Engine,
    *,
    rows: Sequence[CheckpointRow],
    now: datetime,
    api_key_id: int,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    """Record a batch in one transaction; the answer (the first one again for a retried
    Idempotency-Key with the same batch, which awards nothing twice)."""
    request_hash = _hash_of(rows)
    try:
        with unit_of_work(engine) as session:
            if idempotency_key is not None:
                earlier = _earlier(session, api_key_id, idempotency_key, request_hash)
                if earlier is not None:
                    return earlier
            batch = _batch_key(api_key_id, idempotency_key)
            answer = _record(session, rows, now, batch).as_json()
            if idempotency_key is not None:
                session.add(
                    ApiRequest(
                        api_key_id=api_key_id,
                        idempotency_key=idempotency_key,
                        request_hash=request_hash,
                        status_code=200,
                        response=answer,
                        created_at=now,
                    )
                )
            return answer
    except IntegrityError:  # the same key at the same moment: the other request won
        if idempotency_key is None:
            raise
        with unit_of_work(engine) as session:
            earlier = _earlier(session, api_key_id, idempotency_key, request_hash)
        if earlier is None:
            raise
        return earlier


def _record(
    session: Session, rows: Sequence[CheckpointRow], now: datetime, batch: str
) -> CheckpointReport:
    report = CheckpointReport()
    contact_ids = {r.contact_id for r in rows if _is_uuid(r.contact_id)}
    definition_ids = {r.definition_id for r in rows if _is_uuid(r.definition_id)}
    people = _people(session, contact_ids)
    definitions = _definitions(session, definition_ids)
    assignments = _assignments(
        session, set(people.values()), {saved_id(d) for d in definitions.values()}
    )
    reasons: dict[int, str] = {}
    to_log: list[tuple[int, LogRow]] = []
    for index, row in enumerate(rows):
        person_id = people.get(row.contact_id)
        definition = definitions.get(row.definition_id)
        if person_id is None and row.contact_id not in report.missing_contact_ids:
            report.missing_contact_ids.append(row.contact_id)
        if definition is None and row.definition_id not in report.missing_definition_ids:
            report.missing_definition_ids.append(row.definition_id)
        if person_id is None or definition is None:
            reasons[index] = _missing(person_id, definition)
            continue
        challenge = assignments.get((person_id, saved_id(definition)))
        reason = _refusal(row, definition, challenge, now)
        if reason is not None or challenge is None:
            reasons[index] = reason or ""
            continue
        to_log.append((index, _log_row(row, challenge, f"api:{batch}:{index}")))
    answers = record_rows(session, [r for _, r in to_log], now)
    for (index, _), answer in zip(to_log, answers, strict=True):
        if answer is not None:
            reasons[index] = answer
    report.not_accepted = [Refusal(rows[i], reasons[i]) for i in sorted(reasons)]
    return report


def _log_row(row: CheckpointRow, challenge: Challenge, key: str) -> LogRow:
    """A SUM rule's checkpointAmount is one log's amount; a COUNT or VISIT rule's, N logs."""
    if challenge.measure == Measure.SUM.value:
        logs: list[tuple[str, dict[str, object]]] = [
            (f"{key}:0", {str(challenge.attribute): row.amount})
        ]
    else:
        logs = [(f"{key}:{n}", {}) for n in range(int(row.amount))]
    return LogRow(challenge.person_id, saved_id(challenge), logs)


def _refusal(
    row: CheckpointRow,
    definition: ChallengeDefinition,
    challenge: Challenge | None,
    now: datetime,
) -> str | None:
    if status_of(definition, now) is DefinitionStatus.ENDED:
        return "This definition has ended: it takes no more checkpoints (progress is kept)."
    if challenge is None:
        return (
            "The contact has not been assigned this definition: call "
            "POST /api/v3/challenges/definitions/{definitionId}/assign?contactId=… first."
        )
    if not math.isfinite(row.amount) or row.amount <= 0:
        return "checkpointAmount must be a positive number."
    if challenge.measure != Measure.SUM.value and (
        row.amount != int(row.amount) or row.amount > MAX_LOGS_PER_ROW
    ):
        return (
            "This challenge counts logs: checkpointAmount must be a whole number from 1 to "
            f"{MAX_LOGS_PER_ROW}."
        )
    return None


def _missing(person_id: int | None, definition: ChallengeDefinition | None) -> str:
    if person_id is None and definition is None:
        return "No contact and no definition with these ids."
    if person_id is None:
        return "No contact with this contactId (find it with GET /api/v3/contacts/id?email=)."
    return "No challenge definition with this definitionId."


def _people(session: Session, public_ids: set[str]) -> dict[str, int]:
    if not public_ids:
        return {}
    found = session.exec(
        select(Person.public_id, Person.id).where(col(Person.public_id).in_(public_ids))
    ).all()
    return {public_id: person_id for public_id, person_id in found if person_id is not None}


def _definitions(session: Session, public_ids: set[str]) -> dict[str, ChallengeDefinition]:
    if not public_ids:
        return {}
    found = session.exec(
        select(ChallengeDefinition).where(col(ChallengeDefinition.public_id).in_(public_ids))
    ).all()
    return {d.public_id: d for d in found}


def _assignments(
    session: Session, person_ids: set[int], definition_ids: set[int]
) -> dict[tuple[int, int], Challenge]:
    if not person_ids or not definition_ids:
        return {}
    found = session.exec(
        select(Challenge).where(
            col(Challenge.person_id).in_(person_ids),
            col(Challenge.definition_id).in_(definition_ids),
        )
    ).all()
    return {(c.person_id, c.definition_id or 0): c for c in found}


def _earlier(
    session: Session, api_key_id: int, idempotency_key: str, request_hash: str
) -> dict[str, Any] | None:
    earlier = session.exec(
        select(ApiRequest).where(
            ApiRequest.api_key_id == api_key_id, ApiRequest.idempotency_key == idempotency_key
        )
    ).first()
    if earlier is None:
        return None
    if earlier.request_hash != request_hash:
        raise IdempotencyConflict(
            "This Idempotency-Key was used with a different batch: send a new key for a new "
            "batch, or the very same batch to get its first answer again."
        )
    return dict(earlier.response)


def _batch_key(api_key_id: int, idempotency_key: str | None) -> str:
    """The logs' idempotency keys come from the request's key, so a replay finds them."""
    if idempotency_key is None:
        return uuid.uuid4().hex
    return hashlib.sha256(f"{api_key_id}:{idempotency_key}".encode()).hexdigest()[:32]


def _hash_of(rows: Sequence[CheckpointRow]) -> str:
    text = "\n".join(f"{r.definition_id}|{r.contact_id}|{r.amount!r}" for r in rows)
    return hashlib.sha256(text.encode()).hexdigest()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) <= 36

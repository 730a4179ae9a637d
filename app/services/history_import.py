"""Writing an ImportPlan: its chosen challenges and their logs, replayed in the order they
happened, in one transaction (docs/rules.md "Importing history").

Imported challenges pay nothing and their logs are marked imported; nothing goes upstream
unless the person chose to send it (then the normal path: the challenge is mirrored and each
log is an `event.post`). The file's hash makes a second import of it a no-op.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, HistoryImport, Log, Person, PointsLedgerEntry, saved_id
from app.domain.errors import N_, RuleError
from app.domain.names import name_key
from app.domain.points import PointsReason
from app.services.challenges import add_challenge, lock_person
from app.services.data_export import export_signature
from app.services.imports import ImportPlan, PlannedChallenge, PlannedLog
from app.services.imports.plan import CarriedBalance
from app.services.logging import record_log
from app.services.period_state import close_due


@dataclass(frozen=True)
class ImportSummary:
    challenges: tuple[str, ...]  # their names here
    logs: int
    skipped_logs: int  # later than now: they haven't happened yet
    sent_upstream: bool
    already_imported: bool = False  # this file was imported before: nothing was written
    carried_points: int = 0  # a Goalpost export's balance, carried over
    points_note: str = ""  # why its balance stayed behind, when it did


def import_history(
    engine: Engine,
    *,
    person_id: int,
    plan: ImportPlan,
    chosen: Collection[str],
    send_upstream: bool,
    now: datetime,
    secret: str | None = None,
) -> ImportSummary:
    """Import the chosen challenges of `plan` with their logs, all or nothing; with the
    deployment's `secret`, a signed Goalpost export's balance may come too (`_carry`)."""
    picked = [c for c in plan.challenges if c.key in set(chosen)]
    if not picked:
        raise RuleError.of("import", "Pick at least one habit or challenge to import.")
    try:
        with unit_of_work(engine) as session:
            person = lock_person(session, person_id)
            if _imported_before(session, person_id, plan.file_hash):
                return ImportSummary((), 0, 0, send_upstream, already_imported=True)
            summary = _write(session, person, plan, picked, send_upstream, now)
            if plan.carried is not None:
                summary = _carry(session, person_id, plan.carried, secret, summary, now)
            session.add(
                HistoryImport(
                    person_id=person_id,
                    file_hash=plan.file_hash,
                    source=plan.source,
                    challenges=len(summary.challenges),
                    logs=summary.logs,
                    sent_upstream=send_upstream,
                    imported_at=now,
                )
            )
            return summary
    except IntegrityError as exc:  # the same file imported at the same moment elsewhere
        if "entry_key" in str(exc.orig):
            raise RuleError.of("import", CARRIED_ELSEWHERE) from None
        if "history_import" not in str(exc.orig).lower() and "file_hash" not in str(exc.orig):
            raise
        return ImportSummary((), 0, 0, send_upstream, already_imported=True)


CARRIED_ELSEWHERE = N_("These points were carried over to another account already.")


def _carry(
    session: Session,
    person_id: int,
    carried: CarriedBalance,
    secret: str | None,
    summary: ImportSummary,
    now: datetime,
) -> ImportSummary:
    """A balance moves with its history once, from an account that is gone, in a file this
    deployment signed; otherwise it stays behind and the summary says why."""
    signature = carried.document.get("signature")
    if secret is None or not isinstance(signature, str):
        return replace(summary, points_note=NOT_SIGNED)
    if not hmac.compare_digest(signature, export_signature(carried.document, secret)):
        return replace(summary, points_note=NOT_SIGNED)
    if session.exec(select(Person.id).where(Person.public_id == carried.account)).first():
        return replace(
            summary,
            points_note=f"Your {carried.balance:,} points stay with the account they were "
            "earned in; they come along only once that account is deleted.",
        )
    key = f"{CARRIED_KEY}{carried.account}"
    if session.exec(select(PointsLedgerEntry.id).where(PointsLedgerEntry.entry_key == key)).first():
        return replace(summary, points_note=CARRIED_ELSEWHERE)
    when = carried.exported_at[:10]
    session.add(
        PointsLedgerEntry(
            person_id=person_id,
            reason=PointsReason.CARRIED_OVER.value,
            points=carried.balance,
            note=f"Carried over from your earlier account (exported {when})",
            entry_key=key,
            created_at=now,
        )
    )
    session.flush()
    return replace(summary, carried_points=carried.balance)


CARRIED_KEY = "carried:"  # + the earlier account's public id: one carry-over per account
NOT_SIGNED = (
    "Points come along only in a file exported from here, unchanged; this one's stay behind."
)


def _write(
    session: Session,
    person: Person,
    plan: ImportPlan,
    picked: list[PlannedChallenge],
    send_upstream: bool,
    now: datetime,
) -> ImportSummary:
    keys = {c.key for c in picked}
    timeline: list[tuple[datetime, int, PlannedChallenge | tuple[str, PlannedLog]]] = [
        (c.created_at, 0, c) for c in picked
    ]
    if plan.logs:
        timeline += [(g.logged_at, 1, (g.source_challenge or "", g)) for g in plan.logs]
    else:
        timeline += [(g.logged_at, 1, (c.key, g)) for c in picked for g in c.logs]
    timeline.sort(key=lambda event: (event[0], event[1]))
    made: dict[str, Challenge] = {}
    taken = {
        name_key(n)
        for n in session.exec(select(Challenge.name).where(Challenge.person_id == person.id))
    }
    logs = skipped = 0
    for at, _, item in timeline:
        if isinstance(item, PlannedChallenge):
            made[item.key] = _add(session, person, item, taken, send_upstream)
            continue
        key, log = item
        if key not in keys:
            continue  # from a challenge the person left out
        if at > now or log.occurred_at > now:
            skipped += 1
            continue
        _replay(session, made[key], log, f"import:{plan.file_hash[:24]}:{logs}", send_upstream)
        logs += 1
    for challenge in made.values():
        close_due(session, challenge, now)
    return ImportSummary(tuple(c.name for c in made.values()), logs, skipped, send_upstream)


def _add(
    session: Session,
    person: Person,
    planned: PlannedChallenge,
    taken: set[str],
    send_upstream: bool,
) -> Challenge:
    """The challenge as it was set, paying nothing, under a name the person hasn't used."""
    name, n = planned.spec.name, 1
    while name_key(name) in taken:
        name = f"{planned.spec.name[:180]} (imported{'' if n == 1 else f' {n}'})"
        n += 1
    taken.add(name_key(name))
    spec = replace(planned.spec, name=name, points_per_period=0, points_on_completion=0)
    try:
        return add_challenge(
            session,
            person,
            spec,
            now=planned.created_at,
            event_label=planned.event_label,
            event_unit=planned.event_unit,
            points_as_set=True,
            mirrored=send_upstream,
        )
    except RuleError as error:
        raise RuleError.of(
            "import", "'{name}' can't be imported: {reason}", name=planned.spec.name, reason=error
        ) from None


def _replay(
    session: Session, challenge: Challenge, log: PlannedLog, key: str, send_upstream: bool
) -> None:
    """One log as if recorded at the time it was; an undone one is kept, counting nothing."""
    if log.undone_at is not None:
        session.add(
            Log(
                person_id=challenge.person_id,
                event_type_id=challenge.event_type_id,
                challenge_id=saved_id(challenge),
                occurred_at=log.occurred_at,
                attributes=dict(log.attributes),
                idempotency_key=key,
                created_at=log.logged_at,
                undone_at=log.undone_at,
                imported=True,
            )
        )
        return
    try:
        record_log(
            session,
            person_id=challenge.person_id,
            challenge_id=saved_id(challenge),
            idempotency_key=key,
            now=max(log.logged_at, log.occurred_at),
            occurred_at=log.occurred_at,
            attributes=log.attributes,
            receipt=False,
            imported=True,
            send_upstream=send_upstream,
        )
    except RuleError as error:
        raise RuleError.of(
            "import",
            "'{name}', the log of {at:%d %B %Y %H:%M}: {reason}",
            name=challenge.name,
            at=log.occurred_at,
            reason=error,
        ) from None


def _imported_before(session: Session, person_id: int, digest: str) -> bool:
    return (
        session.exec(
            select(HistoryImport.id).where(
                HistoryImport.person_id == person_id, HistoryImport.file_hash == digest
            )
        ).first()
        is not None
    )

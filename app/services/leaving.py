"""Deleting an account: un-enrol upstream, erase the person's rows, keep the ledger anonymised.

docs/security.md ("Deleting an account") says what is erased and what is kept, and why.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, case, cast, literal, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, delete, select

from app.db.engine import unit_of_work
from app.db.tables import (
    AccountToken,
    ApiRequest,
    Challenge,
    HistoryImport,
    Log,
    LogCredit,
    MailItem,
    OutboxItem,
    Period,
    Person,
    PointsLedgerEntry,
    Redemption,
    ReminderSent,
    RewardCode,
    SignInFailure,
    StreakFreeze,
    UpstreamDifference,
    WebSession,
)
from app.domain.errors import N_, RuleError
from app.services.accounts import check_password_length, password_matches
from app.services.errors import NotFound
from app.services.history_import import CARRIED_KEY
from app.services.outbox import enqueue

UNENROL = "enrolment.delete"
ERASED_NOTE = "Account deleted"
ERASED_AUTHOR = "a deleted account"
WRONG_PASSWORD = N_("That isn't your password. Type the password you sign in with.")
SYNCING = N_(
    "Your challenges are being sent to the loyalty programme right now. Try again in a minute."
)


def delete_account(engine: Engine, *, person_id: int, password: str, now: datetime) -> int:
    """Erase the account for good, in one transaction; how many un-enrolments were queued.

    Every challenge still enrolled upstream gets an `enrolment.delete` whose payload carries
    the upstream ids it needs, so the relay sends it after the rows are gone; every other
    outbox item of the person's goes, sent or not, so nothing of theirs is sent again.
    """
    check_password_length(password, signing_up=False)
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id, with_for_update=True)
        if person is None:
            raise NotFound(f"person {person_id}")
        if not password_matches(person.password_hash, password):
            raise RuleError.of("password", WRONG_PASSWORD)
        challenges = session.exec(select(Challenge).where(Challenge.person_id == person_id)).all()
        items = _their_outbox_items(session, [c.id for c in challenges if c.id is not None])
        if any(i.lease_until is not None and i.lease_until > now for i in items):
            raise RuleError.of("account", SYNCING)  # a relay is sending one: it would race us
        unenrolments = _still_enrolled(challenges, items, person.upstream_customer_id)
        for item in items:
            session.delete(item)
        session.flush()
        for group_id, target_id, customer_id in unenrolments:
            _enqueue_unenrolment(session, group_id, target_id, customer_id, now)
        _erase(session, person)
        return len(unenrolments)


def _their_outbox_items(session: Session, challenge_ids: list[int]) -> Sequence[OutboxItem]:
    """Every outbox item of the person's (each names its challenge), locked."""
    if not challenge_ids:
        return []
    return session.exec(
        select(OutboxItem)
        .where(col(OutboxItem.challenge_id).in_(challenge_ids))
        .order_by(col(OutboxItem.id))
        .with_for_update()
    ).all()


def _still_enrolled(
    challenges: Sequence[Challenge], items: Sequence[OutboxItem], customer_id: int | None
) -> list[tuple[int, int, int]]:
    """(group, target, customer) of each challenge whose enrolment was sent and not undone."""
    if customer_id is None:
        return []
    sent = {(i.challenge_id, i.kind) for i in items if i.status == "sent"}
    return [
        (c.upstream_group_id, c.upstream_target_id, customer_id)
        for c in challenges
        if c.upstream_group_id is not None
        and c.upstream_target_id is not None
        and (c.id, "enrolment.create") in sent
        and (c.id, UNENROL) not in sent
    ]


def _enqueue_unenrolment(
    session: Session, group_id: int, target_id: int, customer_id: int, now: datetime
) -> None:
    # A fresh name, not the challenge's: SQLite hands a deleted row's id to the next insert,
    # and the next challenge 17 must not meet this item in its stream or under its key.
    name = f"unenrol:{uuid.uuid4().hex}"
    enqueue(
        session,
        kind=UNENROL,
        stream=name,
        key=name,
        payload={"group_id": group_id, "target_id": target_id, "customer_id": customer_id},
        now=now,
    )


def _erase(session: Session, person: Person) -> None:
    """Delete every row of the person's, children first; the ledger stays, anonymised."""
    person_id = person.id
    challenges = select(Challenge.id).where(Challenge.person_id == person_id)
    logs = select(Log.id).where(Log.person_id == person_id)
    redemptions = select(Redemption.id).where(Redemption.person_id == person_id)
    session.execute(
        update(PointsLedgerEntry)
        .where(col(PointsLedgerEntry.person_id) == person_id)
        .values(
            person_id=None,
            challenge_id=None,
            period_id=None,
            note=ERASED_NOTE,
            # Keys name the challenge, period or redemption; SQLite may reuse those ids. A
            # carry-over's key names the earlier, deleted account and stays: it keeps that
            # balance from being carried over a second time (docs/rules.md).
            entry_key=case(
                (
                    col(PointsLedgerEntry.entry_key).startswith(CARRIED_KEY),
                    col(PointsLedgerEntry.entry_key),
                ),
                else_=literal("erased:").concat(cast(col(PointsLedgerEntry.id), String)),
            ),
        )
        .execution_options(synchronize_session=False)
    )
    for statement in (
        delete(LogCredit).where(
            col(LogCredit.challenge_id).in_(challenges) | col(LogCredit.log_id).in_(logs)
        ),
        delete(StreakFreeze).where(col(StreakFreeze.person_id) == person_id),
        delete(UpstreamDifference).where(col(UpstreamDifference.challenge_id).in_(challenges)),
        delete(ReminderSent).where(col(ReminderSent.challenge_id).in_(challenges)),
        # Mail to them (sent or not: it holds their address), their links, their imports.
        delete(MailItem).where(
            (col(MailItem.person_id) == person_id) | (col(MailItem.to_address) == person.email)
        ),
        delete(AccountToken).where(col(AccountToken.person_id) == person_id),
        delete(HistoryImport).where(col(HistoryImport.person_id) == person_id),
        delete(Log).where(col(Log.person_id) == person_id),
        delete(Period).where(col(Period.challenge_id).in_(challenges)),
        # A handed-out code was theirs: it goes with them and is never handed out again.
        delete(RewardCode).where(col(RewardCode.redemption_id).in_(redemptions)),
        delete(Redemption).where(col(Redemption.person_id) == person_id),
        delete(Challenge).where(col(Challenge.person_id) == person_id),
        delete(WebSession).where(col(WebSession.person_id) == person_id),
        delete(SignInFailure).where(col(SignInFailure.email) == person.email),
        # The API's remembered answers name the contact (contactId = public_id).
        delete(ApiRequest).where(cast(col(ApiRequest.response), String).contains(person.public_id)),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
    # An operator's email names them as the author of brand records (created_by, modified_by).
    for table in SQLModel.metadata.sorted_tables:
        for column in (c for c in table.columns if c.name.endswith("_by")):
            session.execute(
                update(table).where(column == person.email).values({column.name: ERASED_AUTHOR})
            )
    session.delete(person)

"""Reminders: set on a challenge, sent by a job at the local time, once a period, only while
the period's target is not met (docs/rules.md, "Reminders").

Sending writes a `reminder_sent` row (unique per challenge and period, so a restart or a
second instance sends nothing twice) and, for a confirmed address that has not unsubscribed,
queues a mail in the same transaction (the mail outbox sends it once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.db.engine import reading, unit_of_work
from app.db.tables import Challenge, EventType, Period, Person, ReminderSent, saved_id
from app.domain.challenge import Measure, Status
from app.domain.languages import DEFAULT, Language, known
from app.domain.reminders import (
    ReminderRule,
    mask_of,
    reminder_instant,
    reminder_rule,
    weekdays_from_mask,
)
from app.services.errors import NotFound


@dataclass(frozen=True)
class Reminder:
    """What the challenge page shows and edits."""

    at: str | None  # "07:30", or None when off
    weekdays: frozenset[int]

    @property
    def rule(self) -> ReminderRule | None:
        return None if self.at is None else reminder_rule(self.at, self.weekdays)


@dataclass(frozen=True)
class DueReminder:
    """One reminder to send: what the banner and the mail say."""

    challenge_id: int
    period_index: int
    person_id: int
    email: str
    mail: bool  # confirmed and not unsubscribed
    name: str
    total: float  # so far in the period
    target: float
    unit: str | None  # the event type's, as the person or brand wrote it
    counts_days: bool  # with no unit: "days" when the challenge counts days, else "times"
    language: Language  # the person's: the mail speaks it


# Builds and queues the reminder mail in the caller's transaction (app/mail, via main.py).
MailReminder = Callable[[Session, DueReminder, datetime], None]


def read_reminder(engine: Engine, *, person_id: int, challenge_id: int) -> Reminder:
    with reading(engine) as session:
        challenge = _owned(session, person_id, challenge_id)
        return Reminder(challenge.reminder_time, weekdays_from_mask(challenge.reminder_days))


def set_reminder(
    engine: Engine,
    *,
    person_id: int,
    challenge_id: int,
    at: str | None,
    weekdays: frozenset[int],
) -> Reminder:
    """Turn the reminder on at `at` on `weekdays`, or off with `at` None; RuleError if odd."""
    rule = None if at is None else reminder_rule(at, weekdays)
    with unit_of_work(engine) as session:
        challenge = _owned(session, person_id, challenge_id)
        challenge.reminder_time = None if rule is None else rule.at.strftime("%H:%M")
        if rule is not None:
            challenge.reminder_days = mask_of(rule.weekdays)
        session.add(challenge)
        return Reminder(challenge.reminder_time, weekdays_from_mask(challenge.reminder_days))


def send_due_reminders(
    engine: Engine, *, now: datetime, mail: MailReminder | None = None
) -> list[DueReminder]:
    """Every reminder due by `now` in a still open, unmet period and not sent before: its
    `reminder_sent` row written and, where allowed, its mail queued. Idempotent."""
    sent = []
    for challenge_id, period_index in _candidates(engine, now):
        with unit_of_work(engine) as session:
            due = _lock_and_check(session, challenge_id, period_index, now)
            if due is None:
                continue
            row = ReminderSent(
                challenge_id=challenge_id,
                period_index=period_index,
                due_at=now,
                sent_at=now,
                mailed=due.mail and mail is not None,
            )
            try:
                with session.begin_nested():
                    session.add(row)
                    session.flush()
            except IntegrityError:  # another instance sent it a moment ago
                continue
            if row.mailed and mail is not None:
                mail(session, due, now)
            sent.append(due)
    return sent


def reminded_now(engine: Engine, *, person_id: int, now: datetime) -> list[str]:
    """The banner on Today: challenges reminded in their current period, target still unmet."""
    with reading(engine) as session:
        return reminded_in(session, person_id, now)


def reminded_in(session: Session, person_id: int, now: datetime) -> list[str]:
    """`reminded_now` in the caller's unit."""
    return list(
        session.exec(
            select(Challenge.name)
            .join(Period, col(Period.challenge_id) == Challenge.id)
            .join(
                ReminderSent,
                (col(ReminderSent.challenge_id) == Challenge.id)
                & (col(ReminderSent.period_index) == Period.index),
            )
            .where(
                Challenge.person_id == person_id,
                Challenge.status == Status.ACTIVE.value,
                col(Period.starts_at) <= now,
                col(Period.ends_at) > now,
                col(Period.achieved_at).is_(None),
                # the period running now is still open: this reads the open-period index, not
                # every period the challenge has had
                col(Period.closed_at).is_(None),
            )
            .order_by(col(Challenge.name))
        ).all()
    )


def unsubscribe(engine: Engine, *, public_id: str) -> bool:
    """Reminder mail off for the person with this public id; False if there is none."""
    with unit_of_work(engine) as session:
        person = session.exec(select(Person).where(Person.public_id == public_id)).first()
        if person is None:
            return False
        person.reminder_mail_off = True
        session.add(person)
        return True


def _candidates(engine: Engine, now: datetime) -> list[tuple[int, int]]:
    """(challenge, period) pairs whose reminder instant has come, not reminded yet."""
    found = []
    with unit_of_work(engine) as session:
        rows = session.exec(
            select(Challenge, Period, Person.timezone)
            .join(Period, col(Period.challenge_id) == Challenge.id)
            .join(Person, col(Person.id) == Challenge.person_id)
            .outerjoin(
                ReminderSent,
                (col(ReminderSent.challenge_id) == Challenge.id)
                & (col(ReminderSent.period_index) == Period.index),
            )
            .where(
                col(Challenge.reminder_time).is_not(None),
                Challenge.status == Status.ACTIVE.value,
                col(Period.starts_at) <= now,
                col(Period.ends_at) > now,
                col(Period.closed_at).is_(None),
                col(Period.achieved_at).is_(None),
                col(ReminderSent.id).is_(None),
            )
        ).all()
        for challenge, period, zone in rows:
            rule = Reminder(challenge.reminder_time, weekdays_from_mask(challenge.reminder_days))
            assert rule.rule is not None
            # The person's zone now (Settings): where they are is where 07:30 is.
            at = reminder_instant(rule.rule, zone, period.starts_at, period.ends_at)
            if at is not None and at <= now:
                found.append((saved_id(challenge), period.index))
    return found


def _lock_and_check(
    session: Session, challenge_id: int, period_index: int, now: datetime
) -> DueReminder | None:
    """Under the challenge's lock (a log may be landing): still due, still unmet?"""
    challenge = session.exec(
        select(Challenge).where(Challenge.id == challenge_id).with_for_update()
    ).one()
    period = session.exec(
        select(Period).where(Period.challenge_id == challenge_id, Period.index == period_index)
    ).one()
    if (
        challenge.status != Status.ACTIVE.value
        or challenge.reminder_time is None
        or period.achieved_at is not None
        or period.closed_at is not None
        or period.ends_at is None
        or period.ends_at <= now
    ):
        return None
    person = session.get(Person, challenge.person_id)
    kind = session.get(EventType, challenge.event_type_id)
    assert person is not None and kind is not None
    confirmed = person.email_confirmed_at is not None
    return DueReminder(
        challenge_id=challenge_id,
        period_index=period_index,
        person_id=saved_id(person),
        email=person.email,
        mail=confirmed and not person.reminder_mail_off,
        name=challenge.name,
        total=period.total,
        target=period.target,
        unit=kind.unit or None,
        counts_days=challenge.measure == Measure.VISIT.value,
        language=known(person.language) or DEFAULT,
    )


def _owned(session: Session, person_id: int, challenge_id: int) -> Challenge:
    challenge = session.get(Challenge, challenge_id)
    if challenge is None or challenge.person_id != person_id:
        raise NotFound("challenge")
    return challenge

"""People starting a brand's definitions: an assignment is a challenge like any other.

It copies the definition's rule when it starts and keeps it; it pays what the definition
says; it takes no progress once the definition has ended or the participant's deadline
(`expirationMonths` after starting) has passed (docs/rules.md, "Definitions").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.db.engine import unit_of_work
from app.db.tables import Challenge, ChallengeDefinition, Person, saved_id
from app.domain.definitions import (
    DefinitionStatus,
    participant_deadline,
    progress_refusal,
    spec_for_person,
)
from app.domain.errors import N_, FieldError, RuleError
from app.domain.names import name_key
from app.domain.periods import local_day
from app.services.challenges import add_challenge, lock_person
from app.services.definitions import definition_by_public_id, rule_of, status_of
from app.services.errors import NotFound


class AlreadyStarted(RuleError):
    """The person has started this definition before; `challenge_id` is that assignment."""

    def __init__(self, challenge_id: int) -> None:
        super().__init__(
            errors=[FieldError.of("definition", "You have already started this challenge.")]
        )
        self.challenge_id = challenge_id


class ConsentNeeded(RuleError):
    def __init__(self) -> None:
        super().__init__(
            errors=[
                FieldError.of(
                    "consent",
                    "This challenge shares your progress with the brand: agree to that to "
                    "start it.",
                )
            ]
        )


def start_definition(
    engine: Engine, *, person_id: int, definition_id: int, now: datetime, consent: bool
) -> int:
    """Start an Active definition as the person's own challenge; its id.

    Refused when it is not Active, when it asks for consent that was not given, and when the
    person has started it before (AlreadyStarted names that assignment)."""
    try:
        with unit_of_work(engine) as session:
            person = lock_person(session, person_id)
            definition = session.get(ChallengeDefinition, definition_id)
            if definition is None:
                raise NotFound(f"definition {definition_id}")
            existing = assignment_of(session, person_id, definition_id)
            if existing is not None:
                raise AlreadyStarted(saved_id(existing))
            status = status_of(definition, now)
            if status is not DefinitionStatus.ACTIVE:
                raise RuleError.of("definition", _not_startable(status))
            rule = rule_of(definition)
            if rule.consent_required and not consent:
                raise ConsentNeeded()
            taken = session.exec(
                select(Challenge.name).where(Challenge.person_id == person_id)
            ).all()
            spec = spec_for_person(
                replace(rule.spec, name=_free_name(rule.spec.name, taken)),
                timezone=person.timezone,
                today=local_day(now, person.timezone),
            )
            challenge = add_challenge(
                session,
                person,
                spec,
                now=now,
                event_label=rule.event_label,
                event_unit=rule.event_unit,
                definition_id=definition_id,
                consented_at=now if rule.consent_required else None,
            )
            return saved_id(challenge)
    except IntegrityError as exc:  # the same person started it twice at the same moment
        if "definition" not in str(exc.orig).lower():
            raise
        with unit_of_work(engine) as session:
            existing = assignment_of(session, person_id, definition_id)
        if existing is None:
            raise
        raise AlreadyStarted(saved_id(existing)) from None


def assignment_of(session: Session, person_id: int, definition_id: int) -> Challenge | None:
    return session.exec(
        select(Challenge).where(
            Challenge.person_id == person_id, Challenge.definition_id == definition_id
        )
    ).first()


def refusals(session: Session, challenges: Iterable[Challenge], now: datetime) -> dict[int, str]:
    """Why each of these assignments takes no progress now, by challenge id (others: absent)."""
    assigned = [c for c in challenges if c.definition_id is not None]
    if not assigned:
        return {}
    definitions = {
        saved_id(d): d
        for d in session.exec(
            select(ChallengeDefinition).where(
                col(ChallengeDefinition.id).in_({c.definition_id for c in assigned})
            )
        ).all()
    }
    found: dict[int, str] = {}
    for challenge in assigned:
        definition = definitions[challenge.definition_id or 0]
        refusal = progress_refusal(
            status_of(definition, now),
            deadline=participant_deadline(challenge.created_at, definition.expiration_months),
            now=now,
        )
        if refusal is not None:
            found[saved_id(challenge)] = refusal
    return found


def _free_name(name: str, taken: Iterable[str]) -> str:
    """The definition's name, or with a number after it if the person already uses it."""
    keys = {name_key(t) for t in taken}
    candidate, n = name, 2
    while name_key(candidate) in keys:
        candidate, n = f"{name[:190]} ({n})", n + 1
    return candidate


def _not_startable(status: DefinitionStatus) -> str:
    match status:
        case DefinitionStatus.DRAFT:
            return N_("This challenge is not published yet.")
        case DefinitionStatus.SCHEDULED:
            return N_("This challenge has not started yet; come back when it opens.")
        case _:
            return N_("This challenge has ended and can no longer be started.")


def assign_contact(
    engine: Engine, *, contact_id: str, definition_public_id: str, now: datetime
) -> int:
    """The API's assign: start the definition for the contact (public ids) with the consent the
    brand asserts by calling; the assignment's id, the existing one if it had started before."""
    with unit_of_work(engine) as session:
        person_id = session.exec(select(Person.id).where(Person.public_id == contact_id)).first()
        if person_id is None:
            raise NotFound(f"contact {contact_id}")
        definition = definition_by_public_id(session, definition_public_id)
    try:
        return start_definition(
            engine, person_id=person_id, definition_id=saved_id(definition), now=now, consent=True
        )
    except AlreadyStarted as started:
        return started.challenge_id

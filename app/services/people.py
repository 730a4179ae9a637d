"""People: the accounts that own challenges."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db.engine import unit_of_work
from app.db.tables import Person, saved_id
from app.domain.errors import N_, RuleError
from app.domain.languages import Language
from app.domain.names import clean_name
from app.domain.zones import is_zone
from app.services.errors import NotFound

EMAIL_MAX = 320
DISPLAY_NAME_MAX = 120


def register_person(
    engine: Engine,
    *,
    email: str,
    timezone: str,
    now: datetime,
    display_name: str = "",
    password_hash: str | None = None,
    language: Language | None = None,
    then: Callable[[Session, Person], None] | None = None,
) -> int:
    """Create a person; their email must be new. `then` runs in the same transaction."""
    email = normalised_email(email)
    display_name = checked_display_name(display_name)
    if not is_zone(timezone):
        raise RuleError.of(
            "timezone", "Your browser sent no time zone we know; pick one like 'Europe/Stockholm'."
        )
    try:
        with unit_of_work(engine) as session:
            person = Person(
                email=email,
                timezone=timezone,
                display_name=display_name,
                password_hash=password_hash,
                language=language,
                created_at=now,
            )
            session.add(person)
            session.flush()
            if then is not None:
                then(session, person)
            return saved_id(person)
    except IntegrityError:
        raise RuleError.of(
            "email", "An account with this email already exists; sign in instead."
        ) from None


# What email_validator says of the addresses people mistype most, marked for the catalog.
EMAIL_PROBLEMS = frozenset(
    {
        N_("An email address must have an @-sign."),
        N_("There must be something after the @-sign."),
        N_("There must be something before the @-sign."),
        N_("The part after the @-sign is not valid. It should have a period."),
        N_("An email address cannot have two periods in a row."),
        N_("An email address cannot start with a period."),
        N_("An email address cannot have a hyphen immediately after the @-sign."),
    }
)


def normalised_email(email: object) -> str:
    """The address in the one form we store and look up; refused when it is not an address."""
    if not isinstance(email, str) or not email.strip():
        raise RuleError.of("email", "Enter your email address, like name@example.com.")
    if len(email.strip()) > EMAIL_MAX:
        raise RuleError.of(
            "email", "An email address has at most {most} characters.", most=EMAIL_MAX
        )
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as problem:
        said = str(problem)
        raise RuleError.of(
            "email",
            "{problem} Enter an address like name@example.com.",
            # the library's own sentence, in the reader's language where we know it
            problem=RuleError.of("email", said) if said in EMAIL_PROBLEMS else said,
        ) from None
    return checked.normalized.lower()


def checked_display_name(typed: object) -> str:
    """A display name as stored (the naming rule in docs/rules.md); refused when too long."""
    if not isinstance(typed, str):
        raise RuleError.of("display_name", "Enter your name as text.")
    name = clean_name(typed)
    if len(name) > DISPLAY_NAME_MAX:
        raise RuleError.of(
            "display_name",
            "Your name can be at most {most} characters; this one has {length}.",
            most=DISPLAY_NAME_MAX,
            length=len(name),
        )
    return name


def contact_id_for_email(engine: Engine, email: str) -> str:
    """The public id (the API's contactId) of the person with this email; NotFound if none."""
    address = normalised_email(email)
    with unit_of_work(engine) as session:
        found = session.exec(select(Person.public_id).where(Person.email == address)).first()
    if found is None:
        raise NotFound("contact with that email")
    return found

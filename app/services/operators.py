"""Who runs the brand's side: the operator pages (the outbox, the brand console to come)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import func, select

from app.db.engine import reading
from app.db.tables import Person


def is_operator(
    engine: Engine, *, person_id: int, named: set[str], first_account_rule: bool = False
) -> bool:
    """True for a person whose email is `named`, or, with `first_account_rule` (development
    only, when nobody is named), for the first account ever made."""
    with reading(engine) as session:
        person = session.get(Person, person_id)
        if person is None:
            return False
        if person.email.lower() in named:
            return True
        if not first_account_rule:
            return False
        return session.exec(select(func.min(Person.id))).one() == person_id

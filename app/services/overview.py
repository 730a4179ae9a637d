"""Figures about the whole app, for the landing page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from app.db.tables import Challenge, Person


@dataclass(frozen=True)
class Overview:
    people: int
    challenges: int


def read_overview(engine: Engine) -> Overview:
    """How many people and challenges the app holds."""
    with Session(engine) as session:
        people = session.exec(select(func.count()).select_from(Person)).one()
        challenges = session.exec(select(func.count()).select_from(Challenge)).one()
        return Overview(people, challenges)

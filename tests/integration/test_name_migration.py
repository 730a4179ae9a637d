"""Migration 0006: stored names are compared by the new rule, and look-alikes that the old
rule let in are told apart by a number, so no one loses a challenge."""

from __future__ import annotations

from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from alembic import command
from app.db.tables import Challenge
from tests.databases import ROOT
from tests.factories import a_challenge, a_person, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 8)


def migrate(engine: Engine, action: str, revision: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    with engine.connect() as connection:  # not in a transaction: env.py turns SQLite's FKs off
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)
        connection.commit()


def test_look_alike_names_from_before_are_numbered_and_every_key_follows_the_new_rule(engine):
    person = a_person(engine, now=NOW)
    first = a_challenge(engine, person, now=NOW, name="Water")
    second = a_challenge(engine, person, now=NOW, name="Other", event_type="other_thing")
    migrate(engine, "downgrade", "0005")
    with engine.begin() as connection:  # what the old rule let in: a full-width twin
        connection.execute(
            text("UPDATE challenge SET name = :name, name_key = :key WHERE id = :id"),
            {"name": "Ｗａｔｅｒ", "key": "ｗａｔｅｒ", "id": second},
        )

    migrate(engine, "upgrade", "head")

    with Session(engine) as session:
        rows = {c.id: (c.name, c.name_key) for c in session.exec(select(Challenge)).all()}
    assert rows == {first: ("Water", "water"), second: ("Ｗａｔｅｒ (2)", "water (2)")}

"""Upstream names are built from our ids (`goalpost-person-<id>`, `goalpost-<challenge id>`,
`goalpost-log-<id>`), so an erased person's ids are never handed out again: on SQLite by
AUTOINCREMENT (migration 0017), on PostgreSQL by its sequences."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

from alembic import command
from app.db.engine import make_engine
from app.services.accounts import sign_up
from app.services.leaving import delete_account
from app.sync.mapping import customer_external_id
from tests.databases import ROOT
from tests.factories import a_challenge, a_log, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)
PASSWORD = "correct horse battery"


def a_newest_person(engine: Engine, name: str) -> tuple[int, int, int]:
    person = sign_up(
        engine, email=f"{name}@example.com", password=PASSWORD, timezone="UTC", now=NOW
    )
    challenge = a_challenge(engine, person, now=NOW)
    log = a_log(engine, person, challenge, at=NOW, glasses=1).log_id
    return person, challenge, log


def test_a_new_person_never_gets_the_ids_of_the_person_who_left(engine: Engine) -> None:
    a_newest_person(engine, "stays")
    gone = a_newest_person(engine, "leaves")  # the newest row of all three tables
    delete_account(engine, person_id=gone[0], password=PASSWORD, now=NOW)

    new = a_newest_person(engine, "arrives")

    assert [n > g for n, g in zip(new, gone, strict=True)] == [True, True, True]
    assert customer_external_id("goalpost", new[0]) != customer_external_id("goalpost", gone[0])


def migrate(url: str, action: str, revision: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    config.attributes["database_url"] = url
    getattr(command, action)(config, revision)


def schema(engine: Engine) -> list[str]:
    """Every table and index (with its definition) SQLite holds."""
    with engine.connect() as c:
        found = c.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        return sorted(
            f"{kind} {name} on {table}" + (f": {sql}" if kind == "index" else "")
            for kind, name, table, sql in found
        )


def test_the_sqlite_rebuild_keeps_every_row_index_and_reference(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'goalpost.db'}"
    migrate(url, "upgrade", "head")
    engine = make_engine(url)
    a_newest_person(engine, "stays")
    a_newest_person(engine, "stays.too")
    before, objects = rows(engine), schema(engine)
    migrate(url, "downgrade", "0016")  # the tables as they were: ids may come back
    assert "AUTOINCREMENT" not in created_sql(engine, "log")

    migrate(url, "upgrade", "head")

    assert rows(engine) == before
    assert schema(engine) == objects
    with engine.connect() as c:
        assert c.execute(text("PRAGMA foreign_key_check")).all() == []
        assert c.execute(text("PRAGMA foreign_keys")).scalar_one() == 1  # on again after
    assert "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" in created_sql(engine, "log")
    gone = a_newest_person(engine, "leaves")
    delete_account(engine, person_id=gone[0], password=PASSWORD, now=NOW)
    new = a_newest_person(engine, "arrives")
    assert [n > g for n, g in zip(new, gone, strict=True)] == [True, True, True]
    engine.dispose()


def created_sql(engine: Engine, table: str) -> str:
    with engine.connect() as c:
        return str(
            c.execute(text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table}).scalar()
        )


TABLES = ("person", "challenge", "log")


def rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as c:
        return {
            t: [tuple(r) for r in c.execute(text(f'SELECT * FROM "{t}" ORDER BY id'))]
            for t in TABLES
        }

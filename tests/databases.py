"""Test databases, always built by the Alembic migrations (never create_all)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from alembic import command
from app.db.engine import make_engine

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# Its own schema per checkout, should two test runs share one server at once.
POSTGRES_SCHEMA = os.environ.get("TEST_POSTGRES_SCHEMA", "goalpost_test")


def migrate(url: str, connection=None) -> None:  # type: ignore[no-untyped-def]
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    config.attributes["database_url"] = url
    if connection is not None:
        config.attributes["connection"] = connection
    command.upgrade(config, "head")


def migrated_sqlite_template(directory: Path) -> Path:
    """A migrated SQLite file to copy for each test (migrating once is faster)."""
    path = directory / "template.db"
    migrate(f"sqlite:///{path}")
    return path


def fresh_sqlite(template: Path, directory: Path) -> Engine:
    path = directory / "goalpost.db"
    shutil.copy(template, path)
    return make_engine(f"sqlite:///{path}")


def migrated_postgres() -> Engine:
    """A clean schema in the `test` database, migrated to head."""
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {POSTGRES_SCHEMA}"))
    admin.dispose()
    engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={POSTGRES_SCHEMA}"})
    with engine.begin() as conn:
        migrate(POSTGRES_URL, connection=conn)
        for table in SEEDED:
            _seeded_rows[table] = [
                dict(r) for r in conn.execute(text(f"SELECT * FROM {table}")).mappings()
            ]
    return engine


# What the migrations seed (the default brand's definitions and budget): a fresh SQLite copy
# holds it, so an emptied PostgreSQL gets it back too.
SEEDED = ("challenge_definition", "points_budget")
_seeded_rows: dict[str, list[dict[str, object]]] = {}


def empty_postgres(engine: Engine) -> None:
    names = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        for table in SEEDED:
            rows = _seeded_rows.get(table, [])
            if rows:
                table_ = SQLModel.metadata.tables[table]
                conn.execute(table_.insert(), rows)
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT MAX(id) FROM {table}))"
                    )
                )

"""Bringing a database to the newest schema with Alembic, from code."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from alembic import command
from app.db.advisory import lock_key, namespace
from app.db.engine import make_engine

ROOT = Path(__file__).resolve().parents[2]


def upgrade_to_head(database_url: str) -> None:
    """On PostgreSQL under an advisory lock: instances starting at once migrate one at a
    time, and the second finds nothing left to do."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    config.attributes["database_url"] = database_url
    if make_url(database_url).get_backend_name() != "postgresql":
        command.upgrade(config, "head")
        return
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            key = lock_key(namespace(connection), "migrations")
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            connection.commit()  # the session's lock outlives the transaction
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
    finally:
        engine.dispose()

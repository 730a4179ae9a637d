"""ids never reused on SQLite: `person`, `challenge` and `log` get AUTOINCREMENT

Upstream names are built from these ids (`<prefix>-person-<id>`, `<prefix>-<challenge id>`,
`<prefix>-log-<id>`). Without AUTOINCREMENT, SQLite hands the newest row's id out again once
that row is gone, so after "Delete my account" a new person could be mapped onto the erased
person's Capillary customer. PostgreSQL's sequences never go back: nothing to do there.

SQLite cannot add AUTOINCREMENT in place, so each table is rebuilt (create, copy, drop,
rename, indexes again) from its own stored CREATE statement. alembic/env.py runs SQLite
migrations with foreign keys off and checks them before committing, as SQLite's documented
rebuild requires. Copying the rows with their ids seeds `sqlite_sequence` at the highest id.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 18:10:00

"""

import re
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("person", "challenge", "log")


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "0017 rebuilds tables other rows point at: run it with SQLite's foreign keys off, "
            "as alembic/env.py does on a connection not yet in a transaction"
        )
    for table in TABLES:
        _rebuild_with_autoincrement(connection, table)


def downgrade() -> None:
    # AUTOINCREMENT only stops ids coming back; the schema before it works the same with it.
    pass


def _rebuild_with_autoincrement(connection: sa.Connection, table: str) -> None:
    create = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    if "AUTOINCREMENT" in create.upper():
        return  # already rebuilt (a downgrade leaves it in place)
    indexes = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).scalars()
    indexes = list(indexes)
    new = f"_autoincrement_{table}"
    connection.exec_driver_sql(_with_autoincrement(create, table, new))
    connection.exec_driver_sql(f'INSERT INTO {new} SELECT * FROM "{table}"')
    connection.exec_driver_sql(f'DROP TABLE "{table}"')
    connection.exec_driver_sql(f'ALTER TABLE {new} RENAME TO "{table}"')
    for index in indexes:
        connection.exec_driver_sql(index)


def _with_autoincrement(create: str, table: str, new: str) -> str:
    """The table's CREATE statement under the new name, its id the AUTOINCREMENT key."""
    steps = (
        (rf'^CREATE TABLE "?{table}"? \(', f"CREATE TABLE {new} ("),
        (r"\bid INTEGER NOT NULL,", "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"),
        (r"\s*PRIMARY KEY \(id\),", ""),
    )
    for pattern, replacement in steps:
        create, made = re.subn(pattern, replacement, create, count=1)
        if made != 1:
            raise RuntimeError(f"0017: {table}'s CREATE statement has no {pattern!r}: {create}")
    return create

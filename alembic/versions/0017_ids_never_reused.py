"""ids never reused on SQLite: `person`, `challenge` and `log` get AUTOINCREMENT

Upstream names are built from these ids (`<prefix>-person-<id>`, `<prefix>-<challenge id>`,
`<prefix>-log-<id>`). Without AUTOINCREMENT, SQLite hands the newest row's id out again once
that row is gone, so after "Delete my account" a new person could be mapped onto the erased
person's Capillary customer. PostgreSQL's sequences never go back: nothing to do there.

SQLite cannot add AUTOINCREMENT in place, so each table is rebuilt (create, copy, drop,
rename, indexes again) from its own stored CREATE statement; going back rebuilds it without.
alembic/env.py runs SQLite migrations with foreign keys off and checks them before
committing, as SQLite's documented rebuild requires. Copying the rows with their ids seeds
`sqlite_sequence` at the highest id.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 18:10:00

"""

import re
from collections.abc import Callable, Sequence

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("person", "challenge", "log")


def upgrade() -> None:
    for table in _rebuildable_tables():
        _rebuild(table, _with_autoincrement)


def downgrade() -> None:
    for table in _rebuildable_tables():
        _rebuild(table, _without_autoincrement)


def _rebuildable_tables() -> tuple[str, ...]:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return ()
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "0017 rebuilds tables other rows point at: run it with SQLite's foreign keys off, "
            "as alembic/env.py does on a connection not yet in a transaction"
        )
    return TABLES


def _rebuild(table: str, change: Callable[[str, str], str | None]) -> None:
    """Rebuild `table` from its own stored CREATE statement as `change` rewrites it (None:
    nothing to change): create, copy, drop, rename, its indexes again."""
    connection = op.get_bind()
    create = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    new = f"_rebuilt_{table}"
    changed = change(create, new)
    if changed is None:
        return
    indexes = list(
        connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        ).scalars()
    )
    connection.exec_driver_sql(changed)
    connection.exec_driver_sql(f'INSERT INTO {new} SELECT * FROM "{table}"')
    connection.exec_driver_sql(f'DROP TABLE "{table}"')
    connection.exec_driver_sql(f'ALTER TABLE {new} RENAME TO "{table}"')
    for index in indexes:
        connection.exec_driver_sql(index)


def _with_autoincrement(create: str, new: str) -> str | None:
    """The CREATE statement under the new name, its id the AUTOINCREMENT key."""
    if "AUTOINCREMENT" in create.upper():
        return None
    key = "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"
    if re.search(r"\bid INTEGER NOT NULL PRIMARY KEY,", create):  # as 0017's downgrade left it
        return _renamed(create.replace("id INTEGER NOT NULL PRIMARY KEY,", key, 1), new)
    return _renamed(
        _once(r"\s*PRIMARY KEY \(id\),", "", _once(r"\bid INTEGER NOT NULL,", key, create)), new
    )


def _without_autoincrement(create: str, new: str) -> str | None:
    if "AUTOINCREMENT" not in create.upper():
        return None
    return _renamed(_once(r"PRIMARY KEY AUTOINCREMENT,", "PRIMARY KEY,", create), new)


def _renamed(create: str, new: str) -> str:
    return _once(r'^CREATE TABLE "?\w+"? \(', f"CREATE TABLE {new} (", create)


def _once(pattern: str, replacement: str, create: str) -> str:
    changed, made = re.subn(pattern, replacement, create, count=1)
    if made != 1:
        raise RuntimeError(f"0017: no {pattern!r} in the stored CREATE statement: {create}")
    return changed

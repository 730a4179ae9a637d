"""The sandbox's own SQLite file: schema, id sequences, emptying.

One connection in autocommit mode, used only from the event loop. Every statement is
fast (indexed), and a handler does its database work without awaiting in between, so
requests never interleave inside a change and no lock is needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS sequences (kind TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS event_definitions (
    name TEXT PRIMARY KEY, body TEXT NOT NULL, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS customer_identifiers (
    type TEXT NOT NULL, value TEXT NOT NULL, customer_id INTEGER NOT NULL,
    PRIMARY KEY (type, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    external_event_id TEXT UNIQUE,
    request_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    customer_id INTEGER NOT NULL,
    event_ms INTEGER NOT NULL,
    attributes TEXT NOT NULL,
    times_received INTEGER NOT NULL DEFAULT 1,
    received_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_customer ON events (customer_id, event_name, event_ms);
CREATE TABLE IF NOT EXISTS target_groups (
    id INTEGER PRIMARY KEY,
    name_key TEXT NOT NULL UNIQUE,
    user_created INTEGER NOT NULL,
    body TEXT NOT NULL,
    plan TEXT NOT NULL,
    created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY, target_group_id INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS promotions (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    identifier TEXT NOT NULL,
    body TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    UNIQUE (program_id, name),
    UNIQUE (program_id, identifier));
CREATE TABLE IF NOT EXISTS enrolments (
    id INTEGER PRIMARY KEY,
    target_group_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    period_ref TEXT,
    enrolled_ms INTEGER NOT NULL,
    events_before INTEGER NOT NULL,
    active INTEGER NOT NULL,
    initial_balance REAL,
    UNIQUE (target_id, customer_id));
CREATE INDEX IF NOT EXISTS enrolments_by_customer ON enrolments (customer_id, active);
"""

# Each kind of id starts in its own range, so a client that mixes up a target group id
# with a target id or a customer id gets an error instead of a lucky match.
ID_BASES = {
    "customer": 564_332_000,
    "target_group": 2_900,
    "period": 31_600,
    "target": 3_100,
    "default_value": 128_500,
    "streak": 1_900,
    "ruleset": 126_470_000,
    "promotion": 200_600,
    "rule": 41_000,
    "action": 87_000,
}

TABLES = (
    "event_definitions",
    "customers",
    "customer_identifiers",
    "events",
    "target_groups",
    "targets",
    "promotions",
    "enrolments",
    "sequences",
)


def open_database(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the sandbox's SQLite file; `:memory:` keeps it in memory."""
    location = str(path)
    if location != ":memory:":
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(location, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    _add_missing_columns(db)
    return db


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """A file made by an older sandbox gets the columns added since (no data to move)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(enrolments)")}
    if "initial_balance" not in columns:
        db.execute("ALTER TABLE enrolments ADD COLUMN initial_balance REAL")


def next_ids(db: sqlite3.Connection, kind: str, count: int = 1) -> list[int]:
    """Reserve `count` consecutive ids of one kind."""
    base = ID_BASES[kind]
    row = db.execute(
        "INSERT INTO sequences (kind, last_id) VALUES (?, ?)"
        " ON CONFLICT (kind) DO UPDATE SET last_id = last_id + ? RETURNING last_id",
        (kind, base + count, count),
    ).fetchone()
    last = int(row[0])
    return list(range(last - count + 1, last + 1))


def empty_database(db: sqlite3.Connection) -> None:
    """Delete every row; the schema stays."""
    with transaction(db):
        for table in TABLES:
            db.execute(f"DELETE FROM {table}")


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One atomic change; rolled back when the block raises."""
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")

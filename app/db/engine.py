"""Engines and units of work, for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from app.db.write_turns import WriteTurns


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """An engine tuned for the database behind `database_url`."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        # A database that stops answering fails a connect in seconds, not after TCP's minutes.
        connect_args = {"connect_timeout": 5, **kwargs.pop("connect_args", {})}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
    _configure_sqlite(engine)
    return engine


BUSY_TIMEOUT_S = 30
# Execution options and connection info the SQLite listeners below read.
READ_ONLY = "goalpost_read_only"  # a `reading` unit
BACKGROUND = "goalpost_background"  # work nobody waits on (`background`)
HOLDS_TURN = "goalpost_holds_write_turn"


def _configure_sqlite(engine: Engine) -> None:
    # Writers take the lock when the transaction begins (BEGIN IMMEDIATE), so two
    # writers queue on busy_timeout instead of failing an upgrade from a read lock.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    turns = WriteTurns()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # A reading unit (below) begins deferred: under WAL it neither waits for a writer nor
        # holds one up, so a page never queues behind the relay or another person's log.
        options = connection.get_execution_options()
        if options.get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
            return
        # Writers in this process queue for their turn (app/db/write_turns.py); one that
        # waited as long as SQLite would have goes on to SQLite's own wait.
        if turns.acquire(timeout=BUSY_TIMEOUT_S, background=bool(options.get(BACKGROUND))):
            connection.info[HOLDS_TURN] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            end_turn(connection)
            raise

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def end_turn(connection: Any) -> None:
        if connection.info.pop(HOLDS_TURN, False):
            turns.release()


def background(engine: Engine) -> Engine:
    """`engine` for work nobody waits on (the relay): on SQLite its writers queue behind
    everyone else's (app/db/write_turns.py). The same pool, database and rules."""
    return engine.execution_options(**{BACKGROUND: True})


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads, seeing one snapshot; nothing written in it is kept.

    On SQLite it begins deferred instead of taking the write lock as `unit_of_work` does, so
    reads run beside a writer. On PostgreSQL it is an ordinary transaction, rolled back.
    """
    # Never committed: closing the session hands the connection back to the pool, which rolls
    # it back, and leaves what was read loaded on the objects (a rollback would expire them).
    with Session(engine) as session:
        session.connection(execution_options={READ_ONLY: True})
        yield session


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back if it raises."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

"""Which instance runs a job that must run once: one leader per job, elected by PostgreSQL.

Every instance schedules every job; before a run, a job that must run once asks `leads(job)`.
On PostgreSQL the answer is a session advisory lock per job, held on a connection of its own
(outside the pool): whoever holds it leads. The lock goes when its connection goes, so a
leader that dies hands its jobs over at once (a killed process closes its socket), and one
that hangs or loses its network hands them over when the server gives up on its session:
`idle_session_timeout` and TCP keepalives, kept from firing on a live leader by `heartbeat()`.
A follower asks again on each of its own runs, so it takes over within one job interval.

SQLite is one process by construction (Settings refuses several instances on it): it leads.
On PostgreSQL there is always an election, with one instance too: nothing but Settings stops
a second one from starting on the same database.
"""

from __future__ import annotations

import logging
import threading
from contextlib import suppress
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app.db import advisory

log = logging.getLogger(__name__)


class Leadership(Protocol):
    instance: str

    def leads(self, job: str) -> bool:
        """True when this instance may run `job` now (blocking: call it off the event loop)."""
        ...

    def heartbeat(self) -> None:
        """Keep held leadership alive; notice when it was lost."""
        ...

    def leaders(self, jobs: list[str]) -> dict[str, str | None]:
        """Job → the instance leading it (None: nobody yet)."""
        ...

    def close(self) -> None:
        """Step down from every job."""
        ...


class SoleInstance:
    """One process, so it leads everything (SQLite, or PostgreSQL with one instance)."""

    def __init__(self, instance: str) -> None:
        self.instance = instance

    def leads(self, job: str) -> bool:
        return True

    def heartbeat(self) -> None:
        return None

    def leaders(self, jobs: list[str]) -> dict[str, str | None]:
        return dict.fromkeys(jobs, self.instance)

    def close(self) -> None:
        return None


APPLICATION_PREFIX = "goalpost "


@dataclass(frozen=True)
class _Key:
    job: str
    value: int  # the advisory lock's bigint


class PostgresLeadership:
    """Advisory locks on a dedicated connection; the connection's application_name says who."""

    def __init__(self, database_url: str, *, instance: str, heartbeat_seconds: float) -> None:
        self.instance = instance
        self._silent_for = max(3 * heartbeat_seconds, 2.0)  # the server's patience with us
        self._engine: Engine = create_engine(
            make_url(database_url),
            poolclass=NullPool,
            connect_args={"application_name": (APPLICATION_PREFIX + instance)[:63]},
        )
        self._connection: Connection | None = None
        self._namespace = ""
        self._held: set[str] = set()
        self._lock = threading.Lock()  # one connection, used from the scheduler's threads

    def leads(self, job: str) -> bool:
        with self._lock:
            try:
                connection = self._connected()
                if job in self._held:
                    connection.execute(text("SELECT 1"))  # still ours: the session is alive
                    return True
                taken = connection.execute(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key(job)}
                ).scalar_one()
            except DBAPIError:
                self._lost("the database connection failed")
                return False
            if taken:
                self._held.add(job)
                log.info("instance %s now leads %s", self.instance, job)
            return bool(taken)

    def heartbeat(self) -> None:
        with self._lock:
            if self._connection is None:
                return
            try:
                self._connection.execute(text("SELECT 1"))
            except DBAPIError:
                self._lost("its heartbeat failed")

    def leaders(self, jobs: list[str]) -> dict[str, str | None]:
        """Read from pg_locks, so it is what the server holds, never a stale record."""
        with self._engine.connect() as connection:
            where = self._namespace or advisory.namespace(connection)
            keys = {advisory.lock_key(where, job): job for job in jobs}
            rows = connection.execute(
                text(
                    "SELECT l.classid::bigint AS high, l.objid::bigint AS low, "
                    "a.application_name AS name FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                    "AND l.database = (SELECT oid FROM pg_database "
                    "WHERE datname = current_database())"
                )
            ).all()
        found: dict[str, str | None] = dict.fromkeys(jobs)
        for high, low, name in rows:
            job = keys.get(advisory.key_from_pg_locks(high, low))
            if job is not None:
                found[job] = str(name or "").removeprefix(APPLICATION_PREFIX) or "unknown"
        return found

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                with suppress(DBAPIError):
                    self._connection.close()  # the server releases every lock with the session
            self._connection = None
            self._held.clear()
        self._engine.dispose()

    def _connected(self) -> Connection:
        if self._connection is None:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            silent_ms = int(self._silent_for * 1000)
            connection.execute(text(f"SET idle_session_timeout = {silent_ms}"))
            connection.execute(text("SET tcp_keepalives_idle = 5"))
            connection.execute(text("SET tcp_keepalives_interval = 2"))
            connection.execute(text("SET tcp_keepalives_count = 3"))
            self._namespace = advisory.namespace(connection)
            self._connection = connection
        return self._connection

    def _key(self, job: str) -> int:
        return advisory.lock_key(self._namespace, job)

    def _lost(self, why: str) -> None:
        if self._held:
            log.warning("instance %s lost its jobs %s: %s", self.instance, sorted(self._held), why)
        self._held.clear()
        if self._connection is not None:
            with suppress(DBAPIError):
                self._connection.invalidate()
        self._connection = None


def leadership_for(database_url: str, *, instance: str, heartbeat_seconds: float) -> Leadership:
    """An election wherever a second instance could share the database: PostgreSQL."""
    if make_url(database_url).get_backend_name() == "postgresql":
        return PostgresLeadership(
            database_url, instance=instance, heartbeat_seconds=heartbeat_seconds
        )
    return SoleInstance(instance)

"""Back to the demo's first state in well under 2 s: the app's database and the sandbox's
records as they were just after seeding and mirroring, and the demo clock at real time.

Both stores are SQLite files. After seeding, each is copied into memory with SQLite's online
backup API; a reset backs those copies up into the live files the same way. The backup
writes through SQLite's own locking, so the engine's pooled connections and the sandbox's one
connection stay open and valid, and simply read the restored pages next time: nothing is
closed, swapped or re-opened under a running server.

PostgreSQL is refused: there the way back is a `pg_dump -Fc` taken after seeding and a
`pg_restore --clean --single-transaction` on reset, which takes longer than a demo can wait.
`DEMO=true` always runs on its own SQLite files under DEMO_DIR, so a demo never meets this.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.sandbox.state import SandboxState


class DemoResetUnsupported(RuntimeError):
    """The demo's reset works on SQLite only."""


@dataclass(frozen=True)
class ResetReport:
    seconds: float
    now: datetime  # the demo clock after the reset


class DemoSnapshot:
    """The first state of a demo: both stores, copied in memory, and the clock to rewind."""

    def __init__(self, engine: Engine, sandbox: SandboxState, clock: Clock) -> None:
        self.engine = engine
        self.sandbox = sandbox
        self.clock = clock
        self._path = sqlite_path(engine)
        self._app = _copy_in_memory(self._path)
        self._sandbox = sandbox.snapshot()

    def restore(self) -> ResetReport:
        """Put both stores back as they were when the snapshot was taken; rewind the clock.

        Call it from the event loop's thread without awaiting (the sandbox's store is used
        only from there), so no sandbox request runs half before and half after the reset."""
        started = time.perf_counter()
        target = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        try:
            self._app.backup(target)
        finally:
            target.close()
        self.sandbox.restore(self._sandbox)
        now = self.clock.rewind()
        return ResetReport(time.perf_counter() - started, now)


def sqlite_path(engine: Engine) -> str:
    """The file behind a SQLite engine; DemoResetUnsupported for anything else."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise DemoResetUnsupported(
            "The demo's reset copies SQLite files, and this database is "
            f"{url.get_backend_name()}: run the demo with DEMO=true (its own SQLite files "
            "under DEMO_DIR). On PostgreSQL, restore a pg_dump taken after seeding instead."
        )
    return str(url.database)


def _copy_in_memory(path: str) -> sqlite3.Connection:
    source = sqlite3.connect(path, timeout=30)
    try:
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        source.backup(copy)
        return copy
    finally:
        source.close()

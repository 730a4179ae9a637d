"""Everything one sandbox instance holds: its database, credentials, faults and journal."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from fastapi import Request

from app.sandbox.auth import ControlSecret, Credentials
from app.sandbox.db import empty_database
from app.sandbox.event_definitions import EventShape
from app.sandbox.faults import FaultPlan, FaultSettings
from app.sandbox.journal import RequestJournal


@dataclass
class SandboxState:
    db: sqlite3.Connection
    credentials: Credentials
    control: ControlSecret
    startup_faults: FaultSettings
    faults: FaultPlan
    journal: RequestJournal = field(default_factory=RequestJournal)
    # Event definitions by name, read on every event post; filled on first use.
    event_shapes: dict[str, EventShape] = field(default_factory=dict)
    # Customer ids by (identifier type, value): an identifier never changes hands.
    customer_ids: dict[tuple[str, str], int] = field(default_factory=dict)

    def snapshot(self) -> sqlite3.Connection:
        """A copy of the store in memory, for `restore` (the demo's reset, app/demo/reset.py)."""
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.backup(copy)
        return copy

    def restore(self, snapshot: sqlite3.Connection) -> None:
        """Back to a snapshot's store, through SQLite's online backup (the connection stays
        open); caches emptied, journal and faults as just after start."""
        snapshot.backup(self.db)
        self.event_shapes.clear()
        self.customer_ids.clear()
        self.journal.clear()
        self.faults = FaultPlan(self.startup_faults)

    def reset(self) -> None:
        """Back to the state just after start: empty store, startup faults, empty journal."""
        empty_database(self.db)
        self.event_shapes.clear()
        self.customer_ids.clear()
        self.journal.clear()
        self.faults = FaultPlan(self.startup_faults)


def sandbox_state(request: Request) -> SandboxState:
    """The state of the sandbox app serving this request (also when mounted)."""
    state: SandboxState = request.app.state.sandbox
    return state

"""Starting a demo: fresh files under DEMO_DIR, the world seeded and mirrored, a snapshot."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.demo.mirror import mirror_to_sandbox
from app.demo.reset import DemoSnapshot, ResetReport
from app.demo.seed import seed_world
from app.sync.credentials import UpstreamOptions

DATABASE, SANDBOX = "goalpost.db", "sandbox.db"


@dataclass
class DemoWorld:
    """A running demo: what the presenter's bar and the reset endpoint work on."""

    engine: Engine
    clock: Clock
    snapshot: DemoSnapshot
    seeded_in: float  # seconds, from empty files to the snapshot

    def reset(self) -> ResetReport:
        """Back to the first state (app/demo/reset.py)."""
        return self.snapshot.restore()


def demo_settings(settings: Settings) -> Settings:
    """The settings of a demo: its own fresh SQLite files under DEMO_DIR (a developer's own
    data untouched), the sandbox beside them, the demo clock movable. Removes old files."""
    folder = Path(settings.demo_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name in (DATABASE, SANDBOX):
        for suffix in ("", "-wal", "-shm", "-journal"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
    return settings.model_copy(
        update={
            "database_url": f"sqlite:///{folder / DATABASE}",
            "sandbox_db": str(folder / SANDBOX),
            "allow_clock_override": True,
        }
    )


def open_demo_world(
    engine: Engine, *, clock: Clock, sandbox: FastAPI, options: UpstreamOptions, started: float
) -> DemoWorld:
    """Seed the freshly migrated database, mirror it to the mounted sandbox and snapshot both.
    Runs before the server's event loop starts. `started` is the perf_counter at the start."""
    seed_world(engine, now=clock.now())
    asyncio.run(mirror_to_sandbox(engine, sandbox, options=options, now=clock.now))
    snapshot = DemoSnapshot(engine, sandbox.state.sandbox, clock)
    return DemoWorld(engine, clock, snapshot, time.perf_counter() - started)

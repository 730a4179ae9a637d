"""What every page needs from the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.jobs.scheduler import Scheduler


@dataclass(frozen=True)
class UIContext:
    engine: Engine
    clock: Clock
    settings: Settings
    scheduler: Scheduler | None = None

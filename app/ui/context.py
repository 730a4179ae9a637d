"""What every page needs from the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.domain.brand import Brand
from app.jobs.scheduler import Scheduler


@dataclass(frozen=True)
class UIContext:
    engine: Engine
    clock: Clock
    settings: Settings
    scheduler: Scheduler | None = None
    # What people see: built from the settings in app/main.py.
    brand: Brand = field(default_factory=Brand)

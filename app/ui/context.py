"""What every page needs from the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.domain.brand import Brand
from app.foreground import Foreground
from app.jobs.scheduler import Scheduler
from app.one_use import OneUse

if TYPE_CHECKING:
    from app.demo import DemoWorld


@dataclass(frozen=True)
class UIContext:
    engine: Engine
    clock: Clock
    settings: Settings
    scheduler: Scheduler | None = None
    # What people see: built from the settings in app/main.py.
    brand: Brand = field(default_factory=Brand)
    demo: DemoWorld | None = None  # DEMO=true only: the presenter's bar works on it
    # One-use sign-in tickets: shared by every instance when there are several.
    one_use: OneUse = field(default_factory=OneUse)
    # Who is being served now: a tap marks it, and the relay steps aside (app/foreground.py).
    foreground: Foreground = field(default_factory=Foreground)

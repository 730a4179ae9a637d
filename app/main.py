"""The composition root: settings, database, clock and pages are built here and only here."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import app as nicegui_app
from nicegui import ui
from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.ui import home


@dataclass(frozen=True)
class Goalpost:
    settings: Settings
    engine: Engine
    clock: Clock


def build(settings: Settings | None = None) -> Goalpost:
    """Migrate the database and register every page and route."""
    settings = settings or Settings()
    upgrade_to_head(settings.database_url)
    goalpost = Goalpost(
        settings,
        make_engine(settings.database_url),
        Clock(allow_override=settings.allow_clock_override),
    )
    home.register(goalpost.engine, goalpost.clock)
    nicegui_app.add_api_route("/healthz", _health, methods=["GET"])
    nicegui_app.on_shutdown(goalpost.engine.dispose)
    return goalpost


async def _health() -> dict[str, str]:
    return {"status": "ok"}


def run() -> None:
    goalpost = build()
    settings = goalpost.settings
    ui.run(
        host=settings.host,
        port=settings.port,
        title="Goalpost",
        reload=False,
        show=False,
        storage_secret=settings.storage_secret,
        favicon="🎯",
        reconnect_timeout=20,
    )

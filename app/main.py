"""The composition root: settings, database, clock and pages are built here and only here."""

from __future__ import annotations

from pathlib import Path

from nicegui import app as nicegui_app
from nicegui import ui

from app.api.demo_clock import clock_router
from app.clock import Clock
from app.config import Settings
from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.ui import auth, challenge_page, new_challenge, points, settings_page, today
from app.ui.context import UIContext

STATIC = Path(__file__).resolve().parent.parent / "static"


def build(settings: Settings | None = None) -> UIContext:
    """Migrate the database and register every page and route."""
    settings = settings or Settings()
    upgrade_to_head(settings.database_url)
    ctx = UIContext(
        make_engine(settings.database_url),
        Clock(allow_override=settings.allow_clock_override),
        settings,
    )
    for pages in (today, auth, new_challenge, challenge_page, points, settings_page):
        pages.register(ctx)
    nicegui_app.add_static_files("/static", STATIC)
    nicegui_app.add_api_route("/healthz", _health, methods=["GET"])
    if settings.allow_clock_override:
        nicegui_app.include_router(clock_router(ctx.clock))
    nicegui_app.on_shutdown(ctx.engine.dispose)
    return ctx


async def _health() -> dict[str, str]:
    return {"status": "ok"}


def run() -> None:
    settings = build().settings
    ui.run(
        host=settings.host,
        port=settings.port,
        title="Goalpost",
        reload=False,
        show=False,
        storage_secret=settings.storage_secret,
        favicon="🎯",
        reconnect_timeout=20,
        language="en-GB",
    )

"""The landing page: shows the app is up and what it holds."""

from __future__ import annotations

from nicegui import run, ui
from sqlalchemy.engine import Engine

from app.clock import Clock
from app.services.overview import Overview, read_overview


def register(engine: Engine, clock: Clock) -> None:
    @ui.page("/")
    async def index() -> None:
        overview = await run.io_bound(read_overview, engine) or Overview(0, 0)
        draw(overview, today=f"{clock.now():%A %d %B %Y}")


def draw(overview: Overview, *, today: str) -> None:
    """Only draws: plain values in, elements out."""
    with ui.column().classes("w-full max-w-xl mx-auto p-6 gap-4"):
        ui.label("Goalpost").classes("text-4xl font-bold").mark("title")
        ui.label("Set a personal challenge, log it in a tap, grow your streak, earn points.")
        with ui.card().classes("w-full"):
            ui.label("The app is up.").classes("text-lg font-medium").mark("status")
            ui.label(f"Today is {today}.")
            ui.label(f"{overview.people} people · {overview.challenges} challenges so far.").mark(
                "counts"
            )

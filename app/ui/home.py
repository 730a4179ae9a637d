"""The landing page for someone not signed in."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.templates import TEMPLATES
from app.services.overview import Overview, read_overview
from app.ui.context import UIContext
from app.ui.frame import apply_theme


async def landing(ctx: UIContext) -> None:
    overview = await run.io_bound(read_overview, ctx.engine) or Overview(0, 0)
    draw(overview)


def draw(overview: Overview) -> None:
    """Only draws: plain values in, elements out."""
    apply_theme()
    ui.page_title("Goalpost · personal challenges that pay")
    with ui.column().classes("w-full max-w-xl mx-auto p-6 gap-4"):
        with ui.row().classes("items-center gap-2"):
            ui.icon("flag").classes("text-5xl text-primary")
            ui.label("Goalpost").classes("text-4xl font-bold").props(
                "role=heading aria-level=1"
            ).mark("title")
        ui.label(
            "Set a personal challenge, log it in a tap, grow your streak, earn points."
        ).classes("text-lg")
        with ui.column().classes("gap-1"):
            for template in TEMPLATES.values():
                with ui.row().classes("items-center gap-2"):
                    ui.icon(template.icon).classes("text-primary")
                    ui.label(template.title)
        with ui.row().classes("gap-2"):
            ui.button("Create an account", on_click=lambda: ui.navigate.to("/signup")).classes(
                "tap-target"
            ).mark("signup")
            ui.button("Sign in", on_click=lambda: ui.navigate.to("/signin")).props(
                "outline"
            ).classes("tap-target").mark("signin")
        ui.label(f"{overview.people} people · {overview.challenges} challenges so far.").classes(
            "text-sm text-gray-500"
        ).mark("counts")

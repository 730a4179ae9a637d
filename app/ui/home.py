"""The landing page for someone not signed in."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.definitions import DefinitionStatus
from app.services.definitions import DefinitionView, list_definitions
from app.services.overview import Overview, read_overview
from app.ui.context import UIContext
from app.ui.frame import apply_theme

SHOWN = 6  # a taste of what the brand offers, not the whole list


async def landing(ctx: UIContext) -> None:
    found = await run.io_bound(
        lambda: (
            read_overview(ctx.engine),
            list_definitions(
                ctx.engine, now=ctx.clock.now(), status=DefinitionStatus.ACTIVE, count=SHOWN
            ).items,
        )
    )
    overview, definitions = found or (Overview(0, 0), [])
    draw(overview, definitions)


def draw(overview: Overview, definitions: list[DefinitionView]) -> None:
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
        with ui.column().classes("gap-1").mark("offered"):
            for definition in definitions:
                with ui.row().classes("items-center gap-2"):
                    ui.icon(definition.rule.icon).classes("text-primary")
                    ui.label(definition.name)
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

"""New challenge: start a ready-made one in one click, or build your own with a live readback."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from app.domain.templates import TEMPLATES, Template
from app.services.accounts import read_profile
from app.services.budget import read_budget
from app.services.dashboard import read_balance
from app.services.event_types import list_event_types
from app.ui.challenge_builder import ChallengeBuilder
from app.ui.context import UIContext
from app.ui.frame import frame
from app.ui.session import load_signed_in


def register(ctx: UIContext) -> None:
    @ui.page("/new")
    async def new_challenge_page() -> None:
        signed_in = await load_signed_in(
            ctx,
            lambda person_id: (
                read_profile(ctx.engine, person_id=person_id),
                read_balance(ctx.engine, person_id=person_id),
                list_event_types(ctx.engine),
                read_budget(ctx.engine),
            ),
        )
        if signed_in is None:
            return
        person_id, found = signed_in
        profile, balance, event_types, budget = found
        with frame("New challenge", balance=balance, dark_mode=profile.dark_mode):
            builder = ChallengeBuilder(ctx, person_id, profile.timezone, event_types, budget)
            draw_presets(builder.start_template)
            builder.draw()


def draw_presets(on_start: Callable[[Template, ui.button], Awaitable[None]]) -> None:
    ui.label("Ready-made").classes("text-lg font-medium").props("role=heading aria-level=2")
    with ui.element("div").classes("w-full grid grid-cols-1 sm:grid-cols-2 gap-3"):
        for template in TEMPLATES.values():
            with ui.card().classes("w-full gap-2").mark(f"card-{template.key}"):
                with ui.row().classes("items-center gap-2 no-wrap"):
                    ui.icon(template.icon).classes("text-3xl text-primary")
                    ui.label(template.title).classes("text-base font-medium")
                ui.label(template.blurb).classes("text-sm")
                ui.button(
                    "Start",
                    icon="play_arrow",
                    on_click=lambda e, t=template: on_start(t, e.sender),
                ).classes("tap-target").props(f'aria-label="Start: {template.title}"').mark(
                    f"preset-{template.key}"
                )

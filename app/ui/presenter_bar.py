"""The presenter's bar, on every page of a presenting browser in demo mode: who is on screen
(switch to any demo person without a password), a day or a week passing, reset, and "Behind
the scenes", what the loyalty platform holds for the person on screen, read live."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nicegui import context, run, ui

from app.demo.seed import DemoPerson
from app.i18n import N_, _, current, ngettext
from app.jobs.overnight import pass_time
from app.services.sessions import session_person
from app.sync.behind_the_scenes import BehindTheScenes, read_behind_the_scenes
from app.sync.client import CapillaryClient
from app.ui.context import UIContext
from app.ui.presenter import PRESENTER_COOKIE, is_presenter
from app.ui.web_session import SESSION_COOKIE, issue_ticket

LIVE_SECONDS = 3.0  # how often an open "Behind the scenes" reads the platform again
# A period's state as "Behind the scenes" reads it (PeriodSides.state, data) in words.
STATES = {
    "achieved": N_("achieved"),
    "missed": N_("missed"),
    "frozen": N_("frozen"),
    "running": N_("running"),
    "upcoming": N_("upcoming"),
    "skipped": N_("skipped"),
}


@dataclass(frozen=True)
class DemoControls:
    """What the bar drives, from the composition root."""

    people: Callable[[], list[DemoPerson]]
    reset: Callable[[], object]  # back to the first state, clock included
    client: CapillaryClient | None  # the upstream "Behind the scenes" reads


def draw_if_presenting(ctx: UIContext, controls: DemoControls) -> None:
    """Draw the bar at the top of the page when this browser presents; nothing otherwise.
    The bar fills itself off the page's first render (its reads are not on the loop)."""
    request = context.client.request
    if not is_presenter(ctx, request.cookies.get(PRESENTER_COOKIE)):
        return
    token = request.cookies.get(SESSION_COOKIE)
    region = _("Presenter's bar")
    strip = (
        ui.element("div")
        .classes("w-full px-3 py-2 flex flex-wrap items-center gap-2")
        .style("background: #fef3c7; color: #111827")
        .props(f'role=region aria-label="{region}"')
        .mark("presenter-bar")
    )
    bar = PresenterBar(ctx, controls, strip)
    ui.timer(0.01, lambda: bar.fill(token), once=True)


class PresenterBar:
    def __init__(self, ctx: UIContext, controls: DemoControls, strip: ui.element) -> None:
        self.ctx, self.controls, self.strip = ctx, controls, strip
        self.person_id: int | None = None

    async def fill(self, token: str | None) -> None:
        ctx = self.ctx
        people = await run.io_bound(self.controls.people) or []
        if token:
            self.person_id = await run.io_bound(
                session_person, ctx.engine, token=token, now=ctx.clock.now()
            )
        with self.strip:
            ui.icon("co_present").classes("text-xl")
            choices = {p.person_id: f"{p.display_name} · {p.story}" for p in people}
            ui.select(
                choices,
                value=self.person_id if self.person_id in choices else None,
                label=_("On screen"),
                on_change=lambda e: self.switch_to(e.value, people),
            ).props("dense outlined options-dense").style("min-width: 14rem").mark(
                "presenter-person"
            )
            for label, days, marker in (
                (_("Next day"), 1, "next-day"),
                (_("Next week"), 7, "next-week"),
            ):
                ui.button(
                    label, icon="fast_forward", on_click=lambda d=days: self.pass_days(d)
                ).props("dense unelevated color=black text-color=white").mark(f"presenter-{marker}")
            ui.button(_("Reset demo"), icon="restart_alt", on_click=self.confirm_reset).props(
                "dense outline color=black"
            ).mark("presenter-reset")
            ui.button(_("Behind the scenes"), icon="visibility", on_click=self.open_scenes).props(
                "dense outline color=black"
            ).mark("presenter-scenes")
            today = current().day(ctx.clock.now(), "EEE dd MMM yyyy")
            ui.label(today).classes("text-sm").mark("presenter-date")
            ui.link(_("Stop presenting"), "/presenter/stop").classes("text-sm").style(
                "color: #111827"
            )

    def switch_to(self, person_id: int | None, people: list[DemoPerson]) -> None:
        chosen = next((p for p in people if p.person_id == person_id), None)
        if chosen is None or chosen.person_id == self.person_id:
            return
        ticket = issue_ticket(
            self.ctx,
            person_id=chosen.person_id,
            email=chosen.email,
            browser_id=str(context.client.request.session.get("id")),
            next="/",
        )
        ui.navigate.to(f"/auth/session?ticket={ticket}")

    async def pass_days(self, days: int) -> None:
        await pass_time(self.ctx.engine, self.ctx.clock, self.ctx.scheduler, days=days)
        ui.navigate.reload()

    async def confirm_reset(self) -> None:
        with ui.dialog() as dialog, ui.card().classes("gap-3 max-w-sm"):
            title = ui.label(_("Reset the demo?")).classes("text-lg font-medium")
            title.props("role=heading aria-level=2")
            ui.label(_("Every person, log, point and platform record goes back to the start."))
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(_("Keep"), on_click=lambda: dialog.submit(False)).props("flat")
                ui.button(_("Reset"), on_click=lambda: dialog.submit(True)).mark("confirm-reset")
        dialog.props(f"aria-labelledby={title.html_id}")
        confirmed = await dialog
        if not dialog.is_deleted:
            dialog.delete()
        if not confirmed:
            return
        self.controls.reset()  # on the loop's thread: see app/demo/reset.py
        ui.navigate.to("/")

    async def open_scenes(self) -> None:
        """A panel on the right (a dialog, so it can open from anywhere on the page), read
        again every LIVE_SECONDS while it is open."""
        with (
            ui.dialog().props("position=right full-height") as panel,
            ui.card()
            .classes("gap-2 overflow-auto")
            .style("width: min(380px, 100vw); height: 100%")
            .mark("behind-the-scenes"),
        ):
            with ui.row().classes("w-full items-center justify-between no-wrap"):
                title = ui.label(_("Behind the scenes")).classes("text-lg font-bold")
                title.props("role=heading aria-level=2")
                close = _("Close")
                ui.button(icon="close", on_click=panel.close).props(
                    f'flat round dense aria-label="{close}"'
                )
            ui.label(_("What the loyalty platform holds for this person, read live.")).classes(
                "text-sm"
            )
            body = ui.column().classes("w-full gap-2")
            ui.timer(LIVE_SECONDS, lambda: self._show_scenes(body))  # goes with the panel
        panel.props(f"aria-labelledby={title.html_id}")
        panel.open()
        await self._show_scenes(body)
        await panel
        if not panel.is_deleted:
            panel.delete()

    async def _show_scenes(self, body: ui.column) -> None:
        if body.is_deleted:
            return
        if self.person_id is None or self.controls.client is None:
            body.clear()
            with body:
                ui.label(_("Sign in as a demo person to see their records."))
            return
        seen = await read_behind_the_scenes(
            self.ctx.engine,
            self.controls.client,
            person_id=self.person_id,
            now=self.ctx.clock.now(),
        )
        if body.is_deleted:
            return
        body.clear()
        with body:
            draw_scenes(seen)


def draw_scenes(seen: BehindTheScenes) -> None:
    """The platform's records beside ours, one card per challenge."""
    words = current()
    if seen.problem:
        ui.label(seen.problem).classes("text-negative")
    ui.label(
        _("Customer {id}").format(id=seen.customer_id)
        if seen.customer_id
        else _("Not a customer there yet")
    ).classes("text-sm font-medium").mark("scenes-customer")
    for c in seen.challenges:
        with ui.card().classes("w-full gap-1 p-3").mark("scenes-challenge"):
            ui.label(c.name).classes("font-medium")
            parts = (
                _("Target group {group}").format(group=c.group_id)
                if c.group_id
                else _("Target group — (not sent yet)"),
                _("promotion {promotion}").format(promotion=c.promotion_id or "—"),
                _("enrolled") if c.enrolled else _("not enrolled"),
                ngettext("{count} event received", "{count} events received", c.events),
            )
            ui.label(" · ".join(parts)).classes("text-xs")
            with ui.element("table").classes("text-xs w-full"):
                with ui.element("tr"):
                    for head in (_("Period"), "Goalpost", _("Platform")):
                        with ui.element("th").classes("text-left"):
                            ui.label(head)
                for p in c.periods:
                    with ui.element("tr"):
                        state = _(STATES[p.state]) if p.state in STATES else p.state
                        cells = (
                            words.day(p.day, "EEE dd MMM"),
                            f"{words.number(p.ours)} · {state}",
                            "—" if p.theirs is None else words.number(p.theirs),
                        )
                        for text in cells:
                            with ui.element("td"):
                                ui.label(text)

"""Today: a card per challenge with one-tap logging, streaks, time left and undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from nicegui import run, ui

from app.domain.challenge import Measure, Status
from app.domain.describe import amount, singular
from app.services.accounts import read_profile
from app.services.dashboard import (
    ChallengeCard,
    Dashboard,
    read_balance,
    read_challenge_card,
    read_dashboard,
)
from app.ui import home, log_actions
from app.ui.context import UIContext
from app.ui.frame import empty_state, frame
from app.ui.session import load_signed_in, signed_in_person

STATUS_TEXT = {
    Status.UPCOMING: "Starts soon",
    Status.COMPLETED: "Completed 🎉",
    Status.FAILED: "Ended",
    Status.ACTIVE: "",
    Status.ABANDONED: "Abandoned",
}


def register(ctx: UIContext) -> None:
    @ui.page("/")
    async def today_page() -> None:
        if signed_in_person() is None:
            await home.landing(ctx)
            return
        signed_in = await load_signed_in(
            lambda person_id: (
                read_profile(ctx.engine, person_id=person_id),
                read_dashboard(ctx.engine, person_id=person_id, now=ctx.clock.now()),
            )
        )
        if signed_in is None:
            return
        person_id, (profile, dashboard) = signed_in
        with frame("Today", balance=dashboard.balance, dark_mode=profile.dark_mode) as balance:
            TodayView(ctx, person_id, balance).draw(dashboard)


class TodayView:
    """Draws the cards and updates one card in place after a log or an undo."""

    def __init__(self, ctx: UIContext, person_id: int, balance: ui.label) -> None:
        self.ctx, self.person_id, self.balance = ctx, person_id, balance
        self.cards: dict[int, ui.column] = {}

    def draw(self, dashboard: Dashboard) -> None:
        live = [c for c in dashboard.cards if c.status in (Status.ACTIVE, Status.UPCOMING)]
        ended = [c for c in dashboard.cards if c not in live]
        if not dashboard.cards:
            draw_empty_state()
            return
        with ui.column().classes("w-full gap-3").mark("cards"):
            for challenge in live + ended:
                self.cards[challenge.challenge_id] = ui.column().classes("w-full")
                self._fill(challenge)

    def _fill(self, challenge: ChallengeCard, undo: Callable[[], object] | None = None) -> None:
        container = self.cards[challenge.challenge_id]
        container.clear()
        with container:
            draw_card(challenge, on_log=self._log, undo=undo)

    async def _log(self, challenge: ChallengeCard, quantity: float | None) -> None:
        log_id = await log_actions.log(self.ctx, self.person_id, challenge, quantity)
        if log_id is not None:
            await self._refresh(challenge.challenge_id, undo=lambda: self._undo(challenge, log_id))

    async def _undo(self, challenge: ChallengeCard, log_id: int) -> None:
        if await log_actions.undo(self.ctx, self.person_id, log_id):
            await self._refresh(challenge.challenge_id)

    async def _refresh(self, challenge_id: int, undo: Callable[[], object] | None = None) -> None:
        def read() -> tuple[ChallengeCard, int]:
            card = read_challenge_card(
                self.ctx.engine,
                person_id=self.person_id,
                challenge_id=challenge_id,
                now=self.ctx.clock.now(),
            )
            return card, read_balance(self.ctx.engine, person_id=self.person_id)

        result = await run.io_bound(read)
        if result is None:
            return
        card, balance = result
        self.balance.text = f"{balance:,} pts"
        self._fill(card, undo=undo)


def draw_empty_state() -> None:
    empty_state(
        "flag",
        "No challenges yet",
        "Pick a ready-made challenge or build your own. Log in a tap, grow your streak, "
        "earn points.",
        action="Start a challenge",
        target="/new",
        marker="empty",
    )


def draw_card(
    challenge: ChallengeCard, *, on_log: Callable, undo: Callable | None, titled: bool = True
) -> None:
    """One challenge: progress, streaks, time left, log buttons and, right after a log, undo.

    `titled=False` leaves out the name and its link, for the challenge's own page.
    """
    period = challenge.running
    with ui.card().classes("w-full gap-2").mark(f"card-{challenge.challenge_id}"):
        with ui.row().classes("w-full items-start justify-between no-wrap"):
            if titled:
                with ui.link(target=f"/challenge/{challenge.challenge_id}").classes(
                    "no-underline text-inherit"
                ):
                    ui.label(challenge.name).classes("text-lg font-medium break-all")
            if STATUS_TEXT[challenge.status]:
                ui.badge(STATUS_TEXT[challenge.status]).mark("status")
        if period is not None:
            value = min(period.total / period.target, 1.0) if period.target else 0.0
            ui.linear_progress(
                value=value,
                show_value=False,
                size="14px",
                color="positive" if period.achieved else "primary",
            ).props(f'aria-label="{_progress_text(challenge)}" rounded')
            with ui.row().classes("w-full justify-between text-sm"):
                ui.label(_progress_text(challenge)).mark("progress")
                ui.label(_time_left(challenge.time_left)).classes("text-gray-500")
        with ui.row().classes("gap-4 text-sm items-center"):
            with ui.row().classes("gap-1 items-center no-wrap"):
                ui.icon("local_fire_department", color="accent").props('aria-hidden="true"')
                ui.label(f"{challenge.current_streak} streak").mark("streak")
            ui.label(f"Best {challenge.best_streak}").mark("best")
            ui.label(f"{challenge.achieved_periods}/{challenge.periods_needed} achieved")
        if (challenge.status is Status.ACTIVE and period is not None) or _waiting_for_first_log(
            challenge
        ):
            _draw_log_buttons(challenge, on_log)
        if undo is not None:
            ui.button("Undo last log", icon="undo", on_click=undo).props("flat dense").mark("undo")


def _draw_log_buttons(challenge: ChallengeCard, on_log: Callable) -> None:
    with ui.row().classes("items-center gap-2 no-wrap"):
        ui.button(
            "+1",
            on_click=lambda: on_log(challenge, 1 if challenge.measure == Measure.SUM else None),
        ).classes("tap-target").props(
            f'aria-label="Log one {singular(challenge.unit or "times")}"'
        ).mark("log-one")
        if challenge.measure == Measure.SUM:
            custom = (
                ui.number(label=f"{challenge.unit or 'amount'}", min=0, format="%.0f")
                .classes("w-28")
                .props("dense outlined")
                .mark("custom-amount")
            )
            ui.button("Log", on_click=lambda: on_log(challenge, custom.value)).props(
                "outline"
            ).classes("tap-target").mark("log-custom")


def _waiting_for_first_log(challenge: ChallengeCard) -> bool:
    return challenge.status is Status.ACTIVE and challenge.running is None


def _progress_text(challenge: ChallengeCard) -> str:
    period = challenge.running
    assert period is not None
    unit = challenge.unit or ("days" if challenge.measure == Measure.VISIT else "times")
    return f"{amount(period.total)} of {amount(period.target)} {unit}"


def _time_left(left: timedelta | None) -> str:
    if left is None:
        return "No deadline"
    hours = int(left.total_seconds() // 3600)
    if hours >= 48:
        return f"{hours // 24} days left"
    if hours >= 1:
        return f"{hours} h left"
    return f"{max(int(left.total_seconds() // 60), 1)} min left"

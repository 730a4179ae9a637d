"""Today: a card per challenge with one-tap logging, streaks, time left and undo."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from app.domain.challenge import Status
from app.i18n import _, current
from app.services.dashboard import ChallengeCard, Dashboard, read_challenge_card
from app.services.today import read_today
from app.ui import home, log_actions
from app.ui.challenge_card import ChallengeCardView
from app.ui.context import UIContext
from app.ui.frame import empty_state, frame
from app.ui.session import Nobody, load_if_signed_in


def register(ctx: UIContext) -> None:
    @ui.page("/")
    async def today_page(left: str = "") -> None:
        signed_in = await load_if_signed_in(
            ctx, lambda person_id: read_today(ctx.engine, person_id=person_id, now=ctx.clock.now())
        )
        if isinstance(signed_in, Nobody):
            await home.landing(ctx, left=bool(left))
            return
        if signed_in is None:
            return
        person_id, today = signed_in
        with frame(
            _("Today"),
            brand=ctx.brand,
            balance=today.dashboard.balance,
            dark_mode=today.profile.dark_mode,
        ) as balance:
            draw_reminders(today.reminded)
            TodayView(ctx, person_id, balance).draw(today.dashboard)


class TodayView:
    """Draws the cards; after a log or an undo only that card's labels change."""

    def __init__(self, ctx: UIContext, person_id: int, balance: ui.label) -> None:
        self.ctx, self.person_id, self.balance = ctx, person_id, balance
        self.cards: dict[int, ChallengeCardView] = {}

    def draw(self, dashboard: Dashboard) -> None:
        if not dashboard.cards:
            draw_empty_state(self.ctx.brand.points_word(current()))
            return
        live = [c for c in dashboard.cards if c.status in (Status.ACTIVE, Status.UPCOMING)]
        ended = [c for c in dashboard.cards if c not in live]
        with ui.column().classes("w-full gap-3").mark("cards"):
            for card in live + ended:
                self.cards[card.challenge_id] = ChallengeCardView(card, on_log=self._log)

    async def _log(self, card: ChallengeCard, quantity: float | None) -> None:
        logged = await log_actions.log(
            self.ctx, self.person_id, card, quantity, balance=self.balance, read=self._reader(card)
        )
        if logged is not None:
            log_id = logged.log_id
            self.cards[card.challenge_id].show(logged.shown, undo=lambda: self._undo(card, log_id))

    async def _undo(self, card: ChallengeCard, log_id: int) -> bool:
        if not await log_actions.undo(self.ctx, self.person_id, log_id):
            return False
        await self._refresh(card.challenge_id)
        return True

    async def _refresh(self, challenge_id: int) -> None:
        read = self._reader(self.cards[challenge_id].card)
        card = await log_actions.reread(self.ctx, self.person_id, self.balance, read)
        if card is not None:
            self.cards[challenge_id].show(card)

    def _reader(self, card: ChallengeCard) -> Callable[[], ChallengeCard]:
        """What a card shows, read anew."""
        return lambda: read_challenge_card(
            self.ctx.engine,
            person_id=self.person_id,
            challenge_id=card.challenge_id,
            now=self.ctx.clock.now(),
        )


def draw_reminders(names: list[str]) -> None:
    """The in-app side of a reminder: what was reminded and is not done yet."""
    if not names:
        return
    with (
        ui.row()
        .classes("w-full items-center gap-2 no-wrap p-3")
        .style("background: rgba(180, 83, 9, 0.12)")
        .props("role=status")
        .mark("reminder-banner")
    ):
        ui.icon("notifications_active").classes("text-xl")
        ui.label(_("Reminder: {names}").format(names=", ".join(names)))


def draw_empty_state(points_name: str) -> None:
    empty_state(
        "flag",
        _("No challenges yet"),
        _(
            "Pick a ready-made challenge or build your own. Log in a tap, grow your streak, "
            "earn {points}."
        ).format(points=points_name),
        action=_("Start a challenge"),
        target="/new",
        marker="empty",
    )

"""A STREAK challenge's freezes on its page: how many are held, and buying one with points."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from nicegui import run, ui

from app.domain.challenge import Frequency
from app.domain.errors import RuleError
from app.i18n import _, current, ngettext, said
from app.services.freezes import FreezeOffer, buy_freeze
from app.ui.context import UIContext


class FreezePanel:
    """Drawn once; `show` brings it in line with each fresh read of the challenge."""

    def __init__(
        self,
        ctx: UIContext,
        person_id: int,
        challenge_id: int,
        on_bought: Callable[[], Awaitable[None]],
    ) -> None:
        self.ctx, self.person_id, self.challenge_id = ctx, person_id, challenge_id
        self.on_bought = on_bought
        self.offer: FreezeOffer | None = None
        with ui.card().classes("w-full gap-1").mark("freeze-panel") as self.card:
            with ui.row().classes("items-center gap-2 no-wrap"):
                ui.icon("ac_unit").classes("text-2xl text-secondary")
                self.held = ui.label().classes("font-medium").mark("freezes-held")
            self.explain = ui.label().classes("text-sm")
            self.buy = (
                ui.button(on_click=self._confirm, icon="ac_unit")
                .props("outline")
                .classes("tap-target self-start")
                .mark("buy-freeze")
            )
            self.refusal = ui.label().classes("text-sm text-gray-500").mark("freeze-refusal")

    def show(self, offer: FreezeOffer | None) -> None:
        self.offer = offer
        self.card.visible = offer is not None and (offer.max_held > 0 or offer.held > 0)
        if offer is None:
            return
        number = current().number
        held = _("Streak freezes: {held} of {most} held").format(
            held=number(offer.held), most=number(offer.max_held)
        )
        if offer.used:
            held = _("{held} · {used} used").format(held=held, used=number(offer.used))
        self.held.text = held
        self.explain.text = explanation(offer)
        self.buy.text = _("Buy a freeze · {price} pts").format(price=number(offer.price))
        self.buy.set_enabled(offer.can_buy)
        self.refusal.text = said(offer.refused) if offer.refused else ""
        self.refusal.visible = offer.refusal is not None

    async def _confirm(self) -> None:
        offer = self.offer
        if offer is None or not offer.can_buy:
            return
        key = str(uuid.uuid4())  # one purchase per dialog, however often Buy is pressed
        words = current()

        def points(amount: int) -> str:
            return self.ctx.brand.points(amount, words)

        with ui.dialog() as dialog, ui.card().classes("gap-3 max-w-sm"):
            title = ui.label(_("Buy a streak freeze?")).classes("text-lg font-medium")
            title.props("role=heading aria-level=2")
            ui.label(
                _(
                    "It costs {price}; your balance will be {balance}. "
                    "Unused freezes are not refunded."
                ).format(price=points(offer.price), balance=points(offer.balance - offer.price))
            ).mark("freeze-cost")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(_("Not now"), on_click=dialog.close).props("flat").mark("cancel-freeze")
                confirm = ui.button(_("Buy freeze"), icon="ac_unit").mark("confirm-freeze")
        dialog.props(f"aria-labelledby={title.html_id}")

        async def buy() -> None:
            confirm.props("loading")
            confirm.disable()
            try:
                await run.io_bound(
                    lambda: buy_freeze(
                        self.ctx.engine,
                        person_id=self.person_id,
                        challenge_id=self.challenge_id,
                        idempotency_key=key,
                        now=self.ctx.clock.now(),
                    )
                )
            except RuleError as error:
                ui.notify(said(error), type="warning")
            else:
                ui.notify(_("Freeze bought: one missed period is covered."), type="positive")
            dialog.close()
            await self.on_bought()

        confirm.on_click(buy)
        dialog.open()
        await dialog
        if not dialog.is_deleted:  # the page may have gone while the dialog was open
            dialog.delete()


def explanation(offer: FreezeOffer) -> str:
    """What a freeze does, in the words of the challenge's periods (day, week, month)."""
    if offer.frequency is Frequency.WEEKLY:
        return _(
            "A freeze covers one missed week: your streak neither breaks nor grows that week. "
            "A held freeze is used on the first week you miss."
        )
    if offer.frequency is Frequency.MONTHLY:
        return _(
            "A freeze covers one missed month: your streak neither breaks nor grows that "
            "month. A held freeze is used on the first month you miss."
        )
    if offer.frequency is Frequency.EVERY_N_DAYS:
        return ngettext(
            "A freeze covers one missed {count}-day period: your streak neither breaks nor "
            "grows that {count}-day period. A held freeze is used on the first {count}-day "
            "period you miss.",
            "A freeze covers one missed {count}-day period: your streak neither breaks nor "
            "grows that {count}-day period. A held freeze is used on the first {count}-day "
            "period you miss.",
            offer.every_n_days,
        )
    return _(
        "A freeze covers one missed day: your streak neither breaks nor grows that day. "
        "A held freeze is used on the first day you miss."
    )

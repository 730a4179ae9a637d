"""A STREAK challenge's freezes on its page: how many are held, and buying one with points."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from nicegui import run, ui

from app.domain.errors import RuleError
from app.i18n import said
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
        word = offer.period
        self.held.text = f"Streak freezes: {offer.held} of {offer.max_held} held"
        if offer.used:
            self.held.text += f" · {offer.used} used"
        self.explain.text = (
            f"A freeze covers one missed {word}: your streak neither breaks nor grows that "
            f"{word}. A held freeze is used on the first {word} you miss."
        )
        self.buy.text = f"Buy a freeze · {offer.price:,} pts"
        self.buy.set_enabled(offer.can_buy)
        self.refusal.text = said(offer.refused) if offer.refused else ""
        self.refusal.visible = offer.refusal is not None

    async def _confirm(self) -> None:
        offer = self.offer
        if offer is None or not offer.can_buy:
            return
        key = str(uuid.uuid4())  # one purchase per dialog, however often Buy is pressed
        points = self.ctx.brand.points
        with ui.dialog() as dialog, ui.card().classes("gap-3 max-w-sm"):
            title = ui.label("Buy a streak freeze?").classes("text-lg font-medium")
            title.props("role=heading aria-level=2")
            ui.label(
                f"It costs {points(offer.price)}; your balance will be "
                f"{points(offer.balance - offer.price)}. Unused freezes are not refunded."
            ).mark("freeze-cost")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button("Not now", on_click=dialog.close).props("flat").mark("cancel-freeze")
                confirm = ui.button("Buy freeze", icon="ac_unit").mark("confirm-freeze")
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
                ui.notify("Freeze bought: one missed period is covered.", type="positive")
            dialog.close()
            await self.on_bought()

        confirm.on_click(buy)
        dialog.open()
        await dialog
        if not dialog.is_deleted:  # the page may have gone while the dialog was open
            dialog.delete()

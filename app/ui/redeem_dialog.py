"""Redeeming a reward: confirm the cost, spend the points once, then show the code."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from nicegui import run, ui

from app.i18n import _, current, said
from app.services.redemptions import CatalogueItem, MyReward, Redeemed, RedemptionRefused, redeem
from app.ui.context import UIContext
from app.ui.reward_cards import copy_button, draw_code, validity_text


class RedeemDialog:
    """One dialog is one redemption: its idempotency key is made when it opens and sent by
    every click of its confirm button, so a double click or a retry redeems once."""

    def __init__(
        self,
        ctx: UIContext,
        person_id: int,
        timezone: str,
        on_done: Callable[[Redeemed | None], Awaitable[None]],
    ) -> None:
        self.ctx, self.person_id, self.timezone = ctx, person_id, timezone
        self.on_done = on_done  # the redemption, or None after a refusal: re-read the page
        self.busy = False

    async def open(self, item: CatalogueItem, balance: int) -> None:
        self.item = item
        self.key = uuid.uuid4().hex
        words, brand = current(), self.ctx.brand
        with ui.dialog() as self.dialog, ui.card().classes("gap-3 w-full max-w-sm"):
            title = ui.label(item.title).classes("text-lg font-medium break-words")
            title.props("role=heading aria-level=2")
            with ui.column().classes("w-full gap-3") as self.body:
                ui.label(
                    _("Redeem {title} for {cost}? Your balance will be {balance}.").format(
                        title=item.title,
                        cost=brand.points(item.cost, words),
                        balance=brand.points(balance - item.cost, words),
                    )
                ).mark("redeem-question")
                self.refusal = (
                    ui.label().classes("text-negative").props('role=alert aria-live="polite"')
                )
                self.refusal.mark("redeem-refusal").set_visibility(False)
                with ui.row().classes("w-full justify-end gap-2"):
                    self.cancel = ui.button(_("Cancel"), on_click=self.dialog.close)
                    self.cancel.props("flat").mark("redeem-cancel")
                    self.confirm = ui.button(
                        _("Redeem for {cost}").format(cost=brand.points(item.cost, words)),
                        on_click=self.redeem,
                    ).mark("redeem-confirm")
        self.dialog.props(f"aria-labelledby={title.html_id}")
        self.dialog.open()
        await self.dialog
        if not self.dialog.is_deleted:  # the page may have gone while it was open
            self.dialog.delete()

    async def redeem(self) -> None:
        if self.busy:  # a second click while the first is on its way
            return
        self.busy = True
        self.confirm.props("loading")
        self.confirm.disable()
        try:
            redeemed = await run.io_bound(
                lambda: redeem(
                    self.ctx.engine,
                    person_id=self.person_id,
                    reward_id=self.item.id,
                    idempotency_key=self.key,
                    now=self.ctx.clock.now(),
                )
            )
        except RedemptionRefused as refused:
            self.release()
            self.refused(said(refused))
            await self.on_done(None)
            return
        except Exception:
            self.release()  # a click to try again sends the same key: still one redemption
            raise
        if redeemed is None:
            self.release()
            return
        self.show_code(redeemed.reward)
        await self.on_done(redeemed)

    def release(self) -> None:
        self.busy = False
        self.confirm.props(remove="loading")
        self.confirm.enable()

    def refused(self, message: str) -> None:
        self.refusal.text = message
        self.refusal.set_visibility(True)
        self.confirm.set_visibility(False)
        self.cancel.text = _("Close")
        ui.notify(message, type="warning")

    def show_code(self, reward: MyReward) -> None:
        self.body.clear()
        with self.body:
            ui.label(_("Show this code where you use the reward.")).mark("redeemed")
            draw_code(reward.code)
            with ui.row().classes("w-full items-center justify-between gap-2"):
                ui.label(validity_text(reward, self.timezone)).mark("validity")
                copy_button(reward.code)
            ui.label(_("It is kept under My rewards too.")).classes("text-sm text-gray-500")
            with ui.row().classes("w-full justify-end"):
                ui.button(_("Done"), on_click=self.dialog.close).mark("redeem-done")

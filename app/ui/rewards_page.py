"""Rewards: what this person's points buy, redeeming one, and the codes they hold."""

from __future__ import annotations

from nicegui import run, ui

from app.i18n import _
from app.services.accounts import Profile, read_profile
from app.services.redemptions import Catalogue, CatalogueItem, Redeemed, read_catalogue
from app.ui.context import UIContext
from app.ui.frame import balance_text, frame
from app.ui.redeem_dialog import RedeemDialog
from app.ui.reward_cards import draw_catalogue, draw_my_rewards
from app.ui.session import load_signed_in


def register(ctx: UIContext) -> None:
    @ui.page("/rewards")
    async def rewards_page() -> None:
        def load(person_id: int) -> tuple[Profile, Catalogue]:
            profile = read_profile(ctx.engine, person_id=person_id)
            return profile, read_catalogue(ctx.engine, person_id=person_id, now=ctx.clock.now())

        signed_in = await load_signed_in(ctx, load)
        if signed_in is None:
            return
        person_id, (profile, catalogue) = signed_in
        with frame(
            _("Rewards"), brand=ctx.brand, balance=catalogue.balance, dark_mode=profile.dark_mode
        ) as balance:
            RewardsView(ctx, person_id, profile.timezone, balance).show(catalogue)


class RewardsView:
    """The catalogue and My rewards, drawn again whenever a redemption changes them."""

    def __init__(self, ctx: UIContext, person_id: int, timezone: str, balance: ui.label) -> None:
        self.ctx, self.person_id, self.timezone = ctx, person_id, timezone
        self.balance = balance
        self.body = ui.column().classes("w-full gap-3")
        self.dialogs = ui.element("div")  # outside the body: a dialog outlives a redraw

    def show(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.balance.text = balance_text(catalogue.balance)
        self.body.clear()
        with self.body:
            draw_catalogue(catalogue.items, self.open_redeem, self.ctx.brand)
            draw_my_rewards(catalogue.mine, self.timezone, self.ctx.brand)

    async def open_redeem(self, item: CatalogueItem) -> None:
        dialog = RedeemDialog(self.ctx, self.person_id, self.timezone, self.redeemed)
        with self.dialogs:
            await dialog.open(item, self.catalogue.balance)

    async def redeemed(self, redeemed: Redeemed | None) -> None:
        """After a redemption or a refusal: the balance and what it affords have changed."""
        if redeemed is not None:
            self.balance.text = balance_text(redeemed.balance)
        catalogue = await run.io_bound(
            lambda: read_catalogue(
                self.ctx.engine, person_id=self.person_id, now=self.ctx.clock.now()
            )
        )
        if catalogue is not None:
            self.show(catalogue)

"""New challenge: start one of the brand's definitions in one click, or say a goal of your own."""

from __future__ import annotations

from nicegui import ui

from app.domain.definitions import DefinitionStatus
from app.i18n import _
from app.services.accounts import read_profile
from app.services.budget import read_budget
from app.services.dashboard import read_balance
from app.services.definitions import list_definitions
from app.services.event_types import list_event_types
from app.ui.challenge_builder import ChallengeBuilder
from app.ui.context import UIContext
from app.ui.definition_cards import DefinitionCards
from app.ui.frame import frame
from app.ui.session import load_signed_in

OFFERED = 50  # a brand runs a handful at once; the page stays light


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
                list_definitions(
                    ctx.engine, now=ctx.clock.now(), status=DefinitionStatus.ACTIVE, count=OFFERED
                ).items,
            ),
        )
        if signed_in is None:
            return
        person_id, found = signed_in
        profile, balance, event_types, budget, definitions = found
        title = _("New challenge")
        with frame(title, brand=ctx.brand, balance=balance, dark_mode=profile.dark_mode):
            DefinitionCards(ctx, person_id, definitions).draw()
            ChallengeBuilder(ctx, person_id, profile.timezone, event_types, budget).draw()

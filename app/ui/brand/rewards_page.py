"""Rewards in the console: every reward with what it has given out, a new one, and one to edit."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.errors import RuleError
from app.domain.rewards import Availability, CodeSource
from app.i18n import _, current, ngettext, said
from app.services.errors import NotFound
from app.services.rewards import (
    RewardView,
    add_codes,
    create_reward,
    end_reward,
    list_rewards,
    read_reward,
    update_reward,
)
from app.ui.brand.actions import ask_to_end, attempt, done
from app.ui.brand.frame import console_frame, load_console, status_chip, when
from app.ui.brand.reward_codes import CodesBox
from app.ui.brand.reward_form import RewardForm
from app.ui.context import UIContext
from app.ui.error_pages import draw_not_found
from app.ui.paths import parse_id

STATUS = {  # a reward's availability as the console's status words (frame.STATUS_NAMES)
    Availability.AVAILABLE: "Active",
    Availability.UPCOMING: "Scheduled",
    Availability.ENDED: "Ended",
    Availability.SOLD_OUT: "Sold out",
}


def register(ctx: UIContext) -> None:
    @ui.page("/brand/rewards")
    async def rewards_page() -> None:
        loaded = await load_console(ctx, lambda: list_rewards(ctx.engine, now=ctx.clock.now()))
        if loaded is None:
            return
        profile, rewards = loaded
        with console_frame(
            _("Rewards"), section="Rewards", brand=ctx.brand, dark_mode=profile.dark_mode
        ):
            draw_list(rewards)

    @ui.page("/brand/rewards/new")
    async def new_reward_page() -> None:
        loaded = await load_console(ctx, lambda: None)
        if loaded is None:
            return
        profile = loaded[0]
        with console_frame(
            _("New reward"), section="Rewards", brand=ctx.brand, dark_mode=profile.dark_mode
        ):
            form = RewardForm()
            form.draw()

            async def save() -> None:
                rule, codes = form.rule(), form.codes()
                new_id = await attempt(
                    form.show,
                    lambda: create_reward(
                        ctx.engine, rule=rule, codes=codes, by=profile.email, now=ctx.clock.now()
                    ),
                )
                if new_id is not None:
                    ui.navigate.to(f"/brand/rewards/{new_id}")

            with ui.row().classes("gap-2 flex-wrap"):
                ui.button(_("Create reward"), icon="save", on_click=save).classes(
                    "tap-target"
                ).mark("save")
                ui.link(_("Back to rewards"), "/brand/rewards").classes("self-center")

    @ui.page("/brand/rewards/{reward_id}")
    async def reward_page(reward_id: str) -> None:
        wanted = parse_id(reward_id)

        def load() -> RewardView | None:
            if wanted is None:
                return None
            try:
                return read_reward(ctx.engine, reward_id=wanted, now=ctx.clock.now())
            except NotFound:
                return None

        loaded = await load_console(ctx, load)
        if loaded is None:
            return
        profile, view = loaded
        with console_frame(
            view.title if view else _("Reward"),
            section="Rewards",
            brand=ctx.brand,
            dark_mode=profile.dark_mode,
        ):
            if view is None:
                draw_not_found()
                return
            RewardEditor(ctx, view, by=profile.email).draw()


def draw_list(rewards: list[RewardView]) -> None:
    with ui.row().classes("w-full items-center justify-between gap-2 flex-wrap"):
        ui.label(_("What people can spend their points on, and what each has given out."))
        ui.button(
            _("New reward"), icon="add", on_click=lambda: ui.navigate.to("/brand/rewards/new")
        ).classes("tap-target").mark("new-reward")
    if not rewards:
        with ui.card().classes("w-full items-center text-center p-6 gap-2").mark("empty"):
            ui.icon("redeem").classes("text-5xl text-primary")
            ui.label(_("No rewards yet.")).classes("text-lg font-medium")
            ui.label(_("Offer something for points: people see it on their Rewards page."))
            ui.link(_("New reward"), "/brand/rewards/new").classes(
                "tap-target flex items-center px-4 rounded bg-primary text-white no-underline"
            ).mark("empty-new-reward")
        return
    with (
        ui.element("div")
        .classes("w-full grid grid-cols-1 md:grid-cols-2 gap-3")
        .props("role=list")
        .mark("rewards")
    ):
        for view in rewards:
            with ui.card().classes("w-full gap-2").props("role=listitem").mark("reward-row"):
                with ui.row().classes("w-full items-center gap-3 no-wrap"):
                    ui.icon(view.rule.icon).classes("text-3xl text-primary shrink-0")
                    ui.link(view.title, f"/brand/rewards/{view.id}").classes(
                        "grow min-w-0 font-medium break-words"
                    ).mark(f"reward-{view.id}")
                    status_chip(STATUS[view.availability])
                draw_stats(view, suffix=f"-{view.id}", with_cost=True)


def draw_stats(view: RewardView, *, suffix: str = "", with_cost: bool = False) -> None:
    """Cost, redeemed, left and points spent, each a figure under its name."""
    words = current()
    figures = {
        "cost": (_("Cost"), _("{points} pts").format(points=words.number(view.rule.cost))),
        "redeemed": (_("Redeemed"), words.number(view.redeemed)),
        "left": (_("Left"), _("Unlimited") if view.left is None else words.number(view.left)),
        "points-spent": (_("Points spent"), words.number(view.points_spent)),
    }
    if not with_cost:
        del figures["cost"]
    with ui.row().classes("w-full gap-4 flex-wrap"):
        for key, (name, figure) in figures.items():
            with ui.column().classes("gap-0"):
                ui.label(name).classes("text-xs text-gray-600")
                ui.label(figure).classes("text-lg font-medium").mark(f"{key}{suffix}")


class RewardEditor:
    """One reward: what it has given out, its form, more codes, and ending it."""

    def __init__(self, ctx: UIContext, view: RewardView, *, by: str) -> None:
        self.ctx, self.view, self.by = ctx, view, by
        self.form = RewardForm(view.rule, editing=True)

    def draw(self) -> None:
        view = self.view
        with ui.row().classes("w-full items-center gap-2 flex-wrap"):
            status_chip(STATUS[view.availability])
            ui.label(
                _("Changed by {who}, {when}").format(
                    who=view.modified_by, when=when(view.modified_at)
                )
            ).classes("text-sm text-gray-600").mark("audit")
        with ui.card().classes("w-full") as self.stats:
            draw_stats(view)
        self.form.draw()
        with ui.row().classes("gap-2 flex-wrap"):
            ui.button(_("Save"), icon="save", on_click=self.save).classes("tap-target").mark("save")
            if view.availability is not Availability.ENDED:
                ui.button(_("End now"), icon="stop_circle", on_click=self.confirm_end).props(
                    "color=negative"
                ).classes("tap-target").mark("end")
            ui.link(_("Back to rewards"), "/brand/rewards").classes("self-center")
        if view.rule.code_source is CodeSource.UPLOADED:
            self._more_codes()

    def _more_codes(self) -> None:
        with ui.card().classes("w-full gap-3").mark("more-codes"):
            ui.label(_("Add codes")).classes("font-medium").props("role=heading aria-level=2")
            ui.label(_("Each code is handed to one redemption; a code already here is refused."))
            self.more = CodesBox("add-codes", _("More codes, one per line"))
            self.more.draw()
            self.added = ui.label().props('aria-live="polite"').mark("codes-added")
            ui.button(_("Add codes"), icon="upload", on_click=self.add).classes("tap-target").mark(
                "add-codes-save"
            )

    async def save(self) -> None:
        rule = self.form.rule()
        saved = await attempt(
            self.form.show,
            done(
                lambda: update_reward(
                    self.ctx.engine,
                    reward_id=self.view.id,
                    rule=rule,
                    by=self.by,
                    now=self.ctx.clock.now(),
                )
            ),
        )
        if saved:
            ui.notify(_("Saved."), type="positive")
            self._reload()

    async def add(self) -> None:
        codes = self.more.text
        self.more.show([])
        self.added.text = ""
        try:
            added = await run.io_bound(lambda: self._add(codes))
        except RuleError as error:
            self.more.show([said(e) for e in error.errors])
            return
        if added is None:
            return
        count, self.view = added
        self.more.clear()
        self.added.text = ngettext("Added {count} code.", "Added {count} codes.", count)
        self.stats.clear()
        with self.stats:
            draw_stats(self.view)

    def _add(self, codes: str) -> tuple[int, RewardView]:
        now = self.ctx.clock.now()
        count = add_codes(self.ctx.engine, reward_id=self.view.id, codes=codes, by=self.by, now=now)
        return count, read_reward(self.ctx.engine, reward_id=self.view.id, now=now)

    def confirm_end(self) -> None:
        ask_to_end(
            self.view.title,
            _(
                "No one can redeem it from now on. Codes already redeemed stay valid until "
                "they expire."
            ),
            self._end,
        )

    async def _end(self) -> None:
        ended = await attempt(
            self.form.show,
            done(
                lambda: end_reward(
                    self.ctx.engine, reward_id=self.view.id, by=self.by, now=self.ctx.clock.now()
                )
            ),
        )
        if ended:
            ui.notify(_("Ended."), type="positive")
            self._reload()

    def _reload(self) -> None:
        ui.navigate.to(f"/brand/rewards/{self.view.id}")

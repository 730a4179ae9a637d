"""The Rewards page's builders: the catalogue and "My rewards", drawn from plain data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import ui

from app.domain.brand import Brand
from app.domain.rewards import Availability
from app.i18n import _, current, ngettext
from app.services.redemptions import CatalogueItem, MyReward
from app.ui.frame import empty_state

FEW_LEFT = 5  # at most this many left, a card says so


def draw_catalogue(
    items: list[CatalogueItem], on_redeem: Callable[[CatalogueItem], object], brand: Brand
) -> None:
    """One column on a phone, two side by side from 640 px; in the service's shelf order."""
    if not items:
        points = brand.points_word(current())
        empty_state(
            "redeem",
            _("No rewards on offer yet"),
            _(
                "When rewards are on offer you can spend your {points} on them here. "
                "Keep earning in the meantime: your {points} wait for you."
            ).format(points=points),
            action=_("See your {points}").format(points=points),
            target="/points",
            marker="empty-catalogue",
        )
        return
    catalogue = ui.element("div").classes("w-full grid grid-cols-1 sm:grid-cols-2 gap-3")
    catalogue.props("role=list").mark("catalogue")
    catalogue.props["aria-label"] = _("Rewards on offer")
    with catalogue:
        for item in items:
            draw_item(item, on_redeem, brand)


def draw_item(
    item: CatalogueItem, on_redeem: Callable[[CatalogueItem], object], brand: Brand
) -> None:
    with (
        ui.card()
        .classes("w-full gap-2")
        .props("role=listitem")
        .mark(f"reward-card reward-{item.id}")
    ):
        if item.image_url:
            image = ui.image(item.image_url).classes("w-full h-44 rounded")
            image.props["alt"] = ""  # the title beside it says what it is
        with ui.row().classes("w-full items-start no-wrap gap-3"):
            if not item.image_url:
                ui.icon(item.icon).classes("text-4xl text-primary shrink-0")
            with ui.column().classes("gap-1 min-w-0 grow"):
                ui.label(item.title).classes("text-lg font-medium break-words").props(
                    "role=heading aria-level=3"
                ).mark("reward-title")
                if item.description:
                    ui.label(item.description).classes(
                        "text-sm text-gray-600 break-words whitespace-pre-line"
                    )
        with ui.row().classes("w-full items-center justify-between gap-2"):
            with ui.column().classes("gap-0"):
                ui.label(brand.points(item.cost, current())).classes("font-bold text-primary").mark(
                    "reward-cost"
                )
                left = few_left(item)
                if left is not None:
                    ui.label(ngettext("Only {count} left", "Only {count} left", left)).classes(
                        "text-sm text-negative"
                    ).mark("reward-left")
            draw_action(item, on_redeem)


def draw_action(item: CatalogueItem, on_redeem: Callable[[CatalogueItem], object]) -> None:
    """ "Redeem" when the person can; otherwise why not, on a disabled button that stays put."""
    if item.redeemable:
        button = ui.button(_("Redeem"), icon="redeem", on_click=lambda: on_redeem(item))
        button.classes("tap-target").mark(f"redeem-{item.id}")
        button.props["aria-label"] = _("Redeem {title}").format(title=item.title)
        return
    label = why_not(item)
    button = ui.button(label).props("flat no-caps").classes("tap-target")
    button.mark(f"reward-state-{item.id}")
    button.props["aria-label"] = f"{label}: {item.title}"
    button.disable()


def few_left(item: CatalogueItem) -> int | None:
    """How many are left, when that is few enough to say."""
    on_offer = item.availability is Availability.AVAILABLE
    return item.left if on_offer and item.left is not None and item.left <= FEW_LEFT else None


def why_not(item: CatalogueItem) -> str:
    if item.availability is Availability.ENDED:
        return _("Ended")
    if item.availability is Availability.SOLD_OUT:
        return _("Sold out")
    if item.availability is Availability.UPCOMING:
        return _("Not yet")
    if item.limit_reached:
        return _("Already redeemed")
    return ngettext("{count} more point", "{count} more points", item.shortfall)


def draw_my_rewards(mine: list[MyReward], timezone: str, brand: Brand) -> None:
    """Every redemption, newest first; an expired code is greyed and labelled, never hidden."""
    ui.label(_("My rewards")).classes("text-xl font-bold mt-2").props("role=heading aria-level=2")
    if not mine:
        ui.label(
            _("Nothing redeemed yet. The codes for rewards you redeem are kept here.")
        ).classes("text-gray-500").mark("no-rewards")
        return
    card = ui.card().classes("w-full gap-0 p-0").props("role=list").mark("my-rewards")
    card.props["aria-label"] = _("My rewards, newest first")
    with card:
        for reward in mine:
            draw_my_reward(reward, timezone, brand)


def draw_my_reward(reward: MyReward, timezone: str, brand: Brand) -> None:
    faded = " text-gray-500" if reward.expired else ""
    with (
        ui.row()
        .classes("w-full items-start justify-between no-wrap gap-3 px-4 py-3 border-b" + faded)
        .props("role=listitem")
        .mark(f"my-reward my-reward-{reward.redemption_id}")
    ):
        ui.icon(reward.icon).classes(
            "text-2xl shrink-0" + ("" if reward.expired else " text-primary")
        )
        with ui.column().classes("gap-1 min-w-0 grow"):
            with ui.row().classes("items-center gap-2"):
                ui.label(reward.title).classes("font-medium break-words")
                if reward.expired:
                    ui.badge(_("Expired"), color="grey").props("outline").mark("expired")
            draw_code(reward.code, size="text-base", struck=reward.expired)
            redeemed_on = day_text(reward.redeemed_at, timezone)
            redeemed = _("Redeemed {day} for {points}").format(
                day=redeemed_on, points=brand.points(reward.points, current())
            )
            ui.label(redeemed).classes("text-sm text-gray-500")
            ui.label(validity_text(reward, timezone)).classes("text-sm text-gray-500").mark(
                "validity"
            )
        copy_button(reward.code)


def draw_code(code: str, *, size: str = "text-2xl", struck: bool = False) -> ui.label:
    """The code as a person reads it off the screen at a till: large, monospace; a long one
    wraps at its dashes."""
    label = ui.label(code).classes(f"font-mono font-bold break-words {size}")
    if struck:
        label.classes("line-through")
    label.props["aria-label"] = _("Code {code}").format(code=code)
    return label.mark("code")


def copy_button(code: str) -> ui.button:
    button = ui.button(_("Copy"), icon="content_copy", on_click=lambda: copy_code(code))
    button.props("flat").classes("tap-target shrink-0").mark("copy-code")
    button.props["aria-label"] = _("Copy code {code}").format(code=code)
    return button


def copy_code(code: str) -> None:
    ui.clipboard.write(code)
    ui.notify(_("Code copied"), type="positive")


def validity_text(reward: MyReward, timezone: str) -> str:
    if reward.expires_at is None:
        return _("Never expires")
    day = day_text(reward.expires_at, timezone)
    return (_("Expired on {day}") if reward.expired else _("Valid until {day}")).format(day=day)


def day_text(at: datetime, timezone: str) -> str:
    """A day on the person's calendar, in the reader's words: '2 June 2026', '2 juni 2026'."""
    return current().day(at.astimezone(ZoneInfo(timezone)).date(), "d MMMM y")

"""The landing page for someone not signed in: the brand's own, with what it offers."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.brand import Brand
from app.domain.definitions import DefinitionStatus
from app.i18n import N_, _, current
from app.services.definitions import DefinitionView, list_definitions
from app.services.shelf import ShelfItem, read_shelf
from app.ui.account_pages import draw_languages
from app.ui.context import UIContext
from app.ui.frame import apply_theme, brand_logo, draw_page_top

SHOWN = 6  # a taste of what the brand offers, not the whole list
REWARDS_SHOWN = 4


LEFT_NOTICE = N_("Your account is deleted.")


async def landing(ctx: UIContext, *, left: bool = False) -> None:
    now = ctx.clock.now()
    found = await run.io_bound(
        lambda: (
            read_shelf(ctx.engine, now=now, count=REWARDS_SHOWN),
            list_definitions(
                ctx.engine, now=now, status=DefinitionStatus.ACTIVE, count=SHOWN
            ).items,
        )
    )
    shelf, definitions = found or ([], [])
    draw(ctx.brand, shelf, definitions, notice=_(LEFT_NOTICE) if left else None)


def draw(
    brand: Brand,
    shelf: list[ShelfItem],
    definitions: list[DefinitionView],
    *,
    notice: str | None = None,
) -> None:
    """Only draws: plain values in, elements out."""
    apply_theme(brand)
    ui.dark_mode(None)  # a visitor has no setting yet: follow their device
    ui.page_title(brand.title(_("personal challenges that pay")))
    with ui.element("main").classes("w-full max-w-5xl mx-auto p-4 sm:p-8 flex flex-col gap-8"):
        draw_page_top()
        if notice:  # after deleting an account (app/ui/leaving_dialog.py)
            ui.label(notice).classes("text-lg font-medium").props("role=status").mark("notice")
        draw_welcome(brand)
        draw_what_you_can_do(brand)
        draw_rewards(brand, shelf)
        draw_challenges(definitions)
        draw_join(brand)


def draw_welcome(brand: Brand) -> None:
    with ui.column().classes("gap-3").mark("welcome"):
        with ui.row().classes("items-center gap-3 no-wrap"):
            brand_logo(brand, large=True)
            ui.label(brand.name).classes("text-4xl font-bold break-words").props(
                "role=heading aria-level=1"
            ).mark("title")
        ui.label(
            _(
                "Personal challenges from {brand}: set your own goal, keep your streak, "
                "earn {points}."
            ).format(brand=brand.name, points=brand.points_word(current()))
        ).classes("text-lg")
        draw_buttons()


def draw_what_you_can_do(brand: Brand) -> None:
    points = brand.points_word(current())
    steps = (
        (
            "flag",
            _("Set a personal challenge"),
            _("Eight glasses of water a day, a walk every week: your goal, your pace."),
        ),
        (
            "touch_app",
            _("Log it in a tap"),
            _("One tap when you have done it, and watch your streak grow day by day."),
        ),
        (
            "redeem",
            _("Spend {points} on rewards").format(points=points),
            _("Reach your target and earn {points} to spend on rewards from {brand}.").format(
                points=points, brand=brand.name
            ),
        ),
    )
    with section(_("What you can do"), "what-you-can-do"):
        with ui.element("div").classes("w-full grid grid-cols-1 sm:grid-cols-3 gap-3"):
            for icon, title, text in steps:
                with ui.card().classes("w-full gap-1"):
                    ui.icon(icon).classes("text-4xl text-primary")
                    ui.label(title).classes("text-lg font-medium").props(
                        "role=heading aria-level=3"
                    )
                    ui.label(text)


def draw_rewards(brand: Brand, shelf: list[ShelfItem]) -> None:
    points = brand.points_word(current())
    with section(_("What your {points} are worth").format(points=points), "rewards-preview"):
        if not shelf:
            ui.label(
                _(
                    "Rewards are on their way: start a challenge now and your {points} "
                    "will be waiting when they arrive."
                ).format(points=points)
            ).mark("no-rewards")
            return
        offered = ui.element("div").classes("w-full grid grid-cols-2 lg:grid-cols-4 gap-3")
        offered.props("role=list")
        offered.props["aria-label"] = _("Rewards on offer")
        with offered:
            for item in shelf:
                with ui.card().classes("w-full gap-2").props("role=listitem").mark("shelf-item"):
                    if item.image_url:
                        image = ui.image(item.image_url).classes("w-full h-32 rounded")
                        image.props["alt"] = ""  # the title below says what it is
                    else:
                        ui.icon(item.icon).classes("text-4xl text-primary")
                    ui.label(item.title).classes("font-medium break-words")
                    cost = ui.label(brand.points(item.cost, current()))
                    cost.classes("font-bold text-primary").mark("shelf-cost")


def draw_challenges(definitions: list[DefinitionView]) -> None:
    if not definitions:
        return
    with section(_("Challenges to start with"), "offered"):
        listed = ui.column().classes("w-full gap-2").props("role=list")
        listed.props["aria-label"] = _("Challenges")
        with listed:
            for definition in definitions:
                with ui.row().classes("items-start gap-3 no-wrap").props("role=listitem"):
                    ui.icon(definition.rule.icon).classes("text-3xl text-primary shrink-0")
                    with ui.column().classes("gap-0 min-w-0"):
                        ui.label(definition.name).classes("font-medium break-words")
                        if definition.rule.description:
                            ui.label(first_line(definition.rule.description)).classes(
                                "text-sm text-gray-600 break-words"
                            )


def draw_join(brand: Brand) -> None:
    with ui.column().classes("w-full items-center text-center gap-3 pb-8").mark("join"):
        ui.label(_("Ready when you are")).classes("text-2xl font-bold").props(
            "role=heading aria-level=2"
        )
        # Not the welcome's buttons again: one "Create an account" and one "Sign in" per page.
        ui.button(_("Get started"), on_click=lambda: ui.navigate.to("/signup")).classes(
            "tap-target"
        ).mark("signup-bottom")
        ui.link(_("I already have an account"), "/signin").mark("signin-bottom")
        if brand.support_url:
            contact = _("Questions? Contact {brand}").format(brand=brand.name)
            ui.link(contact, brand.support_url).mark("support")
        draw_languages("/")


def draw_buttons() -> None:
    with ui.row().classes("gap-2"):
        ui.button(_("Create an account"), on_click=lambda: ui.navigate.to("/signup")).classes(
            "tap-target"
        ).mark("signup")
        ui.button(_("Sign in"), on_click=lambda: ui.navigate.to("/signin")).props(
            "outline"
        ).classes("tap-target").mark("signin")


def section(title: str, marker: str) -> ui.column:
    """A titled part of the page; use it as a context manager."""
    column = ui.column().classes("w-full gap-3").mark(marker)
    with column:
        ui.label(title).classes("text-2xl font-bold").props("role=heading aria-level=2")
    return column


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""

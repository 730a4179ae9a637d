"""The console's frame: its own header and navigation, the page body laid out for a laptop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time
from typing import TypeVar

from nicegui import ui

from app.domain.brand import Brand
from app.i18n import N_, _, current
from app.services.accounts import Profile, read_profile
from app.ui.builder_fields import day_from
from app.ui.context import UIContext
from app.ui.frame import apply_theme, brand_logo
from app.ui.session import load_operator

T = TypeVar("T")

SECTIONS = (
    (N_("Definitions"), "/brand", "campaign"),
    (N_("Points budget"), "/brand/budget", "savings"),
    (N_("API keys"), "/brand/keys", "key"),
    (N_("Participation"), "/brand/participation", "insights"),
    (N_("Rewards"), "/brand/rewards", "redeem"),
)


async def load_console(ctx: UIContext, load: Callable[[], T]) -> tuple[Profile, T] | None:
    """The operator's profile and what `load()` reads, off the event loop; None for anyone
    else (they have been shown "Not found" or sent to sign in)."""
    signed_in = await load_operator(
        ctx, lambda person_id: (read_profile(ctx.engine, person_id=person_id), load())
    )
    return None if signed_in is None else signed_in[1]


@contextmanager
def console_frame(title: str, *, section: str, brand: Brand, dark_mode: bool) -> Iterator[None]:
    """Header with the console's sections; `section` is the one this page belongs to (its
    English name, as SECTIONS holds it); `title` is shown as it is given."""
    apply_theme(brand)
    ui.dark_mode(dark_mode)
    ui.page_title(brand.title(_("{title} · Brand console").format(title=title)))
    console = _("Brand console")
    with ui.header().classes(
        "items-center justify-between gap-2 px-3 py-2 bg-primary text-white flex-wrap"
    ):
        with ui.link(target="/brand").classes("text-white no-underline flex items-center gap-1"):
            brand_logo(brand)
            ui.label(_("{brand} · Brand console").format(brand=brand.name)).classes(
                "text-lg font-bold"
            ).mark("brand-name")
        with (
            ui.row()
            .classes("items-center gap-1 flex-wrap")
            .props(f'role=navigation aria-label="{console}"')
        ):
            for label, target, icon in SECTIONS:
                here = label == section
                with (
                    ui.link(target=target)
                    .classes(
                        "flex items-center gap-1 px-2 py-1 rounded no-underline text-white "
                        + ("bg-black/25 font-bold" if here else "")
                    )
                    .props(f'aria-current="{"page" if here else "false"}"')
                    .mark(f"brand-nav-{label.split()[0].lower()}")
                ):
                    ui.icon(icon).classes("text-xl")
                    ui.label(_(label)).classes("text-sm")
            ui.link(_("Back to the app"), "/").classes("text-white text-sm px-2").mark("brand-exit")
    with ui.column().classes("w-full max-w-6xl mx-auto p-3 gap-3 pb-12"):
        ui.label(title).classes("text-2xl font-bold").props("role=heading aria-level=1")
        yield


def when(at: datetime | None) -> str:
    """`at` in UTC as the console writes it everywhere: "2026-12-04 09:30 UTC"."""
    return current().moment(at.astimezone(UTC), "yyyy-MM-dd HH:mm 'UTC'") if at else "—"


def utc_day(at: datetime | None) -> str:
    """The UTC day of `at` as a date input shows it; "" for none."""
    return at.astimezone(UTC).date().isoformat() if at else ""


def utc_midnight(text: object) -> datetime | None:
    """The start, in UTC, of the day a date input holds; None when it holds none."""
    day = day_from(text)
    return None if day is None else datetime.combine(day, time(), tzinfo=UTC)


STATUS_COLOURS = {
    "Draft": "grey-7",
    "Scheduled": "secondary",
    "Active": "positive",
    "Ended": "negative",
    "Sold out": "accent",
}
# A status's words: definitions' (Voyado's enum values) and rewards' alike.
STATUS_NAMES = {
    "Draft": N_("Draft"),
    "Scheduled": N_("Scheduled"),
    "Active": N_("Active"),
    "Ended": N_("Ended"),
    "Sold out": N_("Sold out"),
}


def status_name(status: str) -> str:
    """A status in the tab's language (its English value is the data the service keeps)."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def status_chip(status: str) -> ui.chip:
    return (
        ui.chip(status_name(status), color=STATUS_COLOURS.get(status, "grey-7"))
        .props("text-color=white dense")
        .mark(f"status-{status.lower().replace(' ', '-')}")
    )

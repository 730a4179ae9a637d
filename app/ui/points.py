"""Points: the ledger, newest first, with the running balance after each entry."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import ui

from app.services.accounts import Profile, read_profile
from app.services.history import LedgerRow, read_ledger
from app.ui.context import UIContext
from app.ui.frame import empty_state, frame
from app.ui.session import load_signed_in

LEDGER_LIMIT = 200


def register(ctx: UIContext) -> None:
    @ui.page("/points")
    async def points_page() -> None:
        def load(person_id: int) -> tuple[Profile, list[LedgerRow]]:
            profile = read_profile(ctx.engine, person_id=person_id)
            return profile, read_ledger(ctx.engine, person_id=person_id, limit=LEDGER_LIMIT)

        signed_in = await load_signed_in(ctx, load)
        if signed_in is None:
            return
        _, loaded = signed_in
        profile, rows = loaded
        # The newest row's running balance covers every entry, even those past the limit.
        balance = rows[0].balance if rows else 0
        brand = ctx.brand
        with frame(brand.points_title, brand=brand, balance=balance, dark_mode=profile.dark_mode):
            draw_ledger(rows, profile.timezone, brand.points_name)


def draw_ledger(rows: list[LedgerRow], timezone: str, points_name: str) -> None:
    """The entries as a one-column list: it reads the same at 375 px as on a desktop."""
    if not rows:
        draw_empty_ledger(points_name)
        return
    with (
        ui.card()
        .classes("w-full gap-0 p-0")
        .props('role=list aria-label="Points history, newest first"')
        .mark("ledger")
    ):
        for position, row in enumerate(rows):
            draw_row(row, timezone, last=position == len(rows) - 1)
    if len(rows) >= LEDGER_LIMIT:
        ui.label(f"Showing your latest {LEDGER_LIMIT} entries.").classes("text-sm text-gray-500")


def draw_row(row: LedgerRow, timezone: str, *, last: bool = False) -> None:
    """`last`: no rule under the card's last row, where the card's own edge ends it."""
    earned = row.points >= 0
    with (
        ui.row()
        .classes("w-full items-start justify-between no-wrap gap-3 px-4 py-3")
        .classes("" if last else "border-b")
        .props("role=listitem")
        .mark("ledger-row")
    ):
        with ui.column().classes("gap-0 min-w-0"):
            ui.label(when(row.at, timezone)).classes("text-sm text-gray-500").mark("ledger-date")
            ui.label(row.note).classes("break-words").mark("ledger-note")
        with ui.column().classes("gap-0 items-end shrink-0"):
            ui.label(f"{row.points:+,} pts").classes(
                "text-lg font-bold " + ("text-positive" if earned else "text-negative")
            ).mark("ledger-points")
            ui.label(f"Balance {row.balance:,}").classes("text-sm text-gray-500").mark(
                "ledger-balance"
            )


def draw_empty_ledger(points_name: str) -> None:
    empty_state(
        "stars",
        f"No {points_name} yet",
        f"You earn {points_name} when you reach a challenge's target in a period, and a bonus "
        "when you complete the whole challenge. Every award shows up here.",
        action="Start a challenge",
        target="/new",
        marker="empty-ledger",
    )


def when(at: datetime, timezone: str) -> str:
    """An instant as the person's wall clock: 'Mon 2 Mar 2026, 09:15'."""
    local = at.astimezone(ZoneInfo(timezone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"

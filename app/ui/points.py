"""Points: the ledger, newest first, with the running balance after each entry."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import ui

from app.domain.brand import Brand
from app.domain.counts import ENGLISH
from app.i18n import N_, _, current
from app.services.accounts import Profile, read_profile
from app.services.history import LedgerRow, read_ledger
from app.translations import Translator
from app.ui.context import UIContext
from app.ui.frame import empty_state, frame
from app.ui.kept_english import said_again
from app.ui.session import load_signed_in

LEDGER_LIMIT = 200
# The ledger keeps each entry's note as it was written, in English (app/domain/points.py,
# app/services/*): each kind is read back into its parts and said again in the reader's words.
NOTES = (
    (r"(?P<name>.+): period (?P<number>\d+) achieved", N_("{name}: period {number} achieved")),
    (
        r"(?P<name>.+): period (?P<number>\d+) reopened by an undo",
        N_("{name}: period {number} reopened by an undo"),
    ),
    (r"(?P<name>.+): challenge completed", N_("{name}: challenge completed")),
    (r"(?P<name>.+): completion reversed by an undo", N_("{name}: completion reversed by an undo")),
    (r"Redeemed: (?P<title>.+)", N_("Redeemed: {title}")),
    (r"Streak freeze: (?P<name>.+)", N_("Streak freeze: {name}")),
    (
        r"Carried over from your earlier account \(exported (?P<day>[\d-]+)\)",
        N_("Carried over from your earlier account (exported {day})"),
    ),
)
CAPS = (  # what app/domain/budget.py adds, after a space, when a cap cut an award
    (r"\(capped at (?P<cap>\d+) this month\)", N_("(capped at {cap} this month)")),
    (
        r"\(capped at (?P<cap>\d+) for this challenge\)",
        N_("(capped at {cap} for this challenge)"),
    ),
)


def register(ctx: UIContext) -> None:
    @ui.page("/points")
    async def points_page() -> None:
        def load(person_id: int) -> tuple[Profile, list[LedgerRow]]:
            profile = read_profile(ctx.engine, person_id=person_id)
            return profile, read_ledger(ctx.engine, person_id=person_id, limit=LEDGER_LIMIT)

        signed_in = await load_signed_in(ctx, load)
        if signed_in is None:
            return
        loaded = signed_in[1]
        profile, rows = loaded
        # The newest row's running balance covers every entry, even those past the limit.
        balance = rows[0].balance if rows else 0
        brand = ctx.brand
        title = brand.points_heading(current())
        with frame(title, brand=brand, balance=balance, dark_mode=profile.dark_mode):
            draw_ledger(rows, profile.timezone, brand)


def draw_ledger(rows: list[LedgerRow], timezone: str, brand: Brand) -> None:
    """The entries as a one-column list: it reads the same at 375 px as on a desktop."""
    if not rows:
        draw_empty_ledger(brand)
        return
    ledger = ui.card().classes("w-full gap-0 p-0").props("role=list").mark("ledger")
    ledger.props["aria-label"] = _("Points history, newest first")
    with ledger:
        for position, row in enumerate(rows):
            draw_row(row, timezone, last=position == len(rows) - 1)
    if len(rows) >= LEDGER_LIMIT:
        shown = _("Showing your latest {count} entries.").format(
            count=current().number(LEDGER_LIMIT)
        )
        ui.label(shown).classes("text-sm text-gray-500")


def draw_row(row: LedgerRow, timezone: str, *, last: bool = False) -> None:
    """`last`: no rule under the card's last row, where the card's own edge ends it."""
    earned = row.points >= 0
    words = current()
    signed = ("+" if earned else "") + words.number(row.points)
    with (
        ui.row()
        .classes("w-full items-start justify-between no-wrap gap-3 px-4 py-3")
        .classes("" if last else "border-b")
        .props("role=listitem")
        .mark("ledger-row")
    ):
        with ui.column().classes("gap-0 min-w-0"):
            ui.label(when(row.at, timezone, words)).classes("text-sm text-gray-500").mark(
                "ledger-date"
            )
            ui.label(ledger_note(row.note, words)).classes("break-words").mark("ledger-note")
        with ui.column().classes("gap-0 items-end shrink-0"):
            ui.label(_("{points} pts").format(points=signed)).classes(
                "text-lg font-bold " + ("text-positive" if earned else "text-negative")
            ).mark("ledger-points")
            ui.label(_("Balance {balance}").format(balance=words.number(row.balance))).classes(
                "text-sm text-gray-500"
            ).mark("ledger-balance")


def draw_empty_ledger(brand: Brand) -> None:
    points = brand.points_word(current())
    empty_state(
        "stars",
        _("No {points} yet").format(points=points),
        _(
            "You earn {points} when you reach a challenge's target in a period, and a bonus "
            "when you complete the whole challenge. Every award shows up here."
        ).format(points=points),
        action=_("Start a challenge"),
        target="/new",
        marker="empty-ledger",
    )


def ledger_note(note: str, words: Translator = ENGLISH) -> str:
    """An entry's note in the reader's words; one of no known kind is shown as it was kept."""
    for pattern, _message in CAPS:
        found = re.search(f" {pattern}$", note)
        if found:  # an award a cap cut: the award's note, then the cap's
            award, cap = note[: found.start()], note[found.start() + 1 :]
            return f"{said_again(award, NOTES, words)} {said_again(cap, CAPS, words)}"
    return said_again(note, NOTES, words)


def when(at: datetime, timezone: str, words: Translator = ENGLISH) -> str:
    """An instant as the person's wall clock: 'Mon 2 Mar 2026, 09:15'."""
    return words.moment(at.astimezone(ZoneInfo(timezone)), "EEE d MMM y, HH:mm")

"""Logging progress and undoing a log from any page: off the event loop, refusals shown."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from nicegui import run, ui

from app.domain.errors import RuleError
from app.i18n import _, current, said
from app.services.dashboard import ChallengeCard, read_balance
from app.services.logging import log_progress, points_an_undo_takes, undo_log
from app.ui.browser_values import as_number
from app.ui.context import UIContext
from app.ui.frame import balance_text

T = TypeVar("T")


@dataclass(frozen=True)
class Logged(Generic[T]):
    log_id: int
    shown: T  # what the page shows now, read after the log was committed


async def log(
    ctx: UIContext,
    person_id: int,
    card: ChallengeCard,
    quantity: object,
    occurred_at: datetime | None = None,
    *,
    balance: ui.label,
    read: Callable[[], T],
    on_refused: Callable[[str], object] | None = None,
) -> Logged[T] | None:
    """Log on `card` now or at `occurred_at`, then `read` what the page shows and the balance:
    one hop off the event loop for all of it, the log committed before the read, so nothing
    is painted that is not saved. The header's balance is brought in line; None once a
    refusal is shown (`on_refused` gets it too, for a page that shows it beside a field).
    """
    ctx.foreground.serving()
    amount = None if quantity is None else as_number(quantity)
    if amount is not None and math.isnan(amount):
        message = (
            _("Enter the amount as a number, for example 2.")
            if card.attribute is None
            else _("Enter the {attribute} as a number, for example 2.").format(
                attribute=card.attribute
            )
        )
        ui.notify(message, type="warning")
        if on_refused is not None:
            on_refused(message)
        return None
    attributes = {} if amount is None or card.attribute is None else {card.attribute: amount}

    def write_then_read() -> tuple[int, T, int]:
        receipt = log_progress(
            ctx.engine,
            person_id=person_id,
            challenge_id=card.challenge_id,
            idempotency_key=uuid.uuid4().hex,
            now=ctx.clock.now(),
            occurred_at=occurred_at,
            attributes=attributes,
        )
        return receipt.log_id, read(), read_balance(ctx.engine, person_id=person_id)

    try:
        done = await run.io_bound(write_then_read)
    except RuleError as error:
        ui.notify(said(error), type="warning")
        if on_refused is not None:
            on_refused(said(error))
        return None
    if done is None:  # cancelled: the app is stopping
        return None
    log_id, shown, points = done
    balance.text = balance_text(points)
    return Logged(log_id, shown)


async def undo(ctx: UIContext, person_id: int, log_id: int) -> bool:
    """Take a log back; False once a refusal is shown or the person keeps it.

    An undo that takes points back asks first, naming them; one that takes none is one tap.
    """
    ctx.foreground.serving()
    taken = await run.io_bound(
        lambda: points_an_undo_takes(
            ctx.engine, person_id=person_id, log_id=log_id, now=ctx.clock.now()
        )
    )
    if taken and not await confirm_undo(ctx.brand.points(taken, current())):
        return False
    try:
        await run.io_bound(
            lambda: undo_log(ctx.engine, person_id=person_id, log_id=log_id, now=ctx.clock.now())
        )
    except RuleError as error:
        ui.notify(said(error), type="warning")
        return False
    ui.notify(_("Log undone"), type="info")
    return True


async def confirm_undo(points: str) -> bool:
    """'Undo this log? It takes back 10 points.': Undo or Keep, Escape keeps."""
    with ui.dialog() as dialog, ui.card().classes("gap-3 max-w-sm").mark("undo-dialog"):
        title = ui.label(_("Undo this log?")).classes("text-lg font-medium")
        title.props("role=heading aria-level=2")
        ui.label(_("It takes back {points}.").format(points=points)).mark("undo-takes")
        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(_("Keep"), on_click=lambda: dialog.submit(False)).props(
                "flat autofocus"
            ).mark("keep-log")
            ui.button(_("Undo"), color="negative", on_click=lambda: dialog.submit(True)).mark(
                "confirm-undo"
            )
    dialog.props(f"aria-labelledby={title.html_id}")
    confirmed = await dialog
    if not dialog.is_deleted:  # the page may have gone while the dialog was open
        dialog.delete()
    return bool(confirmed)


async def reread(
    ctx: UIContext, person_id: int, balance: ui.label, read: Callable[[], T]
) -> T | None:
    """What a page shows after a log or an undo, read off the event loop with the balance.

    The header's balance is brought in line here; None when the read was cancelled.
    """
    result = await run.io_bound(lambda: (read(), read_balance(ctx.engine, person_id=person_id)))
    if result is None:
        return None
    shown, points = result
    balance.text = balance_text(points)
    return shown

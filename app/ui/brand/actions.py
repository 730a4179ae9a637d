"""What the console's editors do alike: run a service call off the event loop, placing its
refusal beside the fields, and ask before ending something."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from nicegui import run, ui

from app.domain.errors import FieldError, RuleError
from app.i18n import _

T = TypeVar("T")


async def attempt(show: Callable[[list[FieldError]], None], action: Callable[[], T]) -> T | None:
    """`action()` off the event loop; a RuleError's errors go to `show` (cleared first)."""
    show([])
    try:
        return await run.io_bound(action)
    except RuleError as error:
        show(error.errors)
        return None


def done(action: Callable[[], None]) -> Callable[[], bool]:
    """The action, answering True once it has run (None means cancelled to run.io_bound)."""

    def run_it() -> bool:
        action()
        return True

    return run_it


def ask_to_end(name: str, consequence: str, end: Callable[[], Awaitable[None]]) -> None:
    """A dialog: end `name` now, or cancel; `consequence` (translated) says what ending means."""
    with ui.dialog() as dialog, ui.card().classes("gap-3").mark("end-dialog"):
        ui.label(_("End “{name}” now?").format(name=name)).classes("text-lg font-medium")
        ui.label(consequence)

        async def confirmed() -> None:
            dialog.close()
            await end()

        with ui.row().classes("gap-2 justify-end w-full"):
            ui.button(_("Cancel"), on_click=dialog.close).props("flat").mark("end-cancel")
            ui.button(_("End now"), on_click=confirmed).props("color=negative").mark("end-confirm")
    dialog.open()

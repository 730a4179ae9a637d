"""Who is signed in, kept in NiceGUI's per-browser user storage (signed with the storage secret)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from nicegui import app, run, ui

from app.services.errors import NotFound

KEY = "person_id"
T = TypeVar("T")


def signed_in_person() -> int | None:
    value = app.storage.user.get(KEY)
    return int(value) if value is not None else None


def require_person() -> int | None:
    """The signed-in person's id; otherwise sends the browser to sign in and returns None."""
    person_id = signed_in_person()
    if person_id is None:
        ui.navigate.to("/signin")
    return person_id


async def load_signed_in(load: Callable[[int], T]) -> tuple[int, T] | None:
    """The signed-in person's id and what `load(person_id)` reads off the event loop.

    None once the browser has been sent elsewhere: to sign in, or to sign out when the
    account no longer exists.
    """
    person_id = require_person()
    if person_id is None:
        return None
    try:
        loaded = await run.io_bound(load, person_id)
    except NotFound:
        ui.navigate.to("/signout")
        return None
    return None if loaded is None else (person_id, loaded)


def remember(person_id: int) -> None:
    app.storage.user[KEY] = person_id


def forget() -> None:
    app.storage.user.pop(KEY, None)

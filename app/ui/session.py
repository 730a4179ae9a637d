"""Who is signed in, kept in NiceGUI's per-browser user storage (signed with the storage secret)."""

from __future__ import annotations

from nicegui import app, ui

KEY = "person_id"


def signed_in_person() -> int | None:
    value = app.storage.user.get(KEY)
    return int(value) if value is not None else None


def require_person() -> int | None:
    """The signed-in person's id; otherwise sends the browser to sign in and returns None."""
    person_id = signed_in_person()
    if person_id is None:
        ui.navigate.to("/signin")
    return person_id


def remember(person_id: int) -> None:
    app.storage.user[KEY] = person_id


def forget() -> None:
    app.storage.user.pop(KEY, None)

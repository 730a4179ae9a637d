"""Who is signed in: the session cookie's token, looked up off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from nicegui import context, run, ui

from app.services.errors import NotFound
from app.services.operators import is_operator
from app.services.sessions import session_person
from app.ui.context import UIContext
from app.ui.error_pages import draw_not_found_page
from app.ui.web_session import SESSION_COOKIE

T = TypeVar("T")


async def signed_in_person(ctx: UIContext) -> int | None:
    """The id of the person this browser is signed in as; None when nobody is."""
    token = context.client.request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return await run.io_bound(session_person, ctx.engine, token=token, now=ctx.clock.now())


async def require_person(ctx: UIContext) -> int | None:
    """The signed-in person's id; otherwise sends the browser to sign in and returns None."""
    person_id = await signed_in_person(ctx)
    if person_id is None:
        ui.navigate.to("/signin")
    return person_id


async def load_signed_in(ctx: UIContext, load: Callable[[int], T]) -> tuple[int, T] | None:
    """The signed-in person's id and what `load(person_id)` reads: both in one hop off the
    event loop.

    None once the browser has been sent elsewhere: to sign in, or to sign out when the
    account no longer exists.
    """
    loaded = await load_if_signed_in(ctx, load)
    if isinstance(loaded, Nobody):
        ui.navigate.to("/signin")
        return None
    return loaded


async def load_if_signed_in(
    ctx: UIContext, load: Callable[[int], T]
) -> tuple[int, T] | Nobody | None:
    """As `load_signed_in`, but NOBODY, with nothing loaded or navigated, when nobody is
    signed in (a page that shows strangers something else)."""
    token = context.client.request.cookies.get(SESSION_COOKIE)
    if not token:
        return NOBODY

    def who_then_load() -> tuple[int, T] | Nobody:
        person_id = session_person(ctx.engine, token=token, now=ctx.clock.now())
        return NOBODY if person_id is None else (person_id, load(person_id))

    try:
        loaded = await run.io_bound(who_then_load)
    except NotFound:
        ui.navigate.to("/signout")
        return None
    return loaded  # None: cancelled, the app is stopping


class Nobody:
    """Nobody is signed in."""


NOBODY = Nobody()


async def load_operator(ctx: UIContext, load: Callable[[int], T]) -> tuple[int, T] | None:
    """As `load_signed_in`, for the operator pages: anyone else gets the "Not found" page, as
    if the page did not exist, and nothing is loaded for them."""

    def load_for_operator(person_id: int) -> T | _NotOperator:
        allowed = is_operator(
            ctx.engine,
            person_id=person_id,
            named=ctx.settings.operator_list(),
            first_account_rule=ctx.settings.first_account_is_operator,
        )
        return load(person_id) if allowed else _NOT_OPERATOR

    signed_in = await load_signed_in(ctx, load_for_operator)
    if signed_in is None:
        return None
    person_id, loaded = signed_in
    if isinstance(loaded, _NotOperator):
        draw_not_found_page(ctx.brand)
        return None
    return person_id, loaded


class _NotOperator:
    pass


_NOT_OPERATOR = _NotOperator()

"""Sign-in completes over plain HTTP, where cookies can be set safely.

The sign-in form checks the password over the page's socket, then sends the browser to
`/auth/session?ticket=…`: a signed ticket, good for one minute and one use, and only for the
browser that asked for it. That request starts a new session (a new random token in an
HttpOnly cookie), gives NiceGUI's browser id a new value, and renews the device cookie that
lets this device through when strangers have locked the account for new devices.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from nicegui import app

from app.domain.languages import known
from app.i18n import COOKIE as LANGUAGE_COOKIE
from app.services.accounts import read_profile
from app.services.sessions import SESSION_LIFETIME, end_session, session_person, start_session
from app.ui.context import UIContext

SESSION_COOKIE = "goalpost_session"
DEVICE_COOKIE = "goalpost_device"
DEVICE_LIFETIME_SECONDS = 400 * 24 * 3600  # the most a browser keeps a cookie
TICKET_SECONDS = 60
SAFE_NEXT = ("/", "/new")
LANGUAGE_LIFETIME_SECONDS = DEVICE_LIFETIME_SECONDS
LANGUAGE_NEXT = ("/", "/signin", "/signup", "/forgot", "/settings")  # where a choice is offered


@dataclass(frozen=True)
class Claim:
    person_id: int
    email: str
    next: str


def issue_ticket(ctx: UIContext, *, person_id: int, email: str, browser_id: str, next: str) -> str:
    """A one-minute, one-use ticket for `browser_id` to finish signing in as the person."""
    payload = {"p": person_id, "e": email, "b": browser_id, "j": secrets.token_urlsafe(12)}
    payload["n"] = next if next in SAFE_NEXT else "/"
    return _tickets(ctx).dumps(payload)


def device_nonce(ctx: UIContext, cookie: str | None, email: str) -> str | None:
    """The nonce of a device cookie this browser was given for `email`; None otherwise."""
    if not cookie or len(cookie) > 400:
        return None
    try:
        payload = _devices(ctx).loads(cookie)
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("e") != email:
        return None
    nonce = payload.get("n")
    return nonce if isinstance(nonce, str) else None


def register(ctx: UIContext) -> None:
    @app.get("/auth/session", include_in_schema=False)
    def complete_sign_in(request: Request, ticket: str = "") -> Response:
        claim = _redeem(ctx, ticket, browser_id=request.session.get("id"))
        if claim is None:
            return RedirectResponse("/signin?expired=1", status_code=303)
        token = start_session(ctx.engine, person_id=claim.person_id, now=ctx.clock.now())
        request.session["id"] = str(uuid.uuid4())  # never the browser id from before
        response = RedirectResponse(claim.next, status_code=303)
        _set_cookie(ctx, response, SESSION_COOKIE, token, int(SESSION_LIFETIME.total_seconds()))
        device = _devices(ctx).dumps({"e": claim.email, "n": secrets.token_urlsafe(16)})
        _set_cookie(ctx, response, DEVICE_COOKIE, device, DEVICE_LIFETIME_SECONDS)
        language = read_profile(ctx.engine, person_id=claim.person_id).language
        if language is not None:  # a new device speaks what the person chose on another
            _set_cookie(ctx, response, LANGUAGE_COOKIE, language, LANGUAGE_LIFETIME_SECONDS)
        return response

    @app.get("/language/{language}", include_in_schema=False)
    def choose_language(language: str, next: str = "/") -> Response:
        """This browser speaks `language` from now on (Settings saves it for the person too,
        and the sign-in page offers it to anyone): a preference, so open to anyone."""
        response = RedirectResponse(next if next in LANGUAGE_NEXT else "/", status_code=303)
        chosen = known(language)
        if chosen is not None:
            _set_cookie(ctx, response, LANGUAGE_COOKIE, chosen, LANGUAGE_LIFETIME_SECONDS)
        return response

    @app.get("/signout", include_in_schema=False)
    def sign_out(request: Request) -> Response:
        end_session(ctx.engine, token=request.cookies.get(SESSION_COOKIE), now=ctx.clock.now())
        return _signed_out(ctx, request, "/signin")

    @app.get("/account/deleted", include_in_schema=False)
    def account_deleted(request: Request) -> Response:
        """After Settings → "Delete my account": the cookies go, the device cookie too (it
        names the email). A session that still exists is left alone: this is no sign-out link."""
        token = request.cookies.get(SESSION_COOKIE)
        if session_person(ctx.engine, token=token, now=ctx.clock.now()) is not None:
            return RedirectResponse("/", status_code=303)
        response = _signed_out(ctx, request, "/?left=1")
        _delete_cookie(ctx, response, DEVICE_COOKIE)
        return response


def _signed_out(ctx: UIContext, request: Request, to: str) -> Response:
    request.session["id"] = str(uuid.uuid4())
    response = RedirectResponse(to, status_code=303)
    _delete_cookie(ctx, response, SESSION_COOKIE)
    return response


def _delete_cookie(ctx: UIContext, response: Response, name: str) -> None:
    response.delete_cookie(
        name, path="/", secure=ctx.settings.uses_tls, httponly=True, samesite="lax"
    )


def _redeem(ctx: UIContext, ticket: str, *, browser_id: object) -> Claim | None:
    if not ticket or len(ticket) > 1000:
        return None
    try:
        payload = _tickets(ctx).loads(ticket, max_age=TICKET_SECONDS)
    except BadSignature:  # also an expired one
        return None
    if not isinstance(payload, dict) or payload.get("b") != browser_id:
        return None
    if not ctx.one_use.first_use(f"ticket:{payload['j']}", remember_seconds=TICKET_SECONDS + 5):
        return None
    return Claim(int(payload["p"]), str(payload["e"]), str(payload["n"]))


def _set_cookie(ctx: UIContext, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        secure=ctx.settings.uses_tls,
        httponly=True,
        samesite="lax",
    )


def _tickets(ctx: UIContext) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(ctx.settings.storage_secret, salt="goalpost.sign-in-ticket")


def _devices(ctx: UIContext) -> URLSafeSerializer:
    return URLSafeSerializer(ctx.settings.storage_secret, salt="goalpost.device-cookie")

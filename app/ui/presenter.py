"""The demo presenter: one role, held by a browser that gave the demo's secret.

Registered only in demo mode (never in production: Settings refuses DEMO there). The secret
is the control secret the sandbox's and the clock's controls already need; it is typed on
`/presenter`, checked over the page's socket, and turned into an HttpOnly cookie over plain
HTTP (`/auth/presenter`, as sign-in does), signed and good for `PRESENTER_HOURS`. The cookie
is kept when the presenter switches person (a sign-in gives a new browser id, which would
drop anything kept in NiceGUI's user storage).
"""

from __future__ import annotations

import secrets

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from nicegui import app, context, ui

from app.i18n import _
from app.ui.context import UIContext
from app.ui.frame import apply_theme

PRESENTER_COOKIE = "goalpost_presenter"
PRESENTER_HOURS = 12
TICKET_SECONDS = 60


def register(ctx: UIContext, *, control_secret: str) -> None:
    @ui.page("/presenter")
    def presenter_page() -> None:
        apply_theme(ctx.brand)
        ui.page_title(_("Present the demo"))
        with ui.column().classes("w-full max-w-sm mx-auto p-4 gap-3 mt-8"):
            ui.label(_("Present the demo")).classes("text-2xl font-bold").props(
                "role=heading aria-level=1"
            )
            ui.label(
                _(
                    "Enter the demo's secret (CONTROL_SECRET; scripts/start --demo writes it to "
                    "data/demo/presenter-secret). This browser then shows the presenter's bar."
                )
            ).classes("text-sm")
            secret = (
                ui.input(_("Demo secret"), password=True, password_toggle_button=True)
                .props("outlined autocomplete=off")
                .classes("w-full")
                .mark("presenter-secret")
            )
            message = ui.label().classes("text-negative").mark("form-error")

            def start() -> None:
                given = str(secret.value or "").strip().encode()
                if not secrets.compare_digest(given, control_secret.encode()):
                    message.text = _("That is not the demo's secret.")
                    return
                browser = str(context.client.request.session.get("id"))
                ticket = _tickets(ctx).dumps({"b": browser})
                ui.navigate.to(f"/auth/presenter?ticket={ticket}")

            secret.on("keydown.enter", start)
            ui.button(_("Start presenting"), icon="co_present", on_click=start).classes(
                "w-full tap-target"
            ).mark("start-presenting")

    @app.get("/auth/presenter", include_in_schema=False)
    def become_presenter(request: Request, ticket: str = "") -> Response:
        try:
            payload = _tickets(ctx).loads(ticket[:1000], max_age=TICKET_SECONDS)
        except BadSignature:
            return RedirectResponse("/presenter", status_code=303)
        if not isinstance(payload, dict) or payload.get("b") != str(request.session.get("id")):
            return RedirectResponse("/presenter", status_code=303)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            PRESENTER_COOKIE,
            _passes(ctx).dumps({"presenter": True}),
            max_age=PRESENTER_HOURS * 3600,
            path="/",
            secure=ctx.settings.uses_tls,
            httponly=True,
            samesite="lax",
        )
        return response

    @app.get("/presenter/stop", include_in_schema=False)
    def stop_presenting() -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(PRESENTER_COOKIE, path="/", secure=ctx.settings.uses_tls)
        return response


def is_presenter(ctx: UIContext, cookie: str | None) -> bool:
    """Whether a request's presenter cookie is one this demo signed, and still good."""
    if not cookie or len(cookie) > 400:
        return False
    try:
        payload = _passes(ctx).loads(cookie, max_age=PRESENTER_HOURS * 3600)
    except BadSignature:
        return False
    return isinstance(payload, dict) and payload.get("presenter") is True


def _tickets(ctx: UIContext) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(ctx.settings.storage_secret, salt="goalpost.presenter-ticket")


def _passes(ctx: UIContext) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(ctx.settings.storage_secret, salt="goalpost.presenter")

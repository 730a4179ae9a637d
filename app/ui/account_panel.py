"""Settings' account cards: whether the address is confirmed, and changing the password."""

from __future__ import annotations

from nicegui import context, run, ui

from app.domain.errors import RuleError
from app.i18n import _, ngettext, said
from app.services.accounts import MAX_PASSWORD, Profile
from app.services.email_confirmation import send_confirmation_again
from app.services.passwords import change_password
from app.ui.account_pages import letterhead
from app.ui.browser_values import as_text
from app.ui.context import UIContext
from app.ui.fields import limit_length
from app.ui.frame import clear_errors, field_errors
from app.ui.web_session import SESSION_COOKIE


def draw_account_panel(ctx: UIContext, profile: Profile) -> None:
    ConfirmationCard(ctx, profile).draw()
    PasswordCard(ctx, profile).draw()


class ConfirmationCard:
    def __init__(self, ctx: UIContext, profile: Profile) -> None:
        self.ctx, self.profile = ctx, profile

    def draw(self) -> None:
        with ui.card().classes("w-full gap-2"):
            ui.label(_("E-mail: {email}").format(email=self.profile.email)).classes("break-all")
            if self.profile.is_confirmed:
                ui.label(_("Confirmed")).classes("text-sm").mark("email-confirmed")
                return
            with ui.row().classes("items-center gap-2"):
                ui.label(_("Not confirmed yet")).classes("text-sm").mark("email-not-confirmed")
                ui.label("·")
                self.button = (
                    ui.button(_("Send the link again"), on_click=self.send)
                    .props("flat")
                    .classes("tap-target")
                    .mark("send-confirmation")
                )

    async def send(self) -> None:
        self.button.props("loading")
        try:
            sent = await run.io_bound(
                lambda: send_confirmation_again(
                    self.ctx.engine,
                    person_id=self.profile.person_id,
                    now=self.ctx.clock.now(),
                    letterhead=letterhead(self.ctx),
                )
            )
        finally:
            self.button.props(remove="loading")
        if sent:
            sent_to = _("Sent to {email}: the link works for 7 days.")
            ui.notify(sent_to.format(email=self.profile.email), type="positive")
        else:
            ui.notify(_("A link went out a minute ago or less; look for it first."), type="info")


class PasswordCard:
    def __init__(self, ctx: UIContext, profile: Profile) -> None:
        self.ctx, self.profile = ctx, profile
        # The browser's own session stays signed in; the page's request carries its cookie.
        self.token = context.client.request.cookies.get(SESSION_COOKIE)

    def draw(self) -> None:
        with ui.card().classes("w-full gap-3"):
            ui.label(_("Change password")).classes("text-lg font-medium")
            self.current = self._field(_("Current password"), "current-password", "current")
            self.new = self._field(_("New password"), "new-password", "new")
            self.fields = {"current": self.current, "password": self.new}
            self.button = (
                ui.button(_("Change password"), icon="key", on_click=self.submit)
                .classes("tap-target self-start")
                .mark("change-password")
            )

    def _field(self, label: str, marker: str, autocomplete: str) -> ui.input:
        field = limit_length(
            ui.input(label, password=True, password_toggle_button=True).props(
                f"outlined autocomplete={autocomplete}-password"
            ),
            MAX_PASSWORD,
        )
        return field.classes("w-full").mark(marker)

    async def submit(self) -> None:
        clear_errors(self.fields)
        self.button.props("loading")
        try:
            ended = await run.io_bound(
                lambda: change_password(
                    self.ctx.engine,
                    person_id=self.profile.person_id,
                    current=as_text(self.current.value, most=MAX_PASSWORD),
                    new=as_text(self.new.value, most=MAX_PASSWORD),
                    keep_token=self.token,
                )
            )
        except RuleError as error:
            # Both fields are "password" to the length check: the new one is what it means.
            errors = [(e.field, said(e)) for e in error.errors]
            unplaced = field_errors(self.fields, errors)
            if unplaced:
                ui.notify(" ".join(unplaced), type="warning")
            return
        finally:
            self.button.props(remove="loading")
        self.current.value, self.new.value = "", ""
        ui.notify(password_changed(ended or 0), type="positive")


def password_changed(ended: int) -> str:
    """What changing the password did, `ended` the other sessions it signed out."""
    if not ended:
        return _("Password changed. You stay signed in here; no other device was signed out.")
    return ngettext(
        "Password changed. You stay signed in here; {count} other session was signed out.",
        "Password changed. You stay signed in here; {count} other sessions were signed out.",
        ended,
    )

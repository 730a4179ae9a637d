"""Sign up and sign in; the session itself is started over HTTP (app/ui/web_session.py)."""

from __future__ import annotations

from nicegui import context, run, ui

from app.domain.errors import RuleError
from app.i18n import _, current, said
from app.services.accounts import MAX_PASSWORD, sign_in, sign_up
from app.services.people import DISPLAY_NAME_MAX, EMAIL_MAX, normalised_email
from app.ui.account_pages import account_card, draw_languages, letterhead
from app.ui.browser_values import as_text
from app.ui.context import UIContext
from app.ui.fields import limit_length
from app.ui.frame import clear_errors, field_errors
from app.ui.web_session import DEVICE_COOKIE, device_nonce, issue_ticket

BROWSER_ZONE = "Intl.DateTimeFormat().resolvedOptions().timeZone"


def register(ctx: UIContext) -> None:
    @ui.page("/signup")
    def signup_page() -> None:
        SignInForm(ctx, signing_up=True).draw()

    @ui.page("/signin")
    def signin_page(expired: str = "", reset: str = "") -> None:
        form = SignInForm(ctx, signing_up=False)
        form.draw()
        if expired:
            form.message.text = _("That took a little long; sign in again.")
        if reset:  # from /reset: every session ended with the old password
            form.notice.text = _(
                "Your password is changed and you were signed out everywhere. "
                "Sign in with the new one."
            )


class SignInForm:
    def __init__(self, ctx: UIContext, *, signing_up: bool) -> None:
        self.ctx, self.signing_up = ctx, signing_up

    def draw(self) -> None:
        title = _("Create your account") if self.signing_up else _("Welcome back")
        with account_card(self.ctx, title):
            self.name = None
            if self.signing_up:
                self.name = limit_length(
                    ui.input(_("Your name")).props("autocomplete=name outlined"), DISPLAY_NAME_MAX
                )
                self.name.classes("w-full").mark("name")
            self.email = limit_length(
                ui.input(_("Email")).props("type=email autocomplete=email outlined"), EMAIL_MAX
            )
            self.email.classes("w-full").mark("email")
            autocomplete = "new-password" if self.signing_up else "current-password"
            self.password = limit_length(
                ui.input(_("Password"), password=True, password_toggle_button=True).props(
                    f"outlined autocomplete={autocomplete}"
                ),
                MAX_PASSWORD,
            )
            self.password.classes("w-full").mark("password")
            self.fields = {"email": self.email, "password": self.password}
            if self.name is not None:
                self.fields["display_name"] = self.name
            self.notice = ui.label().mark("notice")
            self.message = ui.label().classes("text-negative").mark("form-error")
            self.password.on("keydown.enter", self.submit)
            self.button = (
                ui.button(_("Sign up") if self.signing_up else _("Sign in"), on_click=self.submit)
                .classes("w-full tap-target")
                .mark("submit")
            )
            if self.signing_up:
                ui.link(_("I already have an account"), "/signin").mark("to-signin")
            else:
                ui.link(_("Forgot password?"), "/forgot").mark("to-forgot")
                ui.link(_("New here? Create an account"), "/signup").mark("to-signup")
            draw_languages("/signup" if self.signing_up else "/signin")

    async def submit(self) -> None:
        clear_errors(self.fields)
        self.message.text = ""
        self.button.props("loading")
        try:
            signed = await (self._sign_up() if self.signing_up else self._sign_in())
        except RuleError as error:
            unplaced = field_errors(self.fields, [(e.field, said(e)) for e in error.errors])
            self.message.text = " ".join(unplaced)
            return
        finally:
            self.button.props(remove="loading")
        if signed is None:
            return
        person_id, email = signed
        ticket = issue_ticket(
            self.ctx,
            person_id=person_id,
            email=email,
            browser_id=str(context.client.request.session.get("id")),
            next="/new" if self.signing_up else "/",
        )
        ui.navigate.to(f"/auth/session?ticket={ticket}")

    async def _sign_in(self) -> tuple[int, str] | None:
        email = normalised_email(as_text(self.email.value, most=EMAIL_MAX))
        password = as_text(self.password.value, most=MAX_PASSWORD)
        request = context.client.request
        client = request.client.host if request.client else ""
        device = device_nonce(self.ctx, request.cookies.get(DEVICE_COOKIE), email)
        person_id = await run.io_bound(
            lambda: sign_in(
                self.ctx.engine,
                email=email,
                password=password,
                now=self.ctx.clock.now(),
                client=client,
                device=device,
            )
        )
        return None if person_id is None else (person_id, email)

    async def _sign_up(self) -> tuple[int, str] | None:
        email = normalised_email(as_text(self.email.value, most=EMAIL_MAX))
        try:
            zone = await ui.run_javascript(BROWSER_ZONE, timeout=5)
        except TimeoutError:  # a slow phone: start in UTC, changeable in Settings
            zone = None
        language = current().language  # the browser's, as this page speaks it (not in a thread)
        person_id = await run.io_bound(
            lambda: sign_up(
                self.ctx.engine,
                email=email,
                password=as_text(self.password.value, most=MAX_PASSWORD),
                timezone="UTC" if zone is None else zone,
                now=self.ctx.clock.now(),
                display_name=as_text(self.name.value if self.name else "", most=DISPLAY_NAME_MAX),
                letterhead=letterhead(self.ctx),  # the mail that confirms the address
                language=language,
            )
        )
        return None if person_id is None else (person_id, email)

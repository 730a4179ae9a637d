"""Pages reached from a mail or from sign-in: "Forgot password?", a reset link, a
confirmation link. None needs a signed-in browser; each link's token is checked in a service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import context, run, ui
from nicegui.storage import Storage

from app.domain.errors import RuleError
from app.domain.languages import LANGUAGES
from app.i18n import N_, _, current, said
from app.mail.message import Letterhead
from app.services.accounts import MAX_PASSWORD
from app.services.email_confirmation import confirm_email
from app.services.passwords import (
    ResetThrottle,
    request_password_reset,
    reset_link_works,
    reset_password,
)
from app.services.people import EMAIL_MAX, normalised_email
from app.ui.browser_values import as_text
from app.ui.context import UIContext
from app.ui.fields import limit_length
from app.ui.frame import apply_theme, brand_logo, clear_errors, field_errors

# The same answer whether or not an account uses the address: it tells a stranger nothing.
RESET_ANSWER = N_("If an account uses that address, we've sent a link. It works for an hour.")
LINK_REFUSED = N_("This link has expired or was used already. Ask for a new one.")


def letterhead(ctx: UIContext) -> Letterhead:
    """The brand's name and PUBLIC_URL, for the mails a page queues."""
    return Letterhead(ctx.brand.name, ctx.settings.public_base_url)


def register(ctx: UIContext) -> None:
    throttle = ResetThrottle(
        ctx.settings.nicegui_redis_url or "memory://", scope=Storage.redis_key_prefix
    )

    @ui.page("/forgot")
    def forgot_page() -> None:
        with account_card(ctx, _("Forgot your password?")):
            ForgotForm(ctx, throttle).draw()

    @ui.page("/reset")
    async def reset_page(token: str = "") -> None:
        works = await run.io_bound(
            lambda: reset_link_works(ctx.engine, token=token, now=ctx.clock.now())
        )
        with account_card(ctx, _("Choose a new password")):
            if works:
                ResetForm(ctx, token).draw()
            else:
                draw_refused_link()

    @ui.page("/confirm")
    async def confirm_page(token: str = "") -> None:
        confirmed = await run.io_bound(
            lambda: confirm_email(ctx.engine, token=token, now=ctx.clock.now())
        )
        with account_card(ctx, _("Your e-mail address")):
            if confirmed:
                ui.label(_("Your address is confirmed. Thank you!")).mark("confirmed")
                ui.link(_("Go to {brand}").format(brand=ctx.brand.name), "/").mark("home")
                return
            ui.label(
                _(
                    "This link has expired or was used already. Sign in and ask for a new one "
                    "in Settings."
                )
            ).mark("link-refused")
            ui.link(_("Go to Settings"), "/settings").mark("to-settings")


@contextmanager
def account_card(ctx: UIContext, title: str) -> Iterator[None]:
    """The sign-in page's look: the brand on top, one narrow column."""
    brand = ctx.brand
    apply_theme(brand)
    # A link's token must not leave in a Referer (to a logo on another host, say).
    ui.add_head_html('<meta name="referrer" content="no-referrer">')
    ui.page_title(brand.title(title))
    with ui.column().classes("w-full max-w-sm mx-auto p-4 gap-3 mt-8"):
        with ui.link(target="/").classes("flex items-center gap-2 no-underline text-inherit"):
            brand_logo(brand, large=True)
            ui.label(brand.name).classes("text-3xl font-bold").mark("brand-name")
        ui.label(title).classes("text-xl").props("role=heading aria-level=1")
        yield


def draw_languages(back: str) -> None:
    """The other languages, each named in its own words, for someone not signed in (Settings
    offers them once signed in); the choice is this browser's, and returns to `back`."""
    with ui.row().classes("gap-3").mark("languages"):
        for language, name in LANGUAGES.items():
            if language != current().language:
                link = ui.link(name, f"/language/{language}?next={back}")
                link.props(f"lang={language}").mark(f"language-{language}")


def draw_refused_link() -> None:
    ui.label(_(LINK_REFUSED)).mark("link-refused")
    ui.link(_("Send me a new link"), "/forgot").mark("ask-again")


class ForgotForm:
    def __init__(self, ctx: UIContext, throttle: ResetThrottle) -> None:
        self.ctx, self.throttle = ctx, throttle

    def draw(self) -> None:
        ui.label(_("Enter the address you signed up with; we'll mail you a link."))
        self.email = limit_length(
            ui.input(_("Email")).props("type=email autocomplete=email outlined"), EMAIL_MAX
        )
        self.email.classes("w-full").mark("email")
        self.email.on("keydown.enter", self.submit)
        self.button = (
            ui.button(_("Send the link"), on_click=self.submit)
            .classes("w-full tap-target")
            .mark("submit")
        )
        self.answer = ui.label().mark("answer")
        self.answer.props["aria-live"] = "polite"
        ui.link(_("Back to sign in"), "/signin").mark("to-signin")
        draw_languages("/forgot")

    async def submit(self) -> None:
        clear_errors({"email": self.email})
        try:
            email = normalised_email(as_text(self.email.value, most=EMAIL_MAX))
        except RuleError as error:
            field_errors({"email": self.email}, [(e.field, said(e)) for e in error.errors])
            return
        request = context.client.request
        client = request.client.host if request.client else ""
        self.button.props("loading")
        try:
            # Over the limit, nothing is sent, and the answer is still the same one.
            if self.throttle.allow(email=email, client=client):
                await run.io_bound(
                    lambda: request_password_reset(
                        self.ctx.engine,
                        email=email,
                        now=self.ctx.clock.now(),
                        letterhead=letterhead(self.ctx),
                    )
                )
        finally:
            self.button.props(remove="loading")
        self.answer.text = _(RESET_ANSWER)


class ResetForm:
    def __init__(self, ctx: UIContext, token: str) -> None:
        self.ctx, self.token = ctx, token

    def draw(self) -> None:
        self.password = self._password_field(_("New password"), "new-password")
        self.repeat = self._password_field(_("New password again"), "repeat-password")
        self.repeat.on("keydown.enter", self.submit)
        self.fields = {"password": self.password, "repeat": self.repeat}
        self.message = ui.column().classes("gap-1")
        self.button = (
            ui.button(_("Set the new password"), on_click=self.submit)
            .classes("w-full tap-target")
            .mark("submit")
        )

    def _password_field(self, label: str, marker: str) -> ui.input:
        field = limit_length(
            ui.input(label, password=True, password_toggle_button=True).props(
                "outlined autocomplete=new-password"
            ),
            MAX_PASSWORD,
        )
        return field.classes("w-full").mark(marker)

    async def submit(self) -> None:
        clear_errors(self.fields)
        password = as_text(self.password.value, most=MAX_PASSWORD)
        if password != as_text(self.repeat.value, most=MAX_PASSWORD):
            differ = _("The two differ: type the same password twice.")
            field_errors(self.fields, [("repeat", differ)])
            return
        try:
            await run.io_bound(
                lambda: reset_password(
                    self.ctx.engine, token=self.token, password=password, now=self.ctx.clock.now()
                )
            )
        except RuleError as error:
            if any(e.field == "token" for e in error.errors):
                self.message.clear()
                with self.message:
                    draw_refused_link()
                return
            field_errors(self.fields, [(e.field, said(e)) for e in error.errors])
            return
        ui.navigate.to("/signin?reset=1")

"""Sign up, sign in, sign out."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.errors import RuleError
from app.services.accounts import sign_in, sign_up
from app.ui.context import UIContext
from app.ui.frame import apply_theme, clear_errors, field_errors
from app.ui.session import forget, remember

BROWSER_ZONE = "Intl.DateTimeFormat().resolvedOptions().timeZone"


def register(ctx: UIContext) -> None:
    @ui.page("/signup")
    def signup_page() -> None:
        draw_form(ctx, signing_up=True)

    @ui.page("/signin")
    def signin_page() -> None:
        draw_form(ctx, signing_up=False)

    @ui.page("/signout")
    def signout_page() -> None:
        forget()
        ui.navigate.to("/signin")


def draw_form(ctx: UIContext, *, signing_up: bool) -> None:
    apply_theme()
    title = "Create your account" if signing_up else "Welcome back"
    ui.page_title(f"{title} · Goalpost")
    with ui.column().classes("w-full max-w-sm mx-auto p-4 gap-3 mt-8"):
        with ui.row().classes("items-center gap-2"):
            ui.icon("flag").classes("text-4xl text-primary")
            ui.label("Goalpost").classes("text-3xl font-bold")
        ui.label(title).classes("text-xl").props("role=heading aria-level=1")
        name = (
            ui.input("Your name").props("autocomplete=name outlined").classes("w-full").mark("name")
            if signing_up
            else None
        )
        email = (
            ui.input("Email")
            .props("type=email autocomplete=email outlined")
            .classes("w-full")
            .mark("email")
        )
        password = (
            ui.input("Password", password=True, password_toggle_button=True)
            .props(f"outlined autocomplete={'new-password' if signing_up else 'current-password'}")
            .classes("w-full")
            .mark("password")
        )
        fields = {"email": email, "password": password, "timezone": email}
        message = ui.label().classes("text-negative").mark("form-error")

        async def submit() -> None:
            clear_errors(fields)
            message.text = ""
            button.props("loading")
            try:
                if signing_up:
                    zone = await ui.run_javascript(BROWSER_ZONE, timeout=5) or "UTC"
                    person_id = await run.io_bound(
                        lambda: sign_up(
                            ctx.engine,
                            email=email.value,
                            password=password.value,
                            timezone=zone,
                            now=ctx.clock.now(),
                            display_name=name.value if name else "",
                        )
                    )
                else:
                    person_id = await run.io_bound(
                        lambda: sign_in(
                            ctx.engine,
                            email=email.value,
                            password=password.value,
                            now=ctx.clock.now(),
                        )
                    )
            except RuleError as error:
                unplaced = field_errors(fields, [(e.field, e.message) for e in error.errors])
                message.text = " ".join(unplaced)
                return
            finally:
                button.props(remove="loading")
            if person_id is not None:
                remember(person_id)
                ui.navigate.to("/new" if signing_up else "/")

        password.on("keydown.enter", submit)
        button = (
            ui.button("Sign up" if signing_up else "Sign in", on_click=submit)
            .classes("w-full tap-target")
            .mark("submit")
        )
        if signing_up:
            ui.link("I already have an account", "/signin").mark("to-signin")
        else:
            ui.link("New here? Create an account", "/signup").mark("to-signup")

"""Settings → "Delete my account": what happens, the password to confirm, then gone for good."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import run, ui

from app.domain.errors import RuleError
from app.i18n import _, current, said
from app.services.accounts import MAX_PASSWORD
from app.services.leaving import delete_account
from app.ui.context import UIContext
from app.ui.frame import clear_errors, field_errors

LEFT = "/account/deleted"  # clears the cookies, then the landing page says the account is gone
DANGER = "border: 1px solid var(--q-negative)"


class LeavingSection:
    """The section at the bottom of Settings and the dialog it opens."""

    def __init__(
        self, ctx: UIContext, person_id: int, download: Callable[[], Awaitable[None]]
    ) -> None:
        self.ctx, self.person_id, self.download = ctx, person_id, download
        self.busy = False

    def draw(self) -> None:
        with ui.card().classes("w-full gap-2").style(DANGER).mark("delete-account-section"):
            title = ui.label(_("Delete my account")).classes("text-lg font-medium text-negative")
            title.props("role=heading aria-level=2")
            ui.label(
                _(
                    "Ends your challenges, takes you out of the loyalty programme and erases "
                    "everything kept about you here. It cannot be undone."
                )
            )
            ui.button(
                _("Delete my account"), icon="delete_forever", color="negative", on_click=self.open
            ).props("outline").classes("tap-target self-start").mark("delete-account")

    async def open(self) -> None:
        brand = self.ctx.brand
        with ui.dialog() as self.dialog, ui.card().classes("gap-3 w-full max-w-sm"):
            title = ui.label(_("Delete your account for good?")).classes("text-lg font-medium")
            title.props("role=heading aria-level=2")
            with ui.column().classes("gap-1").mark("delete-account-what-happens"):
                for line in (
                    _(
                        "Your challenges end and you are un-enrolled from {brand}'s "
                        "loyalty programme."
                    ).format(brand=brand.name),
                    _("Your {points}, logs, streaks and reward codes are gone.").format(
                        points=brand.points_word(current())
                    ),
                    _("You are signed out on every device."),
                    _("This cannot be undone."),
                ):
                    ui.label(line).classes("break-words")
            ui.button(_("Download my data first"), icon="download", on_click=self.download).props(
                "outline"
            ).classes("tap-target self-start").mark("delete-account-download")
            self.password = (
                ui.input(_("Your password"), password=True)
                .props(f"outlined autocomplete=current-password maxlength={MAX_PASSWORD + 1}")
                .classes("w-full")
                .mark("delete-account-password")
            )
            self.password.on("keydown.enter", self.confirm)
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(_("Keep my account"), on_click=self.dialog.close).props("flat").mark(
                    "delete-account-cancel"
                )
                self.button = ui.button(
                    _("Delete my account for good"), color="negative", on_click=self.confirm
                ).mark("delete-account-confirm")
        self.dialog.props(f"aria-labelledby={title.html_id}")  # a dialog needs a name (axe)
        self.dialog.open()
        await self.dialog
        if not self.dialog.is_deleted:  # the page may have gone while it was open
            self.dialog.delete()

    async def confirm(self) -> None:
        if self.busy:  # a second click or Enter while the first is on its way
            return
        self.busy = True
        fields = {"password": self.password}
        clear_errors(fields)
        self.button.props("loading")
        password = self.password.value or ""
        try:
            await run.io_bound(
                lambda: delete_account(
                    self.ctx.engine,
                    person_id=self.person_id,
                    password=password,
                    now=self.ctx.clock.now(),
                )
            )
        except RuleError as error:
            self.busy = False
            unplaced = field_errors(fields, [(e.field, said(e)) for e in error.errors])
            if unplaced:
                ui.notify(" ".join(unplaced), type="warning")
            return
        except Exception:
            self.busy = False
            raise
        finally:
            self.button.props(remove="loading")
        ui.navigate.to(LEFT)

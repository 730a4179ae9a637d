"""/unsubscribe: the link in every reminder mail; works without signing in. Opening it asks
(a mail scanner that follows links must not unsubscribe anyone); the button does it."""

from __future__ import annotations

from nicegui import run, ui

from app.i18n import _
from app.mail.reminders import unsubscribed_person
from app.services.reminders import unsubscribe
from app.ui.account_pages import account_card
from app.ui.context import UIContext


def register(ctx: UIContext) -> None:
    @ui.page("/unsubscribe")
    def unsubscribe_page(token: str = "") -> None:
        public_id = unsubscribed_person(ctx.settings.storage_secret, token)
        with account_card(ctx, _("Reminder mail")):
            if public_id is None:
                ui.label(
                    _("This link is not one of ours. Turn reminder mail off in Settings instead.")
                ).mark("link-refused")
                ui.link(_("Go to Settings"), "/settings")
                return
            ui.label(_("Stop all reminder mail? Reminders still show in the app, on Today.")).mark(
                "unsubscribe-question"
            )

            async def stop() -> None:
                button.disable()
                done = await run.io_bound(lambda: unsubscribe(ctx.engine, public_id=public_id))
                button.visible = False
                answer.text = (
                    _("Done: no more reminder mail. You can turn it back on in Settings.")
                    if done
                    else _("That account is gone, so no mail will come.")
                )

            button = ui.button(_("Stop reminder mail"), on_click=stop).classes("tap-target")
            button.mark("unsubscribe")
            answer = ui.label().mark("unsubscribed").props("role=status")

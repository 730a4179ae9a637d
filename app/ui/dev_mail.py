"""/_dev/mail: in development with no SMTP server, the mail the app would have sent.

Registered only with ENVIRONMENT=development (app/main.py); elsewhere the address is unknown.
"""

from __future__ import annotations

import re

from nicegui import ui

from app.mail.senders import LogSender
from app.ui.context import UIContext
from app.ui.frame import apply_theme

LINK = re.compile(r"https?://\S+")


def register(ctx: UIContext, sender: LogSender) -> None:
    @ui.page("/_dev/mail")
    def dev_mail_page() -> None:
        apply_theme(ctx.brand)
        ui.page_title(ctx.brand.title("Mail (development)"))
        with ui.column().classes("w-full max-w-3xl mx-auto p-3 gap-3"):
            ui.label("Mail (development)").classes("text-2xl font-bold").props(
                "role=heading aria-level=1"
            )
            ui.label(
                f"No SMTP_HOST is set: the latest {sender.latest.maxlen} mails, newest first, "
                "are kept here and printed to the log."
            ).classes("text-sm")
            if not sender.latest:
                ui.label("No mail yet.").mark("no-mail")
            for sent_at, mail in list(sender.latest):
                with ui.card().classes("w-full gap-1").mark("mail"):
                    ui.label(mail.subject).classes("font-bold").mark("mail-subject")
                    ui.label(f"To {mail.to} · {sent_at:%Y-%m-%d %H:%M:%S} UTC").classes(
                        "text-sm text-gray-600"
                    )
                    ui.label(mail.text).classes("whitespace-pre-line break-words")
                    for url in LINK.findall(mail.text):
                        ui.link(url, url).classes("break-all").mark("mail-link")

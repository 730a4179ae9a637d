"""Who hands a mail on: an SMTP server (smtplib, in a thread), or the log in development."""

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate
from typing import Literal, Protocol

from pydantic import SecretStr

from app.config import Settings
from app.mail.message import Mail

log = logging.getLogger("goalpost.mail")
TIMEOUT_S = 20.0
KEPT_IN_MEMORY = 50


class MailRefused(Exception):
    """The server refused this mail for good (a 5xx answer): trying again would not help."""


class MailSender(Protocol):
    def send(self, mail: Mail, *, key: str) -> None:
        """Blocking; raises MailRefused for good, any other error to try again later."""


def sender_for(settings: Settings) -> MailSender | None:
    """SMTP when SMTP_HOST is set; otherwise the log in development and test, else none."""
    if settings.smtp_host:
        return SmtpSender(
            host=settings.smtp_host,
            port=settings.smtp_port,
            tls=settings.mail_tls,
            user=settings.smtp_user,
            password=settings.smtp_password,
            from_address=settings.mail_from,
        )
    if settings.environment in ("development", "test"):
        return LogSender(settings.mail_from)
    return None  # production and demo with no SMTP: mail waits, the operator page says so


@dataclass
class SmtpSender:
    host: str
    port: int
    tls: Literal["starttls", "ssl", "none"]
    user: str | None
    password: SecretStr | None
    from_address: str

    def send(self, mail: Mail, *, key: str) -> None:
        message = as_email(mail, from_address=self.from_address, key=key)
        try:
            with self._connect() as smtp:
                if self.user:
                    password = self.password.get_secret_value() if self.password else ""
                    smtp.login(self.user, password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as refused:
            raise MailRefused(f"the server refused the address: {_codes(refused)}") from None
        except smtplib.SMTPResponseException as answer:
            if answer.smtp_code >= 500 and not isinstance(answer, smtplib.SMTPAuthenticationError):
                raise MailRefused(f"the server refused the mail: {answer.smtp_code}") from None
            raise

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.tls == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_S, context=context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_S)
        try:
            if self.tls == "starttls":
                smtp.starttls(context=context)
        except BaseException:
            smtp.close()
            raise
        return smtp


class LogSender:
    """Development: each mail printed to the log and the latest kept for /_dev/mail."""

    def __init__(self, from_address: str) -> None:
        self.from_address = from_address
        self.latest: deque[tuple[datetime, Mail]] = deque(maxlen=KEPT_IN_MEMORY)

    def send(self, mail: Mail, *, key: str) -> None:
        self.latest.appendleft((datetime.now(UTC), mail))
        log.info("mail to %s: %s\n%s", mail.to, mail.subject, mail.text)


def as_email(mail: Mail, *, from_address: str, key: str) -> EmailMessage:
    """Plain text with an HTML alternative; the Message-ID comes from the idempotency key, so a
    mail sent again after a crash can be recognised as the same one."""
    message = EmailMessage()
    message["From"] = from_address
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    domain = from_address.rpartition("@")[2].rstrip(">").strip() or "localhost"
    message["Message-ID"] = f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


def _codes(refused: smtplib.SMTPRecipientsRefused) -> str:
    return ", ".join(str(code) for code, _ in refused.recipients.values())

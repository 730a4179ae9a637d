"""The mail relay: claim due mails, hand each to the sender, record what happened.

A mail is sent at most once per claim and marked sent in the same breath; a relay that dies
between claiming and sending loses its lease, and the next relay sends it. SMTP has no
idempotency key: a relay killed after the server took a mail but before it was marked sent
sends it again, with the same Message-ID (app/mail/senders.py), so mail clients show one.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from app.mail.outbox import MAX_ATTEMPTS, ClaimedMail, claim_mail, mark_failed, mark_sent
from app.mail.senders import MailRefused, MailSender
from app.sync.backoff import out_of_attempts, retry_delay

log = logging.getLogger("goalpost.mail")
BACKOFF_BASE_S = 15.0  # 15 s, 30 s, 1 min, … between attempts, with jitter
BACKOFF_CAP_S = 900.0


@dataclass
class MailReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0


async def send_mail(
    engine: Engine,
    sender: MailSender,
    *,
    now: Callable[[], datetime],
    lease_seconds: float = 30.0,
    owner: str | None = None,
) -> MailReport:
    """Send every mail that is due, one claim at a time until none is left."""
    owner = owner or uuid.uuid4().hex[:12]
    report = MailReport()
    while True:
        claimed = await asyncio.to_thread(
            claim_mail, engine, owner=owner, now=now(), lease=timedelta(seconds=lease_seconds)
        )
        if not claimed:
            return report
        for item in claimed:
            await asyncio.to_thread(_send_one, engine, sender, item, owner, now, report)


def _send_one(
    engine: Engine,
    sender: MailSender,
    item: ClaimedMail,
    owner: str,
    now: Callable[[], datetime],
    report: MailReport,
) -> None:
    try:
        sender.send(item.mail, key=item.key)
    except MailRefused as refused:
        mark_failed(engine, item, owner=owner, error=str(refused), retry_at=None)
        report.dead += 1
        log.warning("mail %s is dead: %s", item.id, refused)
        return
    except Exception as error:
        # The text of an SMTP error names the server and its answer, never our password.
        reason = f"{type(error).__name__}: {error}"
        failures = item.attempts + 1
        if out_of_attempts(failures, limit=MAX_ATTEMPTS):
            mark_failed(engine, item, owner=owner, error=reason, retry_at=None)
            report.dead += 1
            log.warning("mail %s is dead after %s attempts: %s", item.id, failures, reason)
            return
        delay = retry_delay(failures, rand=random.random, base=BACKOFF_BASE_S, cap=BACKOFF_CAP_S)
        retry_at = now() + timedelta(seconds=max(delay, 1.0))
        mark_failed(engine, item, owner=owner, error=reason, retry_at=retry_at)
        report.retried += 1
        log.info("mail %s failed (%s); trying again at %s", item.id, reason, retry_at)
        return
    mark_sent(engine, item, owner=owner, now=now())
    report.sent += 1

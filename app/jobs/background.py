"""The app's background jobs: drain the outbox, close due periods, reconcile with the upstream."""

from __future__ import annotations

import asyncio

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.jobs.scheduler import Job
from app.mail.relay import send_mail
from app.mail.senders import MailSender
from app.services.closing import close_due_periods
from app.sync.client import CapillaryClient
from app.sync.reconcile import reconcile
from app.sync.relay import drain


def background_jobs(
    *,
    engine: Engine,
    clock: Clock,
    client: CapillaryClient | None,
    settings: Settings,
    mail_sender: MailSender | None = None,
) -> list[Job]:
    """Closing runs whatever the upstream; sending and reconciling only when there is one.
    Closing and reconciling run on one instance at a time (the leader's)."""

    async def close_periods() -> int:
        return await asyncio.to_thread(close_due_periods, engine, now=clock.now())

    jobs = [Job("close_periods", settings.jobs_close_periods_seconds, close_periods)]
    if mail_sender is not None:
        jobs.append(_mail_job(engine, clock, settings, mail_sender))
    if client is None:
        return jobs

    async def drain_outbox() -> object:
        return await drain(
            engine, client, now=clock.now, lease_seconds=settings.outbox_lease_seconds
        )

    async def reconcile_upstream() -> object:
        return await reconcile(engine, client, now=clock.now)

    return [
        # Every instance drains: its claims keep relays apart (FOR UPDATE SKIP LOCKED).
        Job("drain_outbox", settings.jobs_drain_seconds, drain_outbox, everywhere=True),
        *jobs,
        Job("reconcile", settings.jobs_reconcile_seconds, reconcile_upstream),
    ]


def _mail_job(engine: Engine, clock: Clock, settings: Settings, sender: MailSender) -> Job:
    async def send_due_mail() -> object:
        return await send_mail(
            engine, sender, now=clock.now, lease_seconds=settings.outbox_lease_seconds
        )

    # Every instance sends: its claims keep relays apart (FOR UPDATE SKIP LOCKED).
    return Job("send_mail", settings.jobs_mail_seconds, send_due_mail, everywhere=True)

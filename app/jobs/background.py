"""The app's background jobs: drain the outbox, close due periods, reconcile with the upstream."""

from __future__ import annotations

import asyncio

from sqlalchemy.engine import Engine

from app.clock import Clock
from app.config import Settings
from app.jobs.scheduler import Job
from app.mail.message import Letterhead
from app.mail.relay import send_mail
from app.mail.reminders import reminder_mailer
from app.mail.senders import MailSender
from app.services.closing import close_due_periods
from app.services.reminders import send_due_reminders
from app.sync.client import CapillaryClient
from app.sync.reconcile import reconcile
from app.sync.relay import drain
from app.sync.relay_loop import RelayLoop


def background_jobs(
    *,
    engine: Engine,
    clock: Clock,
    client: CapillaryClient | None,
    settings: Settings,
    mail_sender: MailSender | None = None,
    relay: RelayLoop | None = None,
) -> list[Job]:
    """Closing runs whatever the upstream; sending and reconciling only when there is one.
    Closing and reconciling run on one instance at a time (the leader's). With a `relay`,
    the outbox drains on its own thread and loop (app/sync/relay_loop.py), else on this one."""

    async def close_periods() -> int:
        return await asyncio.to_thread(close_due_periods, engine, now=clock.now())

    mailer = reminder_mailer(
        Letterhead(settings.brand().name, settings.public_base_url), settings.storage_secret
    )

    async def remind() -> object:
        return await asyncio.to_thread(send_due_reminders, engine, now=clock.now(), mail=mailer)

    jobs = [
        Job("close_periods", settings.jobs_close_periods_seconds, close_periods),
        # On the leader; a second sender would find the period's reminder_sent row and stop.
        Job("send_reminders", settings.jobs_reminders_seconds, remind),
    ]
    if mail_sender is not None:
        jobs.append(_mail_job(engine, clock, settings, mail_sender))
    if client is None:
        return jobs

    async def drain_outbox() -> object:
        lease = settings.outbox_lease_seconds
        if relay is not None:
            return await relay.drain(engine, now=clock.now, lease_seconds=lease)
        return await drain(engine, client, now=clock.now, lease_seconds=lease)

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

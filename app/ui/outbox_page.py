"""For the brand's operators: what is waiting to go upstream, what failed and why, job health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nicegui import ui

from app.mail.outbox import pending_mail
from app.services.accounts import Profile, read_profile
from app.services.dashboard import read_balance
from app.services.sync_status import STATUSES, OutboxRow, outbox_counts, read_outbox
from app.ui.context import UIContext
from app.ui.frame import frame
from app.ui.session import load_operator

PAGE_SIZE = 50
SHOWN_BY_DEFAULT = "dead"


@dataclass(frozen=True)
class OutboxView:
    profile: Profile
    balance: int
    counts: dict[str, int]
    rows: list[OutboxRow]
    leaders: dict[str, str | None]  # job → the instance leading it
    mail_pending: int = 0


def register(ctx: UIContext) -> None:
    @ui.page("/operator/outbox")
    async def outbox_page(status: str = SHOWN_BY_DEFAULT) -> None:
        wanted = status if status in STATUSES else None

        def load(person_id: int) -> OutboxView:
            return OutboxView(
                read_profile(ctx.engine, person_id=person_id),
                read_balance(ctx.engine, person_id=person_id),
                outbox_counts(ctx.engine),
                read_outbox(ctx.engine, status=wanted, limit=PAGE_SIZE),
                ctx.scheduler.leaders() if ctx.scheduler else {},
                pending_mail(ctx.engine),
            )

        signed_in = await load_operator(ctx, load)
        if signed_in is None:
            return
        view = signed_in[1]
        with frame(
            "Sync outbox", brand=ctx.brand, balance=view.balance, dark_mode=view.profile.dark_mode
        ):
            draw_upstream(ctx)
            draw_mail(ctx, view.mail_pending)
            draw_counts(view.counts, wanted)
            draw_rows(view.rows, wanted)
            draw_jobs(ctx, view.leaders)


def draw_upstream(ctx: UIContext) -> None:
    upstream = ctx.settings.upstream
    text = {
        "sandbox": "Sending to the local Capillary sandbox.",
        "capillary": "Sending to Capillary.",
        "off": "Upstream sync is off (UPSTREAM=off): items wait here until it is turned on.",
    }[upstream]
    ui.label(text).classes("text-sm").mark("upstream")


def draw_mail(ctx: UIContext, pending: int) -> None:
    settings = ctx.settings
    if settings.smtp_host:
        text = f"Mail goes out through {settings.smtp_host}:{settings.smtp_port}"
    elif settings.environment in ("development", "test"):
        text = "Mail is printed to the log (no SMTP_HOST)"
    else:
        text = "Mail is not sent: set SMTP_HOST (README, Mail)"
    ui.label(f"{text}; {pending:,} waiting.").classes("text-sm").mark("mail")


def draw_counts(counts: dict[str, int], wanted: str | None) -> None:
    with ui.row().classes("gap-2 flex-wrap").props('role=navigation aria-label="Filter by status"'):
        for status in (*STATUSES, None):
            name = status or "all"
            total = sum(counts.values()) if status is None else counts[status]
            chosen = status == wanted
            ui.link(f"{name} · {total:,}", f"/operator/outbox?status={name}").classes(
                "px-3 py-1 rounded-full border no-underline "
                + ("bg-primary text-white" if chosen else "text-primary")
            ).props(f'aria-current="{"page" if chosen else "false"}"').mark(f"count-{name}")


def draw_rows(rows: list[OutboxRow], wanted: str | None) -> None:
    if not rows:
        ui.label(f"Nothing {wanted or 'in the outbox'} right now.").classes("text-gray-600").mark(
            "outbox-empty"
        )
        return
    with ui.card().classes("w-full p-0 gap-0").props("role=list").mark("outbox"):
        for row in rows:
            with (
                ui.column()
                .classes("w-full gap-0 px-4 py-2 border-b")
                .props("role=listitem")
                .mark("outbox-row")
            ):
                with ui.row().classes("w-full justify-between no-wrap gap-2"):
                    ui.label(f"#{row.id} {row.kind}").classes("font-medium")
                    ui.label(row.status).classes(_status_colour(row.status))
                ui.label(_details(row)).classes("text-sm text-gray-600")
                if row.reason:
                    ui.label(row.reason).classes("text-sm break-words").mark("outbox-reason")
    if len(rows) == PAGE_SIZE:
        ui.label(f"Showing the newest {PAGE_SIZE}.").classes("text-sm text-gray-600")


def draw_jobs(ctx: UIContext, leaders: dict[str, str | None]) -> None:
    if ctx.scheduler is None:
        return
    ui.label("Background jobs").classes("text-lg font-medium").props("role=heading aria-level=2")
    here = ctx.settings.instance
    ui.label(f"This page comes from instance {here}; the runs counted are its own.").classes(
        "text-sm text-gray-600"
    )
    with ui.card().classes("w-full p-0 gap-0").mark("jobs"):
        for job in ctx.scheduler.jobs:
            health = ctx.scheduler.health[job.name]
            with ui.column().classes("w-full gap-0 px-4 py-2 border-b"):
                ui.label(f"{job.name} · every {job.every_seconds:g} s").classes("font-medium")
                ui.label(_who_runs(job.everywhere, leaders.get(job.name), here)).classes(
                    "text-sm"
                ).mark(f"leader-{job.name}")
                last = _when(health.last_finished_at) if health.last_finished_at else "not yet"
                ui.label(f"{health.runs} runs, {health.failures} failed, last {last}").classes(
                    "text-sm text-gray-600"
                )
                if health.last_error:
                    ui.label(health.last_error).classes("text-sm text-negative")


def _who_runs(everywhere: bool, leader: str | None, here: str) -> str:
    if everywhere:
        return "Runs on every instance"
    if leader is None:
        return "No leader yet: the first instance to run it takes the lead"
    return f"Led by {leader}" + (" (this instance)" if leader == here else "")


def _details(row: OutboxRow) -> str:
    parts = [f"challenge {row.challenge_id}" if row.challenge_id else row.stream]
    parts.append(f"{row.attempts} attempt{'s' if row.attempts != 1 else ''}")
    if row.status == "pending":
        parts.append(f"next {_when(row.next_attempt_at)}")
    if row.sent_at:
        parts.append(f"sent {_when(row.sent_at)}")
    return " · ".join(parts)


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


def _status_colour(status: str) -> str:
    return {"dead": "text-negative", "sent": "text-positive"}.get(status, "text-gray-600")

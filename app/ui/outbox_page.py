"""For the brand's operators: what is waiting to go upstream, what failed and why, job health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nicegui import ui

from app.i18n import N_, _, current, ngettext
from app.mail.outbox import pending_mail
from app.services.accounts import Profile, read_profile
from app.services.dashboard import read_balance
from app.services.sync_status import STATUSES, OutboxRow, outbox_counts, read_outbox
from app.ui.context import UIContext
from app.ui.frame import frame
from app.ui.session import load_operator

PAGE_SIZE = 50
SHOWN_BY_DEFAULT = "dead"
# The outbox's statuses (its data) in words, and what the list says when one has nothing.
STATUS_WORDS = {
    "pending": N_("pending"),
    "sent": N_("sent"),
    "dead": N_("dead"),
    "skipped": N_("skipped"),
    "cancelled": N_("cancelled"),
    "all": N_("all"),
}
NOTHING = {
    "pending": N_("Nothing pending right now."),
    "sent": N_("Nothing sent right now."),
    "dead": N_("Nothing dead right now."),
    "skipped": N_("Nothing skipped right now."),
    "cancelled": N_("Nothing cancelled right now."),
    None: N_("Nothing in the outbox right now."),
}


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
            _("Sync outbox"),
            brand=ctx.brand,
            balance=view.balance,
            dark_mode=view.profile.dark_mode,
        ):
            draw_upstream(ctx)
            draw_mail(ctx, view.mail_pending)
            draw_counts(view.counts, wanted)
            draw_rows(view.rows, wanted)
            draw_jobs(ctx, view.leaders)


def draw_upstream(ctx: UIContext) -> None:
    upstream = ctx.settings.upstream
    text = {
        "sandbox": N_("Sending to the local Capillary sandbox."),
        "capillary": N_("Sending to Capillary."),
        "off": N_("Upstream sync is off (UPSTREAM=off): items wait here until it is turned on."),
    }[upstream]
    ui.label(_(text)).classes("text-sm").mark("upstream")


def draw_mail(ctx: UIContext, pending: int) -> None:
    settings, waiting = ctx.settings, current().number(pending)
    if settings.smtp_host:
        text = _("Mail goes out through {server}; {waiting} waiting.").format(
            server=f"{settings.smtp_host}:{settings.smtp_port}", waiting=waiting
        )
    elif settings.environment in ("development", "test"):
        text = _("Mail is printed to the log (no SMTP_HOST); {waiting} waiting.").format(
            waiting=waiting
        )
    else:
        text = _("Mail is not sent: set SMTP_HOST (README, Mail); {waiting} waiting.").format(
            waiting=waiting
        )
    ui.label(text).classes("text-sm").mark("mail")


def draw_counts(counts: dict[str, int], wanted: str | None) -> None:
    words, by_status = current(), _("Filter by status")
    with ui.row().classes("gap-2 flex-wrap").props(f'role=navigation aria-label="{by_status}"'):
        for status in (*STATUSES, None):
            name = status or "all"
            total = sum(counts.values()) if status is None else counts[status]
            chosen = status == wanted
            shown = f"{_(STATUS_WORDS.get(name, name))} · {words.number(total)}"
            ui.link(shown, f"/operator/outbox?status={name}").classes(
                "px-3 py-1 rounded-full border no-underline "
                + ("bg-primary text-white" if chosen else "text-primary")
            ).props(f'aria-current="{"page" if chosen else "false"}"').mark(f"count-{name}")


def draw_rows(rows: list[OutboxRow], wanted: str | None) -> None:
    if not rows:
        nothing = NOTHING.get(wanted, NOTHING[None])
        ui.label(_(nothing)).classes("text-gray-600").mark("outbox-empty")
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
                    ui.label(_(STATUS_WORDS.get(row.status, row.status))).classes(
                        _status_colour(row.status)
                    )
                ui.label(_details(row)).classes("text-sm text-gray-600")
                if row.reason:
                    ui.label(row.reason).classes("text-sm break-words").mark("outbox-reason")
    if len(rows) == PAGE_SIZE:
        ui.label(
            _("Showing the newest {count}.").format(count=current().number(PAGE_SIZE))
        ).classes("text-sm text-gray-600")


def draw_jobs(ctx: UIContext, leaders: dict[str, str | None]) -> None:
    if ctx.scheduler is None:
        return
    ui.label(_("Background jobs")).classes("text-lg font-medium").props("role=heading aria-level=2")
    here = ctx.settings.instance
    ui.label(
        _("This page comes from instance {instance}; the runs counted are its own.").format(
            instance=here
        )
    ).classes("text-sm text-gray-600")
    with ui.card().classes("w-full p-0 gap-0").mark("jobs"):
        for job in ctx.scheduler.jobs:
            health = ctx.scheduler.health[job.name]
            with ui.column().classes("w-full gap-0 px-4 py-2 border-b"):
                every = current().number(job.every_seconds)
                ui.label(
                    _("{job} · every {seconds} s").format(job=job.name, seconds=every)
                ).classes("font-medium")
                ui.label(_who_runs(job.everywhere, leaders.get(job.name), here)).classes(
                    "text-sm"
                ).mark(f"leader-{job.name}")
                last = _when(health.last_finished_at) if health.last_finished_at else _("not yet")
                ui.label(
                    ngettext(
                        "{count} run, {failures} failed, last {last}",
                        "{count} runs, {failures} failed, last {last}",
                        health.runs,
                        failures=current().number(health.failures),
                        last=last,
                    )
                ).classes("text-sm text-gray-600")
                if health.last_error:
                    ui.label(health.last_error).classes("text-sm text-negative")


def _who_runs(everywhere: bool, leader: str | None, here: str) -> str:
    if everywhere:
        return _("Runs on every instance")
    if leader is None:
        return _("No leader yet: the first instance to run it takes the lead")
    if leader == here:
        return _("Led by {instance} (this instance)").format(instance=leader)
    return _("Led by {instance}").format(instance=leader)


def _details(row: OutboxRow) -> str:
    """What the item is about, its attempts and when (the stream's name is data)."""
    parts = [
        _("challenge {id}").format(id=row.challenge_id) if row.challenge_id else row.stream,
        ngettext("{count} attempt", "{count} attempts", row.attempts),
    ]
    if row.status == "pending":
        parts.append(_("next {when}").format(when=_when(row.next_attempt_at)))
    if row.sent_at:
        parts.append(_("sent {when}").format(when=_when(row.sent_at)))
    return " · ".join(parts)


def _when(at: datetime) -> str:
    return current().moment(at, "yyyy-MM-dd HH:mm:ss 'UTC'")


def _status_colour(status: str) -> str:
    return {"dead": "text-negative", "sent": "text-positive"}.get(status, "text-gray-600")

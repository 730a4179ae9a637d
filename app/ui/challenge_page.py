"""One challenge in depth: progress and logging, periods, streak story, history, rename,
abandon."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from nicegui import run, ui

from app.domain.challenge import TERMINAL_STATUSES, Measure, Status
from app.domain.errors import RuleError
from app.domain.periods import local_day
from app.i18n import _, current, said
from app.services.accounts import Profile, read_profile
from app.services.challenges import abandon_challenge
from app.services.dashboard import read_balance
from app.services.errors import NotFound
from app.services.history import ChallengeDetail, read_challenge_detail
from app.services.reminders import Reminder, read_reminder
from app.services.sync_status import SyncState, read_sync_state, retry_failed
from app.translations import Translator
from app.ui import challenge_charts as charts
from app.ui import log_actions
from app.ui.browser_values import as_local_time
from app.ui.challenge_card import ChallengeCardView, in_units, status_line, unit_of
from app.ui.context import UIContext
from app.ui.error_pages import draw_not_found
from app.ui.frame import frame
from app.ui.freeze_panel import FreezePanel
from app.ui.log_history import LogHistory
from app.ui.paths import parse_id
from app.ui.reminder_panel import ReminderPanel
from app.ui.rename_dialog import RenameDialog
from app.ui.session import require_person
from app.ui.sync_badge import SyncBadge

PICKER_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> reads and writes


def register(ctx: UIContext) -> None:
    @ui.page("/challenge/{challenge_id}")
    async def challenge_page(challenge_id: str) -> None:
        person_id = await require_person(ctx)
        if person_id is None:
            return
        wanted = parse_id(challenge_id)
        try:
            words = current()  # settled here: a worker thread has no tab to ask
            loaded = await run.io_bound(lambda: _load(ctx, person_id, wanted, words))
        except NotFound:
            ui.navigate.to("/signout")
            return
        if loaded is None:
            return
        profile, balance, detail, sync, reminder = loaded
        if detail is None:
            with frame(
                _("Not found"), brand=ctx.brand, balance=balance, dark_mode=profile.dark_mode
            ):
                draw_not_found()
            return
        with frame(
            detail.card.name, brand=ctx.brand, balance=balance, dark_mode=profile.dark_mode
        ) as points:
            view = ChallengeView(ctx, person_id, points, dark=profile.dark_mode)
            view.draw(detail, sync, reminder)


def _load(
    ctx: UIContext, person_id: int, challenge_id: int | None, words: Translator
) -> tuple[Profile, int, ChallengeDetail | None, SyncState | None, Reminder | None]:
    profile = read_profile(ctx.engine, person_id=person_id)
    try:
        detail = (
            None
            if challenge_id is None
            else read_challenge_detail(
                ctx.engine,
                person_id=person_id,
                challenge_id=challenge_id,
                now=ctx.clock.now(),
                words=words,
            )
        )
    except NotFound:  # someone else's challenge looks exactly like a missing one
        detail = None
    sync = (
        read_sync_state(ctx.engine, person_id=person_id, challenge_id=challenge_id)
        if detail is not None and challenge_id is not None and ctx.settings.upstream != "off"
        else None
    )
    reminder = (
        read_reminder(ctx.engine, person_id=person_id, challenge_id=challenge_id)
        if detail is not None and challenge_id is not None
        else None
    )
    return profile, read_balance(ctx.engine, person_id=person_id), detail, sync, reminder


class ChallengeView:
    """Draws the page once, then updates its parts in place after a log or an undo."""

    def __init__(self, ctx: UIContext, person_id: int, balance: ui.label, *, dark: bool) -> None:
        self.ctx, self.person_id, self.balance, self.dark = ctx, person_id, balance, dark

    def draw(
        self,
        detail: ChallengeDetail,
        sync: SyncState | None = None,
        reminder: Reminder | None = None,
    ) -> None:
        """`sync` is the upstream mirror's state; None when sync is off."""
        self.detail, tz = detail, detail.timezone
        with ui.card().classes("w-full gap-1"):
            ui.label(detail.sentence).classes("text-base").mark("sentence")
            self.status = ui.label().classes("text-sm text-gray-500").mark("status-line")
            SyncBadge(self._retry_sync).show(sync)
        self.card_view = ChallengeCardView(
            detail.card, on_log=lambda _, quantity: self._log_at(None, quantity), in_list=False
        )
        self._draw_backdate()
        _heading(_("Streak"))
        self.story = ui.label(detail.streak_story).mark("streak-story")
        self.freezes = FreezePanel(
            self.ctx, self.person_id, detail.card.challenge_id, self._refresh
        )
        running = detail.card.running
        # An open stamp card has no day to be reminded on (docs/rules.md, "Reminders").
        if reminder is not None and running is not None and running.ends_at is not None:
            _heading(_("Reminder"))
            ReminderPanel(self.ctx, self.person_id, detail.card.challenge_id).draw(reminder)
        _heading(_("Periods"))
        self.timeline = charts.Timeline(timezone=tz, units=self._in_units, dark=self.dark)
        charts.draw_legend(self.dark, frozen=detail.freeze is not None)
        heatmap, bars = self._chart_options(detail)
        self.heatmap = ui.echart(heatmap).classes("w-full h-44").mark("heatmap")
        self.chart = ui.echart(bars).classes("w-full h-56").mark("chart")
        _heading(_("History"))
        self.history = LogHistory(
            timezone=tz, units=self._in_units, on_undo=self._undo, on_page=self._turn_history
        )
        with ui.row().classes("gap-2"):
            ui.button(_("Rename"), icon="edit", on_click=self._rename).props("outline").classes(
                "tap-target"
            ).mark("rename")
            self.abandon = (
                ui.button(
                    _("Abandon challenge"), icon="cancel", color="negative", on_click=self._abandon
                )
                .props("outline")
                .classes("tap-target")
                .mark("abandon")
            )
        self._show(detail)

    def _in_units(self, value: float) -> str:
        return in_units(self.detail.card, value, current())

    def _retry_sync(self) -> int:
        return retry_failed(
            self.ctx.engine,
            person_id=self.person_id,
            challenge_id=self.detail.card.challenge_id,
            now=self.ctx.clock.now(),
        )

    def _show(self, detail: ChallengeDetail) -> None:
        """Bring every part of the page in line with `detail` (first draw and every refresh)."""
        self.detail, card = detail, detail.card
        self.status.text = _("Status: {status}").format(status=status_line(card))
        self.card_view.show(card)
        self._bound_backdate()
        self.story.text = detail.streak_story
        self.freezes.show(detail.freeze)
        self.timeline.sync(detail.periods)
        self.history.sync(detail.logs, page=detail.log_page, pages=detail.log_pages)
        self.abandon.visible = card.status not in TERMINAL_STATUSES

    def _chart_options(self, detail: ChallengeDetail) -> tuple[dict[str, Any], dict[str, Any]]:
        shown, tz = charts.visible_periods(detail.periods), detail.timezone
        today = local_day(self.ctx.clock.now(), tz)
        return (
            charts.heatmap_options(shown, timezone=tz, today=today, dark=self.dark),
            charts.chart_options(shown, timezone=tz, unit=unit_of(detail.card), dark=self.dark),
        )

    def _draw_backdate(self) -> None:
        card = self.detail.card
        with (
            ui.expansion(_("Log for an earlier time"), icon="history")
            .classes("w-full")
            .mark("backdate-section") as self.backdate_section
        ):
            self.when = (
                ui.input(_("When (your time)"))
                .props("type=datetime-local stack-label outlined")
                .classes("w-full")
                .mark("backdate")
            )
            self.when_amount = (
                ui.number(
                    label=_("How many {unit}").format(unit=unit_of(card)),
                    value=1,
                    min=0,
                    format="%.0f",
                )
                .props("outlined dense")
                .classes("w-40")
                .mark("backdate-amount")
            )
            self.when_amount.visible = card.measure == Measure.SUM
            ui.button(_("Log at that time"), icon="history", on_click=self._log_earlier).props(
                "outline"
            ).classes("tap-target").mark("backdate-log")

    def _bound_backdate(self) -> None:
        """Limit the picker to the running period, up to now, in the challenge's zone."""
        card, zone = self.detail.card, ZoneInfo(self.detail.timezone)
        period = card.running
        self.backdate_section.visible = card.status is Status.ACTIVE and period is not None
        if period is None:
            return
        now = self.ctx.clock.now()
        latest = now if period.ends_at is None else min(now, period.ends_at - timedelta(minutes=1))
        start, end = period.starts_at.astimezone(zone), latest.astimezone(zone)
        self.when.props["min"], self.when.props["max"] = (
            f"{start:{PICKER_FORMAT}}",
            f"{end:{PICKER_FORMAT}}",
        )
        self.when.props["hint"] = _("From {start} to now ({zone})").format(
            start=current().moment(start, "EEE dd MMM HH:mm"), zone=self.detail.timezone
        )

    async def _log_earlier(self) -> None:
        self.when.props(remove="error error-message")
        local = as_local_time(self.when.value)
        if local is None:
            self._when_error(_("Pick a date and a time within the running period."))
            return
        occurred_at = local.replace(tzinfo=ZoneInfo(self.detail.timezone)).astimezone(UTC)
        quantity = self.when_amount.value if self.detail.card.measure == Measure.SUM else None
        if await self._log_at(occurred_at, quantity, on_refused=self._when_error) is None:
            return
        ui.notify(
            _("Logged for {when}").format(when=current().moment(local, "EEE dd MMM, HH:mm")),
            type="positive",
        )

    def _when_error(self, message: str) -> None:
        self.when.props["error-message"], self.when.props["error"] = message, True

    async def _log_at(
        self,
        occurred_at: datetime | None,
        quantity: float | None,
        *,
        on_refused: Callable[[str], object] | None = None,
    ) -> int | None:
        """Log now or at `occurred_at`, and bring the page in line from the same hop; None
        once refused."""
        logged = await log_actions.log(
            self.ctx,
            self.person_id,
            self.detail.card,
            quantity,
            occurred_at,
            balance=self.balance,
            read=self._reader(log_page=1),  # where the new log is
            on_refused=on_refused,
        )
        if logged is None:
            return None
        self._redraw(logged.shown)
        return logged.log_id

    async def _undo(self, log_id: int) -> None:
        if await log_actions.undo(self.ctx, self.person_id, log_id):
            await self._refresh()

    async def _turn_history(self, page: int) -> None:
        await self._refresh(log_page=page)

    async def _refresh(self, *, log_page: int | None = None) -> None:
        """Read the page anew; the history stays on the page shown unless `log_page` says."""
        read = self._reader(log_page=self.detail.log_page if log_page is None else log_page)
        detail = await log_actions.reread(self.ctx, self.person_id, self.balance, read)
        if detail is not None:
            self._redraw(detail)

    def _reader(self, *, log_page: int) -> Callable[[], ChallengeDetail]:
        """The page's contents read anew, in this tab's words (settled here: the read runs
        in a worker thread, which has no tab to ask)."""
        words, challenge_id = current(), self.detail.card.challenge_id
        return lambda: read_challenge_detail(
            self.ctx.engine,
            person_id=self.person_id,
            challenge_id=challenge_id,
            now=self.ctx.clock.now(),
            log_page=log_page,
            words=words,
        )

    def _redraw(self, detail: ChallengeDetail) -> None:
        self._show(detail)
        heatmap, bars = self._chart_options(detail)
        charts.push(self.heatmap, heatmap)
        charts.push(self.chart, bars)

    async def _rename(self) -> None:
        card = self.detail.card

        def renamed(name: str) -> None:
            ui.notify(_("Renamed to “{name}”").format(name=name), type="positive")
            ui.navigate.to(f"/challenge/{card.challenge_id}")  # the title and header anew

        await RenameDialog(self.ctx, self.person_id, card.challenge_id, renamed).open(card.name)

    async def _abandon(self) -> None:
        card = self.detail.card
        with ui.dialog() as dialog, ui.card().classes("gap-3 max-w-sm"):
            title = ui.label(_("Abandon “{name}”?").format(name=card.name)).classes(
                "text-lg font-medium"
            )
            title.props("role=heading aria-level=2")
            ui.label(
                _(
                    "The challenge stops for good and its remaining periods are skipped. "
                    "Points you have already earned stay in your balance."
                )
            )
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(_("Keep going"), on_click=lambda: dialog.submit(False)).props(
                    "flat"
                ).mark("cancel-abandon")
                ui.button(
                    _("Abandon"), color="negative", on_click=lambda: dialog.submit(True)
                ).mark("confirm-abandon")
        dialog.props(f"aria-labelledby={title.html_id}")  # a dialog needs a name (axe)
        confirmed = await dialog
        if not dialog.is_deleted:  # the page may have gone while the dialog was open
            dialog.delete()
        if not confirmed:
            return
        try:
            await run.io_bound(
                lambda: abandon_challenge(
                    self.ctx.engine,
                    person_id=self.person_id,
                    challenge_id=card.challenge_id,
                    now=self.ctx.clock.now(),
                )
            )
        except RuleError as error:
            ui.notify(said(error), type="warning")
            return
        ui.notify(_("Challenge abandoned. Your points stay."), type="info")
        ui.navigate.to("/")


def _heading(text: str) -> None:
    ui.label(text).classes("text-lg font-medium mt-2").props("role=heading aria-level=2")

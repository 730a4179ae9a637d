"""A challenge's reminder on its page: a local time and days of the week, on or off."""

from __future__ import annotations

from datetime import date, timedelta

from nicegui import run, ui

from app.domain.errors import RuleError
from app.domain.reminders import EVERY_DAY
from app.i18n import _, current, said
from app.services.reminders import Reminder, set_reminder
from app.ui.context import UIContext

DEFAULT_TIME = "08:00"
MONDAY = date(2024, 1, 1)  # day names by the reader's language, Monday 0 … Sunday 6


class ReminderPanel:
    """Drawn once from what is stored; saving changes only its own labels."""

    def __init__(self, ctx: UIContext, person_id: int, challenge_id: int) -> None:
        self.ctx, self.person_id, self.challenge_id = ctx, person_id, challenge_id

    def draw(self, saved: Reminder) -> None:
        days = saved.weekdays or EVERY_DAY
        with ui.card().classes("w-full gap-2").mark("reminder-panel"):
            with ui.row().classes("items-center gap-2 no-wrap"):
                ui.icon("notifications").classes("text-2xl text-secondary")
                self.on = ui.switch(_("Remind me"), value=saved.at is not None).mark("reminder-on")
            with ui.row().classes("items-start gap-3") as self.details:
                self.at = (
                    ui.input(_("At (your local time)"), value=saved.at or DEFAULT_TIME)
                    .props("outlined type=time")
                    .mark("reminder-time")
                )
                self.days = (
                    ui.select(
                        {d: day_name(d) for d in range(7)},
                        value=sorted(days),
                        multiple=True,
                        label=_("On"),
                    )
                    .props("outlined use-chips")
                    .style("min-width: 12rem")
                    .mark("reminder-days")
                )
            self.details.bind_visibility_from(self.on, "value")
            ui.button(_("Save reminder"), on_click=self._save).props("outline").classes(
                "tap-target self-start"
            ).mark("reminder-save")
            self.said = (
                ui.label(_said(saved))
                .classes("text-sm text-gray-500")
                .props("role=status")
                .mark("reminder-said")
            )

    async def _save(self) -> None:
        self.at.error = None
        self.days.error = None
        at = str(self.at.value or "") if self.on.value else None
        days = frozenset(int(d) for d in (self.days.value or []))
        try:
            saved = await run.io_bound(
                lambda: set_reminder(
                    self.ctx.engine,
                    person_id=self.person_id,
                    challenge_id=self.challenge_id,
                    at=at,
                    weekdays=days,
                )
            )
        except RuleError as refused:
            for error in refused.errors:
                target = self.days if error.field == "reminder_days" else self.at
                target.error = said(error)
            return
        if saved is not None:
            self.said.text = _said(saved)


def day_name(weekday: int) -> str:
    """'Mon', 'mån': a day of the week, short, Monday 0."""
    return current().day(MONDAY + timedelta(days=weekday), "EEE")


def _said(reminder: Reminder) -> str:
    rule = reminder.rule
    if rule is None:
        return _("No reminder.")
    at = rule.at.strftime("%H:%M")
    if rule.weekdays == EVERY_DAY:
        return _("Reminder at {time} every day, unless you have done it by then.").format(time=at)
    if rule.weekdays == frozenset(range(5)):
        return _("Reminder at {time} on weekdays, unless you have done it by then.").format(time=at)
    return _("Reminder at {time} on {days}, unless you have done it by then.").format(
        time=at, days=", ".join(day_name(d) for d in sorted(rule.weekdays))
    )

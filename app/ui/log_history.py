"""A challenge's history: its logs, newest first, grouped by local day, a page at a time,
with undo only where it still applies (the service decides: the log's period still runs)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from functools import partial
from itertools import groupby
from zoneinfo import ZoneInfo

from nicegui import ui

from app.i18n import _, current
from app.services.history import LogRow


class LogHistory:
    """Newest first, in the challenge's zone; a day is redrawn only when one of its logs
    changed. `units` words an amount ('3 glasses'); `on_page` asks for another page (1 is
    the newest)."""

    def __init__(
        self,
        *,
        timezone: str,
        units: Callable[[float], str],
        on_undo: Callable[[int], Awaitable[None]],
        on_page: Callable[[int], Awaitable[None]],
    ) -> None:
        self.zone, self.units, self.on_undo, self.on_page = (
            ZoneInfo(timezone),
            units,
            on_undo,
            on_page,
        )
        self.page = self.pages = 1
        self.box = ui.column().classes("w-full gap-3").mark("history")
        self.empty = ui.label(_("Nothing logged yet.")).classes("text-gray-500")
        self.days: dict[date, tuple[ui.column, list[LogRow]]] = {}
        with ui.row().classes("w-full items-center justify-between").mark("history-pages") as pager:
            self.newer = self._page_button(_("Newer"), "chevron_left", -1).mark("newer-logs")
            self.where = ui.label().classes("text-sm text-gray-500").mark("history-page")
            self.older = self._page_button(_("Older"), "chevron_right", 1).mark("older-logs")
        self.pager = pager

    def sync(self, logs: list[LogRow], *, page: int = 1, pages: int = 1) -> None:
        self.page, self.pages = page, pages
        wanted = {
            day: list(rows) for day, rows in groupby(logs, key=lambda log: self._local(log).date())
        }
        for day in [d for d in self.days if d not in wanted]:
            self.box.remove(self.days.pop(day)[0])
        for position, (day, rows) in enumerate(wanted.items()):
            drawn = self.days.get(day)
            if drawn is not None and drawn[1] == rows:
                drawn[0].move(target_index=position)
                continue
            if drawn is None:
                with self.box:
                    group = ui.column().classes("w-full gap-1").mark(f"history-{day:%Y-%m-%d}")
            else:
                group = drawn[0]
                group.clear()
            group.move(target_index=position)
            with group:
                self._fill(day, rows)
            self.days[day] = (group, rows)
        self.empty.visible = not logs
        self.pager.visible = pages > 1
        words = current()
        self.where.text = _("Page {page} of {pages}").format(
            page=words.number(page), pages=words.number(pages)
        )
        self.newer.enabled, self.older.enabled = page > 1, page < pages

    def _fill(self, day: date, rows: list[LogRow]) -> None:
        heading = current().day(day, "EEEE d MMMM")
        ui.label(heading).classes("text-sm font-medium").props("role=heading aria-level=3")
        with ui.column().classes("w-full gap-1").props("role=list") as logs:
            logs.props["aria-label"] = heading
            for log in rows:
                with (
                    ui.row()
                    .classes("w-full items-center justify-between no-wrap")
                    .props("role=listitem")
                ):
                    self._row(log)

    def _row(self, log: LogRow) -> None:
        words, local = current(), self._local(log)
        when = words.moment(local, "HH:mm")
        with ui.row().classes("items-center gap-2"):
            text = ui.label(
                _("{time} · +{amount}").format(time=when, amount=self.units(log.amount))
            )
            if log.undone:
                text.classes("line-through text-gray-500")
                ui.badge(_("undone"), color="grey").props("outline")
        if log.undoable:
            day = words.day(local.date(), "EEE d MMM")
            undo = ui.button(_("Undo"), icon="undo", on_click=partial(self.on_undo, log.log_id))
            undo.props("flat dense").classes("tap-target").mark(f"undo-{log.log_id}")
            undo.props["aria-label"] = _("Undo the log of {day}, {time}").format(day=day, time=when)

    def _local(self, log: LogRow) -> datetime:
        return log.occurred_at.astimezone(self.zone)

    def _page_button(self, text: str, icon: str, step: int) -> ui.button:
        async def turn() -> None:
            await self.on_page(min(max(self.page + step, 1), self.pages))

        return ui.button(text, icon=icon, on_click=turn).props("flat dense").classes("tap-target")

"""A challenge's history: its logs, newest first, with undo where it still applies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from zoneinfo import ZoneInfo

from nicegui import ui

from app.domain.counts import amount
from app.services.history import LogRow


class LogHistory:
    """Newest first, in the challenge's zone; a row is redrawn only when its log changed."""

    def __init__(
        self, *, timezone: str, unit: str, on_undo: Callable[[int], Awaitable[None]]
    ) -> None:
        self.zone, self.unit, self.on_undo = ZoneInfo(timezone), unit, on_undo
        self.box = ui.column().classes("w-full gap-1").props("role=list").mark("history")
        self.empty = ui.label("Nothing logged yet.").classes("text-gray-500")
        self.rows: dict[int, tuple[ui.row, LogRow]] = {}

    def sync(self, logs: list[LogRow]) -> None:
        wanted = {log.log_id for log in logs}
        for log_id in [i for i in self.rows if i not in wanted]:
            self.box.remove(self.rows.pop(log_id)[0])
        for position, log in enumerate(logs):
            drawn = self.rows.get(log.log_id)
            if drawn is None:
                with self.box:
                    row = ui.row().classes("w-full items-center justify-between no-wrap")
                    row.props("role=listitem")
                row.move(target_index=position)
            elif drawn[1] == log:
                continue
            else:
                row = drawn[0]
                row.clear()
            self.rows[log.log_id] = (row, log)
            with row:
                self._fill(log)
        self.empty.visible = not logs

    def _fill(self, log: LogRow) -> None:
        when = f"{log.occurred_at.astimezone(self.zone):%a %d %b, %H:%M}"
        with ui.row().classes("items-center gap-2"):
            text = ui.label(f"{when} · +{amount(log.amount)} {self.unit}")
            if log.undone:
                text.classes("line-through text-gray-500")
                ui.badge("undone", color="grey").props("outline")
        if log.undoable:
            ui.button("Undo", icon="undo", on_click=partial(self.on_undo, log.log_id)).props(
                f'flat dense aria-label="Undo the log of {when}"'
            ).classes("tap-target").mark(f"undo-{log.log_id}")

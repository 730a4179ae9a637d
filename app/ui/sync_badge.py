"""A challenge's upstream mirror: synced, on its way, or failed with the reason and a retry."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import run, ui

from app.i18n import N_, _, ngettext
from app.services.sync_status import SyncState

LOOKS = {
    "synced": ("cloud_done", N_("Synced with the loyalty programme"), "text-positive"),
    "pending": ("cloud_upload", N_("Syncing with the loyalty programme…"), "text-gray-600"),
    "failed": ("cloud_off", N_("Not synced with the loyalty programme"), "text-negative"),
    "off": ("cloud_off", N_("Loyalty sync is off"), "text-gray-600"),
}


class SyncBadge:
    """Drawn once; `show` redraws it in place with a new state."""

    def __init__(self, retry: Callable[[], int]) -> None:
        self._retry = retry
        self._box = ui.column().classes("w-full gap-1").mark("sync-state")

    def show(self, state: SyncState | None) -> None:
        """`None` means the app runs with UPSTREAM=off."""
        key = "off" if state is None else state.state
        icon, text, colour = LOOKS[key]
        self._box.clear()
        with self._box:
            with ui.row().classes(f"items-center gap-1 text-sm {colour}"):
                ui.icon(icon).classes("text-lg").props('aria-hidden="true"')
                label = _(text)
                if state is not None and state.state == "pending" and state.pending:
                    label = ngettext(
                        "{state} ({count} to send)",
                        "{state} ({count} to send)",
                        state.pending,
                        state=label,
                    )
                ui.label(label).mark(f"sync-{key}")
            if state is not None and state.state == "failed":
                ui.label(state.reason or _("The loyalty programme refused an update.")).classes(
                    "text-sm"
                ).mark("sync-reason")
                ui.button(_("Retry sync"), icon="refresh", on_click=self._on_retry).props(
                    "outline dense no-caps"
                ).mark("sync-retry")

    async def _on_retry(self, event: object) -> None:
        button = getattr(event, "sender", None)
        if isinstance(button, ui.button):
            button.props("loading")
        retried = await run.io_bound(self._retry)
        if retried:
            ui.notify(_("Sending again. This usually takes a few seconds."), type="info")
        pending = SyncState(state="pending", reason=None, pending=retried or 0)
        self.show(pending)

"""Settings: display name, time zone, dark mode, downloading one's data (JSON, CSV), importing
history, signing out, and deleting the account (app/ui/leaving_dialog.py)."""

from __future__ import annotations

import asyncio
import json
from functools import cache
from zoneinfo import available_timezones

from nicegui import events, run, ui

from app.domain.errors import RuleError
from app.domain.languages import LANGUAGES, known
from app.i18n import N_, _, current, said
from app.services.accounts import Profile, read_profile, set_language, update_profile
from app.services.csv_export import ledger_csv, logs_csv
from app.services.dashboard import read_balance
from app.services.data_export import export_person_data, signed
from app.ui.account_panel import draw_account_panel
from app.ui.context import UIContext
from app.ui.frame import clear_errors, field_errors, frame
from app.ui.import_dialog import ImportPanel
from app.ui.leaving_dialog import LeavingSection
from app.ui.session import load_signed_in

ZONE_HINT = N_(
    "Used for challenges you create from now on. Challenges you already have keep "
    "the zone they were created in, so their days don't move."
)


def register(ctx: UIContext) -> None:
    @ui.page("/settings")
    async def settings_page() -> None:
        def load(person_id: int) -> tuple[Profile, int, list[str]]:
            profile = read_profile(ctx.engine, person_id=person_id)
            return profile, read_balance(ctx.engine, person_id=person_id), zone_names()

        signed_in = await load_signed_in(ctx, load)
        if signed_in is None:
            return
        loaded = signed_in[1]
        profile, balance, zones = loaded
        with frame(_("Settings"), brand=ctx.brand, balance=balance, dark_mode=profile.dark_mode):
            SettingsForm(ctx, profile).draw(sorted({*zones, profile.timezone}))
            draw_account_panel(ctx, profile)  # confirmation and password (issue 15)


@cache
def zone_names() -> list[str]:
    """Every IANA zone, sorted; read from disk once."""
    return sorted(available_timezones())


class SettingsForm:
    """Edits the profile; dark mode applies and is saved the moment it is switched."""

    def __init__(self, ctx: UIContext, profile: Profile) -> None:
        self.ctx, self.saved = ctx, profile
        self.writing = asyncio.Lock()

    def draw(self, zones: list[str]) -> None:
        self.theme = ui.dark_mode(self.saved.dark_mode)
        with ui.card().classes("w-full gap-3"):
            self.name = (
                ui.input(_("Display name"), value=self.saved.display_name)
                .props("outlined autocomplete=nickname maxlength=120")
                .classes("w-full")
                .mark("display-name")
            )
            self.zone = (
                ui.select(zones, label=_("Time zone"), value=self.saved.timezone, with_input=True)
                .props("outlined")
                .classes("w-full")
                .mark("timezone")
            )
            self.zone.props["hint"] = _(ZONE_HINT)
            self.language = (
                ui.select(LANGUAGES, label=_("Language"), value=current().language)
                .props("outlined")
                .classes("w-full")
                .mark("language")
            )
            self.language.on_value_change(self._choose_language)
            self.dark = ui.switch(
                _("Dark mode"), value=self.saved.dark_mode, on_change=self._switch_theme
            ).mark("dark-mode")
            self.button = (
                ui.button(_("Save"), icon="save", on_click=self.save)
                .classes("tap-target self-start")
                .mark("save")
            )
        self.fields = {"display_name": self.name, "timezone": self.zone}
        with ui.card().classes("w-full gap-2"):
            ui.button(_("Download my data"), icon="download", on_click=self._download).props(
                "outline"
            ).classes("tap-target self-start").mark("download-data")
            ui.button(_("Download logs (CSV)"), icon="table_view", on_click=self._logs_csv).props(
                "outline"
            ).classes("tap-target self-start").mark("download-logs-csv")
            ui.button(
                _("Download points (CSV)"), icon="table_view", on_click=self._points_csv
            ).props("outline").classes("tap-target self-start").mark("download-points-csv")
            ui.button(
                _("Sign out"), icon="logout", on_click=lambda: ui.navigate.to("/signout")
            ).props("outline").classes("tap-target self-start").mark("sign-out")
        ImportPanel(self.ctx, person_id=self.saved.person_id, timezone=self.saved.timezone).draw()
        LeavingSection(self.ctx, self.saved.person_id, self._download).draw()

    async def _download(self) -> None:
        """Everything kept about the person, as JSON: challenges, logs, points, rewards."""
        data = await run.io_bound(
            lambda: signed(
                export_person_data(
                    self.ctx.engine, person_id=self.saved.person_id, now=self.ctx.clock.now()
                ),
                self.ctx.settings.storage_secret,
            )
        )
        content = json.dumps(data, indent=2, ensure_ascii=False).encode()
        ui.download.content(content, "goalpost-my-data.json", "application/json")

    async def _logs_csv(self) -> None:
        text = await run.io_bound(lambda: logs_csv(self.ctx.engine, person_id=self.saved.person_id))
        if text is not None:
            ui.download.content(text.encode(), "goalpost-logs.csv", "text/csv")

    async def _points_csv(self) -> None:
        text = await run.io_bound(
            lambda: ledger_csv(self.ctx.engine, person_id=self.saved.person_id)
        )
        if text is not None:
            ui.download.content(text.encode(), "goalpost-points.csv", "text/csv")

    async def save(self) -> None:
        clear_errors(self.fields)
        self.button.props("loading")
        try:
            profile = await self._store(
                display_name=self.name.value or "",
                timezone=self.zone.value or "",
                dark_mode=bool(self.dark.value),
            )
        except RuleError as error:
            unplaced = field_errors(self.fields, [(e.field, said(e)) for e in error.errors])
            if unplaced:
                ui.notify(" ".join(unplaced), type="warning")
            return
        finally:
            self.button.props(remove="loading")
        if profile is not None:
            ui.notify(_("Settings saved"), type="positive")

    async def _choose_language(self, event: events.ValueChangeEventArguments) -> None:
        """Saved for the person (their mail speaks it too), then this browser is told and the
        page is drawn again in the new words."""
        if known(event.value) is None or event.value == current().language:
            return
        try:
            chosen = await run.io_bound(
                lambda: set_language(
                    self.ctx.engine, person_id=self.saved.person_id, language=event.value
                )
            )
        except RuleError as error:
            ui.notify(said(error), type="warning")
            return
        ui.navigate.to(f"/language/{chosen}?next=/settings")

    async def _switch_theme(self, event: events.ValueChangeEventArguments) -> None:
        on = bool(event.value)
        self.theme.set_value(on)
        # Only the switch is saved here: unsaved edits to name or zone wait for Save.
        try:
            profile = await self._store(dark_mode=on)
        except RuleError as error:
            ui.notify(said(error), type="warning")
            return
        if profile is not None:
            saved = _("Dark mode on, saved") if on else _("Dark mode off, saved")
            ui.notify(saved, type="positive")

    async def _store(
        self, *, dark_mode: bool, display_name: str | None = None, timezone: str | None = None
    ) -> Profile | None:
        """Save, one write at a time, so a quick switch then Save can't undo each other."""
        async with self.writing:
            saved = self.saved
            name = saved.display_name if display_name is None else display_name
            zone = saved.timezone if timezone is None else timezone
            profile = await run.io_bound(
                lambda: update_profile(
                    self.ctx.engine,
                    person_id=saved.person_id,
                    display_name=name,
                    timezone=zone,
                    dark_mode=dark_mode,
                )
            )
            if profile is not None:
                self.saved = profile
            return profile

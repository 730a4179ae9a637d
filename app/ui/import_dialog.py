"""Settings → "Import history": upload a file, see what it holds, pick, then import.

Nothing is written before "Import"; the preview comes from the file alone.
"""

from __future__ import annotations

from nicegui import events, run, ui

from app.domain.errors import RuleError
from app.i18n import said
from app.services.history_import import ImportSummary, import_history
from app.services.imports import MAX_FILE_BYTES, FileRefused, ImportPlan, read_history
from app.services.imports.plan import PlannedChallenge
from app.ui.context import UIContext

ACCEPTED = ".json,.csv,.zip,application/json,text/csv,application/zip"


class ImportPanel:
    """The upload, the preview with a checkbox per habit or challenge, and the summary."""

    def __init__(self, ctx: UIContext, *, person_id: int, timezone: str) -> None:
        self.ctx, self.person_id, self.timezone = ctx, person_id, timezone
        self.plan: ImportPlan | None = None
        self.picks: dict[str, ui.checkbox] = {}

    def draw(self) -> None:
        with ui.card().classes("w-full gap-2").mark("import-history"):
            ui.label("Import history").classes("text-lg font-medium")
            ui.label(
                "From Goalpost's own export, Loop Habit Tracker (its CSV export, the zip or "
                "Checkmarks.csv) or beaverhabits (its JSON export), up to 5 MB. You'll see "
                "what it holds before anything is imported."
            ).classes("text-sm text-gray-600")
            self.upload = (
                ui.upload(
                    label="Choose a file",
                    auto_upload=True,
                    max_file_size=MAX_FILE_BYTES,
                    on_upload=self._read,
                    on_rejected=lambda: self._refuse("That file is larger than 5 MB."),
                )
                .props(f"accept={ACCEPTED}")
                # Quasar's uploader draws an unlabelled icon button around an unlabelled file
                # input (axe: no name, nested controls): it stays out of sight, and this
                # labelled button opens its file picker.
                .style("display: none")
                .mark("import-upload")
            )
            ui.button(
                "Choose a file",
                icon="upload_file",
                on_click=lambda: self.upload.run_method("pickFiles"),
            ).props("outline").classes("tap-target self-start").mark("import-choose")
            self.message = ui.label("").classes("text-negative text-sm").mark("import-error")
            self.preview = ui.column().classes("w-full gap-2").mark("import-preview")

    async def _read(self, event: events.UploadEventArguments) -> None:
        content = await event.file.read()
        name, zone = event.file.name, self.timezone
        try:
            plan = await run.io_bound(lambda: read_history(name, content, timezone=zone))
        except FileRefused as refused:
            self._refuse(f"{name}: {said(refused.error)}")
            return
        if plan is None:
            return
        self.plan = plan
        self.message.set_text("")
        self._draw_preview(plan)

    def _refuse(self, message: str) -> None:
        self.plan = None
        self.preview.clear()
        self.message.set_text(message)

    def _draw_preview(self, plan: ImportPlan) -> None:
        self.preview.clear()
        self.picks = {}
        with self.preview:
            ui.label(f"From {plan.source_label}: {len(plan.challenges)} to import").classes(
                "font-medium"
            )
            if not plan.challenges:
                ui.label("There is nothing in this file to import.").classes("text-sm")
            for item in plan.challenges:
                self._draw_item(item)
            for reason in plan.skipped:
                ui.label(f"Left out: {reason}").classes("text-sm text-gray-600")
            if not plan.challenges:
                return
            self.send = ui.switch(
                f"Also send to {self.ctx.brand.name}'s loyalty platform as new events",
                value=False,
            ).mark("import-send")
            ui.label(
                "Imported history earns no points. Off, it stays here: nothing is sent upstream."
            ).classes("text-sm text-gray-600")
            self.button = (
                ui.button("Import", icon="upload", on_click=self._import)
                .classes("tap-target self-start")
                .mark("import-confirm")
            )

    def _draw_item(self, item: PlannedChallenge) -> None:
        with ui.row().classes("w-full items-start no-wrap gap-2"):
            self.picks[item.key] = ui.checkbox(value=True).mark(f"import-pick-{item.key}")
            with ui.column().classes("gap-0 min-w-0"):
                ui.label(item.spec.name).classes("font-medium break-words")
                ui.label(
                    f"{item.first_day:%d %b %Y} – {item.last_day:%d %b %Y}, {len(item.logs)} logs"
                ).classes("text-sm")
                ui.label(f"Becomes: {item.becomes()}").classes("text-sm text-gray-600")

    async def _import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        chosen = [key for key, box in self.picks.items() if box.value]
        send = bool(self.send.value)
        self.button.props("loading")
        try:
            summary = await run.io_bound(
                lambda: import_history(
                    self.ctx.engine,
                    person_id=self.person_id,
                    plan=plan,
                    chosen=chosen,
                    send_upstream=send,
                    now=self.ctx.clock.now(),
                    secret=self.ctx.settings.storage_secret,
                )
            )
        except RuleError as error:
            self.message.set_text(said(error))
            return
        finally:
            self.button.props(remove="loading")
        if summary is None:
            return
        self.plan = None
        self.preview.clear()
        with self.preview:
            ui.label(done_text(summary)).classes("text-sm").mark("import-summary")
        ui.notify(done_text(summary), type="positive")


def done_text(summary: ImportSummary) -> str:
    """What the import did, in a sentence."""
    if summary.already_imported:
        return "You imported this file before; nothing was imported again."
    names = ", ".join(summary.challenges)
    text = f"Imported {len(summary.challenges)} ({names}) with {summary.logs} logs"
    if summary.skipped_logs:
        text += f"; {summary.skipped_logs} dated later than now were left out"
    text += ", also sent upstream." if summary.sent_upstream else "."
    if summary.carried_points:
        text += f" Your {summary.carried_points:,} points came along."
    elif summary.points_note:
        text += f" {summary.points_note}"
    return text

"""Settings → "Import history": upload a file, see what it holds, pick, then import.

Nothing is written before "Import"; the preview comes from the file alone.
"""

from __future__ import annotations

from nicegui import events, run, ui

from app.domain.challenge import Frequency, Measure
from app.domain.counts import amount
from app.domain.errors import RuleError
from app.i18n import N_, _, current, ngettext, said
from app.services.history_import import ImportSummary, import_history
from app.services.imports import MAX_FILE_BYTES, FileRefused, ImportPlan, read_history
from app.services.imports.plan import PlannedChallenge
from app.ui.context import UIContext
from app.ui.kept_english import said_again

ACCEPTED = ".json,.csv,.zip,application/json,text/csv,application/zip"
FREQUENCIES = {
    Frequency.DAILY: N_("daily"),
    Frequency.WEEKLY: N_("weekly"),
    Frequency.MONTHLY: N_("monthly"),
    Frequency.EVERY_N_DAYS: N_("every n days"),
}
MEASURES = {Measure.COUNT: N_("count"), Measure.VISIT: N_("visit"), Measure.SUM: N_("sum")}
# What a file held that stays out, as app/services/imports says it in English: read back
# into its parts and said in the reader's words; a reason of no known kind is shown as it is.
LEFT_OUT = (
    (
        r"log (?P<number>\d+): not logged from one of the export's challenges",
        N_("log {number}: not logged from one of the export's challenges"),
    ),
    (r"'(?P<name>.+)': deleted in beaverhabits", N_("'{name}': deleted in beaverhabits")),
    (r"'(?P<name>.+)': no done days", N_("'{name}': no done days")),
)
# What app/services/history_import.py says when a file's points stay behind.
POINTS_NOTES = (
    (
        r"Points come along only in a file exported from here, unchanged; this one's stay "
        r"behind\.",
        N_(
            "Points come along only in a file exported from here, unchanged; this one's stay "
            "behind."
        ),
    ),
    (
        r"These points were carried over to another account already\.",
        N_("These points were carried over to another account already."),
    ),
    (
        r"Your (?P<points>[\d,]+) points stay with the account they were earned in; they come "
        r"along only once that account is deleted\.",
        N_(
            "Your {points} points stay with the account they were earned in; they come along "
            "only once that account is deleted."
        ),
    ),
)


class ImportPanel:
    """The upload, the preview with a checkbox per habit or challenge, and the summary."""

    def __init__(self, ctx: UIContext, *, person_id: int, timezone: str) -> None:
        self.ctx, self.person_id, self.timezone = ctx, person_id, timezone
        self.plan: ImportPlan | None = None
        self.picks: dict[str, ui.checkbox] = {}

    def draw(self) -> None:
        with ui.card().classes("w-full gap-2").mark("import-history"):
            ui.label(_("Import history")).classes("text-lg font-medium")
            ui.label(
                _(
                    "From Goalpost's own export, Loop Habit Tracker (its CSV export, the zip or "
                    "Checkmarks.csv) or beaverhabits (its JSON export), up to 5 MB. You'll see "
                    "what it holds before anything is imported."
                )
            ).classes("text-sm text-gray-600")
            self.upload = (
                ui.upload(
                    label=_("Choose a file"),
                    auto_upload=True,
                    max_file_size=MAX_FILE_BYTES,
                    on_upload=self._read,
                    on_rejected=lambda: self._refuse(_("That file is larger than 5 MB.")),
                )
                .props(f"accept={ACCEPTED}")
                # Quasar's uploader draws an unlabelled icon button around an unlabelled file
                # input (axe: no name, nested controls): it stays out of sight, and this
                # labelled button opens its file picker.
                .style("display: none")
                .mark("import-upload")
            )
            ui.button(
                _("Choose a file"),
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
            found = _("From {source}: {count} to import").format(
                source=plan.source_label, count=current().number(len(plan.challenges))
            )
            ui.label(found).classes("font-medium")
            if not plan.challenges:
                ui.label(_("There is nothing in this file to import.")).classes("text-sm")
            for item in plan.challenges:
                self._draw_item(item)
            for reason in plan.skipped:
                left_out = _("Left out: {reason}").format(
                    reason=said_again(reason, LEFT_OUT, current())
                )
                ui.label(left_out).classes("text-sm text-gray-600")
            if not plan.challenges:
                return
            self.send = ui.switch(
                _("Also send to {brand}'s loyalty platform as new events").format(
                    brand=self.ctx.brand.name
                ),
                value=False,
            ).mark("import-send")
            ui.label(
                _("Imported history earns no points. Off, it stays here: nothing is sent upstream.")
            ).classes("text-sm text-gray-600")
            self.button = (
                ui.button(_("Import"), icon="upload", on_click=self._import)
                .classes("tap-target self-start")
                .mark("import-confirm")
            )

    def _draw_item(self, item: PlannedChallenge) -> None:
        with ui.row().classes("w-full items-start no-wrap gap-2"):
            self.picks[item.key] = ui.checkbox(value=True).mark(f"import-pick-{item.key}")
            with ui.column().classes("gap-0 min-w-0"):
                ui.label(item.spec.name).classes("font-medium break-words")
                words = current()
                ui.label(
                    ngettext(
                        "{first} – {last}, {count} log",
                        "{first} – {last}, {count} logs",
                        len(item.logs),
                        first=words.day(item.first_day, "dd MMM y"),
                        last=words.day(item.last_day, "dd MMM y"),
                    )
                ).classes("text-sm")
                ui.label(_("Becomes: {what}").format(what=becomes(item))).classes(
                    "text-sm text-gray-600"
                )

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


def becomes(item: PlannedChallenge) -> str:
    """What a planned challenge becomes here, in words, for the preview."""
    spec, words = item.spec, current()
    return _(
        "A {frequency} challenge '{name}' ({periods}, {measure} of {target}), "
        "{logs} marked imported"
    ).format(
        frequency=_(FREQUENCIES[spec.frequency]),
        name=spec.name,
        periods=ngettext("{count} period", "{count} periods", spec.total_periods),
        measure=_(MEASURES[spec.measure]),
        target=amount(spec.target, words),
        logs=ngettext("{count} log", "{count} logs", len(item.logs)),
    )


def done_text(summary: ImportSummary) -> str:
    """What the import did, in a sentence."""
    if summary.already_imported:
        return _("You imported this file before; nothing was imported again.")
    text = ngettext(
        "Imported {challenges} ({names}) with {count} log",
        "Imported {challenges} ({names}) with {count} logs",
        summary.logs,
        challenges=current().number(len(summary.challenges)),
        names=", ".join(summary.challenges),
    )
    if summary.skipped_logs:
        later = ngettext(
            "{count} dated later than now was left out",
            "{count} dated later than now were left out",
            summary.skipped_logs,
        )
        text = f"{text}; {later}"
    if summary.sent_upstream:
        text = _("{imported}, also sent upstream.").format(imported=text)
    else:
        text = f"{text}."
    if summary.carried_points:
        came = ngettext(
            "Your {count} point came along.",
            "Your {count} points came along.",
            summary.carried_points,
        )
        text = f"{text} {came}"
    elif summary.points_note:
        text = f"{text} {said_again(summary.points_note, POINTS_NOTES, current())}"
    return text

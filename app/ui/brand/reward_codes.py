"""The brand's own codes: pasted one per line or read from a file, with every bad line listed."""

from __future__ import annotations

from nicegui import events, ui

from app.domain.rewards import MAX_CODE_LENGTH, MAX_CODES_PER_UPLOAD
from app.i18n import _, ngettext
from app.ui.browser_values import as_text
from app.ui.builder_fields import FIELD

# Room for the most codes one upload takes, each on its own line (CRLF): no longer text is ours.
MOST_TEXT = MAX_CODES_PER_UPLOAD * (MAX_CODE_LENGTH + 2)


class CodesBox:
    """A box for codes, one per line; a .csv or .txt file fills it. `show(messages)` lists
    every line that needs fixing under it."""

    def __init__(self, marker: str, label: str | None = None) -> None:
        """`label` translated already; "Codes, one per line" in the tab's language if none."""
        self.marker, self.label = marker, label

    def draw(self) -> None:
        hint = _("A CSV file: the first column is read, and a header line `code` skipped.")
        self.box = (
            ui.textarea(self.label or _("Codes, one per line"))
            .props(f'{FIELD} autogrow input-class="font-mono"')
            .props(f'hint="{hint}"')
            .classes("w-full")
            .mark(self.marker)
        )
        self.problems = (
            ui.column()
            .classes("w-full gap-0 text-negative")
            .props('role=list aria-live="polite"')
            .mark(f"{self.marker}-errors")
        )
        ui.upload(
            label=_("Or choose a .csv or .txt file"),
            on_upload=self._read_file,
            on_rejected=lambda: self.show(
                [_("That file was not taken: choose a .csv or .txt file of at most 10 MB.")]
            ),
            auto_upload=True,
            max_file_size=MOST_TEXT,
        ).props('accept=".csv,.txt,text/csv,text/plain" flat bordered').classes("w-full").mark(
            f"{self.marker}-file"
        )

    @property
    def text(self) -> str:
        return as_text(self.box.value, most=MOST_TEXT)

    def clear(self) -> None:
        self.box.set_value("")

    def show(self, messages: list[str]) -> None:
        """Every message under the box, one a line; the box itself says how many."""
        self.box.props.pop("error", None)
        self.box.props.pop("error-message", None)
        if messages:
            self.box.props["error"] = True
            self.box.props["error-message"] = (
                messages[0]
                if len(messages) == 1
                else ngettext(
                    "{count} line needs fixing: it is listed below.",
                    "{count} lines need fixing: they are listed below.",
                    len(messages),
                )
            )
        self.box.update()
        self.problems.clear()
        with self.problems:
            for message in messages:
                ui.label(message).props("role=listitem").mark(f"{self.marker}-error")

    async def _read_file(self, event: events.UploadEventArguments) -> None:
        try:
            text = await event.file.text("utf-8-sig")
        except UnicodeDecodeError:
            self.show(
                [
                    _("{file} is not a text file: save it as CSV (UTF-8) or .txt.").format(
                        file=event.file.name
                    )
                ]
            )
            return
        self.box.set_value(text)
        self.show([])
        event.sender.reset()  # type: ignore[attr-defined]
        ui.notify(
            _("Read {file} into the box: check the codes before you save them.").format(
                file=event.file.name
            )
        )

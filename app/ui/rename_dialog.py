"""Renaming a challenge from its page: a dialog with the name, refusals beside the field."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import run, ui

from app.domain.errors import RuleError
from app.domain.validation import NAME_MAX
from app.i18n import _, said
from app.services.challenges import rename_challenge
from app.ui.browser_values import as_text
from app.ui.context import UIContext
from app.ui.fields import limit_length
from app.ui.frame import clear_errors, field_errors


class RenameDialog:
    def __init__(
        self, ctx: UIContext, person_id: int, challenge_id: int, on_renamed: Callable[[str], None]
    ) -> None:
        self.ctx, self.person_id, self.challenge_id = ctx, person_id, challenge_id
        self.on_renamed = on_renamed

    async def open(self, current: str) -> None:
        with ui.dialog() as self.dialog, ui.card().classes("gap-3 w-full max-w-sm"):
            title = ui.label(_("Rename challenge")).classes("text-lg font-medium")
            title.props("role=heading aria-level=2")
            self.name = limit_length(ui.input(_("Name"), value=current), NAME_MAX)
            self.name.props("outlined autofocus").classes("w-full").mark("rename-name")
            self.name.on("keydown.enter", self.save)
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(_("Cancel"), on_click=self.dialog.close).props("flat").mark(
                    "rename-cancel"
                )
                self.button = ui.button(_("Save"), on_click=self.save).mark("rename-save")
        self.dialog.props(f"aria-labelledby={title.html_id}")
        await self.dialog
        if not self.dialog.is_deleted:  # the page may have gone while it was open
            self.dialog.delete()

    async def save(self) -> None:
        clear_errors({"name": self.name})
        self.button.props("loading")
        wanted = as_text(self.name.value, most=NAME_MAX)
        try:
            stored = await run.io_bound(
                lambda: rename_challenge(
                    self.ctx.engine,
                    person_id=self.person_id,
                    challenge_id=self.challenge_id,
                    name=wanted,
                    now=self.ctx.clock.now(),
                )
            )
        except RuleError as error:
            unplaced = field_errors({"name": self.name}, [(e.field, said(e)) for e in error.errors])
            if unplaced:
                ui.notify(" ".join(unplaced), type="warning")
            return
        finally:
            self.button.props(remove="loading")
        if stored is None:
            return
        self.dialog.close()
        self.on_renamed(stored)

"""The brand's Active definitions on /new: one click to start, a consent step when asked."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.describe import describe
from app.domain.errors import RuleError
from app.i18n import said
from app.services.assignments import AlreadyStarted, ConsentNeeded, start_definition
from app.services.definitions import DefinitionView
from app.ui.context import UIContext


class DefinitionCards:
    """Draws the cards; a click starts the definition as the person's challenge and opens it."""

    def __init__(self, ctx: UIContext, person_id: int, definitions: list[DefinitionView]) -> None:
        self.ctx, self.person_id, self.definitions = ctx, person_id, definitions

    def draw(self) -> None:
        if not self.definitions:
            return
        ui.label(f"From {self.ctx.settings.brand_name}").classes("text-lg font-medium").props(
            "role=heading aria-level=2"
        ).mark("from-brand")
        with ui.element("div").classes("w-full grid grid-cols-1 sm:grid-cols-2 gap-3"):
            for view in self.definitions:
                self._card(view)

    def _card(self, view: DefinitionView) -> None:
        rule = view.rule
        with ui.card().classes("w-full gap-2").mark(f"definition-{view.id}"):
            with ui.row().classes("items-center gap-2 no-wrap"):
                ui.icon(rule.icon).classes("text-3xl text-primary")
                ui.label(view.name).classes("text-base font-medium")
            if rule.description:
                ui.label(rule.description).classes("text-sm whitespace-pre-line")
            ui.label(describe(rule.spec, label=rule.event_label, unit=rule.event_unit)).classes(
                "text-sm text-gray-600"
            ).mark("pays")
            message = ui.row().classes("items-center gap-1 text-sm").mark("start-message")
            ui.button(
                "Start",
                icon="play_arrow",
                on_click=lambda e, v=view: self._clicked(v, e.sender, message),
            ).classes("tap-target").props(f'aria-label="Start: {view.name}"').mark(
                f"start-{view.id}"
            )

    async def _clicked(self, view: DefinitionView, button: ui.element, message: ui.row) -> None:
        if not view.rule.consent_required:
            await self._start(view, button, message, consent=False)
            return
        with ui.dialog() as dialog, ui.card().classes("gap-3").mark("consent-dialog"):
            ui.label(f"Start “{view.name}”?").classes("text-lg font-medium")
            ui.label(
                f"This challenge shares your progress with {self.ctx.settings.brand_name}. "
                "Agree to that to start it."
            )
            with ui.row().classes("gap-2 justify-end w-full"):
                ui.button("Cancel", on_click=dialog.close).props("flat").mark("consent-cancel")
                ui.button("Agree and start", on_click=lambda: agree()).mark("consent-agree")

        async def agree() -> None:
            dialog.close()
            await self._start(view, button, message, consent=True)

        dialog.open()

    async def _start(
        self, view: DefinitionView, button: ui.element, message: ui.row, *, consent: bool
    ) -> None:
        button.props("loading")
        message.clear()
        try:
            challenge_id = await run.io_bound(
                lambda: start_definition(
                    self.ctx.engine,
                    person_id=self.person_id,
                    definition_id=view.id,
                    now=self.ctx.clock.now(),
                    consent=consent,
                )
            )
        except AlreadyStarted as started:
            with message:
                ui.label("You have already started this one:").mark("already-started")
                ui.link("open it", f"/challenge/{started.challenge_id}").mark("running-link")
            return
        except (ConsentNeeded, RuleError) as error:
            with message:
                ui.label(said(error)).classes("text-negative").mark("start-refused")
            return
        finally:
            button.props(remove="loading")
        if challenge_id is not None:
            ui.navigate.to(f"/challenge/{challenge_id}")

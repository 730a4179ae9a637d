"""Definitions in the console: the list by status, a new one, and one to edit and act on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time

from nicegui import run, ui

from app.domain.definitions import DefinitionRule, DefinitionStatus
from app.domain.errors import INVALID_INPUT, FieldError, RuleError
from app.i18n import N_, _, current, said
from app.services.definitions import (
    DefinitionPage,
    DefinitionView,
    create_definition,
    end_definition,
    list_definitions,
    publish_definition,
    read_definition,
    reopen_definition,
    update_definition,
)
from app.services.errors import NotFound
from app.ui.brand.actions import ask_to_end, attempt, done
from app.ui.brand.definition_form import DefinitionForm
from app.ui.brand.frame import console_frame, load_console, status_chip, status_name, when
from app.ui.builder_fields import day_from, text_field
from app.ui.context import UIContext
from app.ui.error_pages import draw_not_found

PAGE_SIZE = 20
FILTERS = ("All", *(s.value for s in DefinitionStatus))
ALL = N_("All")
EMPTY = {
    None: N_("No definitions yet."),
    DefinitionStatus.DRAFT: N_("No Draft definitions yet."),
    DefinitionStatus.SCHEDULED: N_("No Scheduled definitions yet."),
    DefinitionStatus.ACTIVE: N_("No Active definitions yet."),
    DefinitionStatus.ENDED: N_("No Ended definitions yet."),
}


def register(ctx: UIContext) -> None:
    @ui.page("/brand")
    async def definitions_page(status: str = "All", page: int = 1) -> None:
        wanted = DefinitionStatus(status) if status in FILTERS[1:] else None
        page = max(page, 1)
        loaded = await load_console(
            ctx,
            lambda: list_definitions(
                ctx.engine,
                now=ctx.clock.now(),
                status=wanted,
                offset=(page - 1) * PAGE_SIZE,
                count=PAGE_SIZE,
            ),
        )
        if loaded is None:
            return
        profile, found = loaded
        with console_frame(
            _("Definitions"), section="Definitions", brand=ctx.brand, dark_mode=profile.dark_mode
        ):
            draw_list(found, wanted, page)

    @ui.page("/brand/definitions/new")
    async def new_definition_page() -> None:
        loaded = await load_console(ctx, lambda: None)
        if loaded is None:
            return
        profile = loaded[0]
        with console_frame(
            _("New definition"), section="Definitions", brand=ctx.brand, dark_mode=profile.dark_mode
        ):
            form = DefinitionForm()
            form.draw()

            async def save() -> None:
                rule = form.rule()
                new_id = await attempt(
                    _shown(form),
                    lambda: create_definition(
                        ctx.engine, rule=rule, by=profile.email, now=ctx.clock.now()
                    ),
                )
                if new_id is not None:
                    ui.navigate.to(f"/brand/definitions/{new_id}")

            ui.button(_("Save as draft"), icon="save", on_click=save).classes("tap-target").mark(
                "save"
            )

    @ui.page("/brand/definitions/{definition_id}")
    async def definition_page(definition_id: int) -> None:
        def load() -> DefinitionView | None:
            try:
                return read_definition(ctx.engine, definition_id=definition_id, now=ctx.clock.now())
            except NotFound:
                return None

        loaded = await load_console(ctx, load)
        if loaded is None:
            return
        profile, view = loaded
        title = view.name if view else _("Definition")
        with console_frame(
            title, section="Definitions", brand=ctx.brand, dark_mode=profile.dark_mode
        ):
            if view is None:
                draw_not_found()
                return
            DefinitionEditor(ctx, view, by=profile.email).draw()


def draw_list(found: DefinitionPage, wanted: DefinitionStatus | None, page: int) -> None:
    with ui.row().classes("w-full items-center justify-between gap-2 flex-wrap"):
        by_status = _("By status")
        with ui.row().classes("gap-2 flex-wrap").props(f'role=navigation aria-label="{by_status}"'):
            for name in FILTERS:
                chosen = name == (wanted or "All")
                ui.link(
                    _(ALL) if name == "All" else status_name(name), f"/brand?status={name}"
                ).classes(
                    "px-3 py-1 rounded-full border no-underline "
                    + ("bg-primary text-white" if chosen else "text-primary")
                ).props(f'aria-current="{"page" if chosen else "false"}"').mark(
                    f"filter-{name.lower()}"
                )
        ui.button(
            _("New definition"),
            icon="add",
            on_click=lambda: ui.navigate.to("/brand/definitions/new"),
        ).classes("tap-target").mark("new-definition")
    if not found.items:
        with ui.card().classes("w-full items-center text-center p-6 gap-2").mark("empty"):
            ui.icon("campaign").classes("text-5xl text-primary")
            ui.label(_(EMPTY[wanted]))
            ui.label(_("Make one with New definition; people start it from their New page."))
        return
    with ui.card().classes("w-full p-0 gap-0").props("role=list").mark("definitions"):
        for view in found.items:
            with (
                ui.row()
                .classes("w-full items-center gap-3 px-4 py-2 border-b no-wrap")
                .props("role=listitem")
                .mark("definition-row")
            ):
                ui.icon(view.rule.icon).classes("text-3xl text-primary")
                with ui.column().classes("grow gap-0 min-w-0"):
                    ui.link(view.name, f"/brand/definitions/{view.id}").classes(
                        "font-medium break-words"
                    ).mark(f"definition-{view.id}")
                    ui.label(
                        _("Changed by {who}, {when}").format(
                            who=view.modified_by, when=when(view.modified_on)
                        )
                    ).classes("text-sm text-gray-600")
                status_chip(view.status)
    pages = max(1, -(-found.total // PAGE_SIZE))
    status = wanted.value if wanted else "All"
    with ui.row().classes("w-full items-center justify-between"):
        words = current()
        ui.label(
            _("{total} in all · page {page} of {pages}").format(
                total=words.number(found.total), page=words.number(page), pages=words.number(pages)
            )
        ).classes("text-sm").mark("paging")
        with ui.row().classes("gap-2"):
            if page > 1:
                ui.link(_("Previous"), f"/brand?status={status}&page={page - 1}").mark("previous")
            if page < pages:
                ui.link(_("Next"), f"/brand?status={status}&page={page + 1}").mark("next")


class DefinitionEditor:
    """One definition: its form, who changed it, and what can be done with it now."""

    def __init__(self, ctx: UIContext, view: DefinitionView, *, by: str) -> None:
        self.ctx, self.view, self.by = ctx, view, by
        draft = view.status is DefinitionStatus.DRAFT
        self.form = DefinitionForm(view.rule, rule_locked=not draft)

    def draw(self) -> None:
        view = self.view
        with ui.row().classes("w-full items-center gap-2 flex-wrap"):
            status_chip(view.status)
            ui.label(
                _("Created by {creator}, {created} · changed by {changer}, {changed}").format(
                    creator=view.created_by,
                    created=when(view.created_on),
                    changer=view.modified_by,
                    changed=when(view.modified_on),
                )
            ).classes("text-sm text-gray-600").mark("audit")
        self.form.draw()
        with ui.row().classes("gap-2 flex-wrap"):
            ui.button(_("Save"), icon="save", on_click=self.save).classes("tap-target").mark("save")
            match view.status:
                case DefinitionStatus.DRAFT:
                    ui.button(_("Publish"), icon="publish", on_click=self.publish).classes(
                        "tap-target"
                    ).mark("publish")
                case DefinitionStatus.ACTIVE | DefinitionStatus.SCHEDULED:
                    ui.button(_("End now"), icon="stop_circle", on_click=self.confirm_end).props(
                        "color=negative"
                    ).classes("tap-target").mark("end")
                case DefinitionStatus.ENDED:
                    ui.button(_("Reopen"), icon="restart_alt", on_click=self.ask_reopen).classes(
                        "tap-target"
                    ).mark("reopen")
            ui.link(_("Back to definitions"), "/brand").classes("self-center")

    async def save(self) -> bool:
        rule = self.form.rule()
        saved = await attempt(
            _shown(self.form),
            done(
                lambda: update_definition(
                    self.ctx.engine,
                    definition_id=self.view.id,
                    rule=rule,
                    by=self.by,
                    now=self.ctx.clock.now(),
                )
            ),
        )
        if saved:
            ui.notify(_("Saved."), type="positive")
            self._reload()
        return bool(saved)

    async def publish(self) -> None:
        rule = self.form.rule()
        published = await attempt(_shown(self.form), done(lambda: self._save_and_publish(rule)))
        if published:
            ui.notify(_("Published."), type="positive")
            self._reload()

    def _save_and_publish(self, rule: DefinitionRule) -> None:
        now = self.ctx.clock.now()
        update_definition(
            self.ctx.engine,
            definition_id=self.view.id,
            rule=rule,
            by=self.by,
            now=now,
        )
        publish_definition(self.ctx.engine, definition_id=self.view.id, by=self.by, now=now)

    def confirm_end(self) -> None:
        ask_to_end(
            self.view.name,
            _(
                "Everyone keeps their progress; no one can start it or log toward it from now "
                "on. You can reopen it later."
            ),
            self._end,
        )

    async def _end(self) -> None:
        ended = await attempt(
            _shown(self.form),
            done(
                lambda: end_definition(
                    self.ctx.engine,
                    definition_id=self.view.id,
                    by=self.by,
                    now=self.ctx.clock.now(),
                )
            ),
        )
        if ended:
            ui.notify(_("Ended."), type="positive")
            self._reload()

    def ask_reopen(self) -> None:
        with ui.dialog() as dialog, ui.card().classes("gap-3").mark("reopen-dialog"):
            ui.label(_("Reopen “{name}”").format(name=self.view.name)).classes(
                "text-lg font-medium"
            )
            ui.label(_("Pick a new end day (UTC), or leave it empty to run with no end."))
            until = text_field(_("New end"), "reopen-until").props("type=date stack-label")
            with ui.row().classes("gap-2 justify-end w-full"):
                ui.button(_("Cancel"), on_click=dialog.close).props("flat").mark("reopen-cancel")
                ui.button(_("Reopen"), on_click=lambda: self._reopen(dialog, until)).mark(
                    "reopen-confirm"
                )
        dialog.open()

    async def _reopen(self, dialog: ui.dialog, until: ui.input) -> None:
        day = day_from(until.value)
        end = None if day is None else datetime.combine(day, time(), tzinfo=UTC)
        try:
            await run.io_bound(
                lambda: reopen_definition(
                    self.ctx.engine,
                    definition_id=self.view.id,
                    until=end,
                    by=self.by,
                    now=self.ctx.clock.now(),
                )
            )
        except RuleError as error:
            until.props["error"] = True
            until.props["error-message"] = said(error)
            until.update()
            return
        dialog.close()
        ui.notify(_("Reopened."), type="positive")
        self._reload()

    def _reload(self) -> None:
        ui.navigate.to(f"/brand/definitions/{self.view.id}")


def _shown(form: DefinitionForm) -> Callable[[list[FieldError]], None]:
    """Errors beside the form's fields, with the upstream code where one applies."""
    return lambda errors: form.show([(e.field, _message(e)) for e in errors])


def _message(error: FieldError) -> str:
    return said(error) if error.code == INVALID_INPUT else f"{said(error)} ({error.code})"

"""API keys for the brand's systems: create one (shown once), list them, revoke one."""

from __future__ import annotations

from nicegui import run, ui

from app.domain.errors import RuleError
from app.i18n import _, said
from app.services.api_keys import (
    NAME_MAX,
    ApiKeyView,
    NewKey,
    create_api_key,
    list_api_keys,
    revoke_api_key,
)
from app.ui.brand.frame import console_frame, load_console, when
from app.ui.builder_fields import text_field
from app.ui.context import UIContext
from app.ui.fields import limit_length


def register(ctx: UIContext) -> None:
    @ui.page("/brand/keys")
    async def keys_page() -> None:
        loaded = await load_console(ctx, lambda: list_api_keys(ctx.engine))
        if loaded is None:
            return
        profile, keys = loaded
        with console_frame(
            _("API keys"), section="API keys", brand=ctx.brand, dark_mode=profile.dark_mode
        ):
            with ui.row().classes("gap-1 items-center text-sm"):
                ui.label(_("Your systems call the challenges API with a key in the apikey header;"))
                ui.link(_("the API's reference"), "/api/docs", new_tab=True).mark("api-docs")
                ui.label(_("says the rest."))
            with ui.card().classes("w-full gap-2"):
                name = limit_length(
                    text_field(_("Name"), "key-name", _("the system that will use it, e.g. CRM")),
                    NAME_MAX,
                )

                async def create() -> None:
                    wanted = str(name.value or "")
                    try:
                        new = await run.io_bound(
                            lambda: create_api_key(
                                ctx.engine, name=wanted, by=profile.email, now=ctx.clock.now()
                            )
                        )
                    except RuleError as error:
                        name.props["error"] = True
                        name.props["error-message"] = said(error)
                        name.update()
                        return
                    if new is not None:
                        show_once(new)

                ui.button(_("Create key"), icon="add", on_click=create).classes("tap-target").mark(
                    "create-key"
                )
            draw_keys(ctx, keys)


def show_once(new: NewKey) -> None:
    """The whole key, this once: the page reloads to the list when the dialog closes."""
    with (
        ui.dialog().props("persistent") as dialog,
        ui.card().classes("gap-3 w-full max-w-xl").mark("new-key"),
    ):
        ui.label(_("Key “{name}”").format(name=new.name)).classes("text-lg font-medium")
        ui.label(
            _("Copy it now: it will not be shown again. We keep only a fingerprint of it.")
        ).classes("text-negative font-medium").mark("shown-once")
        ui.label(new.key).classes("font-mono break-all p-2 border rounded").mark("key-value")
        with ui.row().classes("gap-2 justify-end w-full"):
            ui.button(
                _("Copy"),
                icon="content_copy",
                on_click=lambda: copy(new.key),
            ).mark("copy-key")
            ui.button(_("Done"), on_click=lambda: ui.navigate.to("/brand/keys")).props("flat").mark(
                "key-done"
            )
    dialog.open()


def copy(key: str) -> None:
    ui.clipboard.write(key)
    ui.notify(_("Copied."), type="positive")


def draw_keys(ctx: UIContext, keys: list[ApiKeyView]) -> None:
    if not keys:
        ui.label(_("No keys yet.")).classes("text-gray-600").mark("no-keys")
        return
    with ui.card().classes("w-full p-0 gap-0").props("role=list").mark("keys"):
        for key in keys:
            with (
                ui.row()
                .classes("w-full items-center gap-3 px-4 py-2 border-b")
                .props("role=listitem")
                .mark("key-row")
            ):
                with ui.column().classes("grow gap-0 min-w-0"):
                    ui.label(f"{key.name} · {key.prefix}…").classes("font-medium break-words")
                    used = when(key.last_used_at) if key.last_used_at else _("never")
                    ui.label(
                        _("Created by {who}, {created} · last used {used}").format(
                            who=key.created_by, created=when(key.created_at), used=used
                        )
                    ).classes("text-sm text-gray-600")
                if key.revoked_at is not None:
                    ui.label(_("Revoked {when}").format(when=when(key.revoked_at))).classes(
                        "text-negative text-sm"
                    ).mark(f"revoked-{key.id}")
                    continue
                ui.button(_("Revoke"), on_click=lambda k=key: confirm_revoke(ctx, k)).props(
                    "outline color=negative"
                ).mark(f"revoke-{key.id}")


def confirm_revoke(ctx: UIContext, key: ApiKeyView) -> None:
    with ui.dialog() as dialog, ui.card().classes("gap-3").mark("revoke-dialog"):
        ui.label(
            _("Revoke “{name}” ({prefix}…)?").format(name=key.name, prefix=key.prefix)
        ).classes("text-lg font-medium")
        ui.label(_("It stops working at once; a system still using it gets 401 answers."))

        async def revoke() -> None:
            await run.io_bound(
                lambda: revoke_api_key(ctx.engine, key_id=key.id, now=ctx.clock.now())
            )
            dialog.close()
            ui.navigate.to("/brand/keys")

        with ui.row().classes("gap-2 justify-end w-full"):
            ui.button(_("Cancel"), on_click=dialog.close).props("flat").mark("revoke-cancel")
            ui.button(_("Revoke"), on_click=revoke).props("color=negative").mark("revoke-confirm")
    dialog.open()

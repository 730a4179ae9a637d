"""What a browser sees when something is missing or goes wrong: never a traceback.

Every unexpected error gets a short reference, shown to the person and written to the log
beside the traceback, so support can find one from the other.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from nicegui import Client, ui
from nicegui import app as nicegui_app
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.domain.brand import Brand
from app.hang_ups import browser_left
from app.i18n import _
from app.ui.frame import apply_theme
from app.ui.references import reference

log = logging.getLogger("goalpost.errors")
_PAGE_DRAWN = "goalpost_page_drawn"


def install(brand: Brand) -> None:
    """Our pages for 404 and 500, for page builds, page events and plain HTTP routes."""
    pages = ErrorPages(brand)
    nicegui_app.on_page_exception(pages.draw_page_error)
    nicegui_app.on_exception(_log_reference)
    nicegui_app.add_exception_handler(404, pages.not_found)
    nicegui_app.add_exception_handler(Exception, pages.server_error)


def draw_not_found() -> None:
    with ui.card().classes("w-full items-center text-center p-6 gap-2").mark("not-found"):
        ui.icon("search_off").classes("text-5xl text-primary")
        ui.label(_("We couldn't find that page")).classes("text-lg font-medium")
        ui.label(_("The link may be wrong, or what it points to isn't yours."))
        ui.link(_("Back to Today"), "/").classes("text-primary").mark("home")


def draw_not_found_page(brand: Brand) -> None:
    """The whole "Not found" page, as any unknown address shows it."""
    apply_theme(brand)
    ui.page_title(brand.title(_("Not found")))
    with ui.column().classes("w-full max-w-xl mx-auto p-6 gap-3"):
        ui.label(_("Not found")).classes("text-2xl font-bold").props("role=heading aria-level=1")
        draw_not_found()


def _draw_error(brand: Brand, ref: str) -> None:
    apply_theme(brand)
    ui.page_title(brand.title(_("Something went wrong")))
    with ui.column().classes("w-full max-w-xl mx-auto p-6 gap-3"):
        ui.label(_("Something went wrong")).classes("text-2xl font-bold").props(
            "role=heading aria-level=1"
        )
        with ui.card().classes("w-full items-center text-center p-6 gap-2").mark("server-error"):
            ui.icon("sentiment_dissatisfied").classes("text-5xl text-primary")
            ui.label(_("That didn't work on our side. Try again in a moment."))
            ui.label(
                _("If it keeps happening, tell us this reference: {ref}").format(ref=ref)
            ).mark("reference")
            ui.link(_("Back to Today"), "/").classes("text-primary").mark("home")


def _log_reference(error: Exception) -> None:
    log.error("unexpected error, reference %s", reference(error), exc_info=error)


class ErrorPages:
    """The handlers, drawn in the brand's look."""

    def __init__(self, brand: Brand) -> None:
        self.brand = brand

    def draw_page_error(self, error: Exception) -> None:
        setattr(error, _PAGE_DRAWN, True)
        _draw_error(self.brand, reference(error))

    async def not_found(self, request: Request, error: Exception) -> Response:
        endpoint = request.scope.get("endpoint")
        is_page = (
            request.scope.get("nicegui_page_path") or endpoint is None or endpoint is nicegui_app
        )
        if not is_page and isinstance(error, StarletteHTTPException):
            return await http_exception_handler(request, error)  # an API route: JSON, as FastAPI
        with Client(ui.page(""), request=request) as client:
            draw_not_found_page(self.brand)
        return client.build_response(request, 404)

    def server_error(self, request: Request, error: Exception) -> Response:
        if getattr(error, _PAGE_DRAWN, False):  # NiceGUI drew our page and passes it here as well
            return Response(status_code=500)  # (and ignores what we answer)
        if browser_left(error):  # app/hang_ups.py says so, once, without a traceback
            return Response(status_code=500)
        ref = reference(error)
        if not request.scope.get("nicegui_page_path"):
            log.error("unexpected error, reference %s", ref, exc_info=error)
            body = {"detail": "Something went wrong on our side.", "reference": ref}
            return JSONResponse(body, status_code=500)
        _log_reference(error)
        with Client(ui.page(""), request=request) as client:
            _draw_error(self.brand, ref)
        return client.build_response(request, 500)

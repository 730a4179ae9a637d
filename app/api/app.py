"""The challenges API: a FastAPI application of its own, mounted at /api by app/main.py, with
its OpenAPI at /api/openapi.json and its docs at /api/docs (docs/api.md)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from swagger_ui_bundle import swagger_ui_path

from app.clock import Clock

from . import errors
from .challenges import challenges_router
from .contacts import contacts_router
from .keys import api_key_guard


def create_api_app(
    engine: Engine,
    clock: Clock,
    *,
    rate_limit: str,
    rate_limit_storage: str = "memory://",
    rate_limit_scope: str = "",
) -> FastAPI:
    api = FastAPI(
        title="Goalpost challenges API",
        version="3",
        description=(
            "Voyado Engage's challenges API (v3, and v2 with string enums) on Goalpost. "
            "Send your key in the `apikey` header. See docs/api.md."
        ),
        docs_url=None,  # served below from local assets: a demo laptop may be offline
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    calling_key = api_key_guard(
        engine, clock, rate_limit, storage=rate_limit_storage, scope=rate_limit_scope
    )

    def authorised(request: Request, key_id: int = Depends(calling_key)) -> None:
        request.state.api_key_id = key_id

    guarded = [Depends(authorised)]
    for version in ("v3", "v2"):
        api.include_router(
            challenges_router(version, engine=engine, clock=clock), dependencies=guarded
        )
    api.include_router(contacts_router(engine=engine), dependencies=guarded)
    _local_docs(api)
    errors.install(api)
    api.openapi = lambda: _openapi(api)  # type: ignore[method-assign]
    return api


def _local_docs(api: FastAPI) -> None:
    """Swagger UI at /api/docs with its script and styles from the swagger-ui-bundle package,
    not FastAPI's default CDN."""
    api.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @api.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title=f"{api.title}: docs",
            swagger_js_url="/api/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs-assets/swagger-ui.css",
            swagger_favicon_url="/api/docs-assets/favicon-32x32.png",
        )


def _openapi(api: FastAPI) -> dict[str, Any]:
    """FastAPI's schema without its 422 answers: validation errors here are 400s."""
    if api.openapi_schema is not None:
        return api.openapi_schema
    schema = get_openapi(
        title=api.title, version=api.version, description=api.description, routes=api.routes
    )
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            operation.get("responses", {}).pop("422", None)
    schema["components"]["securitySchemes"] = {
        "apikey": {"type": "apiKey", "in": "header", "name": "apikey"}
    }
    schema["security"] = [{"apikey": []}]
    api.openapi_schema = schema
    return schema

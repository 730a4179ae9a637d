"""Builds one sandbox: a FastAPI app answering like Capillary, with its own SQLite store."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError

from app.sandbox import (
    routes_control,
    routes_customers,
    routes_enrolments,
    routes_events,
    routes_oauth,
    routes_promotions,
    routes_target_groups,
    routes_users,
)
from app.sandbox.auth import (
    DEFAULT_OAUTH_KEY,
    DEFAULT_OAUTH_SECRET,
    DEFAULT_PASSWORD,
    DEFAULT_TILL,
    ControlSecret,
    Credentials,
    check_may_run,
)
from app.sandbox.db import open_database
from app.sandbox.envelopes import CapillaryError, Family
from app.sandbox.faults import FaultPlan, FaultSettings
from app.sandbox.gate import CapillaryGate, QuietDroppedConnections
from app.sandbox.state import SandboxState

ROUTERS = (
    routes_oauth,
    routes_events,
    routes_customers,
    routes_target_groups,
    routes_promotions,
    routes_enrolments,
    routes_users,
    routes_control,
)


def create_sandbox_app(
    db_path: str | Path,
    *,
    till: str = DEFAULT_TILL,
    password: str = DEFAULT_PASSWORD,
    oauth_key: str = DEFAULT_OAUTH_KEY,
    oauth_secret: str = DEFAULT_OAUTH_SECRET,
    control_secret: str | None = None,
    environment: str = "development",
    faults: dict[str, Any] | None = None,
) -> FastAPI:
    """A Capillary-compatible app over the SQLite file at `db_path` (or `:memory:`).

    Mountable: `app.mount("/sandbox", create_sandbox_app(...))`. `faults` takes the JSON of
    `PUT /_sandbox/faults` and is what `/_sandbox/reset` returns to. `/_sandbox/*` answers only
    to `control_secret` (unset: a random one nobody knows). Raises `SandboxRefused` in
    production, and for the default credentials outside development and test.
    """
    credentials = Credentials(till, password, oauth_key, oauth_secret)
    check_may_run(environment, credentials)
    startup_faults = FaultSettings.model_validate(faults or {})
    state = SandboxState(
        db=open_database(db_path),
        credentials=credentials,
        control=ControlSecret(control_secret or secrets.token_urlsafe(32)),
        startup_faults=startup_faults,
        faults=FaultPlan(startup_faults),
    )
    app = FastAPI(title="Goalpost Capillary sandbox", version="1")
    app.state.sandbox = state
    app.router.routes.append(routes_events.webhook_route)  # first: the busiest route
    for module in ROUTERS:
        app.include_router(module.router)
    app.add_exception_handler(CapillaryError, _capillary_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(OverflowError, _number_too_large)
    app.add_middleware(CapillaryGate, state=state, quiet=_quiet_dropped_connections())
    return app


async def _capillary_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CapillaryError)
    return error.response()


async def _invalid_request(request: Request, error: Exception) -> Response:
    """Path or query values of the wrong type: Capillary's 'invalid input', not FastAPI's 422."""
    assert isinstance(error, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
    )
    return CapillaryError(Family.V3, 300004, f"Invalid input: {problems}").response()


async def _number_too_large(request: Request, error: Exception) -> Response:
    """A backstop for numbers no route bounded: too large for storage is invalid input too."""
    return CapillaryError(Family.V3, 300004, "Invalid input: a number is out of range").response()


def _quiet_dropped_connections() -> QuietDroppedConnections:
    """Dropped connections are on purpose; the server need not log them as crashes.

    One filter per process, on the logger uvicorn reports application errors to.
    """
    logger = logging.getLogger("uvicorn.error")
    for existing in logger.filters:
        if isinstance(existing, QuietDroppedConnections):
            return existing
    quiet = QuietDroppedConnections()
    logger.addFilter(quiet)
    return quiet

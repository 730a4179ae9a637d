"""The one place our errors become HTTP answers: always JSON, always a message a developer can
act on, never a 500 for bad input (docs/api.md, "Errors")."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.domain.errors import RuleError
from app.services.checkpoints import IdempotencyConflict
from app.services.errors import NotFound

from .models import ErrorBody

# What every route may answer besides its own 200, for the OpenAPI.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The request is malformed; `errors` says where."},
    401: {"model": ErrorBody, "description": "No API key, or a wrong or revoked one."},
    404: {"model": ErrorBody, "description": "Nothing with that id."},
    409: {"model": ErrorBody, "description": "Refused by a rule; `message` says which."},
    429: {"model": ErrorBody, "description": "Over the rate limit; retry after `Retry-After` s."},
}


def install(api: FastAPI) -> None:
    api.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    api.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    api.add_exception_handler(NotFound, _not_found)  # type: ignore[arg-type]
    api.add_exception_handler(RuleError, _refused)  # type: ignore[arg-type]
    api.add_exception_handler(IdempotencyConflict, _conflict)  # type: ignore[arg-type]


def error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"message": message, **extra}, status_code=status)


async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [
        {
            "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body",
            "message": _problem(e),
        }
        for e in exc.errors()[:20]
    ]
    summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5])
    return error(400, f"The request is not valid. {summary}", errors=problems)


def _problem(e: Any) -> str:
    if e.get("type") == "json_invalid":
        return "The body is not valid JSON; send a JSON array of checkpoint rows."
    if e.get("type") == "too_long" and e.get("loc") == ("body",):
        return "A batch has at most 1000 rows; split it into smaller batches."
    return str(e.get("msg", "invalid"))


async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
    response = error(exc.status_code, str(exc.detail))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _not_found(_request: Request, exc: NotFound) -> JSONResponse:
    return error(404, f"No {exc}: check the id (ids are UUIDs the API gave you).")


async def _refused(_request: Request, exc: RuleError) -> JSONResponse:
    problems = [{"field": e.field, "message": e.message} for e in exc.errors]
    return error(409, str(exc), errors=problems)


async def _conflict(_request: Request, exc: IdempotencyConflict) -> JSONResponse:
    return error(409, str(exc))

"""Reading Capillary's answers: JSON for a success, the right exception for a failure."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from app.sync.errors import PermanentUpstreamError, TransientUpstreamError


def decode(
    method: str, url: str, response: httpx.Response, *, done: frozenset[int] = frozenset()
) -> Any:
    """The JSON of a success, or the right exception for a failure.

    `done`: error codes that mean the work is already done, whatever the status (Capillary
    answers 310126, "not enrolled", with a 500).
    """
    status = response.status_code
    if done and status >= 300 and _code_in(response, done):
        return {}
    if status == 429:
        raise TransientUpstreamError(
            f"{method} {path_of(url)}: rate limited (429)",
            retry_after=_retry_after(response.headers.get("Retry-After")),
        )
    if status >= 500 or status == 408:
        raise TransientUpstreamError(
            f"{method} {path_of(url)}: upstream answered {status}",
            retry_after=_retry_after(response.headers.get("Retry-After")),
        )
    try:
        body = response.json() if response.content else {}
    except ValueError:
        if status < 300:
            raise TransientUpstreamError(
                f"{method} {path_of(url)}: unreadable answer ({status})"
            ) from None
        body = {}
    if status < 300:
        return body
    code, message = _error_of(body, status, response.reason_phrase)
    raise PermanentUpstreamError(code, message)


def _code_in(response: httpx.Response, codes: frozenset[int]) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return _error_of(body, response.status_code, "")[0] in codes


def _error_of(body: Any, status: int, reason: str) -> tuple[int, str]:
    """Code and message from any of the three envelopes (v2, v3, promotions)."""
    if isinstance(body, dict):
        candidates = [*(body.get("validationErrors") or []), *(body.get("errors") or [])]
        if isinstance(body.get("status"), dict):
            candidates.append(body["status"])
        for error in candidates:
            if isinstance(error, dict) and error.get("code") is not None:
                try:
                    return int(error["code"]), str(error.get("message") or "")
                except (TypeError, ValueError):
                    continue
    return status, reason


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def path_of(url: str) -> str:
    """The path alone, and never a webhook's token: it is as good as a credential."""
    path = httpx.URL(url).path if "://" in url else url.split("?")[0]
    return "/webhooks/…" if "/webhooks/" in path else path

"""The one Capillary client: base URL, timeouts, a connection pool, auth and typed calls.

Every call carries `Idempotency-Key`. Failures come out as the exceptions in
`app.sync.errors`; the relay decides what to retry. The "already done" answers of a
repeated call (1806, 310069 for our own group, 4003/4007, 310119, 310126) are successes here.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.sync.answers import decode, path_of
from app.sync.credentials import BasicCredentials, OAuthCredentials, UpstreamOptions
from app.sync.errors import PermanentUpstreamError, TransientUpstreamError
from app.sync.transport import PooledTransport

DEFAULT_TIMEOUT = httpx.Timeout(5.0, connect=2.0)
PROMOTION_PAGE = 100
NOT_ENROLLED = 310126
TRACKED_PAGE = 1000
MAX_TRACKED_PAGES = 100  # a hundred thousand events in one period is not a person


@dataclass(frozen=True)
class UpstreamGroup:
    group_id: int
    target_id: int
    adopted: bool = False  # found by name after a lost answer, not created by this call


@dataclass
class _Token:
    value: str = field(repr=False)
    expires_at: float  # time.monotonic()


class CapillaryClient:
    """Typed calls to Capillary (or the sandbox) over one pooled `httpx.AsyncClient`."""

    def __init__(
        self,
        base_url: str,
        *,
        credentials: BasicCredentials | OAuthCredentials,
        options: UpstreamOptions | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 64,
    ) -> None:
        self.options = options or UpstreamOptions()
        self._credentials = credentials
        self._token: _Token | None = None
        self._basic: dict[str, str] | None = None  # computed on first use, never shown
        self._token_lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            # Our lean pool by default (see app/sync/transport.py); any httpx transport fits.
            transport=transport or PooledTransport(max_connections=max_connections),
            headers={"Accept": "application/json"},
        )

    def __repr__(self) -> str:
        scheme = "basic" if isinstance(self._credentials, BasicCredentials) else "oauth"
        return f"CapillaryClient({str(self._http.base_url)!r}, auth={scheme})"

    async def __aenter__(self) -> CapillaryClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- behavioural events ---------------------------------------------------------------

    async def define_event(self, body: dict[str, Any], *, key: str) -> None:
        """`POST /v2/events`; an event already defined (1806) counts as done."""
        try:
            await self._call("POST", "/v2/events", key=key, json=body)
        except PermanentUpstreamError as exc:
            if exc.code != 1806:
                raise

    async def post_event(self, body: dict[str, Any], *, key: str) -> str | None:
        """The org's webhook; the upstream de-duplicates by `external_event_id`."""
        answer = await self._call("POST", self.options.webhook_url, key=key, json=body)
        return answer.get("requestId") if isinstance(answer, dict) else None

    # --- target groups --------------------------------------------------------------------

    async def create_target_group(
        self, body: dict[str, Any], *, key: str, retry: bool = False
    ) -> UpstreamGroup:
        """`POST /v3/targetGroups`; on 310069 adopt the group by name only if it is ours.

        A retry asks `isValidName` first: after a lost answer the group usually exists, and
        adopting it straight away saves the create that would only meet 310069.
        """
        try:
            if retry and not await self.is_free_group_name(body["name"], key=key):
                raise PermanentUpstreamError(310069, "Target group name already exists")
            answer = await self._call("POST", "/v3/targetGroups", key=key, json=body)
        except PermanentUpstreamError as exc:
            if exc.code != 310069:
                raise
            found = await self.find_target_group(body["name"], key=key)
            if found is None or not _is_our_group(found, body):
                raise PermanentUpstreamError(
                    exc.code,
                    exc.message,
                    readable_text=(
                        f"Capillary already has a target group named '{body['name']}' that "
                        "Goalpost did not create; rename or remove that group in Capillary, "
                        f"then retry ({exc.code})"
                    ),
                ) from None
            return _group_ids(found, adopted=True)
        return _group_ids(answer["data"], adopted=False)

    async def is_free_group_name(self, name: str, *, key: str | None = None) -> bool:
        """`isValidName`: True while no target group has the name (case-insensitive)."""
        body = {"type": "targetGroupName", "value": name}
        answer = await self._call("POST", "/v3/targetGroups/isValidName", key=key, json=body)
        return answer.get("data") is True

    async def rename_target_rule(
        self, group_id: int, target_id: int, *, group_name: str, name: str, key: str
    ) -> None:
        """`editTargetGroup`: the challenge's new name on its target rule (the group's own name,
        ours, stays)."""
        body = {"id": group_id, "name": group_name, "targets": [{"id": target_id, "name": name}]}
        await self._call("PUT", f"/v3/targetGroups/editTargetGroup/{group_id}", key=key, json=body)

    async def tracked_events(
        self, customer_id: int, target_id: int, *, period_id: int | None = None
    ) -> list[dict[str, Any]]:
        """`trackedTargetEvents`: every event that counted toward the target (all pages)."""
        path = f"/v3/users/{customer_id}/trackedTargetEvents/{target_id}"
        params: dict[str, Any] = {"limit": TRACKED_PAGE}
        if period_id is not None:
            params["periodId"] = period_id
        rows: list[dict[str, Any]] = []
        for page in range(MAX_TRACKED_PAGES):  # `offset` is a page number here
            answer = await self._call("GET", path, key=None, params={**params, "offset": page})
            found = list(answer.get("data") or [])
            rows.extend(found)
            if len(found) < TRACKED_PAGE:
                break
        return rows

    async def find_target_group(
        self, name: str, *, key: str | None = None
    ) -> dict[str, Any] | None:
        """A user-created group by its name (case-insensitive), or None."""
        answer = await self._call(
            "GET",
            "/v3/milestones",
            key=key,
            params={"includeUserCreatedTargetGroups": "true", "name": name, "limit": 100},
        )
        for group in answer.get("data") or []:
            if str(group.get("name", "")).lower() == name.lower():
                return dict(group)
        return None

    async def enrol(
        self, group_id: int, target_id: int, customer_id: int, *, period_name: str, key: str
    ) -> None:
        """Enrol the customer from `period_name` on; already enrolled (310119) counts as done."""
        path = f"/v3/targetGroups/{group_id}/targets/{target_id}/enroll"
        body = [{"customerId": customer_id, "periodName": period_name}]
        try:
            await self._call("POST", path, key=key, json=body)
        except PermanentUpstreamError as exc:
            if exc.code != 310119:
                raise

    async def unenrol(self, group_id: int, target_id: int, customer_id: int, *, key: str) -> None:
        """Un-enrol the customer; not enrolled (310126, answered with a 500) counts as done."""
        path = f"/v3/targetGroups/{group_id}/targets/{target_id}/unEnroll"
        body = [{"customerId": customer_id}]
        await self._call("POST", path, key=key, json=body, done=frozenset({NOT_ENROLLED}))

    async def user_target_groups(self, customer_id: int, *, key: str | None = None) -> list[Any]:
        """The groups a customer is enrolled in, with one target entry per period.

        `includeInactive=true`: without it Capillary lists only the running cycle.
        """
        answer = await self._call(
            "GET",
            f"/v3/users/{customer_id}/targetGroups",
            key=key,
            params={"includeInactive": "true"},
        )
        return list((answer.get("data") or {}).get("targetGroups") or [])

    # --- promotions -----------------------------------------------------------------------

    async def create_promotion(self, body: dict[str, Any], *, key: str) -> int:
        """The UCC promotion; on 4003/4007 adopt the one with our identifier."""
        path = f"/api_gateway/loyalty/v1/programs/{self.options.program_id}/createPromotion/simple"
        try:
            answer = await self._call("POST", path, key=key, json=body)
        except PermanentUpstreamError as exc:
            if exc.code not in (4003, 4007):
                raise
            found = await self.find_promotion(body["promotion"]["identifier"], key=key)
            if found is None:
                raise
            return found
        return int(answer["data"][0]["id"])

    async def find_promotion(self, identifier: str, *, key: str | None = None) -> int | None:
        """The id of the user-created promotion with this identifier, or None."""
        path = f"/api_gateway/loyalty/v1/programs/{self.options.program_id}/promotionsV2"
        offset = 0
        while True:
            params = {"limit": PROMOTION_PAGE, "offset": offset, "sourceType": "USER_CREATED"}
            answer = await self._call("GET", path, key=key, params=params)
            page = answer.get("data") or answer.get("promotions") or []
            for promotion in page:
                if promotion.get("identifier") == identifier:
                    return int(promotion.get("id") or promotion.get("promotionId"))
            if len(page) < PROMOTION_PAGE:
                return None
            offset += PROMOTION_PAGE

    # --- customers ------------------------------------------------------------------------

    async def lookup_customer(self, external_id: str, *, key: str | None = None) -> int | None:
        """Capillary's customer id for our external id, or None when there is none (8015)."""
        params = {
            "source": "INSTORE",
            "identifierName": "externalId",
            "identifierValue": external_id,
        }
        try:
            answer = await self._call("GET", "/v2/customers/lookup", key=key, params=params)
        except PermanentUpstreamError as exc:
            if exc.code in (8015, 8065, 404):
                return None
            raise
        entity = answer.get("entity")
        return None if entity is None else int(entity)

    async def create_customer(self, body: dict[str, Any], *, key: str) -> int:
        """`POST /v2/customers`; identifiers that already exist answer with that customer."""
        answer = await self._call("POST", "/v2/customers", key=key, json=body)
        return int(answer["createdId"])

    # --- transport ------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        url: str,
        *,
        key: str | None,
        json: Any = None,
        params: dict[str, Any] | None = None,
        done: frozenset[int] = frozenset(),
    ) -> Any:
        headers = {"Idempotency-Key": key or f"read:{uuid.uuid4()}"}
        for attempt in (1, 2):
            headers.update(await self._auth_headers())
            response = await self._send(method, url, headers, json, params)
            if response.status_code == 401 and attempt == 1 and self._oauth():
                self._token = None  # expired or revoked: one fresh token, one more try
                continue
            return decode(method, url, response, done=done)
        raise AssertionError("unreachable")

    async def _send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        json: Any,
        params: dict[str, Any] | None,
    ) -> httpx.Response:
        try:
            return await self._http.request(method, url, headers=headers, json=json, params=params)
        except httpx.TimeoutException:
            raise TransientUpstreamError(f"{method} {path_of(url)} timed out") from None
        except httpx.TransportError as exc:  # refused, reset, or dropped mid-answer
            raise TransientUpstreamError(
                f"{method} {path_of(url)}: connection failed ({type(exc).__name__})"
            ) from None

    def _oauth(self) -> OAuthCredentials | None:
        return self._credentials if isinstance(self._credentials, OAuthCredentials) else None

    async def _auth_headers(self) -> dict[str, str]:
        oauth = self._oauth()
        if oauth is None:
            if self._basic is None:
                assert isinstance(self._credentials, BasicCredentials)
                self._basic = {"Authorization": self._credentials.header()}
            return self._basic
        return {"X-CAP-API-OAUTH-TOKEN": await self._oauth_token(oauth)}

    async def _oauth_token(self, oauth: OAuthCredentials) -> str:
        async with self._token_lock:
            token = self._token
            if token is not None and token.expires_at > time.monotonic():
                return token.value
            body = {"key": oauth.key, "secret": oauth.secret.get_secret_value()}
            response = await self._send(
                "POST",
                "/v3/oauth/token/generate",
                {"Idempotency-Key": f"token:{uuid.uuid4()}"},
                body,
                None,
            )
            data = decode("POST", "/v3/oauth/token/generate", response)["data"]
            ttl = float(data.get("ttlSeconds") or 300)
            self._token = _Token(
                str(data["accessToken"]), time.monotonic() + max(ttl - 30, ttl / 2)
            )
            return self._token.value


def _is_our_group(found: dict[str, Any], body: dict[str, Any]) -> bool:
    """Ours when the description (the challenge name) and the target's event name match."""
    ours_event = body["targets"][0]["eventName"]
    targets = found.get("targets") or []
    return found.get("description") == body.get("description") and any(
        t.get("eventName") == ours_event for t in targets
    )


def _group_ids(group: dict[str, Any], *, adopted: bool) -> UpstreamGroup:
    return UpstreamGroup(int(group["id"]), int(group["targets"][0]["id"]), adopted)

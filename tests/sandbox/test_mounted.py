"""The sandbox mounted under `/sandbox` in a parent FastAPI app, as the main app mounts it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from app.cluster.processes import free_port
from app.sandbox import create_sandbox_app
from tests.sandbox.payloads import event, event_definition
from tests.sandbox_server import basic_auth_header, control_headers
from tests.server import CONTROL_SECRET


async def test_every_route_works_under_a_mount_prefix() -> None:
    parent = FastAPI()
    sandbox = create_sandbox_app(
        ":memory:", control_secret=CONTROL_SECRET, faults={"latency_ms": [1, 2]}
    )
    parent.mount("/sandbox", sandbox)
    transport = httpx.ASGITransport(app=parent)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://goalpost/sandbox", headers=basic_auth_header()
    ) as client:
        assert (await client.post("/v2/events", json=event_definition())).status_code == 200
        posted = await client.post("/webhooks/sandbox", json=event(1))
        assert posted.json()["status"]["code"] == 1100
        refused = await client.get("/v2/events", headers={"Authorization": "nope"})
        assert refused.status_code == 401
        stats = (await client.get("/_sandbox/stats", headers=control_headers())).json()
        assert stats["events_stored"] == 1
        journal = (await client.get("/_sandbox/requests", headers=control_headers())).json()
        journal = journal["requests"]
        assert [e["path"] for e in journal] == ["/v2/events", "/webhooks/sandbox", "/v2/events"]


class Passthrough(BaseHTTPMiddleware):
    """Like NiceGUI's own middlewares, which wrap every response of the main app."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        return await call_next(request)


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def test_a_drop_breaks_the_connection_behind_gzip_and_base_http_middlewares() -> None:
    parent = FastAPI()
    parent.add_middleware(GZipMiddleware)
    parent.add_middleware(Passthrough)
    parent.mount("/sandbox", create_sandbox_app(":memory:", faults={"drop_rate": 1, "seed": 3}))
    with serving(parent) as url, httpx.Client(headers=basic_auth_header()) as client:
        for _ in range(4):  # both kinds of drop: before and after the work
            with pytest.raises(httpx.TransportError):
                client.get(f"{url}/sandbox/v2/events")

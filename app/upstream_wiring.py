"""The upstream the app talks to: Capillary, a sandbox elsewhere, or the sandbox mounted in
this very server; and the relay's own loop with a client of its own (used by app/main.py)."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI
from nicegui import app as nicegui_app
from pydantic import SecretStr
from sqlalchemy.engine import make_url

from app.config import OPEN_ENVIRONMENTS, Settings
from app.foreground import Foreground
from app.sandbox import create_sandbox_app
from app.sync.client import CapillaryClient
from app.sync.credentials import BasicCredentials
from app.sync.relay_loop import RelayLoop
from app.sync.upstream import build_client, configured_sandbox_credentials


def upstream(
    settings: Settings, control_secret: str, foreground: Foreground
) -> tuple[CapillaryClient | None, FastAPI | None, RelayLoop | None]:
    """The upstream client, the sandbox when it is mounted, and the relay's own loop with a
    client of its own. The sandbox is mounted with UPSTREAM=sandbox and no SANDBOX_URL, at
    /sandbox of this very server, so a demo works offline (its answers to the relay are then
    still worked out on this server's loop). Production never mounts it (Settings refuses
    UPSTREAM=sandbox there)."""
    if settings.upstream != "sandbox" or settings.sandbox_url is not None:

        def elsewhere() -> CapillaryClient | None:
            return build_client(settings, sandbox_base_url=settings.sandbox_url or "")

        client = elsewhere()
        if client is None:
            return None, None, None
        return client, None, RelayLoop(lambda: required(elsewhere()), foreground=foreground)
    credentials = mounted_sandbox_credentials(settings)
    sandbox = create_sandbox_app(
        sandbox_db(settings),
        till=credentials.till,
        password=credentials.password.get_secret_value(),
        oauth_secret=secrets.token_urlsafe(32),  # the app's client uses Basic auth
        control_secret=control_secret,
        environment=settings.environment,
    )
    nicegui_app.mount("/sandbox", sandbox)

    def mounted() -> CapillaryClient | None:
        return build_client(
            settings,
            sandbox_base_url=f"http://127.0.0.1:{settings.port}/sandbox",
            sandbox_credentials=credentials,
        )

    # The relay calls the sandbox over HTTP like any client: the sandbox does its work on
    # one loop only (app/sandbox/db.py), this server's.
    return mounted(), sandbox, RelayLoop(lambda: required(mounted()), foreground=foreground)


def required(client: CapillaryClient | None) -> CapillaryClient:
    assert client is not None, "the settings that made one client make the other"
    return client


def mounted_sandbox_credentials(settings: Settings) -> BasicCredentials:
    """The documented defaults in development and test (easy to call by hand); elsewhere the
    configured ones, or a random password that only this process knows."""
    if settings.environment in OPEN_ENVIRONMENTS or settings.sandbox_password:
        return configured_sandbox_credentials(settings)
    till = configured_sandbox_credentials(settings).till
    return BasicCredentials(till, SecretStr(secrets.token_urlsafe(32)))


def sandbox_db(settings: Settings) -> str:
    if settings.sandbox_db:
        return settings.sandbox_db
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return str(Path(url.database).with_name("sandbox.db"))
    return "data/sandbox.db"

"""The sandbox's settings (`SANDBOX_*` environment variables or `.env`)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.sandbox.app import create_sandbox_app
from app.sandbox.auth import (
    DEFAULT_OAUTH_KEY,
    DEFAULT_OAUTH_SECRET,
    DEFAULT_PASSWORD,
    DEFAULT_TILL,
)


class SandboxSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SANDBOX_", env_file=".env", extra="ignore")

    # The app's own ENVIRONMENT: production refuses to run a sandbox, and only development
    # and test accept the default credentials.
    environment: str = Field(default="development", validation_alias=AliasChoices("ENVIRONMENT"))
    till: str = DEFAULT_TILL
    password: str = DEFAULT_PASSWORD
    oauth_key: str = DEFAULT_OAUTH_KEY
    oauth_secret: str = DEFAULT_OAUTH_SECRET
    # `/_sandbox/*` needs `Authorization: Bearer <this>`; unset, nobody can use them.
    control_secret: str | None = None
    faults: dict[str, Any] = {}  # JSON, as for PUT /_sandbox/faults
    db: str = "data/sandbox.db"


def sandbox_app_from_settings(settings: SandboxSettings | None = None) -> FastAPI:
    """The sandbox app configured by `settings` (read from the environment when None)."""
    settings = settings or SandboxSettings()
    return create_sandbox_app(
        settings.db,
        till=settings.till,
        password=settings.password,
        oauth_key=settings.oauth_key,
        oauth_secret=settings.oauth_secret,
        control_secret=settings.control_secret,
        environment=settings.environment,
        faults=settings.faults,
    )

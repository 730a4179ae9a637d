"""The sandbox's settings (`SANDBOX_*` environment variables or `.env`)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.sandbox.app import create_sandbox_app


class SandboxSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SANDBOX_", env_file=".env", extra="ignore")

    till: str = "goalpost.till"
    password: str = "goalpost-sandbox"
    oauth_key: str = "goalpost-key"
    oauth_secret: str = "goalpost-secret"
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
        faults=settings.faults,
    )

"""Settings from the environment or `.env`; built once, in the composition root."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me-development-only"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///data/goalpost.db"
    host: str = "127.0.0.1"
    port: int = 8080
    storage_secret: str = PLACEHOLDER_SECRET
    upstream: Literal["sandbox", "capillary", "off"] = "sandbox"
    # Lets tests and demos move the app's clock; never on by default.
    allow_clock_override: bool = False

    @model_validator(mode="after")
    def refuse_placeholder_secret(self) -> Settings:
        if self.environment != "development" and self.storage_secret == PLACEHOLDER_SECRET:
            raise ValueError(
                "STORAGE_SECRET must be set to a real secret outside development "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        if self.environment == "production" and self.allow_clock_override:
            raise ValueError("ALLOW_CLOCK_OVERRIDE is for tests and demos, not production")
        return self

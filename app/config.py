"""Settings from the environment or `.env`; built once, in the composition root."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr, model_validator
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
    # Capillary (UPSTREAM=capillary); names upstream are `{upstream_prefix}-…` (docs/upstream.md).
    upstream_prefix: str = "goalpost"
    capillary_base_url: str | None = None
    capillary_till: str | None = None
    capillary_password: SecretStr | None = None
    capillary_oauth_key: str | None = None
    capillary_oauth_secret: SecretStr | None = None
    capillary_program_id: int = 1
    capillary_webhook_url: str | None = None
    # How long a relay owns the outbox rows it claimed; a crashed relay's claim expires then.
    outbox_lease_seconds: int = 30
    # UPSTREAM=sandbox: the sandbox mounted at /sandbox, or one already running at SANDBOX_URL.
    sandbox_url: str | None = None
    sandbox_db: str | None = None  # default: sandbox.db beside a SQLite DATABASE_URL, else data/
    # How often the background jobs run, in seconds.
    jobs_drain_seconds: float = 2.0
    jobs_close_periods_seconds: float = 60.0
    jobs_reconcile_seconds: float = 3600.0
    # Who may open the outbox page: comma-separated emails. Empty: everyone signed in, but
    # only in development (a demo); outside development, nobody.
    operator_emails: str = ""

    def is_operator(self, email: str) -> bool:
        listed = {e.strip().lower() for e in self.operator_emails.split(",") if e.strip()}
        if not listed:
            return self.environment == "development"
        return email.strip().lower() in listed

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

    @model_validator(mode="after")
    def require_capillary_settings(self) -> Settings:
        if self.outbox_lease_seconds < 5:
            raise ValueError("OUTBOX_LEASE_SECONDS must be at least 5")
        if self.upstream != "capillary":
            return self
        missing = []
        if not self.capillary_base_url:
            missing.append("CAPILLARY_BASE_URL (e.g. https://eu.api.capillarytech.com)")
        if not self.capillary_webhook_url:
            missing.append("CAPILLARY_WEBHOOK_URL (the org's behavioural-event webhook URL)")
        basic = bool(self.capillary_till and self.capillary_password)
        oauth = bool(self.capillary_oauth_key and self.capillary_oauth_secret)
        if not (basic or oauth):
            missing.append(
                "CAPILLARY_TILL and CAPILLARY_PASSWORD, "
                "or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET"
            )
        if missing:
            raise ValueError("UPSTREAM=capillary needs these settings: " + "; ".join(missing))
        return self

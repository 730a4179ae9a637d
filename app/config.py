"""Settings from the environment or `.env`; built once, in the composition root."""

from __future__ import annotations

import socket
from typing import Literal

from limits import parse
from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict
from sqlalchemy.engine import make_url

from app.brand_settings import BrandFileSource, brand_from
from app.domain.brand import Brand, brand_problems

PLACEHOLDER_SECRET = "change-me-development-only"
# Where the sandbox's documented default credentials may be used (docs/security.md).
OPEN_ENVIRONMENTS = ("development", "test")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # development and test: conveniences on; demo: production's protections plus the sandbox
    # and the demo clock; production: no test or demo tool at all (docs/security.md).
    environment: Literal["development", "test", "demo", "production"] = "development"
    database_url: str = "sqlite:///data/goalpost.db"
    host: str = "127.0.0.1"
    port: int = 8080
    storage_secret: str = PLACEHOLDER_SECRET
    upstream: Literal["sandbox", "capillary", "off"] = "sandbox"
    # Lets tests and demos move the app's clock; never on by default, never in production.
    allow_clock_override: bool = False
    # Guards the test and demo tools (the sandbox's /_sandbox/* controls, the demo clock):
    # callers send `Authorization: Bearer <secret>`. Unset: a new random one every start.
    control_secret: SecretStr | None = None
    # Capillary (UPSTREAM=capillary); names upstream are `{upstream_prefix}-…` (docs/upstream.md).
    upstream_prefix: str = "goalpost"
    capillary_base_url: str | None = None
    capillary_till: str | None = None
    capillary_password: SecretStr | None = None
    capillary_oauth_key: str | None = None
    capillary_oauth_secret: SecretStr | None = None
    capillary_program_id: int = 1
    capillary_webhook_url: str | None = None
    # The org's points award and expiry strategies the UCC promotion links (the org's own
    # ids: the API docs' example values 82690 and 81042 only suit the sandbox).
    capillary_award_strategy_id: str | None = None
    capillary_expiry_strategy_id: str | None = None
    # How long a relay owns the outbox rows it claimed; a crashed relay's claim expires then.
    outbox_lease_seconds: int = 30
    # UPSTREAM=sandbox: the sandbox mounted at /sandbox, or one already running at SANDBOX_URL.
    sandbox_url: str | None = None
    sandbox_db: str | None = None  # default: sandbox.db beside a SQLite DATABASE_URL, else data/
    # The till and password for a sandbox at SANDBOX_URL; unset, the documented defaults,
    # which only development and test accept. A mounted sandbox outside those gets random ones.
    sandbox_till: str | None = None
    sandbox_password: SecretStr | None = None
    # --- Several instances (docs/deploy.md): NiceGUI's own NICEGUI_REDIS_URL puts app.storage
    # in Redis and is what says this instance has siblings; they share one PostgreSQL database.
    nicegui_redis_url: str | None = None
    instance_name: str = ""  # shown on the operator page; unset: host name and port
    # How often a leader proves it is alive; a silent one loses its jobs after three of these.
    jobs_leader_heartbeat_seconds: float = 5.0
    # How often the background jobs run, in seconds.
    jobs_drain_seconds: float = 2.0
    jobs_close_periods_seconds: float = 60.0
    jobs_reconcile_seconds: float = 3600.0
    # Who may open the operator pages: comma-separated emails. DEV_OPERATOR_EMAILS counts in
    # development only; with both empty there, the first account ever made is the operator.
    # The challenges API's limit per key, as `limits` parses it (Voyado answers 429 past 200/s).
    api_rate_limit: str = "200/second"
    operator_emails: str = ""
    dev_operator_emails: str = ""
    # --- The brand's look (README, "Your brand"): BRAND_* variables override BRAND_FILE. ---
    brand_file: str | None = None  # unset: brand.toml in the working directory, if there
    brand_name: str = "Goalpost"
    brand_logo: str | None = None  # a file under static/ or an https URL; unset: Goalpost's flag
    brand_primary: str = "#0f766e"  # the header and buttons, under white text
    brand_accent: str = "#b45309"
    brand_points_name: str = "points"  # what points are called, e.g. "Vitality points"
    brand_support_url: str | None = None
    # --- end of the brand's look ---

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        brand_file = BrandFileSource(settings_cls)
        return init_settings, env_settings, dotenv_settings, brand_file, file_secret_settings

    def brand(self) -> Brand:
        """The brand people see, as the BRAND_* settings describe it."""
        return brand_from(
            name=self.brand_name,
            logo=self.brand_logo,
            primary=self.brand_primary,
            accent=self.brand_accent,
            points_name=self.brand_points_name,
            support_url=self.brand_support_url,
        )

    @model_validator(mode="after")
    def refuse_unreadable_brand(self) -> Settings:
        problems = brand_problems(self.brand())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # --- Mail (app/mail, README "Mail"): with no SMTP_HOST, development and test print mail
    # to the log and /_dev/mail; production leaves it pending (the operator page says so).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None  # unset: "<brand name> <no-reply@localhost>"
    smtp_tls: Literal["starttls", "ssl", "none"] | None = None  # unset: ssl on 465, else starttls
    # Where people reach the app, for links in mail; unset: http://127.0.0.1:<PORT>.
    public_url: str | None = None
    jobs_mail_seconds: float = 5.0
    jobs_reminders_seconds: float = 60.0  # how late a reminder may be, at most

    @model_validator(mode="after")
    def refuse_a_public_url_that_is_no_link(self) -> Settings:
        if self.public_url and not self.public_url.startswith(("https://", "http://")):
            raise ValueError(
                f"PUBLIC_URL {self.public_url!r} is not a web address: write it like "
                "https://goalpost.example.com (links in mail start with it)"
            )
        return self

    @property
    def public_base_url(self) -> str:
        return (self.public_url or f"http://127.0.0.1:{self.port}").rstrip("/")

    @property
    def mail_from(self) -> str:
        return self.smtp_from or f"{self.brand_name} <no-reply@localhost>"

    @property
    def mail_tls(self) -> Literal["starttls", "ssl", "none"]:
        return self.smtp_tls or ("ssl" if self.smtp_port == 465 else "starttls")

    # --- The demo world (app/demo, docs/demo.md): DEMO=true starts on fresh SQLite files
    # under DEMO_DIR, seeded with a brand and three people, with the demo clock on.
    demo: bool = False
    demo_dir: str = "data/demo"

    @property
    def several_instances(self) -> bool:
        return bool(self.nicegui_redis_url)

    @property
    def instance(self) -> str:
        """This instance's name on the operator page."""
        return self.instance_name or f"{socket.gethostname()}:{self.port}"

    @model_validator(mode="after")
    def refuse_what_one_process_owns(self) -> Settings:
        """With siblings, state that lives in one process would split: refused at start."""
        if not self.several_instances:
            return self
        if make_url(self.database_url).get_backend_name() != "postgresql":
            raise ValueError(
                "NICEGUI_REDIS_URL runs several instances on one database, which must be "
                "PostgreSQL: set DATABASE_URL=postgresql+psycopg://user@host/goalpost"
            )
        if self.allow_clock_override or self.demo:
            raise ValueError(
                "the demo clock and DEMO=true live in one process and are refused with "
                "NICEGUI_REDIS_URL: run a demo as a single instance"
            )
        if self.upstream == "sandbox" and self.sandbox_url is None:
            raise ValueError(
                "with NICEGUI_REDIS_URL every instance would mount a sandbox of its own: run one "
                "(python -m app.sandbox) and point SANDBOX_URL at it"
            )
        return self

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def uses_tls(self) -> bool:
        """Behind TLS: cookies are sent only over HTTPS (demo and production)."""
        return self.environment in ("demo", "production")

    def operator_list(self) -> set[str]:
        """The emails named as operators for this environment."""
        named = _emails(self.operator_emails)
        if self.environment == "development":
            named |= _emails(self.dev_operator_emails)
        return named

    @property
    def first_account_is_operator(self) -> bool:
        """Development with no operator named: whoever signed up first runs the console."""
        # Not in a demo: its first accounts are the demo people, who must not run the console.
        return self.environment == "development" and not self.demo and not self.operator_list()

    @model_validator(mode="after")
    def refuse_placeholder_secret(self) -> Settings:
        if self.environment != "development" and self.storage_secret == PLACEHOLDER_SECRET:
            raise ValueError(
                "STORAGE_SECRET must be set to a real secret outside development "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        if self.is_production and self.allow_clock_override:
            raise ValueError("ALLOW_CLOCK_OVERRIDE is for tests and demos, not production")
        if self.is_production and self.upstream == "sandbox":
            raise ValueError(
                "UPSTREAM=sandbox is a demo and test tool and is refused with "
                "ENVIRONMENT=production: set UPSTREAM=capillary (with CAPILLARY_BASE_URL, "
                "CAPILLARY_WEBHOOK_URL and credentials) or UPSTREAM=off"
            )
        return self

    @model_validator(mode="after")
    def refuse_demo_where_it_does_not_belong(self) -> Settings:
        if not self.demo:
            return self
        if self.is_production:
            raise ValueError(
                "DEMO=true is refused with ENVIRONMENT=production: a demo world has made-up "
                "people and a movable clock. Use ENVIRONMENT=demo for a hosted demo."
            )
        if self.upstream != "sandbox" or self.sandbox_url is not None:
            raise ValueError(
                "DEMO=true mirrors the demo world to the sandbox mounted in this server: "
                "leave UPSTREAM=sandbox and SANDBOX_URL unset"
            )
        return self

    @model_validator(mode="after")
    def require_capillary_settings(self) -> Settings:
        _check_rate_limit(self.api_rate_limit)
        if self.outbox_lease_seconds < 5:
            raise ValueError("OUTBOX_LEASE_SECONDS must be at least 5")
        if self.upstream != "capillary":
            return self
        missing = []
        if not self.capillary_base_url:
            missing.append("CAPILLARY_BASE_URL (e.g. https://eu.api.capillarytech.com)")
        if not self.capillary_webhook_url:
            missing.append("CAPILLARY_WEBHOOK_URL (the org's behavioural-event webhook URL)")
        if not (self.capillary_award_strategy_id and self.capillary_expiry_strategy_id):
            missing.append(
                "CAPILLARY_AWARD_STRATEGY_ID and CAPILLARY_EXPIRY_STRATEGY_ID "
                "(the org's points strategies the challenge promotions link)"
            )
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


def _emails(listed: str) -> set[str]:
    return {e.strip().lower() for e in listed.split(",") if e.strip()}


def _check_rate_limit(text: str) -> None:
    try:
        parse(text)
    except ValueError:
        raise ValueError(
            f"API_RATE_LIMIT {text!r} is not a rate: write it like '200/second' or '10/minute'"
        ) from None

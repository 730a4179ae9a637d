"""The upstream client the settings ask for: none, the sandbox, or Capillary itself."""

from __future__ import annotations

from pydantic import SecretStr

from app.config import Settings
from app.sync.client import CapillaryClient
from app.sync.credentials import (
    SANDBOX_PASSWORD,
    SANDBOX_TILL,
    BasicCredentials,
    OAuthCredentials,
    UpstreamOptions,
)


def build_client(
    settings: Settings,
    *,
    sandbox_base_url: str,
    sandbox_credentials: BasicCredentials | None = None,
) -> CapillaryClient | None:
    """The client `settings.upstream` asks for: None when off, the sandbox, or Capillary.

    The sandbox is called with `sandbox_credentials` (a mounted sandbox's own), else with
    SANDBOX_TILL and SANDBOX_PASSWORD, else with the documented defaults.
    """
    if settings.upstream == "off":
        return None
    if settings.upstream == "sandbox":
        return CapillaryClient(
            sandbox_base_url,
            credentials=sandbox_credentials or configured_sandbox_credentials(settings),
            options=UpstreamOptions(
                prefix=settings.upstream_prefix, program_id=settings.capillary_program_id
            ),
        )
    # Settings has checked that every one of these is set.
    assert settings.capillary_base_url and settings.capillary_webhook_url
    credentials: BasicCredentials | OAuthCredentials
    if settings.capillary_oauth_key and settings.capillary_oauth_secret:
        credentials = OAuthCredentials(
            settings.capillary_oauth_key, settings.capillary_oauth_secret
        )
    else:
        assert settings.capillary_till and settings.capillary_password
        credentials = BasicCredentials(settings.capillary_till, settings.capillary_password)
    return CapillaryClient(
        settings.capillary_base_url,
        credentials=credentials,
        options=UpstreamOptions(
            prefix=settings.upstream_prefix,
            program_id=settings.capillary_program_id,
            webhook_url=settings.capillary_webhook_url,
            award_strategy=settings.capillary_award_strategy_id or "",
            expiry_strategy=settings.capillary_expiry_strategy_id or "",
        ),
    )


def configured_sandbox_credentials(settings: Settings) -> BasicCredentials:
    """The till and password the settings name for a sandbox, or the documented defaults."""
    password = settings.sandbox_password or SecretStr(SANDBOX_PASSWORD)
    return BasicCredentials(settings.sandbox_till or SANDBOX_TILL, password)

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


def build_client(settings: Settings, *, sandbox_base_url: str) -> CapillaryClient | None:
    """The client `settings.upstream` asks for: None when off, the sandbox, or Capillary."""
    if settings.upstream == "off":
        return None
    if settings.upstream == "sandbox":
        return CapillaryClient(
            sandbox_base_url,
            credentials=BasicCredentials(SANDBOX_TILL, SecretStr(SANDBOX_PASSWORD)),
            options=UpstreamOptions(
                prefix=settings.upstream_prefix, program_id=settings.capillary_program_id
            ),
        )
    assert settings.capillary_base_url and settings.capillary_webhook_url  # Settings checks
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
        ),
    )

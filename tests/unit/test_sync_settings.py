"""UPSTREAM=capillary refuses to start without what it needs; secrets never show."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from app.config import Settings
from app.sync.client import CapillaryClient
from app.sync.credentials import BasicCredentials, OAuthCredentials
from app.sync.upstream import build_client

CAPILLARY = dict(
    upstream="capillary",
    capillary_base_url="https://eu.api.capillarytech.com",
    capillary_webhook_url="https://hooks.example.com/webhooks/t0k3n",
    capillary_award_strategy_id="4711",
    capillary_expiry_strategy_id="4712",
)


def test_capillary_without_credentials_names_the_variables_to_set():
    with pytest.raises(ValidationError) as refused:
        Settings(upstream="capillary")

    text = str(refused.value)
    for name in (
        "CAPILLARY_BASE_URL",
        "CAPILLARY_WEBHOOK_URL",
        "CAPILLARY_TILL",
        "CAPILLARY_PASSWORD",
        "CAPILLARY_OAUTH_KEY",
        "CAPILLARY_AWARD_STRATEGY_ID",
        "CAPILLARY_EXPIRY_STRATEGY_ID",
        "CAPILLARY_OAUTH_SECRET",
    ):
        assert name in text


def test_capillary_with_basic_or_oauth_credentials_is_accepted():
    Settings(**CAPILLARY, capillary_till="t", capillary_password="p")
    Settings(**CAPILLARY, capillary_oauth_key="k", capillary_oauth_secret="s")


def test_off_builds_no_client_and_sandbox_builds_one_for_the_given_url():
    assert build_client(Settings(upstream="off"), sandbox_base_url="http://127.0.0.1:1") is None
    client = build_client(Settings(upstream="sandbox"), sandbox_base_url="http://127.0.0.1:1")
    assert isinstance(client, CapillaryClient)
    assert client.options.webhook_url == "/webhooks/sandbox"


def test_capillary_prefers_oauth_and_never_shows_a_secret():
    settings = Settings(
        **CAPILLARY,
        capillary_till="till",
        capillary_password="hunter2-password",
        capillary_oauth_key="key",
        capillary_oauth_secret="hunter2-secret",
        upstream_prefix="brand",
        capillary_program_id=42,
    )
    client = build_client(settings, sandbox_base_url="http://unused")

    assert client is not None
    assert client.options.prefix == "brand" and client.options.program_id == 42
    shown = repr(client) + repr(settings) + str(settings.model_dump())
    shown += repr(client._credentials)
    assert "hunter2" not in shown


def test_basic_auth_is_the_till_and_the_md5_of_the_password():
    # Capillary's own worked example.
    header = BasicCredentials("store.server", SecretStr("server123")).header()

    assert header == "Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3"
    assert "s3cr3t" not in repr(OAuthCredentials("k", SecretStr("s3cr3t")))


def test_the_promotions_strategies_are_the_orgs_own_from_the_settings():
    settings = Settings(**CAPILLARY, capillary_till="t", capillary_password="p")

    client = build_client(settings, sandbox_base_url="http://unused")

    assert client is not None
    assert (client.options.award_strategy, client.options.expiry_strategy) == ("4711", "4712")

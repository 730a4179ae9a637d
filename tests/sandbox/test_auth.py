"""Who may call: Basic auth (till + md5 of the password) and OAuth tokens."""

from __future__ import annotations

import httpx

from tests.sandbox_server import (
    SANDBOX_OAUTH_KEY,
    SANDBOX_OAUTH_SECRET,
    SANDBOX_TILL,
    basic_auth_header,
)

FAILED = {
    "data": None,
    "errors": [{"code": 401, "message": "Authentication failed"}],
    "warnings": None,
}


def token(sandbox: httpx.Client) -> str:
    answer = sandbox.post(
        "/v3/oauth/token/generate", json={"key": SANDBOX_OAUTH_KEY, "secret": SANDBOX_OAUTH_SECRET}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["ttlSeconds"] == 3600
    return str(answer.json()["data"]["accessToken"])


def test_basic_auth_with_the_md5_of_the_password_is_accepted(capillary: httpx.Client) -> None:
    assert capillary.get("/v2/events").status_code == 200


def test_a_wrong_password_is_refused_with_401(sandbox: httpx.Client) -> None:
    answer = sandbox.get("/v2/events", headers=basic_auth_header(SANDBOX_TILL, "wrong"))
    assert answer.status_code == 401
    assert answer.json() == FAILED


def test_no_credentials_at_all_is_refused_with_401(sandbox: httpx.Client) -> None:
    assert sandbox.get("/v2/events").status_code == 401


def test_an_oauth_token_works_bare_and_as_bearer(sandbox: httpx.Client) -> None:
    access = token(sandbox)
    for value in (access, f"Bearer {access}"):
        answer = sandbox.get("/v2/events", headers={"X-CAP-API-OAUTH-TOKEN": value})
        assert answer.status_code == 200


def test_an_unknown_token_is_refused_with_401(sandbox: httpx.Client) -> None:
    answer = sandbox.get("/v2/events", headers={"X-CAP-API-OAUTH-TOKEN": "made-up"})
    assert answer.status_code == 401
    assert answer.json() == FAILED


def test_a_wrong_oauth_secret_gets_no_token(sandbox: httpx.Client) -> None:
    answer = sandbox.post(
        "/v3/oauth/token/generate", json={"key": SANDBOX_OAUTH_KEY, "secret": "nope"}
    )
    assert answer.status_code == 401


def test_revoked_tokens_are_refused_so_a_client_must_fetch_a_new_one(
    sandbox: httpx.Client,
) -> None:
    access = token(sandbox)
    sandbox.delete("/_sandbox/tokens").raise_for_status()
    answer = sandbox.get("/v2/events", headers={"X-CAP-API-OAUTH-TOKEN": access})
    assert answer.status_code == 401

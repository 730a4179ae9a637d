"""The sandbox's controls need its secret, its reads need Capillary's credentials, odd
numbers are invalid input, and it never runs where it must not (docs/security.md)."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from app.sandbox import create_sandbox_app
from app.sandbox.auth import SandboxRefused
from tests.sandbox_server import basic_auth_header, control_headers
from tests.server import ROOT

CONTROLS = [
    ("GET", "/_sandbox/faults"),
    ("PUT", "/_sandbox/faults"),
    ("POST", "/_sandbox/reset"),
    ("DELETE", "/_sandbox/tokens"),
    ("GET", "/_sandbox/stats"),
    ("GET", "/_sandbox/events"),
    ("GET", "/_sandbox/requests"),
]
NOT_THE_SECRET = [
    {},
    control_headers("a-guess"),
    basic_auth_header(),  # Capillary's credentials open Capillary's routes, not the controls
    {"Authorization": "Bearer"},
]


@pytest.mark.parametrize(("method", "path"), CONTROLS)
@pytest.mark.parametrize("headers", NOT_THE_SECRET, ids=["none", "guess", "basic", "empty"])
def test_a_control_call_without_the_secret_is_refused_with_401_and_changes_nothing(
    sandbox_url: str, method: str, path: str, headers: dict[str, str]
) -> None:
    answer = httpx.request(method, sandbox_url + path, headers=headers, json={"error_rate": 1})

    assert answer.status_code == 401
    assert "control secret" in answer.json()["message"]
    faults = httpx.get(f"{sandbox_url}/_sandbox/faults", headers=control_headers()).json()
    assert faults["error_rate"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/v2/customers/lookup?identifierName=externalId&identifierValue=goalpost-1",
        "/v3/users/1/targetGroups",
        "/v3/targetGroups?includeUserCreatedTargetGroups=true",
        "/v3/milestones?includeUserCreatedTargetGroups=true",
    ],
)
def test_reads_about_people_need_capillary_credentials(sandbox: httpx.Client, path: str) -> None:
    assert httpx.get(f"{sandbox.base_url}{path}").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/_sandbox/events?offset=99999999999999999999",
        "/_sandbox/events?offset=-1",
        "/_sandbox/events?limit=abc",
        "/_sandbox/requests?limit=-5",
    ],
)
def test_odd_numbers_on_the_controls_are_a_400(sandbox: httpx.Client, path: str) -> None:
    answer = sandbox.get(path)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["code"] == 300004


@pytest.mark.parametrize(
    "path",
    [
        "/v3/targetGroups/99999999999999999999",
        "/v3/targetGroups/-1",
        "/v3/targetGroups/x",
        "/v3/users/99999999999999999999/targetGroups",
        "/v3/users/1/targetGroups?targetRuleId=99999999999999999999",
        "/v3/milestones?offset=99999999999999999999",
        "/v3/milestones?offset=-1",
        "/v3/milestones?limit=ten",
        "/api_gateway/loyalty/v1/programs/99999999999999999999/userCreatedPromotions"
        "?limit=10&offset=0&sourceType=USER_CREATED",
        "/api_gateway/loyalty/v1/programs/1/userCreatedPromotions"
        "?limit=10&offset=99999999999999999999&sourceType=USER_CREATED",
    ],
)
def test_odd_numbers_on_capillary_routes_are_a_400_never_a_500(
    capillary: httpx.Client, path: str
) -> None:
    assert capillary.get(path).status_code == 400


def test_the_sandbox_refuses_to_exist_in_production() -> None:
    with pytest.raises(SandboxRefused, match="ENVIRONMENT=production"):
        create_sandbox_app(":memory:", environment="production", password="own", oauth_secret="own")


def test_outside_development_and_test_the_default_credentials_are_refused() -> None:
    with pytest.raises(SandboxRefused, match="SANDBOX_PASSWORD and SANDBOX_OAUTH_SECRET"):
        create_sandbox_app(":memory:", environment="demo")
    create_sandbox_app(":memory:", environment="demo", password="own-1", oauth_secret="own-2")


def test_standalone_in_production_it_exits_saying_why() -> None:
    env = {"ENVIRONMENT": "production", "PATH": "/usr/bin:/bin"}
    finished = subprocess.run(
        [sys.executable, "-m", "app.sandbox", "--db", ":memory:", "--port", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert finished.returncode != 0
    assert "does not run with ENVIRONMENT=production" in finished.stderr

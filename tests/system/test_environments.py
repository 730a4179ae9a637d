"""What a running server offers in each environment: the sandbox and the demo clock only
where they belong, behind their secret, with production's cookies (docs/security.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.db.engine import make_engine
from app.db.migrate import upgrade_to_head
from app.domain.periods import local_day
from app.services.challenges import create_challenge
from app.services.people import register_person
from tests.sandbox_server import basic_auth_header
from tests.server import AppServer, control_headers, running_server
from tests.system.test_background_jobs import FAST_JOBS, wait_until
from tests.unit.specs import water_spec

PRODUCTION = {"ENVIRONMENT": "production", "UPSTREAM": "off", "ALLOW_CLOCK_OVERRIDE": "false"}


def test_production_mounts_no_sandbox_and_no_clock_and_sends_secure_cookies(tmp_path: Path):
    with running_server(tmp_path, **PRODUCTION) as url:
        for path in ("/sandbox/_sandbox/stats", "/sandbox/v2/events", "/_demo/clock"):
            answer = httpx.get(url + path, headers=control_headers() | basic_auth_header())
            assert answer.status_code == 404, path
        cookie = httpx.get(f"{url}/signin").headers["set-cookie"].lower()
    assert cookie.startswith("session=")
    assert "; secure" in cookie and "; httponly" in cookie and "samesite=lax" in cookie


def test_production_with_the_sandbox_upstream_refuses_to_start_and_says_what_to_set(
    tmp_path: Path,
):
    server = AppServer(tmp_path, **(PRODUCTION | {"UPSTREAM": "sandbox"}))

    with pytest.raises(RuntimeError) as refused:
        server.start()

    assert "UPSTREAM=capillary" in str(refused.value) and "UPSTREAM=off" in str(refused.value)


def test_the_mounted_sandbox_and_the_clock_answer_only_to_the_control_secret(tmp_path: Path):
    with running_server(tmp_path, UPSTREAM="sandbox", ALLOW_CLOCK_OVERRIDE="true") as url:
        for path in ("/sandbox/_sandbox/stats", "/_demo/clock"):
            assert httpx.get(url + path).status_code == 401
            assert httpx.get(url + path, headers=basic_auth_header()).status_code == 401
            assert httpx.get(url + path, headers=control_headers()).status_code == 200


def test_a_demo_refuses_the_default_sandbox_credentials_yet_its_own_sync_gets_through(
    tmp_path: Path,
):
    url = f"sqlite:///{tmp_path / 'goalpost.db'}"
    upgrade_to_head(url)
    engine = make_engine(url)
    now = datetime.now(UTC)
    person = register_person(engine, email="demo@example.com", timezone="UTC", now=now)
    create_challenge(
        engine, person_id=person, spec=water_spec(start_date=local_day(now, "UTC")), now=now
    )

    with running_server(tmp_path, ENVIRONMENT="demo", UPSTREAM="sandbox", **FAST_JOBS) as base:
        assert (
            httpx.get(f"{base}/sandbox/v2/events", headers=basic_auth_header()).status_code == 401
        )

        def mirrored() -> bool:
            stats = httpx.get(f"{base}/sandbox/_sandbox/stats", headers=control_headers()).json()
            return bool(stats["target_groups"] == 1 and stats["enrolments"] == 1)

        wait_until(mirrored, 30, "the challenge mirrored in the demo's own sandbox")
    engine.dispose()

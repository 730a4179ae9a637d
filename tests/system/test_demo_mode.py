"""`DEMO=true` on a real server: the world is ready within 5 s, mirrored to the mounted sandbox
over HTTP, reset behind the control secret within 2 s; refused in production."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from app.db.engine import make_engine
from tests.sandbox_server import basic_auth_header
from tests.server import AppServer, control_headers, running_server

GROUPS = {"includeUserCreatedTargetGroups": "true", "limit": 100}


def test_a_demo_server_starts_with_the_world_mirrored_and_resets_it(tmp_path: Path):
    demo_dir = tmp_path / "demo"
    own = tmp_path / "goalpost.db"  # the developer's own database: a demo never touches it
    with running_server(tmp_path, DEMO="true", DEMO_DIR=str(demo_dir), UPSTREAM="sandbox") as url:
        log = (tmp_path / "server-1.log").read_text()
        ready = re.search(r"Demo world ready in ([\d.]+) s", log)
        assert ready and float(ready.group(1)) <= 5
        engine = make_engine(f"sqlite:///{demo_dir / 'goalpost.db'}")
        with engine.connect() as conn:
            challenges = conn.execute(text("SELECT COUNT(*) FROM challenge")).scalar_one()
            logs = conn.execute(text("SELECT COUNT(*) FROM log")).scalar_one()
        engine.dispose()
        sandbox = httpx.Client(base_url=f"{url}/sandbox", headers=basic_auth_header())
        control = httpx.Client(base_url=url, headers=control_headers())

        groups = sandbox.get("/v3/milestones", params=GROUPS).json()["data"]
        promotions = sandbox.get(
            "/api_gateway/loyalty/v1/programs/1/promotionsV2",
            params={"limit": 100, "offset": 0, "sourceType": "USER_CREATED"},
        ).json()["data"]
        first = control.get("/sandbox/_sandbox/stats").json()
        assert len(groups) == len(promotions) == first["enrolments"] == challenges == 6
        assert first["events_stored"] == logs
        assert control.get("/sandbox/_sandbox/events").json()["total"] == logs

        assert httpx.post(f"{url}/_demo/reset").status_code == 401
        control.post("/_demo/clock/advance", params={"days": 7}).raise_for_status()
        reset = control.post("/_demo/reset")

        assert reset.status_code == 200 and reset.json()["seconds"] < 2
        after = control.get("/sandbox/_sandbox/stats").json()
        assert {k: after[k] for k in ("target_groups", "enrolments", "events_stored")} == {
            k: first[k] for k in ("target_groups", "enrolments", "events_stored")
        }
        clock = datetime.fromisoformat(control.get("/_demo/clock").json()["now"])
        assert abs(clock - datetime.now(UTC)) < timedelta(minutes=1)  # back from a week ahead
    assert not own.exists()


def test_demo_mode_refuses_to_start_in_production_and_says_why(tmp_path: Path):
    server = AppServer(
        tmp_path, ENVIRONMENT="production", UPSTREAM="off", DEMO="true", DEMO_DIR=str(tmp_path)
    )

    with pytest.raises(RuntimeError) as refused:
        server.start()

    assert "DEMO=true is refused with ENVIRONMENT=production" in str(refused.value)


def test_without_demo_mode_there_is_no_reset(tmp_path: Path):
    with running_server(tmp_path, UPSTREAM="sandbox", ALLOW_CLOCK_OVERRIDE="true") as url:
        assert httpx.post(f"{url}/_demo/reset", headers=control_headers()).status_code == 404

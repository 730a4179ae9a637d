"""`/healthz` reports the database and Redis, and fails (503) while either is gone, so a load
balancer sends the instance nothing until both are back."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from app.cluster.processes import free_port
from tests import databases
from tests.server import AppServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def own_database(postgres_engine: Engine) -> Iterator[str]:
    """A database of this test's own, so it can refuse connections without hurting others."""
    name = f"goalpost_health_{uuid.uuid4().hex[:8]}"
    admin = create_engine(databases.POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true"))
            connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed (apt-get install redis-server)"
    port = free_port()
    argv = [server, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    yield f"redis://127.0.0.1:{port}/0", process
    process.kill()
    process.wait()


def test_healthz_fails_while_the_database_or_redis_is_gone(own_database, own_redis, tmp_path):
    redis_url, redis_process = own_redis
    database_url = make_url(databases.POSTGRES_URL).set(database=own_database)
    server = AppServer(
        tmp_path,
        DATABASE_URL=database_url.render_as_string(hide_password=False),
        NICEGUI_REDIS_URL=redis_url,
        UPSTREAM="off",
    )
    base_url = server.start()
    admin = create_engine(databases.POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        assert health(base_url) == (200, {"status": "ok", "database": "ok", "redis": "ok"})

        redis_process.kill()
        redis_process.wait()
        assert health(base_url) == (
            503,
            {"status": "failing", "database": "ok", "redis": "unreachable"},
        )

        with admin.connect() as connection:
            connection.execute(text(f"ALTER DATABASE {own_database} WITH ALLOW_CONNECTIONS false"))
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{own_database}'"
                )
            )
        assert health(base_url) == (
            503,
            {"status": "failing", "database": "unreachable", "redis": "unreachable"},
        )

        with admin.connect() as connection:
            connection.execute(text(f"ALTER DATABASE {own_database} WITH ALLOW_CONNECTIONS true"))
        restarted = subprocess.Popen([*redis_argv(redis_process)], stdout=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while health(base_url)[0] != 200:
                assert time.monotonic() < deadline, "healthz did not recover"
                time.sleep(0.2)
            assert health(base_url) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
        finally:
            restarted.kill()
            restarted.wait()
    finally:
        admin.dispose()
        server.stop()
    # What the instance logged about the outage names no host, password or URL.
    logged = "".join(p.read_text() for p in tmp_path.glob("server-*.log"))
    assert "health: Redis did not answer" in logged
    assert redis_url not in logged and own_database not in logged
    # NiceGUI's own listener for app.storage.general logs its lost Redis connection (and stops
    # listening: nothing of Goalpost's is kept there); nothing else may raise.
    raised = set(re.findall(r"^([A-Za-z_][\w.]*(?:Error|Exception)):", logged, re.MULTILINE))
    assert raised <= LOST_REDIS, raised
    assert logged.count("Traceback") == 0 or "Redis listener for nicegui:general" in logged


LOST_REDIS = {"redis.exceptions.ConnectionError", "ConnectionRefusedError", "ConnectionResetError"}


def health(base_url: str) -> tuple[int, dict[str, str]]:
    answer = httpx.get(f"{base_url}/healthz", timeout=10)
    return answer.status_code, answer.json()


def redis_argv(process: subprocess.Popen[bytes]) -> list[str]:
    return [str(arg) for arg in process.args]  # type: ignore[union-attr]

"""The cluster the cluster tests and the failover journey share: started once per session."""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from itsdangerous import URLSafeTimedSerializer

from app.cluster import Cluster
from app.cluster.nginx import NGINX
from tests import databases

# Jobs on short intervals, so a takeover is seen in seconds.
CLOSE_EVERY_SECONDS = 3.0
CLUSTER_ENV = {
    "JOBS_CLOSE_PERIODS_SECONDS": str(CLOSE_EVERY_SECONDS),
    "JOBS_DRAIN_SECONDS": "1",
    "JOBS_LEADER_HEARTBEAT_SECONDS": "1",
    "API_RATE_LIMIT": "100000/second",
    "OPERATOR_EMAILS": "ops@cluster.example.com",
}
OPERATOR = "ops@cluster.example.com"


def started_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Start it (nginx missing fails in CI), yield it, stop it; nothing may log a traceback."""
    if not Path(NGINX).exists():
        message = f"nginx is not installed at {NGINX}: apt-get install nginx (scripts/test does)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    cluster = Cluster(
        tmp_path_factory.mktemp("cluster"),
        instances=2,
        database_url=databases.POSTGRES_URL,
        schema=f"{databases.POSTGRES_SCHEMA}_cluster",
        fresh=True,
        environment="test",
        env=CLUSTER_ENV,
    )
    try:
        cluster.start()
    except Exception as error:
        pytest.fail(f"the cluster did not start: {error}", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()
    tracebacks = cluster.tracebacks()
    assert not tracebacks, "the cluster logged errors:\n" + "\n\n".join(tracebacks)


def ticket_for(cluster: Cluster, base_url: str, person_id: int, email: str) -> tuple[str, str]:
    """A sign-in ticket as the sign-in form makes one (signed with the cluster's storage
    secret, for this browser), and the browser's NiceGUI session cookie it is bound to."""
    cookie = httpx.get(f"{base_url}/signin").cookies["session"]
    browser_id = json.loads(base64.b64decode(cookie.split(".")[0] + "=="))["id"]
    tickets = URLSafeTimedSerializer(cluster.storage_secret, salt="goalpost.sign-in-ticket")
    ticket = tickets.dumps(
        {"p": person_id, "e": email, "b": browser_id, "j": secrets.token_urlsafe(12), "n": "/"}
    )
    return ticket, cookie


def signed_in(cluster: Cluster, base_url: str, person_id: int, email: str) -> httpx.Cookies:
    """The cookies of a browser signed in at `base_url`, through the app's own ticket route."""
    ticket, cookie = ticket_for(cluster, base_url, person_id, email)
    answer = httpx.get(
        f"{base_url}/auth/session", params={"ticket": ticket}, cookies={"session": cookie}
    )
    assert answer.headers.get("location") == "/", answer.headers
    return answer.cookies


def wait_until(condition: Callable[[], object], *, timeout: float, what: str) -> float:
    """Seconds until `condition()` is true; fails saying `what` did not happen."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what} did not happen within {timeout:g} s")
        time.sleep(0.1)
    return time.monotonic() - started

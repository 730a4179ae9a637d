"""Strangers without a session cookie (health checks, a brand's systems calling the API) leave
no storage behind: Redis connections and memory stay bounded (app/user_storage.py)."""

from __future__ import annotations

import httpx
import redis

from app.cluster import Cluster
from tests.cluster_support import wait_until

CALLS = 300


def test_requests_without_a_session_leave_no_redis_connections_behind(cluster: Cluster):
    server = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    before = connected(server)

    for n in range(CALLS):  # a new client each time: no cookie, so a new NiceGUI session
        path = "/healthz" if n % 2 else "/api/v3/challenges/definitions"
        answer = httpx.get(f"{cluster.balancer_url}{path}", timeout=10)
        assert answer.status_code in (200, 401)

    # Closing happens in the background just after each answer.
    wait_until(lambda: connected(server) < before + 20, timeout=10, what="connections closed")
    keys = server.keys(f"{cluster.redis_key_prefix}user-*")
    assert len(keys) < 20, f"{len(keys)} user storages kept in Redis"


def connected(server: redis.Redis) -> int:
    return int(server.info("clients")["connected_clients"])


def test_a_browser_keeps_one_storage_across_its_requests(cluster: Cluster):
    server = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    with httpx.Client(base_url=cluster.balancer_url, timeout=10) as browser:
        browser.get("/signin")  # the first request is given its session cookie
        before = commands(server)
        for _ in range(20):
            assert browser.get("/healthz").status_code == 200

    opened = commands(server).get("hello", 0) - before.get("hello", 0)
    assert opened <= 2, f"{opened} Redis connections opened for one browser's 20 requests"


def commands(server: redis.Redis) -> dict[str, int]:
    stats = server.info("commandstats")
    return {name.removeprefix("cmdstat_"): int(v["calls"]) for name, v in stats.items()}

"""How many checkpoints a second do one and two instances behind nginx take, and what does
NiceGUI's Redis storage cost a page load?

Throughput: starts a local cluster (app.cluster: a sandbox, the instances on a fresh PostgreSQL
schema, nginx in front), builds through the services one Active brand definition, an API key
and `--people` people assigned to it, then posts `--requests` one-row checkpoint batches
(`POST /api/v3/challenges/checkpoints`, each with its own Idempotency-Key) through the balancer
from `--clients` concurrent clients, each with its own route cookie so the load spreads over the
instances. Reports logs/s, p50/p95 latency and how many requests each instance served (from the
balancer's X-Upstream header). Run with 1 instance, then 2.

Page cost: one instance without NICEGUI_REDIS_URL, then one with it; `--loads` page loads in
Debian's Chromium, each in a new browser context (a first visit: new session, new storage),
from `page.goto('/signin')` until NiceGUI's socket handshake is done; the median each way, and
Redis commands per page load from `INFO commandstats` deltas (server-wide: run it on a Redis
nobody else is using).

    .venv/bin/python bench/cluster_throughput.py [--requests 2000] [--clients 16] [--loads 20]

Needs PostgreSQL at 127.0.0.1:5432 (database `test`) and Redis at 127.0.0.1:6379; loopback
only. The client runs in this one Python process, so at high rates it is part of what is
measured. The last line of output is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import redis  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from app.cluster import Cluster  # noqa: E402
from app.cluster.cluster import DEFAULT_REDIS_URL  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from app.services.api_keys import create_api_key  # noqa: E402
from app.services.assignments import assign_contact  # noqa: E402
from app.services.definitions import (  # noqa: E402
    create_definition,
    list_definitions,
    publish_definition,
    read_definition,
)
from app.services.people import contact_id_for_email, register_person  # noqa: E402
from bench.common import TZ, percentile  # noqa: E402

SCHEMA = "goalpost_bench"
CHROMIUM = "/usr/bin/chromium"
# The API's default limit (200/s per key) would be the figure otherwise.
BENCH_ENV = {"API_RATE_LIMIT": "100000/second"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="cluster-bench-") as tmp:
        for n in (1, 2):
            run = throughput(Path(tmp) / f"tp{n}", n, args.requests, args.clients, args.people)
            print(
                f"{n} instance(s): {run['logs_per_s']:.0f} logs/s, p50 {run['p50_ms']:.1f} ms, "
                f"p95 {run['p95_ms']:.1f} ms, errors {run['errors']}, served {run['served']}"
            )
            figures |= {f"{k}_{n}": v for k, v in run.items()}
        for with_redis in (False, True):
            cost = page_cost(Path(tmp) / f"page-{with_redis}", args.loads, with_redis=with_redis)
            label = "with" if with_redis else "without"
            print(
                f"page load {label} Redis: median {cost['median_ms']:.0f} ms over {args.loads}, "
                f"Redis commands per load {cost['commands_per_page']:.1f} {cost['by_command']}"
            )
            figures[f"page_ms_{label}_redis"] = cost["median_ms"]
            if with_redis:
                figures["redis_commands_per_page"] = cost["commands_per_page"]
                figures["redis_commands_by_type"] = cost["by_command"]
    print(json.dumps(figures))


def throughput(
    run_dir: Path, instances: int, requests: int, clients: int, people: int
) -> dict[str, object]:
    with Cluster(run_dir, instances=instances, schema=SCHEMA, fresh=True, env=BENCH_ENV) as c:
        key, definition, contacts = seed(c.database_url, people)
        rows = [
            [{"definitionId": definition, "contactId": contacts[i % people], "checkpointAmount": 1}]
            for i in range(requests)
        ]
        started = time.perf_counter()
        results = asyncio.run(post_all(c.balancer_url, key, rows, clients))
        elapsed = time.perf_counter() - started
        served = Counter(c.instance_for(upstream).name for _, _, upstream in results)
        assert not c.tracebacks(), "\n\n".join(c.tracebacks())
    latencies = [ms for ms, _, _ in results]
    return {
        "logs_per_s": round(requests / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "errors": sum(1 for _, status, _ in results if status != 200),
        "served": dict(sorted(served.items())),
    }


def seed(database_url: str, people: int) -> tuple[str, str, list[str]]:
    """An API key, an Active definition nobody finishes and `people` people assigned to it."""
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    try:
        key = create_api_key(engine, name="bench", by="bench", now=now).key
        preset = next(
            d
            for d in list_definitions(engine, now=now, count=100_000).items
            if d.name == "Five reviews"
        )
        spec = replace(preset.rule.spec, name="Bench reviews", target=1_000_000)
        made = create_definition(engine, rule=replace(preset.rule, spec=spec), by="bench", now=now)
        publish_definition(engine, definition_id=made, by="bench", now=now)
        public_id = read_definition(engine, definition_id=made, now=now).public_id
        contacts = []
        for i in range(people):
            email = f"bench{i}@example.com"
            register_person(engine, email=email, timezone=TZ, now=now)
            contact = contact_id_for_email(engine, email)
            assign_contact(engine, contact_id=contact, definition_public_id=public_id, now=now)
            contacts.append(contact)
    finally:
        engine.dispose()
    return key, public_id, contacts


async def post_all(
    base_url: str, key: str, batches: list[list[dict[str, object]]], clients: int
) -> list[tuple[float, int, str]]:
    """Post every batch from `clients` concurrent clients; (ms, status, X-Upstream) each."""
    queue = iter(batches)
    results: list[tuple[float, int, str]] = []

    async def client() -> None:
        # Its own cookie jar: the balancer's route cookie makes each client sticky.
        async with httpx.AsyncClient(
            base_url=base_url, headers={"apikey": key}, timeout=30
        ) as http:
            for batch in queue:
                started = time.perf_counter()
                answer = await http.post(
                    "/api/v3/challenges/checkpoints",
                    json=batch,
                    headers={"Idempotency-Key": str(uuid.uuid4())},
                )
                ms = (time.perf_counter() - started) * 1000
                results.append((ms, answer.status_code, answer.headers.get("x-upstream", "")))

    await asyncio.gather(*(client() for _ in range(clients)))
    return results


def page_cost(run_dir: Path, loads: int, *, with_redis: bool) -> dict[str, object]:
    redis_url = DEFAULT_REDIS_URL if with_redis else None
    with Cluster(run_dir, instances=1, schema=SCHEMA, fresh=True, redis_url=redis_url) as c:
        stats = redis.Redis.from_url(DEFAULT_REDIS_URL)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"]
            )
            load(browser, c.balancer_url)  # warm up: first imports, first template render
            time.sleep(1)
            before = command_counts(stats)
            times = [load(browser, c.balancer_url) for _ in range(loads)]
            time.sleep(1)  # NiceGUI writes storage back in background tasks
            after = command_counts(stats)
            browser.close()
        assert not c.tracebacks(), "\n\n".join(c.tracebacks())
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    delta = {k: v for k, v in delta.items() if v > 0 and k != "info"}
    return {
        "median_ms": round(statistics.median(times), 1),
        "commands_per_page": round(sum(delta.values()) / loads, 2),
        "by_command": {k: round(v / loads, 2) for k, v in sorted(delta.items())},
    }


def load(browser: object, base_url: str) -> float:
    """One first visit: ms from goto('/signin') until the NiceGUI socket handshake is done."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    started = time.perf_counter()
    page.goto(f"{base_url}/signin")
    page.wait_for_function("() => window.did_handshake === true")
    ms = (time.perf_counter() - started) * 1000
    context.close()
    return ms


def command_counts(client: redis.Redis) -> dict[str, int]:
    """Calls per command since the Redis server started (INFO commandstats)."""
    info = client.info("commandstats")
    return {name.removeprefix("cmdstat_"): int(v["calls"]) for name, v in info.items()}


if __name__ == "__main__":
    main()

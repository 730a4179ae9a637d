"""How fast does the outbox relay mirror logs to the sandbox, against a naive loop?

Builds, through the real services on a migrated SQLite file, 100 challenges (synced upstream
before the clock starts) and 5,000 logs on them, so 5,000 `event.post` items are pending.
Starts the standalone sandbox (`python -m app.sandbox`) on a free port, times the relay's
`drain` until nothing is pending, then resets the sandbox and times a naive loop over a copy
of the same database: one request at a time and one transaction per item, same client; and
last the relay as the app runs it, on its own thread and loop (app/sync/relay_loop.py).

    .venv/bin/python bench/sync_throughput.py [--logs 5000] [--challenges 100]

The last line of output is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db.engine import make_engine, unit_of_work  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.db.tables import EventType, Log, OutboxItem  # noqa: E402
from app.services.challenges import create_challenge  # noqa: E402
from app.services.logging import log_progress  # noqa: E402
from app.services.people import register_person  # noqa: E402
from app.services.sync_status import outbox_counts  # noqa: E402
from app.sync import mapping  # noqa: E402
from app.sync.client import CapillaryClient  # noqa: E402
from app.sync.relay import drain  # noqa: E402
from app.sync.relay_loop import RelayLoop  # noqa: E402
from app.sync.upstream import build_client  # noqa: E402
from bench.common import TZ, ZONE  # noqa: E402
from tests.server import CONTROL_SECRET, control_headers  # noqa: E402
from tests.unit.specs import water_spec  # noqa: E402

CONTROL = control_headers()  # the benchmark starts its sandbox with this secret


def clock() -> datetime:
    return datetime.now(UTC)


def build_challenges(engine: Engine, challenges: int) -> list[tuple[int, int]]:
    """(person, challenge) pairs: people with one water challenge each, starting today."""
    today = clock().astimezone(ZONE).date()
    pairs = []
    for n in range(challenges):
        person = register_person(engine, email=f"bench{n}@example.com", timezone=TZ, now=clock())
        spec = water_spec(start_date=today, timezone=TZ)
        pairs.append((person, create_challenge(engine, person_id=person, spec=spec, now=clock())))
    return pairs


def build_logs(engine: Engine, pairs: list[tuple[int, int]], logs: int) -> None:
    """Logs spread round-robin over the challenges."""
    for n in range(logs):
        person, challenge = pairs[n % len(pairs)]
        log_progress(
            engine,
            person_id=person,
            challenge_id=challenge,
            idempotency_key=f"bench-{n}",
            now=clock(),
            attributes={"glasses": 1},
        )


async def settle(engine: Engine, client: CapillaryClient, concurrency: int = 32) -> None:
    while outbox_counts(engine)["pending"]:
        report = await drain(engine, client, now=clock, concurrency=concurrency)
        if report.handled == 0:
            await asyncio.sleep(0.05)


async def naive(engine: Engine, client: CapillaryClient) -> int:
    """One item at a time: read it, build it, send it, mark it sent in its own transaction."""
    sent = 0
    while True:
        with unit_of_work(engine) as session:
            item = session.exec(
                select(OutboxItem)
                .where(OutboxItem.status == "pending", OutboxItem.kind == "event.post")
                .order_by(col(OutboxItem.id))
                .limit(1)
            ).first()
            if item is None:
                return sent
            log = session.get(Log, item.payload["log_id"])
            assert log is not None
            event_type = session.get(EventType, log.event_type_id)
            assert event_type is not None
            body = mapping.event_post(log, event_type, prefix=client.options.prefix)
            key = item.idempotency_key
        await client.post_event(body, key=key)
        with unit_of_work(engine) as session:
            item.status, item.sent_at = "sent", clock()
            session.add(item)
        sent += 1


def start_sandbox(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["SANDBOX_CONTROL_SECRET"] = CONTROL_SECRET
    log = (directory / "sandbox.log").open("w")
    command = [sys.executable, "-m", "app.sandbox", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--db", str(directory / "sandbox.db")]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/_sandbox/stats", headers=CONTROL, timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the sandbox did not start: {(directory / 'sandbox.log').read_text()}")


def cpu_s(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds (user + system) the sandbox process has used so far."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def events_stored(url: str) -> int:
    return int(httpx.get(f"{url}/_sandbox/stats", headers=CONTROL).json()["events_stored"])


async def run(args: argparse.Namespace, tmp: Path) -> dict[str, object]:
    relay_db, naive_db, thread_db = tmp / "relay.db", tmp / "naive.db", tmp / "thread.db"
    upgrade_to_head(f"sqlite:///{relay_db}")
    engine = make_engine(f"sqlite:///{relay_db}")
    process, url = start_sandbox(tmp)
    try:
        client = build_client(Settings(upstream="sandbox"), sandbox_base_url=url)
        assert client is not None
        async with client:
            started = time.perf_counter()
            pairs = build_challenges(engine, args.challenges)
            await settle(engine, client)  # groups, promotions, enrolments: not timed
            build_logs(engine, pairs, args.logs)
            print(
                f"built {args.challenges} challenges and {args.logs} logs, synced the "
                f"challenges, in {time.perf_counter() - started:.1f} s"
            )
            engine.dispose()
            shutil.copy(relay_db, naive_db)
            shutil.copy(relay_db, thread_db)
            engine = make_engine(f"sqlite:///{relay_db}")

            started, cpu, sandbox_cpu = time.perf_counter(), time.process_time(), cpu_s(process)
            await settle(engine, client, concurrency=args.concurrency)
            relay_s = time.perf_counter() - started
            relay_cpu = time.process_time() - cpu
            relay_sandbox_cpu = cpu_s(process) - sandbox_cpu
            relay_events = events_stored(url)
            print(
                f"relay: {relay_events} events in {relay_s:.2f} s "
                f"({relay_events / relay_s:.0f} events/s, concurrency {args.concurrency})"
            )

            httpx.post(f"{url}/_sandbox/reset", headers=CONTROL).raise_for_status()
            water = EventType(key="water_glass", label="water", attribute="glasses")
            await client.define_event(mapping.event_definition(water), key="bench-define")
            naive_engine = make_engine(f"sqlite:///{naive_db}")
            started = time.perf_counter()
            naive_sent = await naive(naive_engine, client)
            naive_s = time.perf_counter() - started
            naive_engine.dispose()
            print(
                f"naive: {events_stored(url)} events in {naive_s:.2f} s "
                f"({naive_sent / naive_s:.0f} events/s)"
            )

            # As the app runs it: on the relay's own thread and loop, with its own client.
            httpx.post(f"{url}/_sandbox/reset", headers=CONTROL).raise_for_status()
            await client.define_event(mapping.event_definition(water), key="bench-define-2")
            thread_engine = make_engine(f"sqlite:///{thread_db}")
            relay = RelayLoop(
                lambda: _client(build_client(Settings(upstream="sandbox"), sandbox_base_url=url))
            )
            started = time.perf_counter()
            while outbox_counts(thread_engine)["pending"]:
                await relay.drain(thread_engine, now=clock, lease_seconds=30)
            thread_s = time.perf_counter() - started
            await asyncio.to_thread(relay.stop)
            thread_engine.dispose()
            thread_events = events_stored(url)
            print(
                f"relay on its own thread: {thread_events} events in {thread_s:.2f} s "
                f"({thread_events / thread_s:.0f} events/s)"
            )
    finally:
        engine.dispose()
        process.terminate()
        process.wait(timeout=10)
    rate, naive_rate = relay_events / relay_s, naive_sent / naive_s
    return {
        "events": relay_events,
        "challenges": args.challenges,
        "concurrency": args.concurrency,
        "relay_s": round(relay_s, 3),
        "events_per_s": round(rate, 1),
        "naive_s": round(naive_s, 3),
        "naive_events_per_s": round(naive_rate, 1),
        "speedup_vs_naive": round(rate / naive_rate, 2),
        "relay_thread_s": round(thread_s, 3),
        "relay_thread_events_per_s": round(thread_events / thread_s, 1),
        "relay_cpu_ms_per_event": round(relay_cpu / relay_events * 1000, 3),
        "sandbox_cpu_ms_per_event": round(relay_sandbox_cpu / relay_events * 1000, 3),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


def _client(client: CapillaryClient | None) -> CapillaryClient:
    assert client is not None
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=int, default=5000)
    parser.add_argument("--challenges", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()}")
    with tempfile.TemporaryDirectory(prefix="goalpost-sync-bench-") as tmp:
        results = asyncio.run(run(args, Path(tmp)))
    print(f"speedup vs naive: {results['speedup_vs_naive']}x")
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""How fast do eight people at once empty a reward, and does anything get oversold?

On a migrated SQLite file and on PostgreSQL (127.0.0.1:5432, database `test`, a schema of its
own, created and dropped here; skipped with a message when the server is not reachable), it
builds 200 people with points through the real services (a one-day challenge achieved by one
log, as tests/factories.py does), then 8 worker threads, each with 25 of the people, redeem
from one reward of 1,000 uploaded codes until it is sold out, and then from one of 1,000
generated codes. It times every successful redeem and, afterwards, counts what must be 0:
codes handed to more than one redemption plus redemptions beyond the stock, and people whose
balance is below zero. It also prints how many each worker redeemed: on SQLite a writer
waiting on busy_timeout sleeps and polls, so a few workers win most turns and the others wait
(the max latency), which the p95 of successful redeems alone does not show.

    .venv/bin/python bench/redeem_contention.py [--workers 8] [--codes 1000] [--profile]

BENCH_POSTGRES_URL overrides the server's address.

The aim is p95 <= 50 ms on SQLite. The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.domain.rewards import CodeSource, RewardRule  # noqa: E402
from app.services.redemptions import RedemptionRefused, redeem  # noqa: E402
from app.services.rewards import create_reward  # noqa: E402
from bench.common import percentile  # noqa: E402
from tests.factories import a_person, earned, local  # noqa: E402

POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SCHEMA = "goalpost_bench_redeem"
NOW = local("Europe/Stockholm", 2026, 3, 2, 9)  # earned() pays on this day's challenge
COST = 10
POINTS_EACH = 240  # 24 redemptions each: any one worker's 25 people could empty a reward
PEOPLE_PER_WORKER = 25
AIM_P95_MS = 50.0


@dataclass
class Run:
    label: str
    reward_id: int
    stock: int
    wall_s: float = 0.0
    ok_ms: list[float] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # anything but a refusal: locks, deadlocks
    by_worker: Counter[int] = field(default_factory=Counter)  # redeemed per worker: fairness

    @property
    def per_s(self) -> float:
        return len(self.ok_ms) / self.wall_s if self.wall_s else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--codes", type=int, default=1000, help="stock of each reward")
    parser.add_argument("--profile", action="store_true", help="cProfile one uncontended redeem")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    oversold = negative = errors = 0
    with tempfile.TemporaryDirectory(prefix="goalpost-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        o, n, e = bench_one("sqlite", engine, args, figures)
        oversold, negative, errors = oversold + o, negative + n, errors + e
        engine.dispose()
    postgres = postgres_engine()
    if postgres is None:
        figures.update(postgres_per_s=None, postgres_p95_ms=None)
    else:
        try:
            o, n, e = bench_one("postgres", postgres, args, figures)
            oversold, negative, errors = oversold + o, negative + n, errors + e
        finally:
            postgres.dispose()
            drop_schema()
    p95 = figures["sqlite_p95_ms"]
    verdict = "met" if p95 <= AIM_P95_MS else "MISSED"
    print(f"aim p95 <= {AIM_P95_MS:.0f} ms on SQLite: {verdict} ({p95:.1f} ms)")
    figures.update(oversold=oversold, negative_balances=negative, errors=errors)
    print(json.dumps(figures))


def bench_one(label: str, engine: Engine, args: argparse.Namespace, figures: dict[str, Any]):
    """Build, race both rewards, check; print the figures and add them to `figures`."""
    started = time.perf_counter()
    people = [person_with_points(engine) for _ in range(args.workers * PEOPLE_PER_WORKER)]
    print(f"{label}: built {len(people)} people in {time.perf_counter() - started:.1f} s")
    runs = []
    for source in (CodeSource.UPLOADED, CodeSource.GENERATED):
        reward = a_reward(engine, source, args.codes)
        run = Run(f"{label} {source.value}", reward, args.codes)
        race(engine, run, people, args.workers)
        runs.append(run)
        report(run)
    oversold, negative = oversold_codes(engine), negative_balances(engine)
    errors = sum(len(r.errors) for r in runs)
    print(f"{label}: oversold codes {oversold}, negative balances {negative}, errors {errors}")
    first = runs[0]
    figures[f"{label}_per_s"] = round(first.per_s, 1)
    figures[f"{label}_p50_ms"] = round(statistics.median(first.ok_ms), 2)
    figures[f"{label}_p95_ms"] = round(percentile(first.ok_ms, 95), 2)
    figures[f"{label}_max_ms"] = round(max(first.ok_ms), 1)
    figures[f"{label}_generated_per_s"] = round(runs[1].per_s, 1)
    figures[f"{label}_generated_p95_ms"] = round(percentile(runs[1].ok_ms, 95), 2)
    figures[f"{label}_solo_ms"] = round(solo_ms(engine, args.profile and label == "sqlite"), 2)
    print(f"{label}: one redeem alone (no other worker) {figures[f'{label}_solo_ms']:.2f} ms")
    return oversold, negative, errors


def person_with_points(engine: Engine) -> int:
    person = a_person(engine, now=NOW)
    earned(engine, person, POINTS_EACH, now=NOW)
    return person


def a_reward(engine: Engine, source: CodeSource, stock: int) -> int:
    uploaded = source is CodeSource.UPLOADED
    rule = RewardRule(
        title=f"Bench {source.value}",
        cost=COST,
        stock=None if uploaded else stock,
        per_person_limit=None,
        code_source=source,
    )
    codes = "\n".join(f"BENCH-{n:06d}" for n in range(stock)) if uploaded else None
    return create_reward(engine, rule=rule, codes=codes, by="bench", now=NOW)


def race(engine: Engine, run: Run, people: list[int], workers: int) -> None:
    """Each worker redeems for its people in turn, dropping one once short, until sold out."""
    barrier = threading.Barrier(workers + 1)
    lock = threading.Lock()
    later = NOW + timedelta(minutes=1)

    def work(w: int) -> None:
        mine = people[w::workers]
        run.by_worker[w] = 0
        barrier.wait()
        n = 0
        while mine:
            person = mine[n % len(mine)]
            key = f"{run.label}:{w}:{n}"
            n += 1
            started = time.perf_counter()
            try:
                redeem(
                    engine,
                    person_id=person,
                    reward_id=run.reward_id,
                    idempotency_key=key,
                    now=later,
                )
            except RedemptionRefused as refused:
                with lock:
                    run.refused[refused.reason] += 1
                if refused.reason == "sold_out":
                    return
                mine.remove(person)  # short of points (or a limit): this person is done
                continue
            except Exception as exc:  # a lock timeout or deadlock: counted and reported
                with lock:
                    run.errors.append(f"{type(exc).__name__}: {exc}".splitlines()[0])
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                run.ok_ms.append(elapsed)
                run.by_worker[w] += 1

    threads = [threading.Thread(target=work, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    run.wall_s = time.perf_counter() - started


def report(run: Run) -> None:
    ms = run.ok_ms
    print(
        f"{run.label}: {len(ms)} redeemed of {run.stock} in {run.wall_s:.2f} s = "
        f"{run.per_s:.0f}/s; latency p50 {statistics.median(ms):.1f} ms, "
        f"p95 {percentile(ms, 95):.1f} ms, p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms; "
        f"refused {dict(run.refused)}; errors {len(run.errors)}"
    )
    shares = sorted(run.by_worker.values())
    fair = run.stock // len(shares)
    print(f"  redeemed per worker: fewest {shares[0]}, most {shares[-1]} (an even share: {fair})")
    for message, count in Counter(run.errors).most_common(5):
        print(f"  error x{count}: {message}")


def oversold_codes(engine: Engine) -> int:
    """Codes handed to more than one redemption, plus redemptions beyond each reward's stock,
    plus a `redeemed` counter out of step with the redemption rows."""
    with engine.connect() as conn:
        twice = conn.execute(
            text(
                "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM redemption "
                "GROUP BY reward_id, code HAVING COUNT(*) > 1) AS dup"
            )
        ).scalar_one()
        claimed_twice = conn.execute(
            text(
                "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM reward_code "
                "WHERE redemption_id IS NOT NULL GROUP BY reward_id, code HAVING COUNT(*) > 1)"
                " AS dup"
            )
        ).scalar_one()
        beyond = conn.execute(
            text(
                "SELECT COALESCE(SUM(CASE WHEN r.n > w.stock THEN r.n - w.stock ELSE 0 END), 0)"
                " + COALESCE(SUM(CASE WHEN r.n <> w.redeemed THEN 1 ELSE 0 END), 0)"
                " FROM reward AS w JOIN (SELECT reward_id, COUNT(*) AS n FROM redemption"
                " GROUP BY reward_id) AS r ON r.reward_id = w.id WHERE w.stock IS NOT NULL"
            )
        ).scalar_one()
    return int(twice) + int(claimed_twice) + int(beyond)


def negative_balances(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT COUNT(*) FROM (SELECT person_id FROM points_ledger_entry "
                    "GROUP BY person_id HAVING SUM(points) < 0) AS below"
                )
            ).scalar_one()
        )


def solo_ms(engine: Engine, profile: bool, calls: int = 20) -> float:
    """The median of one person's redeems of uploaded codes one after another, nothing else
    running: the floor the contended latency queues on."""
    person = person_with_points(engine)
    reward = a_reward(engine, CodeSource.UPLOADED, calls)
    profiler = cProfile.Profile() if profile else None
    samples = []
    for n in range(calls):
        if profiler is not None and n == calls - 1:
            profiler.enable()
        started = time.perf_counter()
        redeem(engine, person_id=person, reward_id=reward, idempotency_key=f"solo{n}", now=NOW)
        samples.append((time.perf_counter() - started) * 1000)
        if profiler is not None and n == calls - 1:
            profiler.disable()
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print("--- cProfile of one uncontended redeem (SQLite) ---")
        print(out.getvalue())
    return statistics.median(samples)


def postgres_engine() -> Engine | None:
    """A fresh, migrated schema of its own; None (with a message) when unreachable."""
    try:
        admin = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        admin.dispose()
    except Exception as exc:
        reason = str(exc).splitlines()[0]
        print(
            f"postgres: SKIPPED, {POSTGRES_URL} is not reachable ({type(exc).__name__}: {reason})"
        )
        return None
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{SCHEMA}"
    upgrade_to_head(url)
    return make_engine(url)


def drop_schema() -> None:
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    admin.dispose()


if __name__ == "__main__":
    main()

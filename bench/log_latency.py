"""Does logging get slower as a challenge's history grows, or as one log feeds more challenges?

Builds, through the real services, DAILY challenges for one person on a migrated SQLite file
database: one with 10 days of history, one with 10 years (3650 days), and five live ones on one
event type with 10 days of history (each log counts toward all five). Then, on the day after
the history, it times log_progress on each, interleaved so machine noise hits all alike.

    .venv/bin/python bench/log_latency.py [--calls 400] [--warmup 20] [--profile]

The last line of output is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import Engine  # noqa: E402

from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.domain.challenge import (  # noqa: E402
    ChallengeSpec,
    Frequency,
    Measure,
    Tracking,
    Window,
)
from app.services.challenges import create_challenge  # noqa: E402
from app.services.logging import log_progress  # noqa: E402
from app.services.people import register_person  # noqa: E402
from bench.common import TZ, ZONE, at, percentile  # noqa: E402

TARGET = 8
TOTAL_PERIODS = 3660
SHORT_DAYS = 10
LONG_DAYS = 3650
BUILD_BUDGET_S = 90.0


def water_spec(name: str, start: date, event_type: str) -> ChallengeSpec:
    return ChallengeSpec(
        name=name,
        event_type=event_type,
        measure=Measure.SUM,
        attribute="glasses",
        target=TARGET,
        frequency=Frequency.DAILY,
        total_periods=TOTAL_PERIODS,
        tracking=Tracking.DEFAULT,
        window=Window.FIXED_CALENDAR_WINDOW,
        start_date=start,
        timezone=TZ,
        points_per_period=10,
    )


@dataclass
class Subject:
    label: str
    challenge_id: int
    first_day: date
    build_s: float = 0.0
    build_logs: int = 0
    achieved_days: int = 0
    missed_days: int = 0
    samples_ms: list[float] = field(default_factory=list)
    profile: cProfile.Profile | None = None
    challenges: int = 1  # live challenges on its event type, each fed by every log


def day_amounts(rng: random.Random) -> tuple[list[int], bool]:
    """1-3 logs of glasses for one day; about 60% of days reach the target."""
    logs = rng.randint(1, 3)
    achieved = rng.random() < 0.6
    total = rng.randint(TARGET, TARGET + 4) if achieved else rng.randint(logs, TARGET - 1)
    cuts = sorted(rng.sample(range(1, total), logs - 1)) if logs > 1 else []
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return parts, achieved


def log_day(
    engine: Engine, person_id: int, subject: Subject, day: date, rng: random.Random
) -> None:
    parts, achieved = day_amounts(rng)
    hours = sorted(rng.sample(range(7, 22), len(parts)))
    started = time.perf_counter()
    for n, (hour, glasses) in enumerate(zip(hours, parts, strict=True)):
        now = at(day, hour, rng.randint(0, 59), rng.random() * 59)
        log_progress(
            engine,
            person_id=person_id,
            challenge_id=subject.challenge_id,
            idempotency_key=f"hist-{subject.label}-{day.isoformat()}-{n}",
            now=now,
            attributes={"glasses": glasses},
        )
    subject.build_s += time.perf_counter() - started
    subject.build_logs += len(parts)
    if achieved:
        subject.achieved_days += 1
    else:
        subject.missed_days += 1


FED = 5  # challenges on one event type in the "5x" case


def build(engine: Engine, today: date, seed: int) -> tuple[int, Subject, Subject, Subject]:
    """One person, the three cases, history logged day by day in calendar order."""
    rng = random.Random(seed)
    long_start = today - timedelta(days=LONG_DAYS)
    short_start = today - timedelta(days=SHORT_DAYS)
    person_id = register_person(
        engine, email="bench@example.com", timezone=TZ, now=at(long_start, 6)
    )

    # Each case has an event type of its own: a log feeds every live challenge on its type.
    def create(label: str, name: str, start: date, count: int = 1) -> Subject:
        started = time.perf_counter()
        ids = [
            create_challenge(
                engine,
                person_id=person_id,
                spec=water_spec(f"{name} #{n + 1}", start, event_type=f"water_glass_{label}"),
                now=at(start, 6, 30),
            )
            for n in range(count)
        ]
        subject = Subject(label, ids[0], start, challenges=count)
        subject.build_s += time.perf_counter() - started
        return subject

    long = create("10y", "Water for ten years", long_start)
    short: Subject | None = None
    fed: Subject | None = None
    progress_every = LONG_DAYS // 10
    for offset in range(LONG_DAYS):
        day = long_start + timedelta(days=offset)
        if day == short_start:
            short = create("10d", "Water for ten days", short_start)
            fed = create("5x", "Water five ways", short_start, count=FED)
        log_day(engine, person_id, long, day, rng)
        if short is not None and fed is not None:
            log_day(engine, person_id, short, day, rng)
            log_day(engine, person_id, fed, day, rng)
        if (offset + 1) % progress_every == 0:
            print(
                f"  built {offset + 1:>4}/{LONG_DAYS} days of 10y history "
                f"({long.build_logs} logs, {long.build_s:.1f} s)",
                flush=True,
            )
    assert short is not None and fed is not None
    return person_id, short, long, fed


def timed_log(
    engine: Engine, person_id: int, subject: Subject, key: str, now: datetime, record: bool
) -> None:
    if record and subject.profile is not None:
        subject.profile.enable()
    started = time.perf_counter()
    receipt = log_progress(
        engine,
        person_id=person_id,
        challenge_id=subject.challenge_id,
        idempotency_key=key,
        now=now,
        attributes={"glasses": 1},
    )
    elapsed = time.perf_counter() - started
    if record and subject.profile is not None:
        subject.profile.disable()
    assert not receipt.duplicate, "fresh keys must not be duplicates"
    if record:
        subject.samples_ms.append(elapsed * 1000)


def measure(
    engine: Engine,
    person_id: int,
    subjects: list[Subject],
    today: date,
    warmup: int,
    calls: int,
    step_s: float,
) -> None:
    """Warm up, then time `calls` logs per subject, alternating which goes first."""
    now = at(today, 9)
    end_of_day = at(today + timedelta(days=1), 0)
    for i in range(warmup + calls):
        order = subjects if i % 2 == 0 else subjects[::-1]
        for subject in order:
            now += timedelta(seconds=step_s)
            assert now < end_of_day, "timed calls must stay inside today"
            timed_log(engine, person_id, subject, f"today-{subject.label}-{i}", now, i >= warmup)


def print_profile(subject: Subject, limit: int) -> None:
    if subject.profile is None:
        return
    out = io.StringIO()
    stats = pstats.Stats(subject.profile, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    print(f"\n--- cProfile, {subject.label}, {len(subject.samples_ms)} timed calls ---")
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400, help="timed calls per challenge")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls per challenge")
    parser.add_argument("--step", type=float, default=1.5, help="seconds `now` moves per call")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed calls")
    parser.add_argument("--profile-lines", type=int, default=30)
    args = parser.parse_args()

    run_started = time.perf_counter()
    today: date = args.today or datetime.now(ZONE).date()
    with tempfile.TemporaryDirectory(prefix="goalpost-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        started = time.perf_counter()
        upgrade_to_head(url)
        engine = make_engine(url)
        migrate_s = time.perf_counter() - started
        print(f"database: {url} (migrated in {migrate_s:.2f} s); today = {today}")

        started = time.perf_counter()
        person_id, short, long, fed = build(engine, today, args.seed)
        build_s = time.perf_counter() - started
        for s in (short, long, fed):
            per_log = s.build_s / s.build_logs * 1000
            print(
                f"built {s.label}: {s.build_logs} logs over {s.achieved_days + s.missed_days} "
                f"days ({s.achieved_days} achieved, {s.missed_days} missed) in {s.build_s:.1f} s "
                f"({per_log:.2f} ms/log)"
            )
        print(f"building took {build_s:.1f} s in all")
        if long.build_s > BUILD_BUDGET_S:
            print(
                f"NOTE: the 10y history took {long.build_s:.1f} s through the services, "
                f"over the ~{BUILD_BUDGET_S:.0f} s budget"
            )

        subjects = [short, long, fed]
        if args.profile:
            for subject in subjects:
                subject.profile = cProfile.Profile()
        started = time.perf_counter()
        measure(engine, person_id, subjects, today, args.warmup, args.calls, args.step)
        measure_s = time.perf_counter() - started
        engine.dispose()

    results: dict[str, object] = {}
    for s in subjects:
        p50, p95 = statistics.median(s.samples_ms), percentile(s.samples_ms, 95)
        print(
            f"log_progress {s.label}: median {p50:.2f} ms, p95 {p95:.2f} ms, "
            f"min {min(s.samples_ms):.2f} ms, max {max(s.samples_ms):.2f} ms "
            f"over {len(s.samples_ms)} calls, feeding {s.challenges} challenge(s)"
        )
        results[f"p50_ms_{s.label}"] = round(p50, 3)
        results[f"p95_ms_{s.label}"] = round(p95, 3)
        results[f"calls_{s.label}"] = len(s.samples_ms)
        results[f"history_logs_{s.label}"] = s.build_logs
        results[f"history_days_{s.label}"] = s.achieved_days + s.missed_days
    for s in subjects:
        print_profile(s, args.profile_lines)
    ratio = statistics.median(long.samples_ms) / statistics.median(short.samples_ms)
    fed_ratio = statistics.median(fed.samples_ms) / statistics.median(short.samples_ms)
    total_s = time.perf_counter() - run_started
    print(f"ratio 10y/10d (medians): {ratio:.3f}; timed phase {measure_s:.1f} s")
    print(f"ratio {FED} challenges/1 (medians): {fed_ratio:.3f}")
    print(f"total runtime {total_s:.1f} s")
    results.update(
        ratio_10y_over_10d=round(ratio, 3),
        ratio_5x_over_10d=round(fed_ratio, 3),
        warmup_calls_per_challenge=args.warmup,
        build_s=round(build_s, 2),
        build_s_10y=round(long.build_s, 2),
        measure_s=round(measure_s, 2),
        total_s=round(total_s, 2),
        profiled=args.profile,
    )
    print(json.dumps(results))


if __name__ == "__main__":
    main()

"""How fast is a 1,000-row checkpoint batch over HTTP, against the floor of writing the same
rows with one raw `executemany`, and how fast are the list endpoints, at a brand's size?

Builds a SQLite file through the Alembic migrations with 10,000 people and 20,000 assignments
(two definitions each: the "Five reviews" stamp card and "Three workouts a week"), cloned in
bulk from one assignment the real service made; starts the app on it as a real server; then
posts 1,000-row batches (random contacts, one checkpoint each) and reads the lists.

    .venv/bin/python bench/checkpoint_batch.py [--people 10000] [--rounds 5] [--reads 200]

The last line of output is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.services.api_keys import create_api_key  # noqa: E402
from app.services.assignments import start_definition  # noqa: E402
from app.services.definitions import list_definitions  # noqa: E402
from app.services.people import register_person  # noqa: E402
from bench.common import percentile  # noqa: E402
from tests.server import AppServer  # noqa: E402

DEFINITIONS = ("Five reviews", "Three workouts a week")
BATCH = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        server = AppServer(data, UPSTREAM="off", API_RATE_LIMIT="100000/second")
        started = time.perf_counter()
        contacts, definitions = build(server.database_url, args.people)
        print(
            f"built {len(contacts)} people, {2 * len(contacts)} assignments "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        key = create_api_key(
            make_engine(server.database_url), name="bench", by="bench", now=datetime.now(UTC)
        ).key
        base = server.start()
        try:
            figures = measure(base, key, contacts, definitions, server.database_url, args)
        finally:
            server.stop()
    print(json.dumps(figures))


def build(database_url: str, people: int) -> tuple[list[str], list[str]]:
    """Migrate, make one person with both assignments through the services, clone them."""
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    presets = {d.name: d for d in list_definitions(engine, now=now).items}
    template = register_person(engine, email="template@example.com", timezone="UTC", now=now)
    for name in DEFINITIONS:
        start_definition(
            engine, person_id=template, definition_id=presets[name].id, now=now, consent=True
        )
    engine.dispose()
    db = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    db.row_factory = sqlite3.Row
    person = dict(db.execute("SELECT * FROM person WHERE id = ?", (template,)).fetchone())
    challenges = [
        dict(r)
        for r in db.execute("SELECT * FROM challenge WHERE person_id = ? ORDER BY id", (template,))
    ]
    periods = {
        c["id"]: [
            dict(p)
            for p in db.execute(
                "SELECT * FROM period WHERE challenge_id = ? ORDER BY id", (c["id"],)
            )
        ]
        for c in challenges
    }
    next_person = template + 1
    next_challenge = max(c["id"] for c in challenges) + 1
    next_period = db.execute("SELECT max(id) FROM period").fetchone()[0] + 1
    person_rows, challenge_rows, period_rows, contacts = [], [], [], []
    for n in range(people - 1):
        pid = next_person + n
        public_id = str(uuid.uuid4())
        contacts.append(public_id)
        person_rows.append(
            {**person, "id": pid, "public_id": public_id, "email": f"person{n}@example.com"}
        )
        for challenge in challenges:
            cid = next_challenge
            next_challenge += 1
            challenge_rows.append(
                {**challenge, "id": cid, "person_id": pid, "public_id": str(uuid.uuid4())}
            )
            for period in periods[challenge["id"]]:
                period_rows.append({**period, "id": next_period, "challenge_id": cid})
                next_period += 1
    with db:
        for table, rows in (
            ("person", person_rows),
            ("challenge", challenge_rows),
            ("period", period_rows),
        ):
            columns = list(rows[0])
            db.executemany(
                f"INSERT INTO {table} ({', '.join(map(_quoted, columns))}) "
                f"VALUES ({', '.join(':' + c for c in columns)})",
                rows,
            )
    db.close()
    return contacts, [presets[name].public_id for name in DEFINITIONS]


def _quoted(column: str) -> str:
    return f'"{column}"'


def measure(
    base: str,
    key: str,
    contacts: list[str],
    definitions: list[str],
    database_url: str,
    args: argparse.Namespace,
) -> dict[str, Any]:
    rng = random.Random(7)
    api = f"{base}/api/v3"
    batch_ms: list[float] = []
    floor_ms: list[float] = []
    list_ms: list[float] = []
    with httpx.Client(headers={"apikey": key}, timeout=120) as http:
        http.get(f"{api}/challenges/definitions")  # warm up
        for _ in range(args.rounds):
            rows = [
                {
                    "definitionId": definitions[1],
                    "contactId": rng.choice(contacts),
                    "checkpointAmount": 1,
                }
                for _ in range(BATCH)
            ]
            started = time.perf_counter()
            answer = http.post(f"{api}/challenges/checkpoints", json=rows)
            batch_ms.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, answer.text
            refused = len(answer.json()["notAccepted"])
            print(f"batch {batch_ms[-1]:.0f} ms ({refused} not accepted)", flush=True)
            floor_ms.append(executemany_floor(database_url, rows))
        by_kind: dict[str, list[float]] = {"definitions": [], "contact": [], "challenge": []}
        for n in range(args.reads):
            kind = ("definitions", "contact", "challenge")[n % 3]
            if kind == "definitions":
                url = f"{api}/challenges/definitions?count=100"
            elif kind == "contact":
                url = f"{api}/challenges?contactId={rng.choice(contacts)}"
            else:
                first = http.get(f"{api}/challenges?contactId={rng.choice(contacts)}&count=1")
                url = first.json()["items"][0]["links"][0]["href"]
            started = time.perf_counter()
            answer = http.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            list_ms.append(elapsed)
            by_kind[kind].append(elapsed)
            assert answer.status_code == 200, answer.text
    batch_p50, floor_p50 = statistics.median(batch_ms), statistics.median(floor_ms)
    return {
        "people": len(contacts) + 1,
        "assignments": 2 * (len(contacts) + 1),
        "rounds": args.rounds,
        "batch_1000_ms_p50": round(batch_p50, 1),
        "batch_1000_ms_max": round(max(batch_ms), 1),
        "executemany_1000_ms_p50": round(floor_p50, 2),
        "ratio_vs_executemany": round(batch_p50 / floor_p50, 1),
        "list_ms_p50": round(percentile(list_ms, 50), 2),
        "list_ms_p95": round(percentile(list_ms, 95), 2),
        **{f"{kind}_ms_p95": round(percentile(ms, 95), 2) for kind, ms in by_kind.items()},
    }


def executemany_floor(database_url: str, rows: list[dict[str, Any]]) -> float:
    """The same rows as bare log rows, one executemany in one transaction: the floor."""
    db = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30)
    try:
        ids = {r["contactId"] for r in rows}
        marks = ",".join("?" * len(ids))
        person = dict(
            db.execute(f"SELECT public_id, id FROM person WHERE public_id IN ({marks})", list(ids))
        )
        event_type = db.execute("SELECT id FROM event_type WHERE key = 'workout'").fetchone()[0]
        now = datetime.now(UTC).isoformat()
        values = [
            (person[r["contactId"]], event_type, now, "{}", f"floor:{uuid.uuid4()}", now)
            for r in rows
        ]
        started = time.perf_counter()
        with db:
            db.executemany(
                "INSERT INTO log (person_id, event_type_id, occurred_at, attributes, "
                "idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
        return (time.perf_counter() - started) * 1000
    finally:
        db.close()


if __name__ == "__main__":
    main()

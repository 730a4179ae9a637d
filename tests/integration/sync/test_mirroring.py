"""Challenges and logs reach the sandbox over HTTP, once each, in the contract's shape."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.db.tables import Challenge, Period, Person
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.services.challenges import abandon_challenge, create_challenge
from app.services.logging import log_progress
from app.services.sync_status import outbox_counts, read_sync_state, read_sync_states
from app.sync.reconcile import reconcile
from tests.factories import a_person
from tests.integration.sync.support import TZ, clock, settle, today


def spec(name: str, event_type: str, measure: Measure, **overrides: object) -> ChallengeSpec:
    values: dict[str, object] = dict(
        name=name,
        event_type=event_type,
        measure=measure,
        attribute="glasses" if measure is Measure.SUM else None,
        target=3,
        frequency=Frequency.DAILY,
        total_periods=3,
        tracking=Tracking.DEFAULT,
        window=Window.FIXED_CALENDAR_WINDOW,
        start_date=today(),
        timezone=TZ,
    )
    values.update(overrides)
    return ChallengeSpec(**values)  # type: ignore[arg-type]


def every_kind() -> list[ChallengeSpec]:
    """Fixed and cyclic windows, all three measures and trackings between them."""
    return [
        spec(
            "Water every day",
            "water_glass",
            Measure.SUM,
            tracking=Tracking.STREAK,
            required_periods=3,
        ),
        spec("Workouts", "workout", Measure.COUNT, frequency=Frequency.WEEKLY, total_periods=2),
        spec(
            "Stretch most days",
            "stretch",
            Measure.VISIT,
            window=Window.CYCLIC_WINDOW,
            start_date=None,
            total_periods=5,
            tracking=Tracking.NON_CONTINUOUS_STREAK,
            required_periods=3,
            target=1,
        ),
        spec(
            "Meditate",
            "meditate",
            Measure.VISIT,
            frequency=Frequency.EVERY_N_DAYS,
            every_n_days=2,
            target=1,
        ),
    ]


def create_and_log(engine) -> tuple[list[int], list[int], int]:
    now = clock()
    people = [a_person(engine, timezone=TZ, now=now), a_person(engine, timezone=TZ, now=now)]
    challenges, logs = [], 0
    for n, challenge_spec in enumerate(every_kind()):
        person = people[n % 2]
        challenge = create_challenge(engine, person_id=person, spec=challenge_spec, now=now)
        challenges.append(challenge)
        for k in range(n + 2):
            log_progress(
                engine,
                person_id=person,
                challenge_id=challenge,
                idempotency_key=f"{challenge}-{k}",
                now=clock(),
                attributes={"glasses": k + 1} if challenge_spec.measure is Measure.SUM else {},
            )
            logs += 1
    return people, challenges, logs


async def test_each_challenge_becomes_one_group_promotion_and_enrolment_and_each_log_one_event(
    engine, sandbox, client
):
    people, challenges, logs = create_and_log(engine)

    report = await settle(engine, client)

    stats = sandbox.stats()
    assert (report.dead, report.retried, report.skipped) == (0, 0, 0)
    assert {k: stats[k] for k in ("target_groups", "promotions", "enrolments", "customers")} == {
        "target_groups": len(challenges),
        "promotions": len(challenges),
        "enrolments": len(challenges),
        "customers": 2,
    }
    assert (stats["events_stored"], stats["event_posts"]) == (logs, logs)
    assert outbox_counts(engine)["pending"] == 0
    assert {s.state for p in people for s in read_sync_states(engine, person_id=p).values()} == {
        "synced"
    }


async def test_groups_promotions_and_events_upstream_carry_our_names_and_amounts(
    engine, sandbox, client
):
    _, challenges, _ = create_and_log(engine)

    await settle(engine, client)

    with Session(engine) as s:
        rows = s.exec(select(Challenge).order_by(col(Challenge.id))).all()
    groups = {g["name"]: g for g in sandbox.groups()}
    assert set(groups) == {f"goalpost-{c}" for c in challenges}
    for row in rows:
        group = groups[f"goalpost-{row.id}"]
        assert group["description"] == row.name and group["userCreated"] is True
        assert group["targetEvaluationType"] == row.window
        assert group["id"] == row.upstream_group_id
        assert group["targets"][0]["id"] == row.upstream_target_id
    promotions = {p["identifier"]: p["id"] for p in sandbox.promotions()}
    assert promotions == {f"goalpost-{r.id}-promotion": r.upstream_promotion_id for r in rows}
    water_events = [e for e in sandbox.events() if e["event_name"] == "water_glass"]
    assert [e["attributes"] for e in water_events] == [{"glasses": 1}, {"glasses": 2}]
    assert all(e["times_received"] == 1 for e in sandbox.events())


async def test_upstream_progress_equals_our_period_totals(engine, sandbox, client):
    create_and_log(engine)

    await settle(engine, client)

    with Session(engine) as s:
        rows = s.exec(select(Challenge, Person).join(Person)).all()
        periods = s.exec(select(Period)).all()
    ours = {(p.challenge_id, p.index): p.total for p in periods if p.starts_at <= clock()}
    upstream = {}
    for challenge, person in rows:
        for group in sandbox.customer_groups(person.upstream_customer_id):
            if group["id"] == challenge.upstream_group_id:
                for target in group["targets"]:
                    index = int(target["periodRefCode"].removeprefix("Cycle_")) - 1
                    if (challenge.id, index) in ours:
                        upstream[(challenge.id, index)] = target["targetAchievedValue"]
    assert upstream == ours
    assert any(total > 0 for total in ours.values())
    report = await reconcile(engine, client, now=clock)
    assert report.differences == [] and report.periods == len(ours)


async def test_abandoning_a_challenge_unenrols_its_customer_upstream(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    water = create_challenge(
        engine, person_id=person, spec=spec("Water", "water_glass", Measure.COUNT), now=clock()
    )
    await settle(engine, client)
    enrolled = sandbox.stats()["enrolments"]

    abandon_challenge(engine, person_id=person, challenge_id=water, now=clock())
    report = await settle(engine, client)

    assert (enrolled, sandbox.stats()["enrolments"], report.sent) == (1, 0, 1)
    assert read_sync_state(engine, person_id=person, challenge_id=water).state == "synced"


async def test_a_stamp_card_becomes_a_group_with_one_open_period(engine, sandbox, client):
    person = a_person(engine, timezone=TZ, now=clock())
    stamp_card = spec(
        "Five reviews",
        "review",
        Measure.COUNT,
        window=Window.PERIOD_AGNOSTIC_WINDOW,
        start_date=None,
        total_periods=1,
        target=5,
    )
    create_challenge(engine, person_id=person, spec=stamp_card, now=clock())

    await settle(engine, client, timeout=5)

    [group] = sandbox.groups()
    assert group["targetEvaluationType"] == "PERIOD_AGNOSTIC_WINDOW"


async def test_an_unenrolment_capillary_already_holds_counts_as_done(engine, sandbox, client):
    """Capillary answers 500 with 310126 for someone not enrolled: done, not retried."""
    person = a_person(engine, timezone=TZ, now=clock())
    water = create_challenge(
        engine, person_id=person, spec=spec("Water", "water_glass", Measure.COUNT), now=clock()
    )
    await settle(engine, client)
    [group] = sandbox.groups()
    lookup = {"source": "INSTORE", "identifierName": "externalId"}
    lookup["identifierValue"] = f"goalpost-person-{person}"
    customer_id = sandbox.http.get("/v2/customers/lookup", params=lookup).json()["entity"]
    path = f"/v3/targetGroups/{group['id']}/targets/{group['targets'][0]['id']}/unEnroll"
    assert sandbox.call("POST", path, [{"customerId": customer_id}]).status_code == 200

    abandon_challenge(engine, person_id=person, challenge_id=water, now=clock())
    report = await settle(engine, client)

    assert (report.sent, report.dead) == (1, 0)
    assert read_sync_state(engine, person_id=person, challenge_id=water).state == "synced"
    answers = [r["status"] for r in sandbox.journal() if r["path"] == path]
    assert answers == [200, 500]  # ours was answered 310126 once, and not retried

"""Writing the demo world through the services, each step at the moment it happened.

Every row is written the way real use writes it (outbox rows included), only with a past
`now`; periods are closed as the scheduler would have closed them, before each next step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.db.engine import unit_of_work
from app.db.tables import Person
from app.demo import world
from app.demo.world import Act
from app.services.accounts import sign_up
from app.services.assignments import start_definition
from app.services.budget import update_budget
from app.services.closing import close_due_periods
from app.services.definitions import (
    create_definition,
    end_definition,
    list_definitions,
    publish_definition,
)
from app.services.freezes import buy_freeze
from app.services.logging import log_progress
from app.services.people import register_person
from app.services.redemptions import redeem
from app.services.rewards import create_reward

# The brand set itself up the day before the first person started.
SET_UP_BEFORE = timedelta(days=world.DAYS_OF_HISTORY + 1)
CLOSING_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class DemoPerson:
    """A demo person the presenter's bar can switch to, with the story they tell."""

    person_id: int
    email: str
    display_name: str
    story: str


def seed_world(engine: Engine, *, now: datetime) -> None:
    """The brand (definitions, rewards, budget) and three people's three weeks up to `now`,
    in a freshly migrated database."""
    brand_day = now - SET_UP_BEFORE
    definitions = _set_up_brand(engine, brand_day)
    rewards = _stock_rewards(engine, brand_day)
    people = _sign_up_people(engine, brand_day)
    History(engine, definitions, rewards, people).play(world.history(now))
    close_due_periods(engine, now=now)


def demo_people(engine: Engine) -> list[DemoPerson]:
    """The demo people in the order docs/demo.md introduces them."""
    emails = [p.email for p in world.PEOPLE]
    with unit_of_work(engine) as session:
        rows = session.exec(select(Person).where(col(Person.email).in_(emails))).all()
    by_email = {row.email: row for row in rows}
    return [
        DemoPerson(by_email[p.email].id or 0, p.email, p.display_name, p.story)
        for p in world.PEOPLE
        if p.email in by_email
    ]


class History:
    """Plays the acts in order, remembering which challenge each person started."""

    def __init__(
        self,
        engine: Engine,
        definitions: dict[str, int],
        rewards: dict[str, int],
        people: dict[str, int],
    ) -> None:
        self.engine = engine
        self.definitions = definitions
        self.rewards = rewards
        self.people = people
        self.challenges: dict[tuple[str, str], int] = {}
        self.steps = 0

    def play(self, acts: list[Act]) -> None:
        closed_at: datetime | None = None
        for act in acts:
            # The scheduler's closing, at most hourly here: a log or a purchase closes its own
            # challenges' due periods anyway, so this only settles everyone else's in time.
            if closed_at is None or act.at - closed_at >= CLOSING_EVERY:
                close_due_periods(self.engine, now=act.at)
                closed_at = act.at
            self.steps += 1
            self._do(act, self.people[act.email], f"demo:{act.email}:{self.steps}")

    def _do(self, act: Act, person: int, key: str) -> None:
        if act.kind == "start":
            self.challenges[act.email, act.target] = start_definition(
                self.engine,
                person_id=person,
                definition_id=self.definitions[act.target],
                now=act.at,
                consent=True,
            )
        elif act.kind == "log":
            log_progress(
                self.engine,
                person_id=person,
                challenge_id=self.challenges[act.email, act.target],
                idempotency_key=key,
                now=act.at,
                attributes=act.attributes,
            )
        elif act.kind == "freeze":
            buy_freeze(
                self.engine,
                person_id=person,
                challenge_id=self.challenges[act.email, act.target],
                idempotency_key=key,
                now=act.at,
            )
        elif act.kind == "redeem":
            redeem(
                self.engine,
                person_id=person,
                reward_id=self.rewards[act.target],
                idempotency_key=key,
                now=act.at,
            )
        else:
            raise ValueError(f"unknown demo act {act.kind!r}")


def _sign_up_people(engine: Engine, at: datetime) -> dict[str, int]:
    """The first signs up with the demo password; the others get the same argon2 hash, as
    hashing costs a tenth of a second each (seeding has 5 s in all)."""
    first, *others = world.PEOPLE
    ids = {first.email: _sign_up(engine, first, at)}
    with unit_of_work(engine) as session:
        row = session.get(Person, ids[first.email])
        hashed = row.password_hash if row is not None else None
    for persona in others:
        ids[persona.email] = register_person(
            engine,
            email=persona.email,
            timezone=persona.timezone,
            display_name=persona.display_name,
            password_hash=hashed,
            now=at,
        )
    return ids


def _sign_up(engine: Engine, persona: world.Persona, at: datetime) -> int:
    return sign_up(
        engine,
        email=persona.email,
        password=world.DEMO_PASSWORD,
        timezone=persona.timezone,
        display_name=persona.display_name,
        now=at,
    )


def _set_up_brand(engine: Engine, at: datetime) -> dict[str, int]:
    """The brand's budget and definitions; the presets it replaces are ended. Ids by name."""
    by = world.BRAND_OPERATOR
    update_budget(engine, budget=world.BUDGET, by=by, now=at)
    existing = {d.name: d.id for d in list_definitions(engine, now=at, count=100).items}
    for name in world.ENDED_PRESETS:
        if name in existing:
            end_definition(engine, definition_id=existing[name], by=by, now=at)
    ids = {world.REVIEWS_PRESET: existing[world.REVIEWS_PRESET]}
    for rule in world.DEFINITIONS:
        ids[rule.spec.name] = create_definition(engine, rule=rule, by=by, now=at)
        publish_definition(engine, definition_id=ids[rule.spec.name], by=by, now=at)
    return ids


def _stock_rewards(engine: Engine, at: datetime) -> dict[str, int]:
    return {
        rule.title: create_reward(engine, rule=rule, codes=codes, by=world.BRAND_OPERATOR, now=at)
        for rule, codes in world.REWARDS
    }

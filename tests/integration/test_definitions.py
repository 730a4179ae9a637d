"""A brand's definitions: their statuses, what may change, and people starting them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from app.db.tables import Challenge, Person
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking
from app.domain.definitions import DefinitionRule, DefinitionStatus
from app.domain.errors import RuleError
from app.services.assignments import AlreadyStarted, ConsentNeeded, start_definition
from app.services.definitions import (
    create_definition,
    end_definition,
    list_definitions,
    publish_definition,
    read_definition,
    reopen_definition,
    update_definition,
)
from tests.factories import a_challenge, a_log, a_person, local

TZ = "Europe/Stockholm"
NOW = local(TZ, 2026, 3, 2, 8)
OPERATOR = "brand@example.com"


def a_rule(**overrides) -> DefinitionRule:
    spec = ChallengeSpec(
        name="Brand water",
        event_type="water_glass",
        measure=Measure.SUM,
        attribute="glasses",
        target=8,
        frequency=Frequency.DAILY,
        total_periods=7,
        tracking=Tracking.STREAK,
        required_periods=7,
        points_on_completion=150,
    )
    return DefinitionRule(spec=spec, description="Drink up.", icon="water_drop", **overrides)


def published(engine, **overrides) -> int:
    definition = create_definition(engine, rule=a_rule(**overrides), by=OPERATOR, now=NOW)
    publish_definition(engine, definition_id=definition, by=OPERATOR, now=NOW)
    return definition


def test_the_four_presets_are_the_default_brands_active_definitions(engine):
    page = list_definitions(engine, now=NOW, status=DefinitionStatus.ACTIVE)

    assert sorted(d.name for d in page.items) == [
        "Five reviews",
        "Ten thousand steps",
        "Three workouts a week",
        "Water every day",
    ]
    assert page.total == 4


def test_a_definition_is_a_draft_until_published_then_active_then_ended_and_reopened(engine):
    definition = create_definition(engine, rule=a_rule(), by=OPERATOR, now=NOW)
    assert read_definition(engine, definition_id=definition, now=NOW).status == "Draft"

    publish_definition(engine, definition_id=definition, by=OPERATOR, now=NOW)
    assert read_definition(engine, definition_id=definition, now=NOW).status == "Active"

    end_definition(engine, definition_id=definition, by=OPERATOR, now=NOW)
    assert read_definition(engine, definition_id=definition, now=NOW).status == "Ended"

    reopen_definition(
        engine, definition_id=definition, until=NOW + timedelta(days=30), by=OPERATOR, now=NOW
    )
    view = read_definition(engine, definition_id=definition, now=NOW)
    assert view.status == "Active"
    assert (
        read_definition(engine, definition_id=definition, now=NOW + timedelta(days=31)).status
        == "Ended"
    )


def test_a_scheduled_definition_waits_for_its_start(engine):
    definition = published(engine, scheduled_from=NOW + timedelta(days=2))

    assert read_definition(engine, definition_id=definition, now=NOW).status == "Scheduled"
    assert (
        read_definition(engine, definition_id=definition, now=NOW + timedelta(days=2)).status
        == "Active"
    )
    statuses = {
        s: {d.id for d in list_definitions(engine, now=NOW, status=s).items}
        for s in DefinitionStatus
    }
    assert definition in statuses[DefinitionStatus.SCHEDULED]
    assert all(definition not in ids for s, ids in statuses.items() if s != "Scheduled")


def test_only_a_drafts_rule_can_change_yet_texts_change_after_publishing(engine):
    definition = create_definition(engine, rule=a_rule(), by=OPERATOR, now=NOW)
    harder = replace(a_rule(), spec=replace(a_rule().spec, target=10))
    update_definition(engine, definition_id=definition, rule=harder, by=OPERATOR, now=NOW)
    publish_definition(engine, definition_id=definition, by=OPERATOR, now=NOW)

    with pytest.raises(RuleError) as refused:
        update_definition(engine, definition_id=definition, rule=a_rule(), by=OPERATOR, now=NOW)
    assert [e.field for e in refused.value.errors] == ["target"]

    reworded = replace(harder, description="Ten glasses.", spec=replace(harder.spec, name="Ten"))
    update_definition(
        engine, definition_id=definition, rule=reworded, by="other@example.com", now=NOW
    )
    view = read_definition(engine, definition_id=definition, now=NOW)
    assert (view.name, view.rule.description, view.modified_by) == (
        "Ten",
        "Ten glasses.",
        "other@example.com",
    )


def test_a_person_starts_a_definition_once_in_their_zone_and_keeps_its_rule(engine):
    person = a_person(engine, now=NOW)
    definition = published(engine)

    challenge = start_definition(
        engine, person_id=person, definition_id=definition, now=NOW, consent=False
    )
    with pytest.raises(AlreadyStarted) as again:
        start_definition(engine, person_id=person, definition_id=definition, now=NOW, consent=False)

    assert again.value.challenge_id == challenge
    with Session(engine) as s:
        row = s.get(Challenge, challenge)
        assert (row.definition_id, row.timezone, row.start_date, row.points_on_completion) == (
            definition,
            TZ,
            NOW.date(),
            150,
        )
        assert row.under_budget is False


def test_consent_is_asked_when_the_definition_needs_it(engine):
    person = a_person(engine, now=NOW)
    definition = published(engine, consent_required=True)

    with pytest.raises(ConsentNeeded):
        start_definition(engine, person_id=person, definition_id=definition, now=NOW, consent=False)
    challenge = start_definition(
        engine, person_id=person, definition_id=definition, now=NOW, consent=True
    )
    with Session(engine) as s:
        assert s.get(Challenge, challenge).consented_at == NOW


def test_drafts_and_ended_definitions_cannot_be_started(engine):
    person = a_person(engine, now=NOW)
    draft = create_definition(engine, rule=a_rule(), by=OPERATOR, now=NOW)
    ended = published(engine)
    end_definition(engine, definition_id=ended, by=OPERATOR, now=NOW)

    for definition, why in ((draft, "not published"), (ended, "ended")):
        with pytest.raises(RuleError, match=why):
            start_definition(
                engine, person_id=person, definition_id=definition, now=NOW, consent=True
            )


def test_a_taken_name_gets_a_number_when_the_definition_starts(engine):
    person = a_person(engine, now=NOW)
    a_challenge(engine, person, now=NOW, name="Brand water")

    challenge = start_definition(
        engine, person_id=person, definition_id=published(engine), now=NOW, consent=False
    )
    with Session(engine) as s:
        assert s.get(Challenge, challenge).name == "Brand water (2)"


def test_an_ended_definition_keeps_progress_and_refuses_more_while_other_challenges_count_on(
    engine,
):
    person = a_person(engine, now=NOW)
    definition = published(engine)
    assignment = start_definition(
        engine, person_id=person, definition_id=definition, now=NOW, consent=False
    )
    own = a_challenge(engine, person, now=NOW)
    a_log(engine, person, assignment, at=NOW, glasses=3)

    end_definition(engine, definition_id=definition, by=OPERATOR, now=NOW + timedelta(hours=1))
    later = NOW + timedelta(hours=2)
    with pytest.raises(RuleError, match="ended"):
        a_log(engine, person, assignment, at=later, glasses=2)
    receipt = a_log(engine, person, own, at=later, glasses=2)

    assert receipt.challenges == 1  # the ended assignment is passed by
    assert receipt.period_total == 5


def test_a_participant_deadline_ends_their_progress_after_expiration_months(engine):
    person = a_person(engine, now=NOW)
    stamp = replace(
        a_rule().spec,
        window="PERIOD_AGNOSTIC_WINDOW",
        total_periods=1,
        tracking="DEFAULT",
        target=50,
    )
    definition = create_definition(
        engine, rule=replace(a_rule(expiration_months=1), spec=stamp), by=OPERATOR, now=NOW
    )
    publish_definition(engine, definition_id=definition, by=OPERATOR, now=NOW)
    assignment = start_definition(
        engine, person_id=person, definition_id=definition, now=NOW, consent=False
    )

    a_log(engine, person, assignment, at=NOW + timedelta(days=27), glasses=1)
    with pytest.raises(RuleError, match="ran out"):
        a_log(engine, person, assignment, at=NOW + timedelta(days=32), glasses=1)


def test_every_person_gets_a_stable_public_id(engine):
    first, second = a_person(engine, now=NOW), a_person(engine, now=NOW)
    with Session(engine) as s:
        ids = s.exec(select(Person.public_id).where(Person.id.in_([first, second]))).all()
    assert len(set(ids)) == 2 and all(len(i) == 36 for i in ids)

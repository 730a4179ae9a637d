"""Renaming a challenge: the naming rule, 310008 and 310069 as at creation, and its target
rule upstream renamed too (an outbox row in the challenge's stream)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from app.db.tables import Challenge, OutboxItem
from app.domain.errors import NAME_TAKEN, NAME_TOO_LONG, RuleError
from app.services.challenges import rename_challenge
from app.services.errors import NotFound
from tests.factories import a_challenge, a_person, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)


def renames(engine) -> list[dict]:
    with Session(engine) as s:
        return [
            i.payload
            for i in s.exec(select(OutboxItem).where(OutboxItem.kind == "target_group.rename"))
        ]


def test_a_rename_stores_the_cleaned_name_and_renames_it_upstream(engine):
    person = a_person(engine, now=NOW)
    water = a_challenge(engine, person, now=NOW, name="Water")

    stored = rename_challenge(
        engine, person_id=person, challenge_id=water, name=" Hydrate\u200b daily ", now=NOW
    )

    assert stored == "Hydrate daily"
    with Session(engine) as s:
        challenge = s.get(Challenge, water)
        assert challenge is not None
        assert (challenge.name, challenge.name_key) == ("Hydrate daily", "hydrate daily")
    assert renames(engine) == [{"challenge_id": water, "name": "Hydrate daily"}]


def test_a_name_another_challenge_of_theirs_has_is_refused_with_310069(engine):
    person = a_person(engine, now=NOW)
    a_challenge(engine, person, now=NOW, name="Water")
    steps = a_challenge(engine, person, now=NOW, name="Steps", event_type="steps")

    with pytest.raises(RuleError) as refused:
        rename_challenge(engine, person_id=person, challenge_id=steps, name="ＷＡＴＥＲ", now=NOW)

    assert (refused.value.code, refused.value.errors[0].field) == (NAME_TAKEN, "name")
    assert renames(engine) == []


def test_a_name_over_200_or_of_nothing_visible_is_refused_and_nothing_changes(engine):
    person = a_person(engine, now=NOW)
    water = a_challenge(engine, person, now=NOW, name="Water")

    with pytest.raises(RuleError) as long:
        rename_challenge(engine, person_id=person, challenge_id=water, name="x" * 201, now=NOW)
    with pytest.raises(RuleError) as empty:
        rename_challenge(engine, person_id=person, challenge_id=water, name="\u200b", now=NOW)

    assert long.value.code == NAME_TOO_LONG and empty.value.errors[0].field == "name"
    assert renames(engine) == []


def test_keeping_its_own_name_or_a_new_case_of_it_is_fine(engine):
    person = a_person(engine, now=NOW)
    water = a_challenge(engine, person, now=NOW, name="Water")

    rename_challenge(engine, person_id=person, challenge_id=water, name="Water", now=NOW)
    rename_challenge(engine, person_id=person, challenge_id=water, name="WATER", now=NOW)

    assert renames(engine) == [{"challenge_id": water, "name": "WATER"}]


def test_someone_elses_challenge_cannot_be_renamed(engine):
    owner, other = a_person(engine, now=NOW), a_person(engine, now=NOW)
    water = a_challenge(engine, owner, now=NOW, name="Water")

    with pytest.raises(NotFound):
        rename_challenge(engine, person_id=other, challenge_id=water, name="Mine", now=NOW)

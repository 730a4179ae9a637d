"""A person's challenge names are one name when they only look different (docs/rules.md)."""

from __future__ import annotations

import unicodedata

import pytest
from sqlmodel import Session, select

from app.db.tables import Challenge
from app.domain.errors import NAME_TAKEN, RuleError
from tests.factories import a_challenge, a_person, local

NOW = local("Europe/Stockholm", 2026, 3, 2, 8)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (unicodedata.normalize("NFC", "Café daily"), unicodedata.normalize("NFD", "Café daily")),
        ("Water", "Ｗａｔｅｒ"),
        ("Water", "Wa\u200bter"),
        ("Water", "\u202eWater"),
    ],
)
def test_a_name_that_only_looks_different_is_refused_as_taken(engine, first: str, second: str):
    person = a_person(engine, now=NOW)
    a_challenge(engine, person, now=NOW, name=first)

    with pytest.raises(RuleError) as refused:
        a_challenge(engine, person, now=NOW, name=second, event_type="other_thing")

    assert refused.value.code == NAME_TAKEN
    assert refused.value.errors[0].field == "name"


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u202e \u202c", "\ufeff"])
def test_a_name_of_only_invisible_characters_is_refused_beside_the_name(engine, invisible: str):
    person = a_person(engine, now=NOW)

    with pytest.raises(RuleError) as refused:
        a_challenge(engine, person, now=NOW, name=invisible)

    assert [e.field for e in refused.value.errors] == ["name"]


def test_the_stored_name_keeps_what_was_typed_without_controls(engine):
    person = a_person(engine, now=NOW)
    a_challenge(engine, person, now=NOW, name=" Ｗａｔｅｒ\u200b \u202eevery day\u0007 ")

    with Session(engine) as session:
        stored = session.exec(select(Challenge.name, Challenge.name_key)).one()
    assert stored == ("Ｗａｔｅｒ every day", "water every day")

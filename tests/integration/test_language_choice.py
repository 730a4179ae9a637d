"""A person's language: saved only when it is one we speak, None until they choose."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from app.domain.errors import RuleError
from app.services.accounts import read_profile, set_language, sign_up
from tests.factories import local

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)


def test_the_language_is_saved_and_read_back(engine: Engine) -> None:
    person = sign_up(engine, email="a@example.com", password="long enough", timezone="UTC", now=NOW)
    assert read_profile(engine, person_id=person).language is None

    set_language(engine, person_id=person, language="sv")

    assert read_profile(engine, person_id=person).language == "sv"


@pytest.mark.parametrize("odd", ["de", "", None, 7, "SV", "sv\x00"])
def test_a_language_we_do_not_speak_is_refused_and_nothing_changes(engine: Engine, odd) -> None:
    person = sign_up(
        engine,
        email="a@example.com",
        password="long enough",
        timezone="UTC",
        now=NOW,
        language="en",
    )

    with pytest.raises(RuleError) as refused:
        set_language(engine, person_id=person, language=odd)

    assert refused.value.errors[0].field == "language"
    assert read_profile(engine, person_id=person).language == "en"

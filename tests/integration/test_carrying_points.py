"""Moving to a new account: a signed Goalpost export brings its totals, streaks and balance,
but the balance moves once, and only from an account that is gone (docs/rules.md)."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy.engine import Engine

from app.db.engine import unit_of_work
from app.db.tables import Person
from app.services.accounts import hash_password
from app.services.closing import close_due_periods
from app.services.dashboard import read_balance
from app.services.data_export import export_person_data, signed
from app.services.history_import import CARRIED_ELSEWHERE, NOT_SIGNED, import_history
from app.services.imports import read_history
from app.services.leaving import delete_account
from tests.factories import a_person
from tests.integration.test_history_import import START, ZONE, _history, _standing

SECRET = "the-deployment's-storage-secret"
PASSWORD = "correct horse battery"
NOW = START + timedelta(days=10)


def exported(engine: Engine, person: int, *, secret: str = SECRET) -> bytes:
    close_due_periods(engine, now=NOW, person_id=person)
    data = signed(export_person_data(engine, person_id=person, now=NOW), secret)
    return json.dumps(data, indent=2).encode()


def with_password(engine: Engine, person: int) -> int:
    with unit_of_work(engine) as session:
        row = session.get(Person, person)
        assert row is not None
        row.password_hash = hash_password(PASSWORD)
        session.add(row)
    return person


def import_into(engine: Engine, person: int, file: bytes, *, secret: str | None = SECRET):
    plan = read_history("goalpost-my-data.json", file, timezone=ZONE)
    return import_history(
        engine,
        person_id=person,
        plan=plan,
        chosen=[c.key for c in plan.challenges],
        send_upstream=False,
        now=NOW,
        secret=secret,
    )


def test_export_delete_and_import_into_a_new_account_keeps_totals_streaks_and_balance(
    engine: Engine,
):
    source = with_password(engine, _history(engine))
    file = exported(engine, source)
    standing, balance = _standing(engine, source), read_balance(engine, person_id=source)
    assert balance > 0
    delete_account(engine, person_id=source, password=PASSWORD, now=NOW)
    newcomer = a_person(engine, now=NOW)

    summary = import_into(engine, newcomer, file)

    assert summary.carried_points == balance
    assert _standing(engine, newcomer) == standing
    assert read_balance(engine, person_id=newcomer) == balance


def test_while_the_first_account_lives_its_points_stay_there(engine: Engine):
    source = _history(engine)
    newcomer = a_person(engine, now=NOW)

    summary = import_into(engine, newcomer, exported(engine, source))

    assert summary.carried_points == 0 and "stay with the account" in summary.points_note
    assert read_balance(engine, person_id=newcomer) == 0
    assert _standing(engine, newcomer) == _standing(engine, source)


def test_a_changed_file_or_one_from_elsewhere_brings_no_points(engine: Engine):
    source = with_password(engine, _history(engine))
    honest = json.loads(exported(engine, source))
    elsewhere = exported(engine, source, secret="another deployment")
    delete_account(engine, person_id=source, password=PASSWORD, now=NOW)
    inflated = json.dumps({**honest, "balance": honest["balance"] * 100}).encode()

    for file in (inflated, elsewhere):
        newcomer = a_person(engine, now=NOW)
        summary = import_into(engine, newcomer, file)
        assert (summary.carried_points, summary.points_note) == (0, NOT_SIGNED)
        assert read_balance(engine, person_id=newcomer) == 0


def test_a_balance_moves_once_even_when_its_second_account_is_deleted_too(engine: Engine):
    source = with_password(engine, _history(engine))
    file = exported(engine, source)
    delete_account(engine, person_id=source, password=PASSWORD, now=NOW)
    second = with_password(engine, a_person(engine, now=NOW))
    assert import_into(engine, second, file).carried_points > 0
    delete_account(engine, person_id=second, password=PASSWORD, now=NOW)

    third = a_person(engine, now=NOW)
    summary = import_into(engine, third, file)

    assert (summary.carried_points, summary.points_note) == (0, CARRIED_ELSEWHERE)
    assert read_balance(engine, person_id=third) == 0

"""Migration 0015: the ledger's person becomes optional and every row survives the rebuild;
going back drops only the anonymised rows, which belong to nobody."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.db.tables import PointsLedgerEntry
from app.services.accounts import sign_up
from app.services.leaving import delete_account
from tests.factories import a_person, earned, local
from tests.integration.test_name_migration import migrate

NOW = local("Europe/Stockholm", 2026, 3, 2, 9)


def ledger(engine) -> list[tuple[int | None, int | None, int, str]]:
    with Session(engine) as s:
        rows = s.exec(select(PointsLedgerEntry).order_by(col(PointsLedgerEntry.id))).all()
        return [(e.id, e.person_id, e.points, e.entry_key) for e in rows]


def test_the_ledger_keeps_every_row_across_the_migration_and_back(engine):
    stays = a_person(engine, now=NOW)
    earned(engine, stays, 40, now=NOW)
    leaves = sign_up(engine, email="l@example.com", password="long enough", timezone="UTC", now=NOW)
    earned(engine, leaves, 30, now=NOW)
    delete_account(engine, person_id=leaves, password="long enough", now=NOW)
    before = ledger(engine)

    migrate(engine, "downgrade", "0012")
    assert ledger(engine) == [row for row in before if row[1] is not None]
    migrate(engine, "upgrade", "head")

    assert ledger(engine) == [row for row in before if row[1] is not None]
    earned(engine, stays, 5, now=NOW)  # the rebuilt table still takes rows, unique keys and all
    assert sum(row[2] for row in ledger(engine)) == 45

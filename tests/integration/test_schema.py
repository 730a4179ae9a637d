"""The schema comes only from the migrations, and the models agree with them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import app.db.tables  # noqa: F401


def test_the_migrated_schema_matches_the_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)

    assert differences == []


def test_the_migrations_create_every_table_and_record_their_version(engine):
    tables = set(inspect(engine).get_table_names())

    assert {t.name for t in SQLModel.metadata.sorted_tables} | {"alembic_version"} == tables

"""Instances that start at once on one PostgreSQL database migrate it one at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.db.migrate import upgrade_to_head
from tests import databases
from tests.integration.test_leadership import url_for

pytestmark = pytest.mark.postgres


def test_three_instances_starting_together_all_find_the_schema_at_head(postgres_engine: Engine):
    schema = f"{databases.POSTGRES_SCHEMA}_fresh"
    with postgres_engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        with ThreadPoolExecutor(3) as pool:  # each thread its own connection, as processes are
            for started in [pool.submit(upgrade_to_head, url_for(schema)) for _ in range(3)]:
                started.result()  # without the lock, the second CREATE TABLE fails here

        with postgres_engine.connect() as connection:
            versions = connection.execute(text(f"SELECT version_num FROM {schema}.alembic_version"))
            assert len(versions.all()) == 1
            seeded = connection.execute(text(f"SELECT count(*) FROM {schema}.points_budget"))
            assert seeded.scalar_one() == 1, "the seed rows were written once"
    finally:
        with postgres_engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))

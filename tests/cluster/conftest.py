"""Two instances behind nginx on PostgreSQL and Redis, as real processes (app/cluster)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from app.cluster import Cluster
from app.db.engine import make_engine

# `cluster` itself is in tests/conftest.py: the failover journey in tests/e2e shares it.


@pytest.fixture
def cluster_db(cluster: Cluster) -> Iterator[Engine]:
    """The database every instance shares, for setting up and for reading what they did."""
    engine = make_engine(cluster.database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def every_instance_up_again(cluster: Cluster) -> Iterator[None]:
    """A test that kills an instance brings it back, so the next one starts with two."""
    yield
    for instance in cluster.instances:
        if not instance.alive:
            instance.start()

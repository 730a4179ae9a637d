"""Shared fixtures: a migrated database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from app.cluster import Cluster
from tests import databases
from tests.cluster_support import started_cluster
from tests.mail_server import SmtpServer


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    try:
        engine = databases.migrated_postgres()
    except Exception as exc:
        message = f"PostgreSQL at {databases.POSTGRES_URL} is not reachable: {exc}"
        if os.environ.get("CI") or os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message + " (set REQUIRE_POSTGRES=1 to make this a failure)")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[Engine]:
    """A migrated, empty database; every service test runs once per backend."""
    if request.param == "sqlite":
        engine = databases.fresh_sqlite(sqlite_template, tmp_path)
        yield engine
        engine.dispose()
        return
    engine = request.getfixturevalue("postgres_engine")
    databases.empty_postgres(engine)
    yield engine


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two instances behind nginx on PostgreSQL and Redis (tests/cluster_support.py)."""
    yield from started_cluster(tmp_path_factory)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last: sync Playwright leaves an event loop that async tests trip on."""
    items.sort(key=lambda item: "tests/e2e/" in str(item.fspath).replace("\\", "/"))


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    """A real SMTP server process (aiosmtpd); `.messages()` is what it received."""
    folder = tmp_path / "smtp"
    folder.mkdir()
    server = SmtpServer(folder).start()
    yield server
    server.stop()

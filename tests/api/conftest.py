"""The challenges API over real HTTP: one running server and a brand's data seeded through the
services, shared by the contract tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine

from app.db.engine import make_engine, unit_of_work
from app.domain.definitions import DefinitionStatus
from app.services.api_keys import create_api_key
from app.services.definitions import (
    create_definition,
    definition_by_public_id,
    end_definition,
    list_definitions,
    publish_definition,
    read_definition,
)
from app.services.people import register_person
from tests.server import AppServer

_emails = itertools.count(1)
_names = itertools.count(1)


@dataclass
class Brand:
    """A running server, its database, and a live API key."""

    base_url: str
    engine: Engine
    key: str

    @property
    def api(self) -> str:
        return f"{self.base_url}/api/v3/challenges"

    def client(self, key: str | None = None) -> httpx.Client:
        return httpx.Client(headers={"apikey": key or self.key}, timeout=30)

    def contact(self) -> str:
        """A new person; their contactId."""
        email = f"contact{next(_emails)}@example.com"
        register_person(self.engine, email=email, timezone="Europe/Stockholm", now=now())
        with self.client() as http:
            answer = http.get(f"{self.base_url}/api/v3/contacts/id", params={"email": email})
        assert answer.status_code == 200, answer.text
        return str(answer.json())

    def definition(
        self, status: DefinitionStatus = DefinitionStatus.ACTIVE, *, target: float = 5
    ) -> str:
        """A new stamp card definition (`target` reviews) in `status`; its id."""
        preset = next(
            d
            for d in list_definitions(self.engine, now=now(), count=100_000).items
            if d.name == "Five reviews"
        )
        rule = preset.rule
        if status is DefinitionStatus.SCHEDULED:
            rule = replace(rule, scheduled_from=now() + timedelta(days=30))
        spec = replace(rule.spec, name=f"Reviews {next(_names)}", target=target)
        made = create_definition(self.engine, rule=replace(rule, spec=spec), by="test", now=now())
        if status is not DefinitionStatus.DRAFT:
            publish_definition(self.engine, definition_id=made, by="test", now=now())
        if status is DefinitionStatus.ENDED:
            end_definition(self.engine, definition_id=made, by="test", now=now())
        return read_definition(self.engine, definition_id=made, now=now()).public_id

    def end(self, public_id: str) -> None:
        """End an Active definition now."""
        with unit_of_work(self.engine) as session:
            definition_id = definition_by_public_id(session, public_id).id
        assert definition_id is not None
        end_definition(self.engine, definition_id=definition_id, by="test", now=now())

    def checkpoints(
        self, rows: list[dict[str, object]], *, key: str | None = None
    ) -> httpx.Response:
        headers = {"Idempotency-Key": key} if key else {}
        with self.client() as http:
            return http.post(f"{self.api}/checkpoints", json=rows, headers=headers)

    def challenges(self, contact_id: str, **params: object) -> list[dict[str, object]]:
        with self.client() as http:
            answer = http.get(self.api, params={"contactId": contact_id, **params})
        assert answer.status_code == 200, answer.text
        return list(answer.json()["items"])

    def assign(self, definition_id: str, contact_id: str) -> httpx.Response:
        with self.client() as http:
            return http.post(
                f"{self.api}/definitions/{definition_id}/assign", params={"contactId": contact_id}
            )


def now() -> datetime:
    return datetime.now(UTC)


def start_brand(data_dir: Path, **settings: str) -> tuple[AppServer, Brand]:
    """A server on a fresh database with one API key (its migrations run as it starts)."""
    server = AppServer(data_dir, UPSTREAM="off", **settings)
    base_url = server.start()
    engine = make_engine(server.database_url)
    key = create_api_key(engine, name="CRM", by="test", now=now()).key
    return server, Brand(base_url, engine, key)


def stop_brand(server: AppServer, brand: Brand) -> None:
    brand.engine.dispose()
    server.stop()
    tracebacks = server.tracebacks()
    assert not tracebacks, "the server logged errors:\n" + "\n\n".join(tracebacks)


@pytest.fixture(scope="session")
def brand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Brand]:
    # A limit no test reaches: the rate limit has its own server (test_rate_limit.py).
    server, made = start_brand(tmp_path_factory.mktemp("api"), API_RATE_LIMIT="100000/second")
    try:
        yield made
    finally:
        stop_brand(server, made)

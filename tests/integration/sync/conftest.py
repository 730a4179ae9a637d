"""One sandbox process for the session, emptied before every test; a client for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr

from app.sync.client import CapillaryClient
from app.sync.credentials import BasicCredentials, UpstreamOptions
from tests.integration.sync.support import Sandbox
from tests.sandbox_server import SANDBOX_PASSWORD, SANDBOX_TILL, running_sandbox


@pytest.fixture(scope="session")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_sandbox(tmp_path_factory.mktemp("sandbox")) as url:
        yield url


@pytest.fixture
def sandbox(sandbox_url: str) -> Iterator[Sandbox]:
    sandbox = Sandbox(sandbox_url)
    sandbox.reset()
    yield sandbox
    sandbox.faults()
    sandbox.http.close()
    sandbox.control.close()


def sandbox_client(sandbox: Sandbox, **options: object) -> CapillaryClient:
    return CapillaryClient(
        sandbox.url,
        credentials=BasicCredentials(SANDBOX_TILL, SecretStr(SANDBOX_PASSWORD)),
        options=UpstreamOptions(),
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[CapillaryClient]:
    async with sandbox_client(sandbox) as client:
        yield client

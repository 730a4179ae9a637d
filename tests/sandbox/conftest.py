"""One sandbox process for the whole directory, emptied before every test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.sandbox_server import basic_auth_header, control_headers, running_sandbox


@pytest.fixture(scope="session")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_sandbox(tmp_path_factory.mktemp("sandbox")) as url:
        yield url


@pytest.fixture
def sandbox(sandbox_url: str) -> Iterator[httpx.Client]:
    """A client with the control secret, for `/_sandbox/*`; the store is empty and faults off."""
    with httpx.Client(base_url=sandbox_url, headers=control_headers(), timeout=5) as client:
        client.post("/_sandbox/reset").raise_for_status()
        yield client


@pytest.fixture
def capillary(sandbox: httpx.Client, sandbox_url: str) -> Iterator[httpx.Client]:
    """A client holding the sandbox's Basic credentials, as the app's sync client would."""
    with httpx.Client(base_url=sandbox_url, headers=basic_auth_header(), timeout=5) as client:
        yield client

"""Browser tests: Debian's Chromium driven by Playwright against a real server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Response

from tests.server import running_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run scripts/test, which installs "
            "Debian's chromium, or set CHROMIUM_PATH",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-gpu", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(server: str) -> str:
    return server


@pytest.fixture(scope="session")
def server_errors(browser: Browser) -> list[str]:
    """Every HTTP 5xx any browser context of the run received, as 'status url'."""
    seen: list[str] = []
    new_context = browser.new_context

    def watched_context(*args: Any, **kwargs: Any) -> BrowserContext:
        context = new_context(*args, **kwargs)

        def on_response(response: Response) -> None:
            if response.status >= 500:
                seen.append(f"{response.status} {response.url}")

        context.on("response", on_response)
        return context

    browser.new_context = watched_context  # type: ignore[method-assign]
    return seen


@pytest.fixture(autouse=True)
def no_server_error_reached_the_browser(server_errors: list[str]) -> Iterator[None]:
    """Whatever a test did, no page, script or call it made was answered with a 5xx."""
    before = len(server_errors)
    yield
    assert server_errors[before:] == [], "the server answered with errors"


@pytest.fixture(scope="module")
def shots(pytestconfig: pytest.Config) -> Path:
    """Where screenshots go: test-results/screenshots (pytest-playwright's --output)."""
    folder = Path(pytestconfig.getoption("output")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

"""/_dev/mail exists in development only: elsewhere the address is unknown (docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.server import running_server

PRODUCTION = {"ENVIRONMENT": "production", "UPSTREAM": "off"}


@pytest.mark.parametrize("environment", [{"ENVIRONMENT": "test"}, PRODUCTION], ids=str)
def test_the_dev_mail_page_is_not_found_outside_development(tmp_path: Path, environment):
    with running_server(tmp_path, **environment) as url:
        assert httpx.get(f"{url}/_dev/mail").status_code == 404


def test_in_development_the_dev_mail_page_answers(tmp_path: Path):
    with running_server(tmp_path, ENVIRONMENT="development", UPSTREAM="off") as url:
        answer = httpx.get(f"{url}/_dev/mail")
    assert answer.status_code == 200
    assert "Mail (development)" in answer.text

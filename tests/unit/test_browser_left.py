"""A browser that hangs up before its answer is no error of ours: no traceback, no reference;
any other error still gets both."""

from __future__ import annotations

import logging

import pytest
from starlette.requests import Request

from app.domain.brand import Brand
from app.ui.error_pages import ErrorPages


def a_request(path: str) -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    )


def test_a_hang_up_is_logged_as_information_without_a_traceback(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO, logger="goalpost.errors")

    answer = ErrorPages(Brand()).server_error(
        a_request("/_nicegui/3.18.0/esm/index.js"), RuntimeError("No response returned.")
    )

    assert answer.status_code == 499
    assert [(r.levelname, r.exc_info) for r in caplog.records] == [("INFO", None)]


def test_any_other_error_is_still_an_error_with_its_reference(caplog: pytest.LogCaptureFixture):
    answer = ErrorPages(Brand()).server_error(a_request("/api/x"), RuntimeError("no response"))

    assert answer.status_code == 500 and b"reference" in answer.body
    assert [r.levelname for r in caplog.records if r.exc_info] == ["ERROR"]
    caplog.clear()  # the ERROR line is the point of the test

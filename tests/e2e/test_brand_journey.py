"""The brand side end to end, in Chromium and over HTTP: an operator publishes a definition
and makes an API key in the console, a person starts the definition from /new, the brand's
system awards checkpoints through the API, the person's Today shows the progress and the
points, and the sandbox holds the target group, promotion, enrolment and events."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.test_brand_console import OPERATOR, _operator
from tests.e2e.test_journeys import new_person
from tests.server import control_headers, running_server

PERSON = "noor@example.com"


@pytest.fixture(scope="module")
def brand_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("brand-journey")
    with running_server(data, OPERATOR_EMAILS=OPERATOR, JOBS_DRAIN_SECONDS="0.5") as url:
        yield url


def test_a_published_definition_started_in_the_browser_takes_checkpoints_from_the_api(
    browser: Browser, brand_server: str
):
    context, _ = new_person(browser, brand_server, OPERATOR)
    context.close()
    context, ops = _operator(browser, brand_server, 1280)
    # (a) the operator publishes "Walk daily": one walk a day for 7 days, 20 points a day
    ops.goto("/brand/definitions/new")
    ops.get_by_label("Name").fill("Walk daily")
    ops.get_by_label("Description").fill("One walk a day, for a week.")
    ops.get_by_label("Icon").fill("directions_walk")
    ops.get_by_label("Event type key").fill("walk")
    ops.get_by_label("What it is, in words").fill("walk")
    ops.get_by_label("Unit, plural").fill("walks")
    ops.get_by_label("Points per achieved period").fill("20")
    ops.get_by_role("button", name="Save as draft").click()
    expect(ops).to_have_url(re.compile(r"/brand/definitions/\d+$"))
    ops.get_by_role("button", name="Publish").click()
    expect(ops.get_by_text("Active", exact=True)).to_be_visible()
    # (b) and makes a key for the brand's CRM, shown once
    ops.goto("/brand/keys")
    ops.get_by_label("Name").fill("CRM")
    ops.get_by_role("button", name="Create key").click()
    expect(ops.get_by_text("it will not be shown again")).to_be_visible()
    key = ops.get_by_text(re.compile(r"^gp_\S+$")).inner_text().strip()
    context.close()

    # (c) a person starts it from /new in one click
    context, page = new_person(browser, brand_server, PERSON)
    page.get_by_role("button", name="Start: Walk daily").click()
    expect(page).to_have_url(re.compile(r"/challenge/\d+$"))

    # (d) the brand's system finds the person and awards a checkpoint through the API
    api = httpx.Client(base_url=f"{brand_server}/api/v3", headers={"apikey": key}, timeout=10)
    contact = api.get("/contacts/id", params={"email": PERSON})
    assert contact.status_code == 200, contact.text
    contact_id = contact.json()
    contact_id = contact_id if isinstance(contact_id, str) else contact_id["id"]
    definitions = api.get("/challenges/definitions", params={"status": "Active"}).json()
    [walk] = [d for d in definitions["items"] if d["name"] == "Walk daily"]
    answer = api.post(
        "/challenges/checkpoints",
        json=[{"definitionId": walk["id"], "contactId": contact_id, "checkpointAmount": 1}],
    )
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert not report.get("missingContactIds") and not report.get("missingDefinitionIds")
    assert not report.get("notAccepted")

    # (e) Today shows the achieved day and the 20 points
    page.goto("/")
    expect(page.get_by_text("1 of 1 walks").or_(page.get_by_text("1 of 1 walk"))).to_be_visible()
    expect(page.get_by_label("Points balance")).to_have_text("20 pts")
    mine = api.get("/challenges", params={"contactId": contact_id}).json()
    assert [c["challengeId"] for c in mine["items"]] == [walk["id"]]
    context.close()

    # (f) the sandbox received the challenge's target group, promotion, enrolment and event
    sandbox = f"{brand_server}/sandbox/_sandbox"
    deadline = time.monotonic() + 30
    while True:
        stats = httpx.get(f"{sandbox}/stats", headers=control_headers(), timeout=5).json()
        if stats["events_stored"] >= 1 and stats["enrolments"] >= 1:
            break
        assert time.monotonic() < deadline, f"the sandbox has not received it all: {stats}"
        time.sleep(0.5)
    assert (stats["target_groups"], stats["promotions"], stats["enrolments"]) == (1, 1, 1)
    events = httpx.get(f"{sandbox}/events", headers=control_headers(), timeout=5).json()
    assert events["total"] == 1
    assert "walk" in events["events"][0]["event_name"]

"""What upstream refuses reaches the person as a sentence; a retry after the fix goes through."""

from __future__ import annotations

from pydantic import SecretStr

from app.db.tables import EventType
from app.services.sync_status import read_sync_state, retry_failed
from app.sync import mapping
from app.sync.client import CapillaryClient
from app.sync.credentials import BasicCredentials, OAuthCredentials
from tests.factories import a_challenge, a_person
from tests.integration.sync.support import TZ, clock, settle, today
from tests.sandbox_server import SANDBOX_OAUTH_KEY, SANDBOX_OAUTH_SECRET

WATER = EventType(key="water_glass", label="water glass", attribute="glasses")


def someone_elses_group(name: str, description: str) -> dict:
    """A user-created group another Capillary client made, on our event name."""
    return {
        "name": name,
        "description": description,
        "userCreated": True,
        "trackingType": "DEFAULT",
        "targetEvaluationType": "PERIOD_AGNOSTIC_WINDOW",
        "totalPeriods": 1,
        "timeZoneName": "UTC",
        "periods": [
            {
                "refCode": "Cycle_1",
                "startDate": "2026-01-01T00:00:00.000Z",
                "endDate": "2030-01-01T00:00:00.000Z",
            }
        ],
        "targets": [
            {
                "name": description,
                "targetEntity": "EVENT",
                "eventName": "water_glass",
                "targetType": "COUNT",
                "enrolmentMethod": "IMPORT",
                "defaultValues": [{"defaultValue": 1}],
            }
        ],
    }


def water_challenge(engine) -> tuple[int, int]:
    person = a_person(engine, timezone=TZ, now=clock())
    return person, a_challenge(engine, person, now=clock(), start_date=today())


async def test_a_group_name_taken_by_another_client_fails_readably_and_a_retry_after_the_fix_works(
    engine, sandbox, client
):
    person, water = water_challenge(engine)
    sandbox.call("POST", "/v2/events", mapping.event_definition(WATER)).raise_for_status()
    taken = sandbox.call("POST", "/v3/targetGroups", someone_elses_group(f"goalpost-{water}", "x"))
    assert taken.status_code == 200

    report = await settle(engine, client)
    failed = read_sync_state(engine, person_id=person, challenge_id=water)

    assert report.dead == 1 and sandbox.stats()["promotions"] == 0
    assert failed.state == "failed"
    assert failed.reason == (
        f"Capillary already has a target group named 'goalpost-{water}' that Goalpost did not "
        "create; rename or remove that group in Capillary, then retry (310069)"
    )

    sandbox.reset()  # the operator removes the other group (the sandbox has no delete call)
    assert retry_failed(engine, person_id=person, challenge_id=water, now=clock()) == 1
    await settle(engine, client)

    assert read_sync_state(engine, person_id=person, challenge_id=water).state == "synced"
    stats = sandbox.stats()
    assert (stats["target_groups"], stats["promotions"], stats["enrolments"]) == (1, 1, 1)


async def test_our_own_group_created_before_a_lost_answer_is_adopted(engine, sandbox, client):
    person, water = water_challenge(engine)
    sandbox.call("POST", "/v2/events", mapping.event_definition(WATER)).raise_for_status()
    ours = someone_elses_group(f"goalpost-{water}", "Water every day")
    assert sandbox.call("POST", "/v3/targetGroups", ours).status_code == 200

    report = await settle(engine, client)

    assert report.dead == 0
    assert read_sync_state(engine, person_id=person, challenge_id=water).state == "synced"
    assert sandbox.stats()["target_groups"] == 1


async def test_wrong_credentials_say_which_settings_to_check(engine, sandbox):
    person, water = water_challenge(engine)
    wrong = CapillaryClient(
        sandbox.url, credentials=BasicCredentials("goalpost.till", SecretStr("not-it"))
    )

    async with wrong:
        report = await settle(engine, wrong)

    state = read_sync_state(engine, person_id=person, challenge_id=water)
    assert report.dead == 1 and state.state == "failed"
    assert "CAPILLARY_TILL and CAPILLARY_PASSWORD" in state.reason and state.reason.endswith(
        "(401)"
    )
    assert "not-it" not in state.reason


async def test_oauth_gets_a_token_and_gets_a_fresh_one_when_it_is_revoked(engine, sandbox):
    person, water = water_challenge(engine)
    oauth = CapillaryClient(
        sandbox.url,
        credentials=OAuthCredentials(SANDBOX_OAUTH_KEY, SecretStr(SANDBOX_OAUTH_SECRET)),
    )

    async with oauth:
        first = await oauth.lookup_customer("goalpost-person-nobody")
        sandbox.control.delete("/_sandbox/tokens").raise_for_status()
        report = await settle(engine, oauth)

    assert first is None and report.dead == 0
    assert read_sync_state(engine, person_id=person, challenge_id=water).state == "synced"
    token_calls = [r for r in sandbox.journal() if r["path"] == "/v3/oauth/token/generate"]
    assert len(token_calls) == 2

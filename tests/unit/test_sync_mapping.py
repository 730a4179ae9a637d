"""Our rows become the payloads of docs/upstream.md, checked against the contract's examples."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from app.db.tables import Challenge, EventType, Log, Period, Person
from app.domain.challenge import ChallengeSpec, Frequency, Measure, Tracking, Window
from app.domain.periods import initial_periods
from app.sync import mapping

STOCKHOLM = "Europe/Stockholm"
CREATED = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
WATER = EventType(id=3, key="water_glass", label="water glass", attribute="glasses")


def a_challenge(**overrides) -> tuple[Challenge, list[Period]]:
    values = dict(
        name="Drink water",
        event_type="water_glass",
        measure=Measure.COUNT,
        target=8,
        frequency=Frequency.DAILY,
        total_periods=7,
        tracking=Tracking.STREAK,
        required_periods=7,
        window=Window.FIXED_CALENDAR_WINDOW,
        start_date=date(2026, 11, 21),
        timezone=STOCKHOLM,
    )
    values.update(overrides)
    spec = ChallengeSpec(**values)
    challenge = Challenge(
        id=17,
        person_id=7,
        event_type_id=3,
        name=spec.name,
        name_key=spec.name.lower(),
        measure=spec.measure.value,
        attribute=spec.attribute,
        target=spec.target,
        frequency=spec.frequency.value,
        every_n_days=spec.every_n_days,
        total_periods=spec.total_periods,
        tracking=spec.tracking.value,
        required_periods=spec.periods_needed,
        window=spec.window.value,
        start_date=spec.start_date,
        timezone=spec.timezone,
        created_at=CREATED,
    )
    periods = [
        Period(
            id=100 + b.index,
            challenge_id=17,
            index=b.index,
            starts_at=b.starts_at,
            ends_at=b.ends_at,
            target=spec.target,
        )
        for b in initial_periods(spec, CREATED)
    ]
    return challenge, periods


def test_the_water_challenge_becomes_the_contracts_target_group():
    challenge, periods = a_challenge()

    body = mapping.target_group(challenge, periods, WATER, prefix="goalpost", now=CREATED)

    assert {k: v for k, v in body.items() if k not in ("periods", "targets")} == {
        "name": "goalpost-17",
        "description": "Drink water",
        "active": True,
        "userCreated": True,
        "trackingType": "STREAKS",
        "targetEvaluationType": "FIXED_CALENDAR_WINDOW",
        "totalPeriods": 7,
        "frequencyType": "DAILY",
        "frequency": 1,
        "recurringCycles": 1,
        "timeZoneName": "Europe/Stockholm",
        "targetCycleStartDateISO": "2026-11-21T00:00:00+01:00",
        "targetCycleEndDateISO": "2026-11-28T00:00:00+01:00",
        "streaks": [{"name": "Drink water", "targetCountOfSequence": 7}],
    }
    assert body["periods"][0] == {
        "active": True,
        "description": "Period 1",
        "refCode": "Cycle_1",
        "periodStatus": "NOT_STARTED",
        "startDate": "2026-11-20T23:00:00.000Z",
        "endDate": "2026-11-21T22:59:59.999Z",
    }
    assert [p["refCode"] for p in body["periods"]] == [f"Cycle_{i}" for i in range(1, 8)]
    target = body["targets"][0]
    assert target == {
        "active": True,
        "name": "Drink water",
        "targetEntity": "EVENT",
        "eventName": "water_glass",
        "targetType": "COUNT",
        "defaultValues": [{"defaultValue": 8}] * 7,
        "expression": "true",
        "expressionJson": '{"arity":"literal","value":"true","type":"boolean:primitive"}',
        "filters": [],
        "enrolmentMethod": "IMPORT",
        "targetMilestoneTriggers": [],
    }


def test_a_period_running_when_the_group_is_sent_says_so():
    challenge, periods = a_challenge()
    during_day_two = datetime(2026, 11, 22, 12, tzinfo=UTC)

    body = mapping.target_group(challenge, periods, WATER, prefix="goalpost", now=during_day_two)

    assert [p["periodStatus"] for p in body["periods"][:3]] == ["ENDED", "RUNNING", "NOT_STARTED"]


def test_sum_measures_the_attribute_and_default_tracking_sends_no_streaks():
    challenge, periods = a_challenge(
        measure=Measure.SUM, attribute="glasses", tracking=Tracking.DEFAULT
    )

    body = mapping.target_group(challenge, periods, WATER, prefix="goalpost", now=CREATED)

    assert body["trackingType"] == "DEFAULT" and "streaks" not in body
    assert body["targets"][0]["targetType"] == "EVENT_ATTRIBUTE"
    assert body["targets"][0]["extendedFieldInfo"] == {
        "name": "glasses",
        "aggregateFunction": "SUM",
    }


def test_every_n_days_is_daily_with_a_frequency_and_gaps_allowed_is_non_continuous():
    challenge, periods = a_challenge(
        frequency=Frequency.EVERY_N_DAYS,
        every_n_days=3,
        total_periods=4,
        tracking=Tracking.NON_CONTINUOUS_STREAK,
        required_periods=3,
        measure=Measure.VISIT,
    )

    body = mapping.target_group(challenge, periods, WATER, prefix="gp", now=CREATED)

    assert (body["name"], body["frequencyType"], body["frequency"]) == ("gp-17", "DAILY", 3)
    assert body["trackingType"] == "NON_CONTINUOUS_STREAKS"
    assert body["streaks"] == [{"name": "Drink water", "targetCountOfSequence": 3}]
    assert body["targets"][0]["targetType"] == "VISIT"
    assert body["targetCycleEndDateISO"] == "2026-12-03T00:00:00+01:00"


def test_a_cyclic_window_sends_no_periods_and_one_value_per_cycle():
    challenge, periods = a_challenge(window=Window.CYCLIC_WINDOW, start_date=None)

    body = mapping.target_group(challenge, periods, WATER, prefix="goalpost", now=CREATED)

    assert periods == [] and body["periods"] == []
    assert body["targetEvaluationType"] == "CYCLIC_WINDOW"
    assert len(body["targets"][0]["defaultValues"]) == 7


def test_a_stamp_card_sends_one_open_period_from_its_creation():
    challenge, periods = a_challenge(
        window=Window.PERIOD_AGNOSTIC_WINDOW,
        start_date=None,
        total_periods=1,
        tracking=Tracking.DEFAULT,
        required_periods=1,
    )

    body = mapping.target_group(challenge, periods, WATER, prefix="goalpost", now=CREATED)

    assert body["totalPeriods"] == 1
    assert body["periods"] == [
        {
            "active": True,
            "description": "Period 1",
            "refCode": "Cycle_1",
            "periodStatus": "RUNNING",
            "startDate": "2026-11-20T21:00:00.000Z",
            "endDate": "9999-12-31T23:59:59.999Z",
        }
    ]


def test_the_event_definition_matches_the_contract():
    assert mapping.event_definition(WATER) == json.loads(
        """{"eventName":"water_glass","description":"water glass (Goalpost)",
        "actions":["EMFConsumer"],
        "fields":[
          {"name":"customer_id","type":"customer","attributes":{
             "identifierType":{"valueType":"String","value":"externalId"},
             "addCustomerIfNotExists":{"valueType":"Boolean","value":"true"}}},
          {"name":"glasses","type":"double",
           "attributes":{"isRequired":{"valueType":"Boolean","value":"false"}}}]}"""
    )
    reviews = EventType(id=4, key="review", label="review", attribute=None)
    assert [f["name"] for f in mapping.event_definition(reviews)["fields"]] == ["customer_id"]


def test_a_log_becomes_one_event_post_carrying_its_event_types_attribute():
    log = Log(
        id=123,
        person_id=7,
        event_type_id=3,
        challenge_id=17,
        occurred_at=datetime(2026, 11, 21, 9, 30, tzinfo=UTC).astimezone(),
        attributes={"glasses": 2.0},
        idempotency_key="k",
        created_at=CREATED,
    )

    assert mapping.event_post(log, WATER, prefix="goalpost") == {
        "event_name": "water_glass",
        "customer_id": "goalpost-person-7",
        "external_event_id": "goalpost-log-123",
        "eventDateTime": "2026-11-21 09:30:00",
        "glasses": 2,
    }


def test_an_event_carries_no_attribute_its_log_has_no_number_for():
    reviews = EventType(id=4, key="review", label="review", attribute=None)
    tapped = Log(
        id=5, person_id=7, event_type_id=3, occurred_at=CREATED, attributes={}, created_at=CREATED
    )
    odd = Log(
        id=6,
        person_id=7,
        event_type_id=3,
        occurred_at=CREATED,
        attributes={"glasses": "lots"},
        created_at=CREATED,
    )

    assert "glasses" not in mapping.event_post(tapped, WATER, prefix="goalpost")
    assert "glasses" not in mapping.event_post(odd, WATER, prefix="goalpost")
    assert set(mapping.event_post(tapped, reviews, prefix="g")) == {
        "event_name",
        "customer_id",
        "external_event_id",
        "eventDateTime",
    }


def test_the_promotion_links_the_group_and_its_rule_with_ids_minus_one():
    challenge, periods = a_challenge()

    body = mapping.promotion(
        challenge,
        periods,
        prefix="goalpost",
        program_id=5,
        group_id=900,
        target_id=901,
        award_strategy="a",
        expiry_strategy="e",
    )["promotion"]

    assert (body["id"], body["name"], body["identifier"]) == (
        -1,
        "goalpost-17-promotion",
        "goalpost-17-promotion",
    )
    assert (body["eventName"], body["promotionSourceType"]) == ("TARGETCOMPLETED", "USER_CREATED")
    assert body["promotionRestrictions"]["targetGroupIds"] == [900]
    assert body["promotionRestrictions"]["targetRuleIds"] == [901]
    [ruleset] = body["rulesetInfos"]
    assert (ruleset["id"], ruleset["contextID"], ruleset["contextType"]) == (-1, 5, "program")
    assert ruleset["startDate"] == int(periods[0].starts_at.timestamp() * 1000)
    [rule] = ruleset["rules"]
    [action] = rule["caseToActions"]["true"]
    assert rule["id"] == action["id"] == -1
    assert action["mandatoryPropertiesValues"]["TargetGroupId"] == "900"
    assert action["mandatoryPropertiesValues"]["TargetRuleName"] == "Drink water"


def test_a_customer_is_known_by_our_external_id_and_their_email():
    person = Person(id=7, email="ann@example.com", display_name="Ann", created_at=CREATED)

    assert mapping.customer(person, prefix="goalpost") == {
        "profiles": [
            {
                "firstName": "Ann",
                "identifiers": [
                    {"type": "externalId", "value": "goalpost-person-7"},
                    {"type": "email", "value": "ann@example.com"},
                ],
            }
        ]
    }

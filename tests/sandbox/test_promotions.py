"""UCC promotions: the contract's checks, new ids for every -1, and the listing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sandbox.payloads import create_group, error_code, promotion

CREATE = "/api_gateway/loyalty/v1/programs/1/createPromotion/simple"
LIST = "/api_gateway/loyalty/v1/programs/1/promotionsV2"


@pytest.fixture
def group(capillary: httpx.Client) -> dict[str, Any]:
    return create_group(capillary)


def body_for(group: dict[str, Any]) -> dict[str, Any]:
    return promotion(group["id"], group["targets"][0]["id"])


def test_a_promotion_gets_ids_for_everything_sent_as_minus_one(
    capillary: httpx.Client, group: dict[str, Any]
) -> None:
    answer = capillary.post(CREATE, json=body_for(group))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == {"code": 200, "message": "success"}
    assert body["validationErrors"] is None
    (created,) = body["data"]
    ruleset = created["rulesetInfos"][0]
    rule = ruleset["rules"][0]
    action = rule["caseToActions"]["true"][0]
    assert min(created["id"], ruleset["id"], rule["id"], action["id"]) > 0
    assert rule["ruleSetId"] == ruleset["id"]
    assert created["promotionRestrictions"]["targetGroupIds"] == [group["id"]]


def test_missing_target_ids_answer_4074(capillary: httpx.Client, group: dict[str, Any]) -> None:
    body = body_for(group)
    body["promotion"]["promotionRestrictions"]["targetRuleIds"] = []
    answer = capillary.post(CREATE, json=body)
    assert answer.status_code == 400
    assert answer.json()["validationErrors"][0]["code"] == 4074
    assert answer.json()["data"] is None


def test_a_target_group_that_does_not_exist_answers_4074(capillary: httpx.Client) -> None:
    assert error_code(capillary.post(CREATE, json=promotion(1, 2))) == 4074


def test_a_promotion_id_other_than_minus_one_answers_300004(
    capillary: httpx.Client, group: dict[str, Any]
) -> None:
    body = body_for(group)
    body["promotion"]["rulesetInfos"][0]["rules"][0]["id"] = 5
    answer = capillary.post(CREATE, json=body)
    assert error_code(answer) == 300004
    assert "rules[0].id" in answer.json()["status"]["message"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"promotionSourceType": None}, 4079),
        ({"eventName": "TRANSACTIONADD"}, 4083),
        ({"startDate": None}, 4011),
        ({"startDate": "next week"}, 4011),
        ({"endDate": ""}, 4012),
        ({"rulesetInfos": []}, 4075),
    ],
)
def test_ucc_rules_are_enforced(
    capillary: httpx.Client, group: dict[str, Any], change: dict[str, Any], code: int
) -> None:
    body = body_for(group)
    body["promotion"].update(change)
    assert error_code(capillary.post(CREATE, json=body)) == code


def test_a_ruleset_for_another_program_answers_4076(
    capillary: httpx.Client, group: dict[str, Any]
) -> None:
    body = body_for(group)
    body["promotion"]["rulesetInfos"][0]["contextID"] = 99
    assert error_code(capillary.post(CREATE, json=body)) == 4076


def test_a_repeated_name_answers_4003_and_a_repeated_identifier_4007(
    capillary: httpx.Client, group: dict[str, Any]
) -> None:
    capillary.post(CREATE, json=body_for(group)).raise_for_status()
    assert error_code(capillary.post(CREATE, json=body_for(group))) == 4003
    other_name = body_for(group)
    other_name["promotion"]["name"] = "another"
    assert error_code(capillary.post(CREATE, json=other_name)) == 4007


def test_user_created_promotions_are_listed_with_their_identifier(
    capillary: httpx.Client, group: dict[str, Any]
) -> None:
    capillary.post(CREATE, json=body_for(group)).raise_for_status()
    params = {"limit": 100, "offset": 0, "sourceType": "USER_CREATED"}
    for path in (LIST, "/api_gateway/loyalty/v1/programs/1/userCreatedPromotions"):
        listing = capillary.get(path, params=params).json()
        assert [p["identifier"] for p in listing["data"]] == ["goalpost-17-promotion"]
        assert listing["pageDetails"]["totalEntries"] == 1
    other = capillary.get(LIST, params={**params, "sourceType": "CAMPAIGN"}).json()
    assert other["data"] == []
    assert error_code(capillary.get(LIST, params={**params, "limit": 101})) == 4055

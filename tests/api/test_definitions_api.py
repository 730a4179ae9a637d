"""Reading the brand's definitions through the API: paging, status filters, one by id."""

from __future__ import annotations

import uuid

import pytest

from app.domain.definitions import DefinitionStatus
from tests.api.conftest import Brand

STATUS_NUMBERS = {"Active": 1, "Draft": 2, "Scheduled": 3, "Ended": 4}


def walk(brand: Brand, version: str = "v3", **params: object) -> tuple[list[str], int]:
    """Follow the `next` links from the first page; every id seen, and the totalCount."""
    url: str | None = f"{brand.base_url}/api/{version}/challenges/definitions"
    seen: list[str] = []
    total = -1
    with brand.client() as http:
        answer = http.get(url, params=params)  # type: ignore[arg-type]
        while True:
            assert answer.status_code == 200, answer.text
            body = answer.json()
            total = body["totalCount"]
            seen += [item["id"] for item in body["items"]]
            links = {link["rel"]: link["href"] for link in body["links"]}
            url = links["next"]
            if url is None:
                return seen, total
            answer = http.get(url)


@pytest.mark.parametrize("count", [1, 2, 3, 100])
def test_following_next_links_visits_every_definition_exactly_once(brand: Brand, count: int):
    for _ in range(4):
        brand.definition()

    seen, total = walk(brand, count=count)

    assert len(seen) == total == len(set(seen))


def test_previous_links_walk_back_to_the_first_page(brand: Brand):
    for _ in range(3):
        brand.definition()
    first, _ = walk(brand, count=2)
    with brand.client() as http:
        body = http.get(f"{brand.api}/definitions", params={"offset": 4, "count": 2}).json()
        back: list[str] = []
        while True:
            back = [item["id"] for item in body["items"]] + back
            previous = next(lk["href"] for lk in body["links"] if lk["rel"] == "previous")
            if previous is None:
                break
            assert previous.startswith("http://")
            body = http.get(previous).json()

    assert back == first[: len(back)]


@pytest.mark.parametrize("status", list(DefinitionStatus))
def test_each_status_filter_lists_only_definitions_in_that_status(
    brand: Brand, status: DefinitionStatus
):
    made = brand.definition(status)

    seen, total = walk(brand, status=status.value)
    with brand.client() as http:
        items = http.get(f"{brand.api}/definitions", params={"status": status.value}).json()

    assert made in seen and len(seen) == total
    assert {item["status"] for item in items["items"]} == {STATUS_NUMBERS[status.value]}


def test_all_lists_every_status(brand: Brand):
    made = {s: brand.definition(s) for s in DefinitionStatus}

    seen, _ = walk(brand, status="All")

    assert set(made.values()) <= set(seen)


def test_a_definition_by_id_has_voyados_fields_and_a_self_link(brand: Brand):
    made = brand.definition()

    with brand.client() as http:
        body = http.get(f"{brand.api}/definitions/{made}").json()

    assert body["id"] == made
    assert body["status"] == 1
    assert body["requiredNumberOfCheckpoints"] == 5
    assert body["isContactConsentRequired"] is False
    assert body["links"][0]["rel"] == "self"
    assert body["links"][0]["href"].endswith(f"/api/v3/challenges/definitions/{made}")


def test_v2_answers_with_string_enums(brand: Brand):
    made = brand.definition(DefinitionStatus.DRAFT)

    with brand.client() as http:
        body = http.get(f"{brand.base_url}/api/v2/challenges/definitions/{made}").json()

    assert body["status"] == "Draft"
    assert body["checkpointAssignOn"] == "None"
    assert "/api/v2/challenges/definitions/" in body["links"][0]["href"]


def test_an_unknown_definition_is_a_404_with_a_message(brand: Brand):
    with brand.client() as http:
        answer = http.get(f"{brand.api}/definitions/{uuid.uuid4()}")

    assert answer.status_code == 404
    assert "definition" in answer.json()["message"]

"""Assigning definitions and reading a contact's challenges through the API."""

from __future__ import annotations

import uuid

import pytest

from app.domain.definitions import DefinitionStatus
from tests.api.conftest import Brand


def test_assigning_twice_answers_true_twice_and_makes_one_assignment(brand: Brand):
    contact, definition = brand.contact(), brand.definition()

    first, second = brand.assign(definition, contact), brand.assign(definition, contact)

    assert (first.status_code, first.json()) == (200, True)
    assert (second.status_code, second.json()) == (200, True)
    assert len(brand.challenges(contact, definitionId=definition)) == 1


@pytest.mark.parametrize(
    "status", [DefinitionStatus.DRAFT, DefinitionStatus.SCHEDULED, DefinitionStatus.ENDED]
)
def test_only_active_definitions_can_be_assigned(brand: Brand, status: DefinitionStatus):
    contact, definition = brand.contact(), brand.definition(status)

    answer = brand.assign(definition, contact)

    assert answer.status_code == 409
    assert answer.json()["message"]
    assert brand.challenges(contact) == []


def test_assigning_to_an_unknown_contact_is_a_404(brand: Brand):
    answer = brand.assign(brand.definition(), str(uuid.uuid4()))

    assert answer.status_code == 404
    assert "contact" in answer.json()["message"]


def test_a_challenge_by_id_has_the_seeds_shape_and_links(brand: Brand):
    contact, definition = brand.contact(), brand.definition()
    brand.assign(definition, contact)
    brand.checkpoints([{"definitionId": definition, "contactId": contact, "checkpointAmount": 2}])
    listed = brand.challenges(contact)[0]

    with brand.client() as http:
        body = http.get(f"{brand.api}/{listed['id']}").json()

    assert body == listed
    assert body["challengeId"] == definition and body["contactId"] == contact
    assert (body["completedCheckpoints"], body["requiredCheckpoints"]) == (2, 5)
    assert body["isActive"] is True and body["status"] == 3
    assert body["latestCheckpointAddedOn"] is not None
    links = {link["rel"]: link["href"] for link in body["links"]}
    assert links["self"].endswith(f"/api/v3/challenges/{body['id']}")
    assert links["definition"].endswith(f"/api/v3/challenges/definitions/{definition}")
    with brand.client() as http:
        assert http.get(links["self"]).json() == body
        assert http.get(links["definition"]).json()["id"] == definition


def test_filters_split_a_contacts_challenges_by_state(brand: Brand):
    contact = brand.contact()
    # A checkpoint is a log of the definition's event type: it counts toward the contact's
    # other live challenges on that type too, so only `completed` is small enough to finish.
    active, ended = brand.definition(target=100), brand.definition(target=100)
    completed = brand.definition()
    for definition in (active, completed, ended):
        brand.assign(definition, contact)
    brand.checkpoints([{"definitionId": completed, "contactId": contact, "checkpointAmount": 5}])
    brand.end(ended)

    def ids(filter_: str) -> set[str]:
        return {c["challengeId"] for c in brand.challenges(contact, filter=filter_)}  # type: ignore[misc]

    assert ids("All") == {active, completed, ended}
    assert ids("Active") == {active}
    assert ids("Completed") == {completed}
    assert ids("NotCompleted") == {ended}
    by_definition = brand.challenges(contact, definitionId=completed)
    assert [c["challengeId"] for c in by_definition] == [completed]
    assert by_definition[0]["isChallengeCompleted"] is True
    assert by_definition[0]["status"] == 1


def test_a_contacts_challenges_page_with_links(brand: Brand):
    contact = brand.contact()
    made = [brand.definition() for _ in range(3)]
    for definition in made:
        brand.assign(definition, contact)
    seen: list[str] = []
    with brand.client() as http:
        url: str | None = f"{brand.api}?contactId={contact}&count=2"
        while url:
            body = http.get(url).json()
            seen += [c["challengeId"] for c in body["items"]]
            url = next(lk["href"] for lk in body["links"] if lk["rel"] == "next")

    assert sorted(seen) == sorted(made) and body["totalCount"] == 3


def test_v2_answers_with_string_statuses(brand: Brand):
    contact, definition = brand.contact(), brand.definition()
    brand.assign(definition, contact)

    with brand.client() as http:
        body = http.get(f"{brand.base_url}/api/v2/challenges", params={"contactId": contact}).json()

    assert body["items"][0]["status"] == "Active"


def test_an_unknown_contact_or_challenge_is_a_404(brand: Brand):
    with brand.client() as http:
        contact = http.get(brand.api, params={"contactId": str(uuid.uuid4())})
        challenge = http.get(f"{brand.api}/{uuid.uuid4()}")

    assert contact.status_code == challenge.status_code == 404


def test_a_contact_id_is_found_by_email_and_unknown_emails_are_404(brand: Brand):
    with brand.client() as http:
        answer = http.get(
            f"{brand.base_url}/api/v3/contacts/id", params={"email": "nobody@example.com"}
        )

    assert answer.status_code == 404


def test_v2_also_assigns_by_its_other_name_activate(brand: Brand):
    contact, definition = brand.contact(), brand.definition()

    with brand.client() as http:
        answer = http.post(
            f"{brand.base_url}/api/v2/challenges/definitions/{definition}/activate",
            params={"contactId": contact},
        )

    assert (answer.status_code, answer.json()) == (200, True)
    assert len(brand.challenges(contact)) == 1

"""Who may call the API, how fast, and what odd input gets back: JSON, never a 500."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from app.services.api_keys import create_api_key, revoke_api_key
from tests.api.conftest import Brand, now, start_brand, stop_brand


def test_no_key_a_wrong_key_and_a_revoked_key_are_401_with_a_message(brand: Brand):
    made = create_api_key(brand.engine, name="Old POS", by="test", now=now())
    url = f"{brand.api}/definitions"
    with brand.client(made.key) as http:
        assert http.get(url).status_code == 200
    revoke_api_key(brand.engine, key_id=made.id, now=now())

    answers = [
        httpx.get(url),
        httpx.get(url, headers={"apikey": "gp_not-a-real-key"}),
        httpx.get(url, headers={"apikey": made.key}),
        httpx.get(url, headers={"Authorization": f"Bearer {made.key}"}),
    ]

    assert [a.status_code for a in answers] == [401] * 4
    assert all("API key" in a.json()["message"] for a in answers)


def test_a_key_works_as_a_bearer_token_too(brand: Brand):
    answer = httpx.get(
        f"{brand.base_url}/api/v2/challenges/definitions",
        headers={"Authorization": f"Bearer {brand.key}"},
    )

    assert answer.status_code == 200


def test_past_the_rate_limit_the_api_answers_429_with_retry_after(tmp_path: Path):
    server, brand = start_brand(tmp_path, API_RATE_LIMIT="5/minute")
    try:
        with brand.client() as http:
            codes = [http.get(f"{brand.api}/definitions").status_code for _ in range(6)]
            refused = http.get(f"{brand.api}/definitions")
            other = create_api_key(brand.engine, name="Other", by="test", now=now()).key
            other_answer = http.get(f"{brand.api}/definitions", headers={"apikey": other})
    finally:
        stop_brand(server, brand)

    assert codes == [200] * 5 + [429]
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "rate limit" in refused.json()["message"]
    assert other_answer.status_code == 200  # the limit is per key


ODD_GETS = [
    "/definitions?offset=-1",
    "/definitions?offset=99999999999999999999999",
    "/definitions?count=0",
    "/definitions?count=101",
    "/definitions?count=abc",
    "/definitions?status=Nope",
    "/definitions?status=1",
    "/definitions/not-a-uuid",
    "/definitions/%00",
    f"/definitions/{'a' * 5000}",
    "?contactId=",
    "?contactId=x",
    f"?contactId={uuid.uuid4()}&filter=Done",
    f"?contactId={uuid.uuid4()}&definitionId=zzz",
    f"?contactId={uuid.uuid4()}&count=1e9",
    "/12345",
]
ODD_BODIES: list[object] = [
    None,
    {},
    [{}],
    [{"definitionId": 1, "contactId": 2, "checkpointAmount": "x"}],
    [{"definitionId": "a", "contactId": "b", "checkpointAmount": 1e308}],
    [{"definitionId": "a", "contactId": "b", "checkpointAmount": None}],
    [{"definitionId": "a" * 500, "contactId": "b", "checkpointAmount": 1}],
    "[1, 2, 3]",
]


@pytest.mark.parametrize("path", ODD_GETS)
def test_odd_queries_get_a_json_4xx_never_a_500(brand: Brand, path: str):
    with brand.client() as http:
        answer = http.get(brand.api + path)

    assert 400 <= answer.status_code < 500, answer.text
    assert answer.json()["message"]


@pytest.mark.parametrize("body", ODD_BODIES)
def test_odd_checkpoint_bodies_get_a_json_answer_never_a_500(brand: Brand, body: object):
    with brand.client() as http:
        if isinstance(body, str):
            answer = http.post(f"{brand.api}/checkpoints", content=body)
        else:
            answer = http.post(f"{brand.api}/checkpoints", json=body)

    assert answer.status_code < 500, answer.text
    assert isinstance(answer.json(), dict)


def test_odd_assign_calls_get_a_json_4xx(brand: Brand):
    with brand.client() as http:
        missing = http.post(f"{brand.api}/definitions/{uuid.uuid4()}/assign")
        malformed = http.post(f"{brand.api}/definitions/x/assign?contactId=y")
        unknown = http.post(
            f"{brand.api}/definitions/{uuid.uuid4()}/assign?contactId={uuid.uuid4()}"
        )

    assert [missing.status_code, malformed.status_code, unknown.status_code] == [400, 400, 404]


def test_the_openapi_and_its_docs_are_served_under_api(brand: Brand):
    schema = httpx.get(f"{brand.base_url}/api/openapi.json").json()
    docs = httpx.get(f"{brand.base_url}/api/docs")

    assert "/v3/challenges/checkpoints" in schema["paths"]
    assert all(
        op.get("description") or op.get("summary")
        for path in schema["paths"].values()
        for op in path.values()
    )
    assert docs.status_code == 200 and "/api/openapi.json" in docs.text


def test_the_docs_page_loads_swagger_ui_from_this_server_not_a_cdn(brand: Brand):
    docs = httpx.get(f"{brand.base_url}/api/docs").text
    script = httpx.get(f"{brand.base_url}/api/docs-assets/swagger-ui-bundle.js")
    styles = httpx.get(f"{brand.base_url}/api/docs-assets/swagger-ui.css")

    assert "cdn." not in docs and "/api/docs-assets/swagger-ui-bundle.js" in docs
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
    assert styles.status_code == 200 and "swagger-ui" in styles.text

"""Settings refuse what must never reach production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.config import PLACEHOLDER_SECRET, Settings


def test_the_placeholder_storage_secret_is_accepted_in_development():
    assert Settings(environment="development").storage_secret == PLACEHOLDER_SECRET


@pytest.mark.parametrize("environment", ["test", "production"])
def test_the_placeholder_storage_secret_is_refused_outside_development(environment):
    with pytest.raises(ValidationError, match="STORAGE_SECRET must be set"):
        Settings(environment=environment, storage_secret=PLACEHOLDER_SECRET)


def test_the_clock_cannot_be_moved_in_production():
    with pytest.raises(ValidationError, match="ALLOW_CLOCK_OVERRIDE"):
        Settings(environment="production", storage_secret="s3cret", allow_clock_override=True)


def test_the_clock_stays_put_by_default():
    assert Settings().allow_clock_override is False


def test_production_refuses_the_sandbox_and_says_what_to_set_instead():
    with pytest.raises(ValidationError) as refused:
        Settings(environment="production", storage_secret="s3cret", upstream="sandbox")

    message = str(refused.value)
    assert "UPSTREAM=capillary" in message and "UPSTREAM=off" in message


def test_production_runs_with_the_real_upstream_or_none():
    assert Settings(environment="production", storage_secret="s3cret", upstream="off")


def test_dev_operator_emails_count_only_in_development():
    named = {"operator_emails": "Ops@Example.com", "dev_operator_emails": "dev@example.com"}

    assert Settings(environment="development", **named).operator_list() == {
        "ops@example.com",
        "dev@example.com",
    }
    test = Settings(environment="test", storage_secret="s", **named)
    assert test.operator_list() == {"ops@example.com"}
    assert not test.first_account_is_operator


def test_only_development_with_nobody_named_makes_the_first_account_the_operator():
    assert Settings(environment="development").first_account_is_operator
    assert not Settings(
        environment="development", operator_emails="a@b.se"
    ).first_account_is_operator
    assert not Settings(environment="demo", storage_secret="s").first_account_is_operator


def test_a_hosted_demo_keeps_productions_protections():
    with pytest.raises(ValidationError, match="STORAGE_SECRET must be set"):
        Settings(environment="demo", demo=True, storage_secret=PLACEHOLDER_SECRET)
    hosted = Settings(environment="demo", demo=True, storage_secret="s3cret")
    assert hosted.uses_tls and not hosted.first_account_is_operator


def test_a_laptop_demo_gives_no_one_the_console_by_the_first_account_rule():
    assert not Settings(environment="development", demo=True).first_account_is_operator
    assert Settings(environment="development").first_account_is_operator


SIBLINGS = {
    "nicegui_redis_url": "redis://127.0.0.1:6379/0",
    "database_url": "postgresql+psycopg://goalpost@db/goalpost",
    "sandbox_url": "http://sandbox:8090",
}


def test_several_instances_share_postgresql_redis_and_one_sandbox():
    settings = Settings(**SIBLINGS, instance_name="web-2")
    assert settings.several_instances
    assert settings.instance == "web-2"
    assert not Settings().several_instances
    assert Settings(port=8123).instance.endswith(":8123"), "unnamed: host name and port"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"database_url": "sqlite:///data/goalpost.db"}, "must be PostgreSQL"),
        ({"allow_clock_override": True}, "demo clock"),
        ({"sandbox_url": None}, "point SANDBOX_URL at it"),
    ],
)
def test_what_lives_in_one_process_is_refused_with_several_instances(change, message):
    with pytest.raises(ValidationError, match=message):
        Settings(**{**SIBLINGS, **change})

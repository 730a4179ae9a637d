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

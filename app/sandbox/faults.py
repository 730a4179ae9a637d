"""Fault injection: which share of Capillary calls fail, and how.

Set with `PUT /_sandbox/faults` or the `SANDBOX_FAULTS` JSON; both take `FaultSettings`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class FaultSettings(BaseModel):
    """Shares are probabilities in [0, 1]; each request draws independently."""

    model_config = ConfigDict(extra="forbid")

    error_rate: float = Field(0.0, ge=0, le=1)
    error_statuses: list[int] = Field(default_factory=lambda: [500, 502, 503], min_length=1)
    rate_limit_rate: float = Field(0.0, ge=0, le=1)
    retry_after_s: int = Field(1, ge=0)
    latency_ms: tuple[float, float] = (0.0, 0.0)
    drop_rate: float = Field(0.0, ge=0, le=1)
    # Makes the sequence of faults repeatable; None draws from the system's entropy.
    seed: int | None = None

    @field_validator("latency_ms", mode="before")
    @classmethod
    def one_number_is_a_fixed_latency(cls, value: object) -> object:
        if isinstance(value, int | float):
            return (value, value)
        return value

    @field_validator("latency_ms")
    @classmethod
    def latency_is_a_range(cls, value: tuple[float, float]) -> tuple[float, float]:
        low, high = value
        if low < 0 or high < low:
            raise ValueError("latency_ms is [low, high] in milliseconds with 0 <= low <= high")
        return value

    @field_validator("error_statuses")
    @classmethod
    def statuses_are_server_errors(cls, value: list[int]) -> list[int]:
        if any(not 500 <= status <= 599 for status in value):
            raise ValueError("error_statuses must be 5xx statuses")
        return value


class Fault(Enum):
    DROP_BEFORE = "dropped"  # connection broken before the request was processed
    DROP_AFTER = "dropped_after_processing"  # processed, then the answer was lost
    RATE_LIMITED = "rate_limited"
    ERROR = "error"


@dataclass
class FaultCounters:
    errors: int = 0
    rate_limited: int = 0
    dropped: int = 0

    def count(self, fault: Fault) -> None:
        if fault is Fault.ERROR:
            self.errors += 1
        elif fault is Fault.RATE_LIMITED:
            self.rate_limited += 1
        else:
            self.dropped += 1


class FaultPlan:
    """The faults in force and the dice that pick them."""

    def __init__(self, settings: FaultSettings) -> None:
        self.counters = FaultCounters()
        self.apply(settings)

    def apply(self, settings: FaultSettings) -> None:
        self.settings = settings
        self.random = random.Random(settings.seed)
        self.adds_latency = settings.latency_ms[1] > 0

    def latency_seconds(self) -> float:
        low, high = self.settings.latency_ms
        return self.random.uniform(low, high) / 1000

    def draw(self) -> Fault | None:
        """The fault for one request, or None to answer normally."""
        s = self.settings
        if s.drop_rate and self.random.random() < s.drop_rate:
            # Half the drops happen after the work is done: the case idempotency must survive.
            return Fault.DROP_AFTER if self.random.random() < 0.5 else Fault.DROP_BEFORE
        if s.rate_limit_rate and self.random.random() < s.rate_limit_rate:
            return Fault.RATE_LIMITED
        if s.error_rate and self.random.random() < s.error_rate:
            return Fault.ERROR
        return None

    def error_status(self) -> int:
        return self.random.choice(self.settings.error_statuses)
